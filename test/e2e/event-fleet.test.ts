// examples/event-fleet end to end: installed from the packed package, run with the real CLI against
// the emulator, state in Azurite (azblob:// backend). Three events are created, a second run from a
// fresh work directory (another machine) finds nothing to do, then one event changes, one is removed
// and one new one fails (unknown organizer) without stopping the others, and an empty catalogue
// destroys what is left. A bad catalogue or work directory is refused before any request.
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startAzurite, type AzuriteProcess } from "../support/azurite";
import { startEmulator, type EmulatorProcess } from "../support/emulator";
import { e2eRunDir } from "../support/paths";
import { pulumiBinDir } from "../support/pulumiBin";
import { Fleet, type CatalogueEvent, type FleetResult } from "../support/eventFleet";
import { PASSPHRASE, itTypeChecksAgainstThePackage } from "../support/exampleStack";
import { graphWrites } from "../support/observations";

const event = (id: string, subject: string, registrants: string[], organizerId?: string): CatalogueEvent => ({
  id,
  kind: "meeting",
  ...(organizerId ? { organizerId } : {}),
  subject,
  start: "2027-01-14T16:00:00+01:00",
  end: "2027-01-14T17:00:00+01:00",
  registration: { allowedRegistrant: "everyone", registrants: registrants.map((r) => ({ id: r })) },
});

/** "stack action" per result, in the table's order, plus errors apart. */
const actions = (results: FleetResult[] | undefined) => (results ?? []).map((r) => `${r.stack} ${r.action}${r.error ? " FAILED" : ""}`);

