#!/usr/bin/env node
// `npm start`: the project's main job on the embedded default. Starts the Graph + Entra ID emulator
// (state kept in .pulumi-local/emulator), makes sure the organizer has an online meeting, points
// the root Pulumi program (Pulumi.yaml → demo/) at the emulator and runs `pulumi up` with a file
// backend in .pulumi-local/state. `npm start -- --destroy` runs `pulumi destroy` instead.
// Everything lives under .pulumi-local/ (git-ignored); a second run finds it all again.
"use strict";
const { execFileSync, spawn, spawnSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const local = path.join(root, ".pulumi-local");
const paths = {
  local,
  emulatorData: path.join(local, "emulator"),
  caDir: path.join(local, "emulator", "tls"), // where the emulator keeps its CA for this data dir
  emulatorLog: path.join(local, "emulator.log"),
  state: path.join(local, "state"),
  home: path.join(local, "home"),
  stackConfigDir: path.join(local, "config"), // Pulumi.yaml: stackConfigDir
  passphraseFile: path.join(local, "passphrase"),
  demoFile: path.join(local, "demo.json"),
};
const STACK = "dev";
const MEETING_EXTERNAL_ID = "pulumi-msgraph-meetings-demo";

const args = process.argv.slice(2);
const destroy = args.includes("--destroy");
const unknown = args.filter((a) => a !== "--destroy");
if (unknown.length > 0) {
  console.error(`usage: npm start [-- --destroy]   (unknown: ${unknown.join(" ")})`);
  process.exit(2);
}

const note = (msg) => process.stderr.write(`demo: ${msg}\n`);
const rel = (p) => path.relative(process.cwd(), p) || ".";

function ensureBuilt() {
  if (fs.existsSync(path.join(root, "dist", "provider", "impl.js")) && fs.existsSync(path.join(root, "dist", "emulator", "index.js"))) return;
  note("dist/ is missing: building the package (npm run build)");
  execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "inherit" });
}

/**
 * The emulator's CA must be trusted by this process (for the meeting) from the start: `npm start`
 * runs this script through scripts/launch.js, which adds the CA to what the machine trusts.
 */
function trustedBundle() {
  const { ensureCa } = require(path.join(root, "dist", "emulator", "tls.js"));
  const { trustBundle } = require(path.join(root, "dist", "emulator", "trust.js"));
  const { caFile } = ensureCa(paths.caDir);
  const bundle = trustBundle(caFile);
  if (process.env.NODE_EXTRA_CA_CERTS !== bundle) {
    throw new Error(`the emulator's CA is not trusted by this process: run it as \`npm start\` (scripts/launch.js --ca-dir ${rel(paths.caDir)} scripts/demo.js)`);
  }
  return bundle;
}

/**
 * scripts/pulumi-bin.sh's bin dir (PULUMI_BIN_DIR overrides it, as for the e2e tests). Instant once
 * built; the first time it builds the CLI from Go modules and reports its progress on stderr.
 */
function pulumiBinDir() {
  if (process.env.PULUMI_BIN_DIR) return Promise.resolve(path.resolve(process.env.PULUMI_BIN_DIR));
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(root, "scripts", "pulumi-bin.sh")], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    const slow = setTimeout(() => note("the Pulumi CLI is not built yet: scripts/pulumi-bin.sh builds it from Go modules now (first use only, several minutes)"), 1500);
    let out = "";
    child.stdout.on("data", (c) => (out += c));
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(slow);
      if (code === 0 && out.trim()) resolve(out.trim());
      else reject(new Error(`scripts/pulumi-bin.sh failed (exit ${code}); see its messages above`));
    });
  });
}

function readJson(file, fallback) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return fallback;
  }
}

function passphraseFile() {
  if (!fs.existsSync(paths.passphraseFile)) {
    fs.writeFileSync(paths.passphraseFile, crypto.randomBytes(24).toString("base64url") + "\n", { mode: 0o600 });
  }
  return paths.passphraseFile;
}

/** Starts the emulator in-process on the port of the last run if it is free (so config stays the same). */
async function startEmulator(demo) {
  const { startEmulator } = require(path.join(root, "dist", "emulator", "index.js"));
  const logStream = fs.createWriteStream(paths.emulatorLog, { flags: "a" });
  const options = { dataDir: paths.emulatorData, log: (m) => logStream.write(`${new Date().toISOString()} ${m}\n`) };
  try {
    return await startEmulator({ ...options, port: demo.port ?? 0 });
  } catch (err) {
    if (!demo.port || err.code !== "EADDRINUSE") throw err;
    return startEmulator({ ...options, port: 0 });
  }
}

