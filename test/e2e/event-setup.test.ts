// examples/event-setup (a meeting, its registration, registrants from a CSV), installed from the
// npm-packed tarball and driven by the real Pulumi CLI against the emulator: create, no-change
// re-run, refresh without drift, in-place meeting update, replacement of the registration with its
// registrants, refresh after an out-of-band deletion, destroy in reverse order, and no secret in
// plain text in the exported state.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { type EmulatorProcess, type EmulatorInfo } from "../support/emulator";
import { e2eRunDir } from "../support/paths";
import { installExample } from "../support/npmPack";
import { dynamicResources, type PulumiProject, type StateResource } from "../support/pulumiCli";
import { initEmulatorStack } from "../support/stackConfig";
import { PlainGraph } from "../support/plainGraph";
import { exampleRun, PASSPHRASE, itTypeChecksAgainstThePackage } from "../support/exampleStack";
import { graphWrites, providerText, type LoggedRequest } from "../support/observations";

/** "OnlineMeeting" for a resource of type pulumi-nodejs:dynamic/msgraph:OnlineMeeting. */
const kind = (r: { type: string }) => /^pulumi-nodejs:dynamic\/msgraph:(\w+)$/.exec(r.type)?.[1];

describe("e2e: examples/event-setup with the Pulumi CLI", function () {
  this.timeout(180_000);
  const stack = "event";

  let emulator: EmulatorProcess;
  let info: EmulatorInfo;
  let graph: PlainGraph;
  let project: PulumiProject;
  let dir: string;

  exampleRun(
    "event-setup",
    () => installExample("event-setup", path.join(e2eRunDir(), "event-setup")),
    async (run) => {
      ({ emulator, info, graph, dir, project } = run);
      await initEmulatorStack(project, stack, info, [
        ["organizerId", info.organizer.id],
        ["startDateTime", "2026-12-10T10:00:00+01:00"],
        ["endDateTime", "2026-12-10T11:00:00+01:00"],
        ["isPasscodeRequired", "true"],
      ]);
    },
  );

  const state = () => emulator.admin.state();
  const resources = async (): Promise<StateResource[]> => dynamicResources(await project.stackExport(stack));
  const ofKind = (rs: StateResource[], k: string) => rs.filter((r) => kind(r) === k);
  /** Graph writes since the last clearRequests, as "METHOD kind" (kind from the path). */
  const writes = async (): Promise<string[]> => graphWrites(await emulator.admin.requests()).map(describeWrite);
  function describeWrite(w: LoggedRequest): string {
    const what = /\/registrants(\/|$)/.test(w.path) ? "registrant" : /\/registration$/.test(w.path) ? "registration" : "meeting";
    return `${w.method} ${what} ${w.status}`;
  }

  itTypeChecksAgainstThePackage(() => dir);

  it("pulumi up creates the meeting, then its registration, then the CSV's registrants", async () => {
    await emulator.admin.clearRequests();
    await project.up(stack);
    expect(await writes()).to.deep.equal(["POST meeting 201", "POST registration 201", "POST registrant 200", "POST registrant 200", "POST registrant 200"]);
    const s = await state();
    expect(s.meetings).to.have.length(1);
    const m = s.meetings[0].resource as Record<string, any>;
    expect(m).to.include({ subject: "Product launch", startDateTime: "2026-12-10T09:00:00.0000000Z", endDateTime: "2026-12-10T10:00:00.0000000Z", allowedPresenters: "organizer", allowMeetingChat: "limited" });
    expect(m.joinMeetingIdSettings.passcode).to.be.a("string");
    expect(s.registrations.map((r) => [r.meetingId, r.resource.allowedRegistrant])).to.deep.equal([[m.id, "everyone"]]);
    expect(s.registrants.map((r) => r.resource.id).sort()).to.deep.equal(["crm-1001", "crm-1002", "crm-1003"]);

    const outputs = await project.stackOutputs(stack);
    expect(outputs.meetingId).to.equal(m.id);
    expect(outputs.meetingJoinUrl).to.equal(m.joinWebUrl);
    expect(outputs.registrantJoinUrls).to.deep.equal(Object.fromEntries(s.registrants.map((r) => [r.resource.id, r.resource.joinWebUrl])));
    const rs = await resources();
    expect(rs.map(kind).sort()).to.deep.equal(["ExternalMeetingRegistrant", "ExternalMeetingRegistrant", "ExternalMeetingRegistrant", "ExternalMeetingRegistration", "OnlineMeeting"]);
  });

  it("a second pulumi up --expect-no-changes passes without a Graph write", async () => {
    await emulator.admin.clearRequests();
    const { stdout } = await project.up(stack, ["--expect-no-changes"]);
    expect(stdout).to.match(/6 unchanged/);
    expect(await writes()).to.deep.equal([]);
  });

  it("pulumi refresh finds no drift (times written with an offset, Graph's UTC and defaults), then up --expect-no-changes", async () => {
    await emulator.admin.clearRequests();
    await project.refresh(stack, ["--expect-no-changes"]);
    // The three registrants' reads shared one listing of the meeting's registrants.
    expect((await emulator.admin.requests()).filter((r) => r.method === "GET" && r.path.endsWith("/registration/registrants")).length).to.equal(1);
    await project.up(stack, ["--expect-no-changes"]);
    expect(await writes()).to.deep.equal([]);
    const meeting = ofKind(await resources(), "OnlineMeeting")[0];
    expect(meeting.inputs).to.include({ startDateTime: "2026-12-10T10:00:00+01:00" });
  });

  it("a new subject and end time update the meeting in place: one PATCH, no DELETE", async () => {
    const before = ofKind(await resources(), "OnlineMeeting")[0].id;
    await project.setConfigAll(stack, [["subject", "Product launch (extended)"], ["endDateTime", "2026-12-10T12:00:00+01:00"]]);
    await emulator.admin.clearRequests();
    const { stdout } = await project.up(stack);
    expect(stdout).to.match(/1 updated/);
    expect(await writes()).to.deep.equal(["PATCH meeting 200"]);
    const m = (await state()).meetings[0].resource as Record<string, any>;
    expect(m).to.include({ id: before, subject: "Product launch (extended)", startDateTime: "2026-12-10T09:00:00.0000000Z", endDateTime: "2026-12-10T11:00:00.0000000Z" });
    await project.up(stack, ["--expect-no-changes"]);
  });

  it("allowing only the organization replaces the registration and its registrants: registrants deleted first, created last", async () => {
    const people = await Promise.all(["crm-1001", "crm-1002", "crm-1003"].map((id) => emulator.admin.addUser({ userPrincipalName: `${id}@contoso.example` })));
    fs.writeFileSync(path.join(dir, "registrants.org.csv"), ["registrantId,tenantId,userId", ...people.map((p, i) => `crm-100${i + 1},${info.tenantId},${p.id}`)].join("\n") + "\n");
    const meetingBefore = (await state()).meetings[0].id;
    await project.setConfigAll(stack, [["allowedRegistrant", "organization"], ["registrantsFile", "registrants.org.csv"]]);
    await emulator.admin.clearRequests();
    const { stdout } = await project.up(stack);
    expect(stdout).to.match(/4 replaced/);
    expect(await writes()).to.deep.equal([
      "DELETE registrant 204", "DELETE registrant 204", "DELETE registrant 204",
      "DELETE registration 204",
      "POST registration 201",
      "POST registrant 200", "POST registrant 200", "POST registrant 200",
    ]);
    const s = await state();
    expect(s.meetings.map((m) => m.id)).to.deep.equal([meetingBefore]);
    expect(s.registrations.map((r) => r.resource.allowedRegistrant)).to.deep.equal(["organization"]);
    expect(s.registrants.map((r) => [r.resource.id, r.resource.userId]).sort()).to.deep.equal(people.map((p, i) => [`crm-100${i + 1}`, p.id]));
    const outputs = await project.stackOutputs(stack);
    expect(outputs.registrantJoinUrls).to.deep.equal(Object.fromEntries(s.registrants.map((r) => [r.resource.id, r.resource.joinWebUrl])));
    await project.up(stack, ["--expect-no-changes"]);
  });

  it("a create-only meeting setting replaces the meeting: the new one first, its registration and registrants moved over, the old meeting deleted last", async () => {
    const old = (await state()).meetings[0].id;
    await project.setConfig(stack, "isPasscodeRequired", "false");
    await emulator.admin.clearRequests();
    const { stdout } = await project.up(stack);
    expect(stdout).to.match(/5 replaced/);
    expect(await writes()).to.deep.equal([
      "POST meeting 201",
      "DELETE registrant 204", "DELETE registrant 204", "DELETE registrant 204",
      "DELETE registration 204",
      "POST registration 201",
      "POST registrant 200", "POST registrant 200", "POST registrant 200",
      "DELETE meeting 204",
    ]);
    const s = await state();
    expect(s.meetings).to.have.length(1);
    expect(s.meetings[0].id).to.not.equal(old);
    expect((s.meetings[0].resource as Record<string, any>).joinMeetingIdSettings.isPasscodeRequired).to.equal(false);
    expect(s.registrations.map((r) => r.meetingId)).to.deep.equal([s.meetings[0].id]);
    expect(s.registrants.map((r) => r.meetingId)).to.deep.equal([0, 1, 2].map(() => s.meetings[0].id));
    await project.up(stack, ["--expect-no-changes"]);
    // Back to a passcode, so that the secrets test below has one to look for.
    await project.setConfig(stack, "isPasscodeRequired", "true");
    await project.up(stack);
  });

  it("a registrant deleted outside Pulumi leaves the state on refresh; up registers it again", async () => {
    const meetingId = (await state()).meetings[0].id;
    const deleted = await graph.call("DELETE", `/beta/users/${info.organizer.id}/onlineMeetings/${meetingId}/registration/registrants/crm-1002`);
    expect(deleted.status).to.equal(204);
    await project.refresh(stack);
    expect(ofKind(await resources(), "ExternalMeetingRegistrant").map((r) => r.outputs?.registrantId).sort()).to.deep.equal(["crm-1001", "crm-1003"]);
    await emulator.admin.clearRequests();
    await project.up(stack);
    expect(await writes()).to.deep.equal(["POST registrant 200"]);
    expect((await state()).registrants.map((r) => r.resource.id).sort()).to.deep.equal(["crm-1001", "crm-1002", "crm-1003"]);
    await project.up(stack, ["--expect-no-changes"]);
  });

  it("the exported state holds no passcode, join link, client secret or token in plain text", async () => {
    const s = await state();
    const m = s.meetings[0].resource as Record<string, any>;
    const secrets: [string, string][] = [
      ["passcode", m.joinMeetingIdSettings.passcode],
      ["meeting joinWebUrl", m.joinWebUrl],
      ...s.registrants.map((r): [string, string] => [`joinWebUrl of ${r.resource.id}`, String(r.resource.joinWebUrl)]),
      ["client secret", info.app.clientSecret],
      ["passphrase", PASSPHRASE],
    ];
    const plain = (await project.run(["stack", "export", "--stack", stack])).stdout;
    const shown = await project.stackExportText(stack);
    for (const [name, value] of secrets) {
      expect(value, name).to.be.a("string").with.length.greaterThan(5);
      expect(plain.includes(value), `${name} in pulumi stack export`).to.equal(false);
      expect(plain.includes(JSON.stringify(value).slice(1, -1)), `${name} (JSON-escaped) in pulumi stack export`).to.equal(false);
    }
    // They are in the state, encrypted: --show-secrets reveals the passcode and the join links.
    for (const [name, value] of secrets.slice(0, -2)) expect(shown.includes(JSON.stringify(value).slice(1, -1)), `${name} with --show-secrets`).to.equal(true);
    expect(plain).not.to.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/);
    const outputs = JSON.parse((await project.run(["stack", "output", "--json", "--stack", stack])).stdout) as Record<string, unknown>;
    expect(outputs).to.deep.include({ meetingJoinUrl: "[secret]", registrantJoinUrls: "[secret]" });
    // Each kind's serialized provider is the small stub that loads the installed implementation.
    for (const r of dynamicResources(JSON.parse(shown))) {
      const text = providerText(r.outputs?.__provider);
      // The installed package's stub module, stored as a require() of its public subpath (only our package).
      const stubName: Record<string, string> = { OnlineMeeting: "onlineMeeting", ExternalMeetingRegistration: "externalMeetingRegistration", ExternalMeetingRegistrant: "externalMeetingRegistrant" };
      expect(new Set(text.match(/require\("[^"]*"\)/g)), `${r.urn} __provider`).to.deep.equal(new Set([`require("pulumi-msgraph-meetings/stubs/${stubName[kind(r)!]}")`]));
      expect(Buffer.byteLength(text), `${r.urn} __provider`).to.be.at.most(400);
    }
  });

  it("pulumi destroy deletes in reverse order: registrants, then the registration, then the meeting", async () => {
    await emulator.admin.clearRequests();
    await project.destroy(stack);
    expect(await writes()).to.deep.equal(["DELETE registrant 204", "DELETE registrant 204", "DELETE registrant 204", "DELETE registration 204", "DELETE meeting 204"]);
    const s = await state();
    expect([s.meetings, s.registrations, s.registrants]).to.deep.equal([[], [], []]);
    expect(await resources()).to.deep.equal([]);
  });
});
