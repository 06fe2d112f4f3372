// The package as a user installs it (npm pack tarball into a fresh directory): the serialized stub
// is byte-identical to the golden copy, and the stub's methods reach the implementation through
// require("pulumi-msgraph-meetings/impl") resolved from that directory, as the dynamic-provider
// host does (it loads __provider as a CommonJS module and calls handler()).
import { expect } from "chai";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinModules } from "node:module";
import { npm, NPM_INSTALL_FLAGS } from "../../support/npm";
import { packPackage } from "../../support/npmPack";
import { e2eRunDir } from "../../support/paths";
import { pulumiBinDir } from "../../support/pulumiBin";
import { startEmulator, type EmulatorProcess } from "../../support/emulator";
import { asApp, newMeeting, registrationPath } from "../../support/meetingFixtures";
import { emulatorStackConfig } from "../../support/stackConfig";

const root = path.resolve(__dirname, "..", "..", "..");
const node = process.execPath;
const pulumiVersion = (JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;

describe("integration: the packed package, installed in a program directory", function () {
  this.timeout(240_000);
  let dir: string;
  let emu: EmulatorProcess;

  before(async () => {
    emu = await startEmulator();
    dir = fs.mkdtempSync(path.join(e2eRunDir(), "program-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "program", version: "1.0.0", private: true }));
    npm(["install", ...NPM_INSTALL_FLAGS, packPackage(), `@pulumi/pulumi@${pulumiVersion}`], dir);
  });
  after(async () => {
    await emu?.stop();
  });

  function run(script: string, env: Record<string, string> = {}): string {
    fs.writeFileSync(path.join(dir, "script.js"), script);
    return execFileSync(node, ["script.js"], { cwd: dir, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  }

  it("serializes the same __provider text as the golden copy, without the secret in config or env", () => {
    const out = run(
      `const pulumi = require("@pulumi/pulumi");
       pulumi.runtime.setAllConfig({ "msgraph:clientSecret": "SECRET-IN-CONFIG" }, ["msgraph:clientSecret"]);
       pulumi.runtime.setMocks({ newResource: (a) => (process.stdout.write(String(a.inputs.__provider)), { id: "r", state: a.inputs }), call: () => ({}) }).then(() => {
         const { ExternalMeetingRegistration } = require("pulumi-msgraph-meetings");
         new ExternalMeetingRegistration("r", { meetingId: "MSo1", userId: "u@contoso.com" });
       });`,
      { AZURE_CLIENT_SECRET: "SECRET-IN-ENV" },
    );
    // Installed under node_modules, the stub module is stored as a require() of its public subpath.
    const golden = path.join(root, "test", "unit", "fixtures", "externalMeetingRegistration.provider.js");
    if (process.env.UPDATE_GOLDEN === "1") fs.writeFileSync(golden, out);
    expect(out).to.equal(fs.readFileSync(golden, "utf8"));
    expect(out).to.include('require("pulumi-msgraph-meetings/stubs/externalMeetingRegistration")');
    expect(Buffer.byteLength(out)).to.be.at.most(400);
    expect(out).to.not.match(/SECRET-IN/);
  });

  it("holds the provider alone: no emulator files, and its dependencies are the ones the provider's code requires", () => {
    const installed = path.join(dir, "node_modules", "pulumi-msgraph-meetings");
    const files = filesUnder(installed);
    expect(files.filter((f) => /emulator/i.test(f)), "emulator files in the tarball").to.deep.equal([]);
    expect(files.filter((f) => !f.startsWith("dist/provider/") && !["package.json", "README.md", "CHANGELOG.md", "LICENSE"].includes(f))).to.deep.equal([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(installed, "package.json"), "utf8")) as { dependencies: Record<string, string>; bin: Record<string, string>; exports: Record<string, unknown> };
    // Every package the shipped code requires (Node's own modules, @pulumi/pulumi as a peer and the package itself aside).
    const required = new Set<string>();
    for (const f of files.filter((f) => f.endsWith(".js"))) {
      for (const [, spec] of fs.readFileSync(path.join(installed, f), "utf8").matchAll(/require\("([^".][^"]*)"\)/g)) {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
        if (!name.startsWith("node:") && !builtinModules.includes(name) && name !== "@pulumi/pulumi" && name !== "pulumi-msgraph-meetings") required.add(name);
      }
    }
    expect(Object.keys(pkg.dependencies).sort()).to.deep.equal([...required].sort());
    expect(Object.keys(pkg.bin)).to.deep.equal(["msgraph-meetings"]);
    expect(Object.keys(pkg.exports).filter((k) => /emulator/.test(k))).to.deep.equal([]);
    // What the user's npm installed: none of the emulator's own dependencies.
    for (const name of ["msgraph-emulator", "@peculiar/x509", "tsyringe", "reflect-metadata"]) {
      expect(fs.existsSync(path.join(dir, "node_modules", name)), `${name} installed with the provider`).to.equal(false);
    }
  });

  it("the stub, loaded like the host loads it, runs configure/check/create/read/delete on the installed impl", async () => {
    const meetingId = await newMeeting(emu);
    const stack = emulatorStackConfig(emu.info);
    fs.writeFileSync(path.join(dir, "provider.js"), fs.readFileSync(path.join(root, "test", "unit", "fixtures", "externalMeetingRegistration.provider.js")));
    const out = run(
      `const provider = require("./provider.js").handler();
       const stack = ${JSON.stringify(stack)};
       (async () => {
         await provider.configure({ config: { get: (k) => stack[k], require: (k) => stack[k] } });
         await provider.configure({ config: { get: (k) => stack[k], require: (k) => stack[k] } }); // a second kind's stub: same config
         const checked = await provider.check({}, { meetingId: ${JSON.stringify(meetingId)}, userId: ${JSON.stringify(emu.info.organizer.id)} });
         const created = await provider.create(checked.inputs);
         const read = await provider.read(created.id, created.outs);
         const diff = await provider.diff(created.id, read.props, checked.inputs);
         await provider.delete(created.id, read.props);
         const impl = require.resolve("pulumi-msgraph-meetings/impl");
         console.log(JSON.stringify({ checked, created, read, diff, impl }));
       })().catch((e) => { console.error(e.message); process.exit(1); });`,
    );
    const result = JSON.parse(out);
    expect(result.impl).to.equal(path.join(fs.realpathSync(dir), "node_modules", "pulumi-msgraph-meetings", "dist", "provider", "impl.js"));
    expect(result.checked).to.deep.equal({ inputs: { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone" } });
    expect(result.created.outs).to.deep.equal({ id: result.created.id, meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone" });
    expect(result.read.props).to.deep.equal(result.created.outs);
    expect(result.diff).to.deep.equal({ changes: false });
    expect(out).to.not.include(emu.info.app.clientSecret);
    expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId)).to.have.length(0);
  });

  it("a configure that fails is remembered: later calls report it instead of running unconfigured", () => {
    fs.writeFileSync(path.join(dir, "provider.js"), fs.readFileSync(path.join(root, "test", "unit", "fixtures", "externalMeetingRegistration.provider.js")));
    const out = run(
      `const provider = require("./provider.js").handler();
       (async () => {
         const first = await provider.configure({ config: { get: (k) => ({ "msgraph:graphEndpoint": "http://127.0.0.1:1" })[k] } }).catch((e) => e.message);
         const later = await provider.create({ meetingId: "MSo1", allowedRegistrant: "everyone" }).catch((e) => e.message);
         console.log(JSON.stringify({ first, later }));
       })();`,
    );
    const expected = "Invalid msgraph configuration: msgraph:graphEndpoint must use https:// (tokens are never sent in clear text).";
    expect(JSON.parse(out)).to.deep.equal({ first: expected, later: expected });
  });

  describe("under the real engine (Automation API inline program: pulumi CLI + the dynamic-provider host)", function () {
    let bin: string | undefined;
    let meetingId: string;
    let stateDirPath = "";
    const engineScript = `
      const { LocalWorkspace } = require("@pulumi/pulumi/automation");
      const fs = require("fs"), path = require("path");
      const [mode, stateDir, settingsFile] = process.argv.slice(2);
      const s = JSON.parse(fs.readFileSync(settingsFile, "utf8"));
      const program = async () => {
        const { ExternalMeetingRegistration } = require("pulumi-msgraph-meetings");
        const r = new ExternalMeetingRegistration("reg", { meetingId: s.meetingId, userId: s.userId, allowedRegistrant: process.env.AR || "everyone", adoptId: process.env.ADOPT_ID });
        return { id: r.id, allowedRegistrant: r.allowedRegistrant };
      };
      (async () => {
        fs.mkdirSync(stateDir, { recursive: true });
        const stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", projectName: "engine-probe", program }, {
          workDir: process.cwd(), pulumiHome: path.join(stateDir, "home"),
          envVars: { PULUMI_BACKEND_URL: "file://" + stateDir, PULUMI_CONFIG_PASSPHRASE: "test", PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" },
          projectSettings: { name: "engine-probe", runtime: "nodejs" },
        });
        const config = {};
        for (const [k, v] of Object.entries(s.config)) config[k] = { value: v, secret: k === "msgraph:clientSecret" };
        await stack.setAllConfig(config);
        let text = "";
        const onOutput = (m) => (text += m);
        const result = mode === "preview" ? await stack.preview({ onOutput }) : mode === "refresh" ? await stack.refresh({ onOutput }) : mode === "destroy" ? await stack.destroy({ onOutput }) : await stack.up({ onOutput });
        const exported = await stack.exportStack();
        const reg = (exported.deployment.resources || []).find((r) => r.type.endsWith("ExternalMeetingRegistration"));
        console.log(JSON.stringify({ ok: true, text, summary: result.summary ? result.summary.resourceChanges : result.changeSummary, reg: reg ? { id: reg.id, inputs: reg.inputs, outputs: reg.outputs } : null }));
      })().catch((e) => console.log(JSON.stringify({ ok: false, text: String(e.message) })));`;

    interface EngineResult {
      ok: boolean;
      /** Everything the CLI printed (engine diagnostics included). */
      text: string;
      summary?: Record<string, number>;
      reg?: { id: string; inputs: Record<string, unknown>; outputs: Record<string, unknown> } | null;
    }

    before(async function () {
      this.timeout(45 * 60_000); // the first call may build the CLI from Go modules
      try {
        bin = pulumiBinDir();
      } catch (err) {
        console.log(`    skipped: no Pulumi CLI: ${(err as Error).message}`);
        this.skip();
      }
      meetingId = await newMeeting(emu);
      const stateDir = fs.mkdtempSync(path.join(dir, "state-"));
      fs.writeFileSync(path.join(dir, "settings.json"), JSON.stringify({ meetingId, userId: emu.info.organizer.id, config: emulatorStackConfig(emu.info) }));
      fs.writeFileSync(path.join(dir, "engine.js"), engineScript.replace(/^\s+/gm, ""));
      stateDirPath = stateDir;
    });

    // Each step runs `node engine.js <mode> <stateDir> settings.json` in the program directory.
    // Asynchronously: a blocked event loop would let this process's idle keep-alive sockets to the
    // emulator outlive the server's timeout unnoticed, and the next admin call would meet a closed one.
    async function step(mode: string, env: Record<string, string> = {}): Promise<EngineResult> {
      const { stdout } = await promisify(execFile)(node, ["engine.js", mode, stateDirPath, "settings.json"], {
        cwd: dir,
        env: { ...process.env, ...env, PATH: `${bin}${path.delimiter}${path.dirname(node)}${path.delimiter}${process.env.PATH}` },
        encoding: "utf8",
        timeout: 120_000,
      });
      return JSON.parse(stdout.trim().split("\n").pop()!) as EngineResult;
    }

    it("up, refresh under a long Retry-After (the user sees why), drift, gone, 409 and adoptId, destroy", async () => {
      const up = await step("up");
      expect(up.ok, up.text).to.equal(true);
      expect(up.summary).to.deep.equal({ create: 2 });
      expect(up.reg!.outputs).to.include({ meetingId, allowedRegistrant: "everyone" });
      expect(JSON.stringify(up.reg)).to.not.include(emu.info.app.clientSecret);

      await emu.admin.addFault({ match: { method: "GET", path: "/registration$" }, action: "status", status: 429, retryAfter: 6, count: 1 });
      const refresh = await step("refresh");
      expect(refresh.ok, refresh.text).to.equal(true);
      expect(refresh.text).to.match(/msgraph: Microsoft Graph asked us to wait 6s \(HTTP 429\); waiting 6(\.\d)?s before retrying to read the ExternalMeetingRegistration for meeting "/);
      expect(refresh.text).to.include(`before retrying to read the ExternalMeetingRegistration for meeting "${meetingId}"`);

      await emu.admin.setConfig({ externalRegistrationPatch: "allow" });
      await asApp(emu, "PATCH", registrationPath(emu, meetingId), { allowedRegistrant: "organization" });
      await emu.admin.setConfig({ externalRegistrationPatch: "methodNotAllowed" });
      expect((await step("refresh")).reg!.outputs).to.include({ allowedRegistrant: "organization" });
      const preview = await step("preview");
      expect(preview.summary).to.deep.equal({ replace: 1, same: 1 });

      await asApp(emu, "DELETE", registrationPath(emu, meetingId));
      const gone = await step("refresh");
      expect(gone.reg, "a registration that is gone leaves the state").to.equal(null);

      const theirs = await asApp(emu, "POST", registrationPath(emu, meetingId), { "@odata.type": "#microsoft.graph.externalMeetingRegistration" });
      const conflict = await step("up");
      expect(conflict.ok).to.equal(false);
      expect(conflict.text).to.include(`adopt it: add adoptId: "${theirs.body.id}" to this resource's inputs`);
      const adopted = await step("up", { ADOPT_ID: theirs.body.id });
      expect(adopted.ok, adopted.text).to.equal(true);
      expect(adopted.reg!.id).to.equal(theirs.body.id);

      const destroyed = await step("destroy");
      expect(destroyed.ok, destroyed.text).to.equal(true);
      expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId)).to.have.length(0);
    });
  });
});

/** Files below `dir`, relative, with forward slashes. */
function filesUnder(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}
