// `npx msgraph-meetings recover` with the real Pulumi CLI on what a kill leaves besides pending
// creates (the fault suite's `sigkill` class kills a real `pulumi up` and recovers it): a lock whose
// holder still runs on this machine is left alone, a dead run's lock is removed, an empty checkpoint
// metadata file (.attrs) is removed, and an unreadable checkpoint is put back from the backend's .bak
// copy. Each time the stack converges.
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type EmulatorProcess } from "../support/emulator";
import type { PulumiProject } from "../support/pulumiCli";
import { recoverCommand } from "../support/faults/faultRuns";
import { compare, createMeetings, fixtureProject, initFaultStack, installedFaultStack } from "../support/faults/meetingStack";

describe("reliability: msgraph-meetings recover with the Pulumi CLI (locks, unreadable checkpoint)", function () {
  this.timeout(180_000);
  const stack = "recover";
  let emu: EmulatorProcess;
  let project: PulumiProject;
  let meetings: string[];
  const stateDir = () => path.join(project.opts.backendDir!, ".pulumi");
  const lockDir = () => path.join(stateDir(), "locks", "organization", "fault-stack", stack);
  const checkpoint = () => path.join(stateDir(), "stacks", "fault-stack", `${stack}.json`);
  function writeLock(name: string, holder: { pid: number; hostname: string }) {
    fs.mkdirSync(lockDir(), { recursive: true });
    fs.writeFileSync(path.join(lockDir(), `${name}.json`), JSON.stringify({ ...holder, username: "ci", timestamp: "2026-12-04T10:00:00Z" }));
  }

  before(async function () {
    this.timeout(45 * 60_000); // the first use may build the CLI; the fixture installs from the tarball
    installedFaultStack();
    emu = await startEmulator({ tempDataDir: "recover-" });
    meetings = await createMeetings(emu, 2);
    project = fixtureProject(emu.info, "recover");
    await initFaultStack(project, stack, emu, meetings);
    await project.up(stack);
  });
  after(() => emu?.dispose());

  it("refuses to touch a lock whose holder still runs on this machine, and changes nothing", async () => {
    writeLock("live", { pid: process.pid, hostname: os.hostname() });
    const before = fs.readFileSync(checkpoint(), "utf8");
    await emu.admin.clearRequests();
    const r = await recoverCommand(project, stack);
    expect(r.code, r.stdout + r.stderr).to.equal(1);
    expect(r.stderr.trim()).to.equal(
      `msgraph-meetings recover: the stack is locked by an update that is still running on this machine (ci@${os.hostname()}, pid ${process.pid}, since 2026-12-04T10:00:00Z): let it finish or stop it, then run recover again. Nothing was changed.`,
    );
    expect(fs.existsSync(path.join(lockDir(), "live.json")), "the live lock is still there").to.equal(true);
    expect(fs.readFileSync(checkpoint(), "utf8")).to.equal(before);
    fs.rmSync(path.join(lockDir(), "live.json"));
  });

  it("repairs the checkpoint's metadata file a kill left empty and removes a dead runner's lock; the next up converges", async () => {
    // What the fault suite's kills left now and then: the file store truncates <stack>.json.attrs
    // before writing it, so a kill in between leaves it empty and every command fails.
    writeLock("dead", { pid: 4242, hostname: "ci-runner-gone" }); // another machine's lock: its pid means nothing here
    fs.writeFileSync(`${checkpoint()}.attrs`, "");
    const probe = await project.run(["stack", "export", "--stack", stack], { allowFailure: true });
    expect(probe.stderr.trim()).to.equal("error: failed to load checkpoint: EOF");

    // Without --stack: the CLI cannot even name the current stack until the .attrs is repaired.
    const r = await recoverCommand(project);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.slice(0, 2)).to.deep.equal([
      `repaired  the checkpoint's metadata file the kill left empty (${stack}.json.attrs, removed; the checkpoint itself was whole)`,
      `msgraph-meetings recover: stack "${stack}"`,
    ]);
    expect(lines).to.include("lock      removed the killed run's lock (ci@ci-runner-gone, pid 4242, since 2026-12-04T10:00:00Z) with `pulumi cancel`");
    expect(lines).to.include("refreshed every resource from Graph (`pulumi refresh --yes --skip-preview`)");
    expect(fs.readdirSync(lockDir())).to.deep.equal([]);

    await project.up(stack);
    const c = await compare(emu, project, stack, meetings);
    expect(c.converged, c.details.join("; ")).to.equal(true);
    // Nothing was made twice: one POST per meeting in the emulator's whole log (the first up's).
    const posts = (await emu.admin.requests()).filter((q) => q.method === "POST" && /\/registration$/.test(q.path));
    expect(posts.length).to.be.at.most(meetings.length);
  });

  it("puts back a checkpoint that is itself unreadable from the .bak copy beside it (pulumi stack import)", async () => {
    const full = fs.readFileSync(checkpoint());
    fs.writeFileSync(checkpoint(), full.subarray(0, Math.floor(full.length / 2)));
    const r = await recoverCommand(project, stack);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.include(`restored  the checkpoint the kill left unreadable, from ${stack}.json.bak (pulumi stack import)`);
    const c = await compare(emu, project, stack, meetings);
    expect(c.converged, c.details.join("; ")).to.equal(true);
  });

  it("is harmless when there is nothing to recover", async () => {
    const r = await recoverCommand(project, stack);
    expect(r.code, r.stdout + r.stderr).to.equal(0);
    expect(r.stdout).to.include("nothing to recover: no pending create, no lock.");
    expect(r.stdout).to.include("done: 0 adopted, 0 cleared.");
    const c = await compare(emu, project, stack, meetings);
    expect(c.converged, c.details.join("; ")).to.equal(true);
  });
});
