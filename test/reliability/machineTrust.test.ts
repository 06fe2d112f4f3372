// Trusting the emulator never un-trusts the machine. On a network where the registry is reached
// through a TLS-inspecting proxy, the machine trusts the proxy's CA either through NODE_EXTRA_CA_CERTS
// or through npm's own `cafile` in its global npmrc. The suite's scripts start through
// scripts/launch.js; a Node process it starts, and an `npm install` made the way the suite makes
// it (test/support/npm.ts, Node 22 first on PATH), must still verify such a registry. Here a CA of
// this test's own stands in for the proxy's, and a local HTTPS registry signed by it serves one package.
import { expect } from "chai";
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { e2eRunDir, REPO_ROOT } from "../support/paths";

// The built module: ensureCa() creates a CA in a child process that loads its own file, as compiled JS.
const { ensureCa, issueServerCertificate } = require(path.join(REPO_ROOT, "emulator", "dist", "tls.js")) as typeof import("../../emulator/tls");
const LAUNCH = path.join(REPO_ROOT, "scripts", "launch.js");
const PROBE = path.join(__dirname, "fixtures", "trustProbe.ts");

interface ProbeResult {
  fetched: Record<string, string>;
  install?: string;
  globalconfig?: string;
}

/** An HTTPS server on loopback with a certificate from the CA in caDir; `routes` maps paths to bodies. */
async function serve(caDir: string, routes: Map<string, Buffer>): Promise<{ origin: string; close(): void }> {
  const { cert, key } = await issueServerCertificate(ensureCa(caDir));
  const server = https.createServer({ cert, key }, (req, res) => {
    const body = routes.get(decodeURIComponent(req.url ?? ""));
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(body ?? "{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

/** A one-package registry: the packument and the tarball of trust-probe-pkg@1.0.0 (made by npm pack). */
function registryRoutes(work: string, origin: () => string): Map<string, Buffer> {
  const pkgDir = path.join(work, "trust-probe-pkg");
  fs.mkdirSync(pkgDir, { recursive: true });
  fs.writeFileSync(path.join(pkgDir, "package.json"), JSON.stringify({ name: "trust-probe-pkg", version: "1.0.0" }));
  execFileSync("npm", ["pack", "--pack-destination", work], { cwd: pkgDir, stdio: "ignore", shell: process.platform === "win32" });
  const tgz = fs.readFileSync(path.join(work, "trust-probe-pkg-1.0.0.tgz"));
  const routes = new Map<string, Buffer>();
  routes.set("/trust-probe-pkg/-/trust-probe-pkg-1.0.0.tgz", tgz);
  const packument = () =>
    Buffer.from(
      JSON.stringify({
        name: "trust-probe-pkg",
        "dist-tags": { latest: "1.0.0" },
        versions: {
          "1.0.0": {
            name: "trust-probe-pkg",
            version: "1.0.0",
            dist: {
              tarball: `${origin()}/trust-probe-pkg/-/trust-probe-pkg-1.0.0.tgz`,
              integrity: "sha512-" + createHash("sha512").update(tgz).digest("base64"),
            },
          },
        },
      }),
    );
  return new Proxy(routes, {
    get(target, prop) {
      if (prop === "get") return (k: string) => (k === "/trust-probe-pkg" ? packument() : target.get(k));
      return Reflect.get(target, prop);
    },
  });
}

/** Runs the probe through scripts/launch.js with `env` over a copy of this process's environment. */
function launchProbe(env: Record<string, string | undefined>, args: { caDir: string }): Promise<ProbeResult> {
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|NPM_CONFIG_|MSGRAPH_|NODE_EXTRA_CA_CERTS$)/i.test(k)) childEnv[k] = v;
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCH, "--ca-dir", args.caDir, PROBE], { cwd: REPO_ROOT, env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("close", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      try {
        resolve(JSON.parse(line) as ProbeResult);
      } catch {
        reject(new Error(`probe exited ${code} without a result\n${out}\n${err}`));
      }
    });
  });
}