describe("e2e: examples/event-fleet (Automation API, one stack per event, Azurite backend)", function () {
  this.timeout(600_000);

  let emulator: EmulatorProcess;
  let azurite: AzuriteProcess;
  let fleet: Fleet;
  let organizer: string;

  before(async function () {
    this.timeout(45 * 60_000); // first use may build the CLI
    pulumiBinDir();
    emulator = await startEmulator();
    azurite = await startAzurite({ location: path.join(e2eRunDir(), "azurite") });
    const backend = await azurite.backend("fleet-state");
    fleet = Fleet.install(emulator.info, backend, PASSPHRASE);
    organizer = emulator.info.organizer.id;
  });

  after(async () => {
    await emulator?.stop();
    await azurite?.stop();
  });

  const subjects = async () => (await emulator.admin.state()).meetings.map((m) => String(m.resource.subject)).sort();

  itTypeChecksAgainstThePackage(() => fleet.dir);

  it("a bad catalogue (every problem by its path) or work directory is refused with exit code 2, before any request", async () => {
    await emulator.admin.clearRequests();
    const file = fleet.writeCatalogue(organizer, [{ ...event("a", "A", []), kind: "webinar" }, { ...event("b", "B", []), start: "tomorrow" }, event("a", "dup", [])], "bad.yaml");
    const run = await fleet.run(file);
    expect(run.code).to.equal(2);
    expect(run.stderr).to.include("bad.yaml is not a valid event catalogue");
    expect(run.stderr).to.include('events[0].kind: "webinar" is not one of meeting (webinars are not supported');
    expect(run.stderr).to.include('events[1].start: "tomorrow" must be an ISO 8601 date-time with a zone');
    expect(run.stderr).to.include('events[2].id: "a" is used by an earlier event');
    expect(run.results).to.equal(undefined);
    expect(await emulator.admin.requests()).to.deep.equal([]);
    // A work directory from which the provider cannot be loaded is refused the same way.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), "fleet-work-"));
    try {
      const outside = await fleet.run(fleet.writeCatalogue(organizer, [event("a", "A", [])], "ok.yaml"), ["--work-dir", elsewhere]);
      expect(outside.code).to.equal(2);
      expect(outside.stderr).to.include(`--work-dir ${elsewhere} is not inside a directory where pulumi-msgraph-meetings is installed`);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
    expect(await emulator.admin.requests()).to.deep.equal([]);
  });

  it("creates one stack per event, with a progress line per stack and the summary table", async () => {
    const file = fleet.writeCatalogue(organizer, [event("a", "Event A", ["a-1"]), event("b", "Event B", ["b-1", "b-2"]), event("c", "Event C", [])]);
    const run = await fleet.run(file, ["--concurrency", "3"]);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(actions(run.results)).to.deep.equal(["event-a create", "event-b create", "event-c create"]);
    expect(run.results!.map((r) => r.changed)).to.deep.equal([3, 4, 2]); // meeting, registration, registrants
    for (const stack of ["event-a", "event-b", "event-c"]) expect(run.stdout).to.match(new RegExp(`^\\[\\d/3\\] ${stack} create ok: \\d changed in [\\d.]+ s$`, "m"));
    expect(run.stdout).to.match(/^event\s+stack\s+action\s+changed\s+seconds\s+error$/m);
    expect(run.stdout).to.match(/^b\s+event-b\s+create\s+4\s+[\d.]+$/m);
    expect(run.stdout).to.include("fleet: 3 of 3 stacks converged");

    const state = await emulator.admin.state();
    expect(await subjects()).to.deep.equal(["Event A", "Event B", "Event C"]);
    expect(state.registrations).to.have.length(3);
    expect(state.registrants.map((r) => r.resource.id).sort()).to.deep.equal(["a-1", "b-1", "b-2"]);
    expect(await fleet.stacks()).to.deep.equal(["event-a", "event-b", "event-c"]);
    // The state is in Azurite, one checkpoint per stack.
    expect(await azurite.listBlobs("fleet-state", ".pulumi/stacks/")).to.include.members(["event-a", "event-b", "event-c"].map((s) => `.pulumi/stacks/event-fleet/${s}.json`));
  });

  it("a second run from a fresh work directory (another machine) finds every event unchanged: no Graph write", async () => {
    await emulator.admin.clearRequests();
    const file = fleet.writeCatalogue(organizer, [event("a", "Event A", ["a-1"]), event("b", "Event B", ["b-1", "b-2"]), event("c", "Event C", [])]);
    const run = await fleet.run(file, ["--work-dir", path.join(fleet.dir, ".fleet-machine-2")]);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(actions(run.results)).to.deep.equal(["event-a unchanged", "event-b unchanged", "event-c unchanged"]);
    expect(graphWrites(await emulator.admin.requests())).to.deep.equal([]);
  });

  it("one event changed, one removed, one new that fails: the others converge and the exit code is 1", async () => {
    await emulator.admin.clearRequests();
    const file = fleet.writeCatalogue(organizer, [
      event("a", "Event A", ["a-1"]),
      event("b", "Event B (moved)", ["b-1", "b-2", "b-3"]),
      event("d", "Event D", [], "nobody@contoso.example"),
    ]);
    // From a third fresh work directory: the update and the destroy need nothing but the backend.
    const run = await fleet.run(file, ["--concurrency", "2", "--work-dir", path.join(fleet.dir, ".fleet-machine-3")]);
    expect(run.code, run.stdout + run.stderr).to.equal(1);
    expect(actions(run.results)).to.deep.equal(["event-a unchanged", "event-b update", "event-d create FAILED", "event-c destroy"]);
    const [, b, d, c] = run.results!;
    expect(b.changed).to.equal(2); // the meeting updated in place, one registrant added
    expect(c.changed).to.equal(2); // meeting and registration deleted
    expect(d.error).to.match(/^error: Could not create the OnlineMeeting "Event D" of user "nobody@contoso\.example": Microsoft Graph answered 404/);
    expect(run.stdout).to.match(/^\[\d\/4\] event-d create FAILED: 0 changed in [\d.]+ s\n {4}error: /m);
    expect(run.stdout).to.include("fleet: 3 of 4 stacks converged");
    expect(run.stdout).to.include("1 failed: event-d");

    const state = await emulator.admin.state();
    expect(await subjects()).to.deep.equal(["Event A", "Event B (moved)"]);
    expect(state.registrants.map((r) => r.resource.id).sort()).to.deep.equal(["a-1", "b-1", "b-2", "b-3"]);
    expect(await fleet.stacks()).to.deep.equal(["event-a", "event-b", "event-d"]);
  });

  it("an empty catalogue destroys and removes every event stack", async () => {
    const file = fleet.writeCatalogue(organizer, []);
    const run = await fleet.run(file, ["--concurrency", "3"]);
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(actions(run.results)).to.deep.equal(["event-a destroy", "event-b destroy", "event-d destroy"]);
    const state = await emulator.admin.state();
    expect([state.meetings, state.registrations, state.registrants]).to.deep.equal([[], [], []]);
    expect(await fleet.stacks()).to.deep.equal([]);
  });
});
