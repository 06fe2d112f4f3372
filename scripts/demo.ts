// `npm start`: the project's main job on the embedded default. Starts the Graph + Entra ID emulator
// (state kept in .pulumi-local/emulator), makes sure the organizer has an online meeting, points
// the root Pulumi program (Pulumi.yaml → demo/, which runs examples/basic-registration and
// examples/webinar side by side) at the emulator, and runs `pulumi up` with a file backend in
// .pulumi-local/state. The webinar's organizer signs in by device code through the emulator's public
// client (approved without a prompt on loopback). `npm start -- --destroy` runs `pulumi destroy`.
// Everything lives under .pulumi-local/ (git-ignored); a second run finds it all again.
// Started by scripts/launch.js, which makes the emulator's CA trusted before this process starts.
import { spawn, spawnSync } from "node:child_process";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorInfo, RunningEmulator, StartOptions } from "../emulator/index";
import { pulumiBinDir } from "../test/support/pulumiBin";
import { emulatorConfig } from "../test/support/stackConfig";

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
  tokenCache: path.join(local, "token-cache"), // the organizer's device-code sign-in
  demoFile: path.join(local, "demo.json"),
};
const STACK = "dev";
const MEETING_EXTERNAL_ID = "pulumi-msgraph-meetings-demo";

/** What a run keeps for the next one: the emulator's port and the webinar's times. */
interface DemoFile {
  port?: number;
  graphEndpoint?: string;
  webinarStart?: string;
  webinarEnd?: string;
}

interface Pulumi {
  capture(args: string[], input?: string): string;
  stream(args: string[]): Promise<number>;
}

const args = process.argv.slice(2);
const destroy = args.includes("--destroy");
const unknown = args.filter((a) => a !== "--destroy");
if (unknown.length > 0) {
  console.error(`usage: npm start [-- --destroy]   (unknown: ${unknown.join(" ")})`);
  process.exit(2);
}

const note = (msg: string) => process.stderr.write(`demo: ${msg}\n`);
const rel = (p: string) => path.relative(process.cwd(), p) || ".";
/** The built emulator package (emulator/, the msgraph-emulator workspace; scripts/launch.js builds it when missing). */
const emulatorPackage = (): typeof import("../emulator/index") => require("msgraph-emulator") as typeof import("../emulator/index");

function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return fallback;
  }
}

/** The CA bundle this process was started with; it must hold the emulator's CA (scripts/launch.js). */
function trustedBundle(): string {
  const { ensureCa, trustBundle } = emulatorPackage();
  const bundle = trustBundle(ensureCa(paths.caDir).caFile);
  if (process.env.NODE_EXTRA_CA_CERTS !== bundle) {
    throw new Error(`the emulator's CA is not trusted by this process: run it as \`npm start\` (node scripts/launch.js --ca-dir ${rel(paths.caDir)} scripts/demo.ts)`);
  }
  return bundle;
}

function passphraseFile(): string {
  if (!fs.existsSync(paths.passphraseFile)) {
    fs.writeFileSync(paths.passphraseFile, crypto.randomBytes(24).toString("base64url") + "\n", { mode: 0o600 });
  }
  return paths.passphraseFile;
}

