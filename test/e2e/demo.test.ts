// `npm start` (scripts/launch.js running scripts/demo.ts) as a user runs it, twice and then with --destroy, in a scratch copy
// of the repository layout (so the developer's own .pulumi-local/ is never touched): the first run
// creates the registration, the second finds everything again and changes nothing, --destroy
// removes it from the emulator, whose state survives between runs.
import { expect } from "chai";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { e2eRunDir, REPO_ROOT } from "../support/paths";
import { pulumiBinDir } from "../support/pulumiBin";

interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A directory that looks like the repository to scripts/demo.js (copies of its files, links to dist/ and node_modules/). */
function scratchRepo(): string {
  const dir = path.join(e2eRunDir(), "demo-repo");
  fs.mkdirSync(path.join(dir, "scripts"), { recursive: true });
  const files = ["Pulumi.yaml", "package.json", "tsconfig.json", "demo/index.ts", "demo/attendees.csv", "scripts/demo.ts", "scripts/launch.js", "scripts/pulumi-bin.sh"];
  const examples = ["examples/basic-registration/index.ts", "examples/webinar/index.ts", "examples/webinar/attendees.ts"];
  for (const f of [...files, ...examples]) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(path.join(REPO_ROOT, f), path.join(dir, f));
  }
  // The demo's Graph calls and stack config come from the test-support library.
  fs.cpSync(path.join(REPO_ROOT, "test", "support"), path.join(dir, "test", "support"), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "dist"), path.join(dir, "dist"));
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

function runDemo(dir: string, args: string[] = []): Promise<DemoRun> {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PULUMI_|AZURE_|MSGRAPH_|npm_)/.test(k)) env[k] = v;
  env.PULUMI_BIN_DIR = pulumiBinDir();
  env.PATH = [path.join(REPO_ROOT, "node_modules", ".bin"), process.env.PATH ?? ""].join(path.delimiter);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, "scripts", "launch.js"), "--ca-dir", path.join(".pulumi-local", "emulator", "tls"), path.join("scripts", "demo.ts"), ...args], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

interface EmulatorFile {
  apps: { secrets: string[] }[];
  registrations: { meetingId: string; resource: { id: string; allowedRegistrant: string } }[];
  virtualEvents?: { webinars: { resource?: { id: string; status: string }; id?: string; status?: string }[] };
}

type StoredWebinar = NonNullable<EmulatorFile["virtualEvents"]>["webinars"][number];
const live = (w: StoredWebinar) => w.resource ?? (w as { id: string; status: string });
const webinars = (f: EmulatorFile): StoredWebinar[] => f.virtualEvents?.webinars ?? [];

describe("e2e: npm start (the demo)", function () {
  this.timeout(180_000);
  let dir: string;
  let registrationId: string;
  let meetingId: string;
  const runs: DemoRun[] = [];
  const emulatorFile = () => JSON.parse(fs.readFileSync(path.join(dir, ".pulumi-local", "emulator", "state.json"), "utf8")) as EmulatorFile;
  const ok = (run: DemoRun) => expect(run.code, `exit code; stderr:\n${run.stderr}\nstdout:\n${run.stdout.slice(-3000)}`).to.equal(0);

  before(function () {
    this.timeout(45 * 60_000);
    pulumiBinDir();
    dir = scratchRepo();
  });

  it("the first run creates the meeting's registration and a published webinar with one registration, and prints them", async () => {
    const run = await runDemo(dir);
    runs.push(run);
    ok(run);
    expect(run.stderr).to.match(/demo: created the organizer's meeting "pulumi-msgraph-meetings demo" \(MS[^)\s]+\)$/m);
    // The stack, the registration, the webinar, its two questions and one attendee's registration.
    expect(run.stdout).to.match(/\+ 6 created/);
    const m = /^Registration ([0-9a-f-]{36}) on meeting (\S+) \(allowedRegistrant: everyone\)$/m.exec(run.stdout);
    expect(m, run.stdout).to.not.equal(null);
    [, registrationId, meetingId] = m!;
    expect(emulatorFile().registrations.map((r) => [r.meetingId, r.resource.id])).to.deep.equal([[meetingId, registrationId]]);
    const w = /^Webinar (\S+) \(published\), 1 registration\(s\): [0-9a-f-]{36} \(registered\)$/m.exec(run.stdout);
    expect(w, run.stdout).to.not.equal(null);
    expect(webinars(emulatorFile()).map((x) => [live(x).id, live(x).status])).to.deep.equal([[w![1], "published"]]);
  });

  it("ends by saying where the state is, how to inspect it and which keys point it at a real tenant", () => {
    const out = runs[0].stdout;
    const local = path.join(dir, ".pulumi-local");
    expect(out).to.contain(`PULUMI_BACKEND_URL=file://${local}/state`);
    expect(out).to.contain(`PULUMI_CONFIG_PASSPHRASE_FILE=${local}/passphrase`);
    expect(out).to.contain(`PULUMI_HOME=${local}/home`);
    expect(out).to.contain(`PATH="${pulumiBinDir()}:`);
    for (const cmd of ["pulumi stack ls", "pulumi stack output --stack dev", "pulumi stack export --stack dev --show-secrets"]) expect(out).to.contain(cmd);
    for (const key of ["organizerId", "meetingId", "msgraph:tenantId", "msgraph:clientId", "--secret msgraph:clientSecret", "msgraph:graphEndpoint", "msgraph:authorityHost", "msgraph:userCredential deviceCode", "startDateTime", "docs/migrating-to-webinars.md"]) {
      expect(out).to.contain(key);
    }
  });

  it("a second run finds the same meeting and changes nothing", async () => {
    const run = await runDemo(dir);
    runs.push(run);
    ok(run);
    expect(run.stderr).to.contain(`demo: found the organizer's meeting "pulumi-msgraph-meetings demo" (${meetingId})`);
    expect(run.stdout).to.match(/\b6 unchanged\b/);
    expect(run.stdout).not.to.match(/created|replaced|deleted/);
    expect(run.stdout).to.contain(`Registration ${registrationId} on meeting ${meetingId}`);
  });

  it("npm start -- --destroy removes the registration and cancels the webinar (Graph cannot delete it)", async () => {
    const run = await runDemo(dir, ["--destroy"]);
    runs.push(run);
    ok(run);
    expect(run.stdout).to.match(/- 6 deleted/);
    expect(run.stdout).to.contain("Destroyed. Registrations left in the emulator: 0; webinars: canceled (Graph cancels webinars, it cannot delete them)");
    expect(emulatorFile().registrations).to.deep.equal([]);
    expect(webinars(emulatorFile()).map((x) => live(x).status)).to.deep.equal(["canceled"]);
  });

  it("never prints the client secret", () => {
    const secret = emulatorFile().apps[0].secrets[0];
    expect(secret.length).to.be.greaterThan(8);
    for (const run of runs) expect((run.stdout + run.stderr).includes(secret)).to.equal(false);
  });
});