/** The organizer's demo meeting: createOrGet by externalId, so every run finds the same one. */
async function demoMeeting(info) {
  const { ClientSecretCredential } = require("@azure/identity");
  const { request } = require("undici");
  const credential = new ClientSecretCredential(info.tenantId, info.app.clientId, info.app.clientSecret, {
    authorityHost: info.authorityHost,
    disableInstanceDiscovery: true,
  });
  const { token } = await credential.getToken("https://graph.microsoft.com/.default");
  const start = new Date(Date.now() + 7 * 24 * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  const res = await request(`${info.graphEndpoint}/v1.0/users/${info.organizer.id}/onlineMeetings/createOrGet`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      externalId: MEETING_EXTERNAL_ID,
      subject: "pulumi-msgraph-meetings demo",
      startDateTime: start.toISOString(),
      endDateTime: new Date(start.getTime() + 3600_000).toISOString(),
    }),
  });
  const body = await res.body.json();
  if (res.statusCode !== 200 && res.statusCode !== 201) throw new Error(`createOrGet of the demo meeting answered ${res.statusCode}: ${body?.error?.message}`);
  note(`${res.statusCode === 201 ? "created" : "found"} the organizer's meeting "${body.subject}" (${body.id})`);
  return body.id;
}

function pulumiEnv(binDir, caFile) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|npm_)/.test(k)) env[k] = v;
  return Object.assign(env, {
    PATH: [binDir, path.join(root, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
    PULUMI_HOME: paths.home,
    PULUMI_BACKEND_URL: "file://" + paths.state,
    PULUMI_CONFIG_PASSPHRASE_FILE: passphraseFile(),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    NODE_EXTRA_CA_CERTS: caFile,
  });
}

function pulumiRunner(binDir, env) {
  const exe = path.join(binDir, "pulumi");
  /** Captured run (config, outputs). */
  const capture = (cliArgs, input) => {
    const r = spawnSync(exe, [...cliArgs, "--non-interactive"], { cwd: root, env, input: input ?? "", encoding: "utf8" });
    if (r.status !== 0) throw new Error(`pulumi ${cliArgs.slice(0, 2).join(" ")} failed (${r.status}):\n${r.stderr || r.stdout}`);
    return r.stdout;
  };
  /** Streamed run (up, destroy): the user watches the engine work. */
  const stream = (cliArgs) =>
    new Promise((resolve) => {
      const child = spawn(exe, [...cliArgs, "--non-interactive"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
      child.on("close", (code) => resolve(code ?? 1));
    });
  return { capture, stream };
}

/** demo/node_modules/pulumi-msgraph-meetings → the repository, so `require("pulumi-msgraph-meetings/impl")` in the stored provider resolves from demo/. */
function linkPackage() {
  const dir = path.join(root, "demo", "node_modules");
  const link = path.join(dir, "pulumi-msgraph-meetings");
  try {
    if (fs.readlinkSync(link) === path.join("..", "..")) return;
    fs.rmSync(link, { force: true });
  } catch {
    // absent
  }
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(path.join("..", ".."), link, "dir");
}

/** Points the stack at this emulator (its port may differ from the last run); meetingId only for up. */
function configure(pulumi, info, meetingId) {
  const plain = {
    "msgraph:graphEndpoint": info.graphEndpoint,
    "msgraph:authorityHost": info.authorityHost,
    "msgraph:tenantId": info.tenantId,
    "msgraph:clientId": info.app.clientId,
    organizerId: info.organizer.id,
  };
  if (meetingId) plain.meetingId = meetingId;
  pulumi.capture(["config", "set-all", "--stack", STACK, ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])]);
  // The secret goes through stdin, never argv.
  pulumi.capture(["config", "set", "msgraph:clientSecret", "--secret", "--stack", STACK], info.app.clientSecret);
}

function epilogue(binDir, caFile) {
  const envLine = [
    `PULUMI_BACKEND_URL=file://${paths.state}`,
    `PULUMI_CONFIG_PASSPHRASE_FILE=${paths.passphraseFile}`,
    `PULUMI_HOME=${paths.home}`,
    `PULUMI_SKIP_UPDATE_CHECK=true`,
    `PATH="${binDir}:${path.join(root, "node_modules", ".bin")}:$PATH"`,
  ].join(" \\\n  ");
  console.log(`
Where things live (all under ${rel(local)}/, git-ignored):
  state      ${rel(paths.state)}  (file backend; stack "${STACK}" of project msgraph-meetings-demo)
  config     ${rel(paths.stackConfigDir)}/Pulumi.${STACK}.yaml  (client secret encrypted with ${rel(paths.passphraseFile)})
  emulator   ${rel(paths.emulatorData)}  (its meetings and registrations survive between runs; log: ${rel(paths.emulatorLog)})

Inspect it with ordinary pulumi commands, from ${root}:
  export ${envLine}
  pulumi stack ls
  pulumi stack --stack ${STACK} --show-ids
  pulumi stack output --stack ${STACK}
  pulumi config --stack ${STACK}
  pulumi stack export --stack ${STACK} --show-secrets
  pulumi stack history --stack ${STACK}
Commands that call Graph (preview, refresh, up, destroy) also need the emulator running on its port:
  npm run emulator -- --data-dir ${rel(paths.emulatorData)} --port ${new URL(readJson(paths.demoFile, {}).graphEndpoint ?? "https://127.0.0.1:0").port}   (in another shell)
  export NODE_EXTRA_CA_CERTS=$(npx msgraph-emulator trust --data-dir ${rel(paths.emulatorData)}) PULUMI_NODEJS_TRANSPILE_ONLY=true

The same program against a real tenant (a new stack; the app needs OnlineMeetings.ReadWrite.All and an
application access policy for the organizer):
  pulumi stack init prod
  pulumi config set organizerId <organizer object id or UPN>
  pulumi config set meetingId <the online meeting's Graph id>
  pulumi config set msgraph:tenantId <tenant id>
  pulumi config set msgraph:clientId <app (client) id>
  pulumi config set --secret msgraph:clientSecret   (or msgraph:clientCertificatePath, or msgraph:federatedTokenFile in CI)
  leave msgraph:graphEndpoint and msgraph:authorityHost unset (they default to https://graph.microsoft.com
  and https://login.microsoftonline.com); msgraph:cloud picks another cloud.
  pulumi up --stack prod
`);
}

async function main() {
  ensureBuilt();
  const caFile = trustedBundle();
  const binDir = await pulumiBinDir();
  for (const dir of [paths.state, paths.home, paths.stackConfigDir, paths.emulatorData]) fs.mkdirSync(dir, { recursive: true });
  linkPackage();

  const demo = readJson(paths.demoFile, {});
  const emulator = await startEmulator(demo);
  const { info } = emulator;
  fs.writeFileSync(paths.demoFile, JSON.stringify({ port: Number(new URL(info.graphEndpoint).port), graphEndpoint: info.graphEndpoint }, null, 2) + "\n");
  note(`emulator listening on ${info.graphEndpoint} (data: ${rel(paths.emulatorData)})`);

  let code = 0;
  try {
    const pulumi = pulumiRunner(binDir, pulumiEnv(binDir, caFile));
    const stacks = JSON.parse(pulumi.capture(["stack", "ls", "--json"]));
    const exists = stacks.some((s) => s.name === STACK);
    if (destroy && !exists) {
      note(`no stack "${STACK}" in ${rel(paths.state)}: nothing to destroy`);
      return;
    }
    if (!exists) pulumi.capture(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
    configure(pulumi, info, destroy ? undefined : await demoMeeting(info));

    code = await pulumi.stream([destroy ? "destroy" : "up", "--yes", "--skip-preview", "--stack", STACK]);
    if (code !== 0) {
      note(`pulumi ${destroy ? "destroy" : "up"} failed (exit ${code})`);
      return;
    }
    if (!destroy) {
      const out = JSON.parse(pulumi.capture(["stack", "output", "--json", "--stack", STACK]));
      console.log(`\nRegistration ${out.registrationId} on meeting ${out.meetingId} (allowedRegistrant: ${out.allowedRegistrant})`);
    } else {
      const state = await (await fetchState(info)).json();
      console.log(`\nDestroyed. Registrations left in the emulator: ${state.registrations.length}`);
    }
    epilogue(binDir, caFile);
  } finally {
    await emulator.close();
    process.exitCode = code;
  }
}

/** GET /_emulator/state, to show that destroy removed the registration from "Graph". */
function fetchState(info) {
  return fetch(`${info.adminEndpoint}/state`, { headers: { authorization: `Bearer ${info.adminToken}` } });
}

main().catch((err) => {
  console.error(`demo: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