/** Starts the emulator in-process on the port of the last run if it is free (so config stays the same). */
async function startEmulator(demo: DemoFile): Promise<RunningEmulator> {
  const emulator = emulatorPackage();
  const logStream = fs.createWriteStream(paths.emulatorLog, { flags: "a" });
  const options: StartOptions = { dataDir: paths.emulatorData, log: (m) => logStream.write(`${new Date().toISOString()} ${m}\n`) };
  try {
    return await emulator.startEmulator({ ...options, port: demo.port ?? 0 });
  } catch (err) {
    if (!demo.port || (err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    return emulator.startEmulator({ ...options, port: 0 });
  }
}

/** The organizer's demo meeting: createOrGet by externalId, so every run finds the same one. */
async function demoMeeting(info: EmulatorInfo): Promise<string> {
  // Loaded on first use: only `up` makes the meeting (a destroy never loads @azure/identity).
  const { appToken } = require("../test/support/tokens") as typeof import("../test/support/tokens");
  const { graphRequest } = require("../test/support/graphRequest") as typeof import("../test/support/graphRequest");
  const start = new Date(Date.now() + 7 * 24 * 3600_000);
  start.setUTCMinutes(0, 0, 0);
  const res = await graphRequest<{ id: string; subject: string; error?: { message?: string } }>(info, await appToken(info), "POST", `/v1.0/users/${info.organizer.id}/onlineMeetings/createOrGet`, {
    externalId: MEETING_EXTERNAL_ID,
    subject: "pulumi-msgraph-meetings demo",
    startDateTime: start.toISOString(),
    endDateTime: new Date(start.getTime() + 3600_000).toISOString(),
  });
  const body = res.body;
  if (res.status !== 200 && res.status !== 201) throw new Error(`createOrGet of the demo meeting answered ${res.status}: ${body?.error?.message}`);
  note(`${res.status === 201 ? "created" : "found"} the organizer's meeting "${body.subject}" (${body.id})`);
  return body.id;
}

/** The webinar's times: chosen once, two weeks ahead at 16:00 UTC, and kept, so later runs change nothing. */
function webinarTimes(demo: DemoFile): { webinarStart: string; webinarEnd: string } {
  if (demo.webinarStart && demo.webinarEnd) return { webinarStart: demo.webinarStart, webinarEnd: demo.webinarEnd };
  const day = new Date(Date.now() + 14 * 24 * 3600_000).toISOString().slice(0, 10);
  return { webinarStart: `${day}T16:00:00`, webinarEnd: `${day}T17:00:00` };
}

function pulumiEnv(binDir: string, caBundle: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|npm_)/.test(k)) env[k] = v;
  return Object.assign(env, {
    PATH: [binDir, path.join(root, "node_modules", ".bin"), process.env.PATH].join(path.delimiter),
    PULUMI_HOME: paths.home,
    PULUMI_BACKEND_URL: "file://" + paths.state,
    PULUMI_CONFIG_PASSPHRASE_FILE: passphraseFile(),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    NODE_EXTRA_CA_CERTS: caBundle,
  });
}