describe("reliability: trusting the emulator keeps what the machine trusts", function () {
  this.timeout(120_000);
  let work: string;
  let machineCaDir: string;
  let emulatorCaDir: string;
  let registry: { origin: string; close(): void };
  let emulatorSigned: { origin: string; close(): void };

  before(async () => {
    work = fs.mkdtempSync(path.join(e2eRunDir(), "trust-"));
    machineCaDir = path.join(work, "machine-ca"); // the TLS-inspecting proxy's CA
    emulatorCaDir = path.join(work, "emulator-ca");
    let origin = "";
    registry = await serve(machineCaDir, registryRoutes(work, () => origin));
    origin = registry.origin;
    emulatorSigned = await serve(emulatorCaDir, new Map([["/", Buffer.from("{}")]]));
  });
  after(() => {
    registry?.close();
    emulatorSigned?.close();
  });

  /** A machine prefix whose etc/npmrc holds `lines` (what the machine's npm reads as its global config). */
  function machinePrefix(name: string, lines: string[]): string {
    const prefix = path.join(work, name);
    fs.mkdirSync(path.join(prefix, "etc"), { recursive: true });
    fs.writeFileSync(path.join(prefix, "etc", "npmrc"), lines.join("\n") + "\n");
    const userconfig = path.join(work, "empty-userconfig");
    fs.writeFileSync(userconfig, "");
    return prefix;
  }

  const userconfig = () => path.join(work, "empty-userconfig");

  it("the machine trusts its CA through NODE_EXTRA_CA_CERTS: a launched process reaches both servers, npm installs", async () => {
    const installDir = fs.mkdtempSync(path.join(work, "install-a-"));
    const r = await launchProbe(
      {
        NODE_EXTRA_CA_CERTS: ensureCa(machineCaDir).caFile,
        NPM_CONFIG_PREFIX: machinePrefix("prefix-a", []),
        NPM_CONFIG_USERCONFIG: userconfig(),
        PROBE_URLS: `${registry.origin}/trust-probe-pkg,${emulatorSigned.origin}/`,
        PROBE_REGISTRY: registry.origin + "/",
        PROBE_INSTALL_DIR: installDir,
      },
      { caDir: emulatorCaDir },
    );
    expect(r.fetched).to.deep.equal({ [`${registry.origin}/trust-probe-pkg`]: "200", [`${emulatorSigned.origin}/`]: "200" });
    expect(r.install).to.equal("ok");
    expect(fs.existsSync(path.join(installDir, "node_modules", "trust-probe-pkg", "package.json"))).to.equal(true);
  });

  it("the machine trusts its CA through npm's global cafile: npm under Node 22 still reads that npmrc and installs", async () => {
    const installDir = fs.mkdtempSync(path.join(work, "install-b-"));
    const prefix = machinePrefix("prefix-b", [`cafile=${ensureCa(machineCaDir).caFile}`]);
    const r = await launchProbe(
      {
        NPM_CONFIG_PREFIX: prefix,
        NPM_CONFIG_USERCONFIG: userconfig(),
        PROBE_REGISTRY: registry.origin + "/",
        PROBE_INSTALL_DIR: installDir,
      },
      { caDir: emulatorCaDir },
    );
    expect(r.globalconfig).to.equal(path.join(prefix, "etc", "npmrc"));
    expect(r.install).to.equal("ok");
  });

  it("(control) the emulator's CA alone in NODE_EXTRA_CA_CERTS, as the suite once set it, loses the machine's CA", async () => {
    const r = await new Promise<string>((resolve) => {
      const child = spawn(process.execPath, ["-e", `require("https").get(${JSON.stringify(registry.origin + "/trust-probe-pkg")}, (r) => console.log(r.statusCode)).on("error", (e) => console.log(e.code))`], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: ensureCa(emulatorCaDir).caFile },
        stdio: ["ignore", "pipe", "ignore"],
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.on("close", () => resolve(out.trim()));
    });
    expect(r).to.match(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
  });
});
