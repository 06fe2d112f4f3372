// OnlineMeeting's lifecycle against the real emulator over TLS, with real @azure/identity
// credentials: create (POST and createOrGet), refresh without drift, PATCH in place, replace,
// out-of-band deletion and drift, delete, and the errors a user meets.
import { expect } from "chai";
import * as meeting from "../../../provider/resources/onlineMeeting/lifecycle";
import type { MeetingInputs, MeetingOutputs } from "../../../provider/resources/onlineMeeting/inputs";
import { GraphError } from "../../../provider/graph/errors";
import { setLogSink } from "../../../provider/graph/log";
import type { ProviderContext } from "../../../provider/runtime";
import type { EmulatorProcess } from "../../support/emulator";
import { asApp } from "../../support/meetingFixtures";
import { providerSuite } from "../../support/providerContext";

describe("integration: OnlineMeeting against the emulator", function () {
  this.timeout(60_000);
  let emu: EmulatorProcess;
  let ctx: ProviderContext;
  let organizer: string;
  let attendee: string;
  let n = 0;

  providerSuite({}, (s) => ({ emu, ctx, organizer } = s));
  before(async () => {
    attendee = (await emu.admin.addUser({ userPrincipalName: "attendee@contoso.example" })).id;
  });

  function checked(news: Record<string, unknown>): MeetingInputs {
    const r = meeting.check({}, news);
    expect(r.failures).to.equal(undefined);
    return r.inputs!;
  }
  const inputs = (extra: Record<string, unknown> = {}) =>
    checked({ userId: organizer, subject: `meeting ${++n}`, startDateTime: "2026-12-10T10:00:00+01:00", endDateTime: "2026-12-10T11:30:00+01:00", ...extra });
  const graphCalls = async () => (await emu.admin.graphRequests()).map((r) => [r.method, r.path, r.status]);
  const path = (id?: string) => `/v1.0/users/${organizer}/onlineMeetings${id ? `/${id}` : ""}`;
  const live = async (id: string) => (await emu.admin.state()).meetings.find((m) => m.id === id)?.resource as Record<string, any> | undefined;

  /** What `pulumi refresh` then `pulumi up --expect-no-changes` do: read, then diff the program's inputs against the refreshed state. */
  async function refreshThenDiff(id: string, outs: MeetingOutputs, program: MeetingInputs) {
    const read = await meeting.read(ctx, id, outs as unknown as Record<string, unknown>);
    return { read, diff: await meeting.diff(id, read.props!, program) };
  }

  it("create: POST v1.0 onlineMeetings; outputs from Graph; refresh yields no change for times written with an offset", async () => {
    const program = inputs({ allowMeetingChat: "limited", lobbyBypassSettings: { scope: "everyone" }, attendees: [{ userId: attendee, role: "presenter" }] });
    await emu.admin.clearRequests();
    const { id, outs } = await meeting.create(ctx, program);
    expect(await graphCalls()).to.deep.equal([["POST", path(), 201]]);
    const stored = await live(id);
    expect(stored).to.include({ startDateTime: "2026-12-10T09:00:00.0000000Z", endDateTime: "2026-12-10T10:30:00.0000000Z", allowMeetingChat: "limited" });
    expect(stored!.participants.attendees.map((a: any) => [a.identity.user.id, a.role])).to.deep.equal([[attendee, "presenter"]]);
    expect(outs).to.deep.equal({
      ...program,
      id,
      joinWebUrl: stored!.joinWebUrl,
      joinMeetingId: stored!.joinMeetingIdSettings.joinMeetingId,
      chatThreadId: stored!.chatInfo.threadId,
      creationDateTime: stored!.creationDateTime,
      expiryDateTime: stored!.expiryDateTime,
    });
    expect(outs!.passcode).to.equal(undefined);

    await emu.admin.clearRequests();
    const { read, diff } = await refreshThenDiff(id, outs!, program);
    expect(read.id).to.equal(id);
    expect(read.inputs).to.deep.equal(program); // the user's own spelling survives the refresh
    expect(read.props).to.deep.equal(outs);
    expect(diff).to.deep.equal({ changes: false });
    expect(await graphCalls()).to.deep.equal([["GET", path(id), 200]]);
  });

  it("isPasscodeRequired: the passcode is an output", async () => {
    const { outs } = await meeting.create(ctx, inputs({ isPasscodeRequired: true }));
    expect(outs!.passcode).to.be.a("string").with.length.greaterThan(3);
    expect(outs!.isPasscodeRequired).to.equal(true);
  });

  it("update: a changed subject, times and attendees are one PATCH (start and end together, attendees in full); no DELETE", async () => {
    const before = inputs({ attendees: [{ userId: attendee }] });
    const { id, outs } = await meeting.create(ctx, before);
    const after = checked({ ...before, subject: "moved", startDateTime: "2026-12-11T09:00:00Z", endDateTime: "2026-12-11T10:00:00Z", attendees: [{ userId: attendee, role: "coorganizer" }, { upn: "guest@contoso.example" }] });
    expect(await meeting.diff(id, outs!, after)).to.deep.equal({ changes: true });
    await emu.admin.clearRequests();
    const updated = await meeting.update(ctx, id, outs!, after);
    expect(await graphCalls()).to.deep.equal([["PATCH", path(id), 200]]);
    const stored = await live(id);
    expect(stored).to.include({ subject: "moved", startDateTime: "2026-12-11T09:00:00.0000000Z", endDateTime: "2026-12-11T10:00:00.0000000Z" });
    expect(stored!.participants.attendees.map((a: any) => [a.identity.user.id ?? a.upn, a.role])).to.deep.equal([[attendee, "coorganizer"], ["guest@contoso.example", "attendee"]]);
    expect(updated.outs).to.include({ id, subject: "moved", expiryDateTime: stored!.expiryDateTime });
    expect((await refreshThenDiff(id, updated.outs!, after)).diff).to.deep.equal({ changes: false });
  });

  it("update: only the end moves → PATCH still carries start and end (Graph needs both)", async () => {
    const before = inputs();
    const { id, outs } = await meeting.create(ctx, before);
    const after = checked({ ...before, endDateTime: "2026-12-10T12:00:00+01:00" });
    const updated = await meeting.update(ctx, id, outs!, after);
    expect(await live(id)).to.include({ startDateTime: "2026-12-10T09:00:00.0000000Z", endDateTime: "2026-12-10T11:00:00.0000000Z" });
    expect(updated.outs!.endDateTime).to.equal("2026-12-10T12:00:00+01:00");
  });

  it("update: a setting removed from the program sends nothing", async () => {
    const before = inputs({ allowMeetingChat: "disabled" });
    const { id, outs } = await meeting.create(ctx, before);
    const after = checked({ ...before, allowMeetingChat: undefined });
    await emu.admin.clearRequests();
    const updated = await meeting.update(ctx, id, outs!, after);
    expect(await graphCalls()).to.deep.equal([]);
    const { allowMeetingChat: _removed, ...rest } = outs!;
    expect(updated.outs).to.deep.equal(rest);
  });

  it("replace (new organizer form): create the new meeting, then delete the old one", async () => {
    const program = inputs();
    const old = await meeting.create(ctx, program);
    const news = checked({ ...program, userId: emu.info.organizer.userPrincipalName });
    expect(await meeting.diff(old.id, old.outs!, news)).to.deep.equal({ changes: true, replaces: ["userId"] });
    await emu.admin.clearRequests();
    const replacement = await meeting.create(ctx, news);
    await meeting.remove(ctx, old.id, old.outs!);
    expect(await graphCalls()).to.deep.equal([
      ["POST", `/v1.0/users/${encodeURIComponent(emu.info.organizer.userPrincipalName)}/onlineMeetings`, 201],
      ["DELETE", path(old.id), 204],
    ]);
    expect(await live(old.id)).to.equal(undefined);
    expect(await live(replacement.id)).to.not.equal(undefined);
  });

  it("createOrGet with externalId: a repeated create returns the same meeting; settings createOrGet does not take follow in a PATCH", async () => {
    const program = inputs({ externalId: `ext-${n}-${Date.now()}`, allowMeetingChat: "disabled", recordAutomatically: true });
    await emu.admin.clearRequests();
    const first = await meeting.create(ctx, program);
    expect(await graphCalls()).to.deep.equal([
      ["POST", `${path()}/createOrGet`, 201],
      ["PATCH", path(first.id), 200],
    ]);
    expect(await live(first.id)).to.include({ externalId: program.externalId, allowMeetingChat: "disabled", recordAutomatically: true });

    // The retry after a lost answer: createOrGet gives the same meeting back, already as asked.
    await emu.admin.clearRequests();
    const lines: string[] = [];
    const previous = setLogSink((l) => lines.push(l));
    let second;
    try {
      second = await meeting.create(ctx, program);
    } finally {
      setLogSink(previous);
    }
    expect(second.id).to.equal(first.id);
    expect(await graphCalls()).to.deep.equal([["POST", `${path()}/createOrGet`, 200]]);
    expect(lines).to.deep.equal([`msgraph: an online meeting with externalId "${program.externalId}" already existed of user "${organizer}" ("${first.id}"): this resource now manages it.`]);
    expect((await emu.admin.state()).meetings.filter((m) => m.externalId === program.externalId)).to.have.length(1);
  });

  it("createOrGet on a meeting that exists with other values: PATCHes it to the program", async () => {
    const externalId = `ext-existing-${Date.now()}`;
    const made = await asApp(emu, "POST", `${path()}/createOrGet`, { externalId, subject: "old subject", startDateTime: "2026-12-01T08:00:00Z", endDateTime: "2026-12-01T09:00:00Z" });
    expect(made.status).to.equal(201);
    const program = inputs({ externalId });
    const previous = setLogSink(() => undefined);
    const { id } = await meeting.create(ctx, program).finally(() => setLogSink(previous));
    expect(id).to.equal(made.body.id);
    expect(await live(id)).to.include({ subject: program.subject, startDateTime: "2026-12-10T09:00:00.0000000Z", endDateTime: "2026-12-10T10:30:00.0000000Z" });
  });

  it("refresh: a meeting deleted outside Pulumi leaves the state; delete of a gone meeting succeeds", async () => {
    const { id, outs } = await meeting.create(ctx, inputs());
    expect((await asApp(emu, "DELETE", path(id))).status).to.equal(204);
    expect(await meeting.read(ctx, id, outs as unknown as Record<string, unknown>)).to.deep.equal({ id: "" });
    await emu.admin.clearRequests();
    await meeting.remove(ctx, id, outs!);
    expect(await graphCalls()).to.deep.equal([["DELETE", path(id), 404]]);
  });

  it("refresh: a change made outside Pulumi shows as drift in Graph's form; a default Graph filled in does not", async () => {
    const program = inputs({ allowMeetingChat: "enabled" });
    const { id, outs } = await meeting.create(ctx, program);
    expect((await asApp(emu, "PATCH", path(id), { subject: "renamed in Teams", allowMeetingChat: "disabled", recordAutomatically: true, startDateTime: "2026-12-10T12:00:00Z", endDateTime: "2026-12-10T13:00:00Z" })).status).to.equal(200);
    const { read, diff } = await refreshThenDiff(id, outs!, program);
    expect(read.inputs).to.deep.equal({ ...program, subject: "renamed in Teams", allowMeetingChat: "disabled", startDateTime: "2026-12-10T12:00:00.0000000Z", endDateTime: "2026-12-10T13:00:00.0000000Z" });
    expect(read.inputs).to.not.have.property("recordAutomatically"); // never set by the program: not compared
    expect(diff).to.deep.equal({ changes: true });
    // up puts it back with one PATCH
    await emu.admin.clearRequests();
    await meeting.update(ctx, id, read.props!, program);
    expect(await graphCalls()).to.deep.equal([["PATCH", path(id), 200]]);
    expect(await live(id)).to.include({ subject: program.subject, allowMeetingChat: "enabled", startDateTime: "2026-12-10T09:00:00.0000000Z" });
  });

  it("errors: an update of a meeting deleted meanwhile names it and the organizer", async () => {
    const { id, outs } = await meeting.create(ctx, inputs());
    await asApp(emu, "DELETE", path(id));
    const err = await meeting.update(ctx, id, outs!, { ...outs!, subject: "x" }).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    const lines = (err.message as string).split("\n");
    expect(lines[0]).to.equal(`Could not update the OnlineMeeting "${id}" of user "${organizer}": Microsoft Graph answered 404 Not Found (code "NotFound"): The specified meeting could not be found.`);
    expect(lines[1]).to.equal(`Graph found no online meeting "${id}" organized by user "${organizer}": it was deleted, or userId is not its organizer (a meeting is visible only under its organizer). The token is for tenant "${emu.info.tenantId}": userId must name a user of that tenant.`);
  });

  it("errors: no userId with an application token says to set userId", async () => {
    const err = await meeting.create(ctx, checked({ subject: "x", startDateTime: "2026-12-10T10:00:00Z", endDateTime: "2026-12-10T11:00:00Z" })).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    expect(err.status).to.equal(400);
    expect((err.message as string).split("\n")[1]).to.match(/^userId is not set, so the call went to \/me/);
  });
});