function pulumiRunner(binDir: string, env: NodeJS.ProcessEnv): Pulumi {
  const exe = path.join(binDir, "pulumi");
  return {
    /** Captured run (config, outputs). */
    capture(cliArgs, input) {
      const r = spawnSync(exe, [...cliArgs, "--non-interactive"], { cwd: root, env, input: input ?? "", encoding: "utf8" });
      if (r.status !== 0) throw new Error(`pulumi ${cliArgs.slice(0, 2).join(" ")} failed (${r.status}):\n${r.stderr || r.stdout}`);
      return r.stdout;
    },
    /** Streamed run (up, destroy): the user watches the engine work. */
    stream(cliArgs) {
      return new Promise((resolve) => {
        const child = spawn(exe, [...cliArgs, "--non-interactive"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
        child.on("close", (code) => resolve(code ?? 1));
      });
    },
  };
}

/**
 * `pulumi-msgraph-meetings` resolvable from the program: demo/ and the examples it runs import the
 * package by name, and the stored providers `require` it from the program's directory. Links
 * demo/node_modules and examples/node_modules to this repository (an example's own
 * node_modules, when a user installed it, still wins for that example).
 */
function linkPackage(): void {
  for (const parent of [path.join(root, "demo"), path.join(root, "examples")]) {
    const dir = path.join(parent, "node_modules");
    const link = path.join(dir, "pulumi-msgraph-meetings");
    try {
      if (fs.readlinkSync(link) === path.join("..", "..")) continue;
      fs.rmSync(link, { force: true });
    } catch {
      // absent
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.symlinkSync(path.join("..", ".."), link, "dir");
  }
}

/** Points the stack at this emulator (its port may differ from the last run); the inputs only for up. */
function configure(pulumi: Pulumi, info: EmulatorInfo & { publicClient: { clientId: string } }, inputs?: Record<string, string>): void {
  const plain: Record<string, string> = {
    ...Object.fromEntries(emulatorConfig(info)),
    // The organizer, for the webinar: device code through the emulator's public client.
    "msgraph:userCredential": "deviceCode",
    "msgraph:userClientId": info.publicClient.clientId,
    "msgraph:userTokenCacheDir": paths.tokenCache,
    organizerId: info.organizer.id,
    attendeesFile: path.join(root, "demo", "attendees.csv"),
    ...inputs,
  };
  pulumi.capture(["config", "set-all", "--stack", STACK, ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])]);
  // The secret goes through stdin, never argv.
  pulumi.capture(["config", "set", "msgraph:clientSecret", "--secret", "--stack", STACK], info.app.clientSecret);
}

function epilogue(binDir: string): void {
  const envLine = [
    `PULUMI_BACKEND_URL=file://${paths.state}`,
    `PULUMI_CONFIG_PASSPHRASE_FILE=${paths.passphraseFile}`,
    `PULUMI_HOME=${paths.home}`,
    `PULUMI_SKIP_UPDATE_CHECK=true`,
    `PATH="${binDir}:${path.join(root, "node_modules", ".bin")}:$PATH"`,
  ].join(" \\\n  ");
  const port = new URL(readJson<DemoFile>(paths.demoFile, {}).graphEndpoint ?? "https://127.0.0.1:0").port;
  console.log(`
Where things live (all under ${rel(local)}/, git-ignored):
  state      ${rel(paths.state)}  (file backend; stack "${STACK}" of project msgraph-meetings-demo)
  config     ${rel(paths.stackConfigDir)}/Pulumi.${STACK}.yaml  (client secret encrypted with ${rel(paths.passphraseFile)})
  emulator   ${rel(paths.emulatorData)}  (its meetings, registrations and webinars survive between runs; log: ${rel(paths.emulatorLog)})
  sign-in    ${rel(paths.tokenCache)}  (the organizer's cached device-code sign-in, for the webinar)

Inspect it with ordinary pulumi commands, from ${root}:
  export ${envLine}
  pulumi stack ls
  pulumi stack --stack ${STACK} --show-ids
  pulumi stack output --stack ${STACK}
  pulumi config --stack ${STACK}
  pulumi stack export --stack ${STACK} --show-secrets
  pulumi stack history --stack ${STACK}
Commands that call Graph (preview, refresh, up, destroy) also need the emulator running on its port:
  npm run emulator -- --data-dir ${rel(paths.emulatorData)} --port ${port}   (in another shell)
  export NODE_EXTRA_CA_CERTS=$(npx msgraph-emulator trust --data-dir ${rel(paths.emulatorData)}) PULUMI_NODEJS_TRANSPILE_ONLY=true

The same program against a real tenant (a new stack):
  pulumi stack init prod
  pulumi config set msgraph:tenantId <tenant id>
  pulumi config set msgraph:clientId <app (client) id>
  pulumi config set --secret msgraph:clientSecret   (or msgraph:clientCertificatePath, or msgraph:federatedTokenFile in CI)
  leave msgraph:graphEndpoint and msgraph:authorityHost unset (they default to https://graph.microsoft.com
  and https://login.microsoftonline.com); msgraph:cloud picks another cloud.
 The registration on a meeting (examples/basic-registration; Microsoft retired this beta API, see
 docs/migrating-to-webinars.md): the app needs OnlineMeetings.ReadWrite.All and an application access
 policy for the organizer.
  pulumi config set organizerId <organizer object id or UPN>
  pulumi config set meetingId <the online meeting's Graph id>
 The webinar (examples/webinar): written as the organizer, a delegated identity; the app registers
 attendees (VirtualEventRegistration-Anon.ReadWrite.All).
  pulumi config set msgraph:userCredential deviceCode   (sign in once as the organizer; or azureCli after az login)
  pulumi config rm msgraph:userClientId                 (Microsoft Graph Command Line Tools, or your own public client app)
  pulumi config rm msgraph:userTokenCacheDir            (the OS's per-user cache folder)
  pulumi config set startDateTime 2027-01-20T16:00:00 && pulumi config set endDateTime 2027-01-20T17:00:00
  pulumi config set attendeesFile examples/webinar/attendees.csv
  pulumi up --stack prod
`);
}

/** The emulator's admin client (GET /_emulator/state shows what "Graph" holds after destroy). */
function emulatorAdmin(info: EmulatorInfo): import("../test/support/adminClient").AdminClient {
  const { AdminClient } = require("../test/support/adminClient") as typeof import("../test/support/adminClient");
  const { agentFor } = require("../test/support/graphRequest") as typeof import("../test/support/graphRequest");
  return new AdminClient(() => info, () => agentFor(info.caFile));
}

async function main(): Promise<void> {
  const caBundle = trustedBundle();
  // Instant once built; the first time scripts/pulumi-bin.sh builds the CLI and reports its progress on stderr.
  const binDir = pulumiBinDir();
  for (const dir of [paths.state, paths.home, paths.stackConfigDir, paths.emulatorData]) fs.mkdirSync(dir, { recursive: true });
  linkPackage();

  const demo = readJson<DemoFile>(paths.demoFile, {});
  const times = webinarTimes(demo);
  const emulator = await startEmulator(demo);
  const info = emulator.info as EmulatorInfo & { publicClient: { clientId: string } };
  const saved: DemoFile = { port: Number(new URL(info.graphEndpoint).port), graphEndpoint: info.graphEndpoint, ...times };
  fs.writeFileSync(paths.demoFile, JSON.stringify(saved, null, 2) + "\n");
  note(`emulator listening on ${info.graphEndpoint} (data: ${rel(paths.emulatorData)})`);

  let code = 0;
  try {
    const pulumi = pulumiRunner(binDir, pulumiEnv(binDir, caBundle));
    const stacks = JSON.parse(pulumi.capture(["stack", "ls", "--json"])) as { name: string }[];
    const exists = stacks.some((s) => s.name === STACK);
    if (destroy && !exists) {
      note(`no stack "${STACK}" in ${rel(paths.state)}: nothing to destroy`);
      return;
    }
    if (!exists) pulumi.capture(["stack", "init", STACK, "--secrets-provider", "passphrase"]);
    configure(pulumi, info, destroy ? undefined : { meetingId: await demoMeeting(info), startDateTime: times.webinarStart, endDateTime: times.webinarEnd });

    code = await pulumi.stream([destroy ? "destroy" : "up", "--yes", "--skip-preview", "--stack", STACK]);
    if (code !== 0) {
      note(`pulumi ${destroy ? "destroy" : "up"} failed (exit ${code})`);
      return;
    }
    if (!destroy) {
      const out = JSON.parse(pulumi.capture(["stack", "output", "--json", "--stack", STACK])) as Record<string, unknown>;
      const registered = Object.values((out.registered ?? {}) as Record<string, { id: string; status: string }>);
      console.log(`\nRegistration ${out.registrationId} on meeting ${out.meetingId} (allowedRegistrant: ${out.allowedRegistrant})`);
      console.log(`Webinar ${out.webinarId} (${out.status}), ${registered.length} registration(s): ${registered.map((r) => `${r.id} (${r.status})`).join(", ")}`);
    } else {
      const state = await emulatorAdmin(info).state();
      console.log(`\nDestroyed. Registrations left in the emulator: ${state.registrations.length}; webinars: ${state.webinars.map((w) => w.resource.status).join(", ") || "none"} (Graph cancels webinars, it cannot delete them)`);
    }
    epilogue(binDir);
  } finally {
    await emulator.close();
    process.exitCode = code;
  }
}

main().catch((err) => {
  console.error(`demo: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
