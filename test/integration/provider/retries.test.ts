// Retries, reconciliation and sharing, against the real emulator's fault rules and counters: the
// provider's lifecycle calls in process, with clients built as `configure` builds them (test/reliability/ drives whole stacks
// through the Pulumi CLI instead).
import { expect } from "chai";
import * as registration from "../../../provider/resources/externalMeetingRegistration/lifecycle";
import * as meeting from "../../../provider/resources/onlineMeeting/lifecycle";
import { setLogSink } from "../../../provider/graph/log";
import type { ProviderContext } from "../../../provider/runtime";
import { startEmulator, type EmulatorProcess } from "../../support/emulator";
import { asApp, newMeeting, registrationPath } from "../../support/meetingFixtures";
import { contextFor, testRetry } from "../../support/providerContext";

describe("integration: provider retries, reconciliation and sharing", function () {
  this.timeout(60_000);
  let emu: EmulatorProcess;
  let organizer: string;
  const contexts: ProviderContext[] = [];
  const context = (retry = testRetry) => {
    const c = contextFor(emu, {}, retry);
    contexts.push(c);
    return c;
  };
  const inputs = (meetingId: string) => ({ meetingId, userId: organizer, allowedRegistrant: "everyone" as const });
  const graphRequests = async () => (await emu.admin.graphRequests());
  const registrations = async (meetingId: string) => (await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId);

  before(async () => {
    emu = await startEmulator();
    organizer = emu.info.organizer.id;
  });
  after(async () => {
    for (const c of contexts) await c.client.close();
    await emu?.stop();
  });
  afterEach(() => emu.admin.clearFaults());

  it("GET under 503 + Retry-After: waits as told, same client-request-id, then succeeds", async () => {
    const ctx = context();
    const meetingId = await newMeeting(emu);
    const created = await registration.create(ctx, inputs(meetingId));
    await emu.admin.addFault({ match: { method: "GET", path: "/registration$" }, action: "status", status: 503, retryAfter: 1, count: 2 });
    await emu.admin.clearRequests();
    const started = Date.now();
    const read = await registration.read(ctx, created.id, created.outs!);
    expect(Date.now() - started).to.be.at.least(1_900);
    expect(read.id).to.equal(created.id);
    const seen = await graphRequests();
    expect(seen.map((r) => r.status)).to.deep.equal([503, 503, 200]);
    expect(new Set(seen.map((r) => r.clientRequestId)).size).to.equal(1);
  });

  it("POST under 429 + fractional Retry-After: retried, one registration", async () => {
    const ctx = context();
    const meetingId = await newMeeting(emu);
    await emu.admin.addFault({ match: { method: "POST", path: "/registration$" }, action: "status", status: 429, retryAfter: "0.5", count: 2 });
    await emu.admin.clearRequests();
    const started = Date.now();
    const created = await registration.create(ctx, inputs(meetingId));
    expect(Date.now() - started).to.be.at.least(950);
    expect((await graphRequests()).map((r) => [r.method, r.status])).to.deep.equal([["POST", 429], ["POST", 429], ["POST", 201]]);
    expect((await registrations(meetingId)).map((r) => r.resource.id)).to.deep.equal([created.id]);
  });

  it("the emulator's write throttle (429 with Retry-After) is ridden out", async () => {
    const ctx = context();
    const meetings = [await newMeeting(emu), await newMeeting(emu), await newMeeting(emu)];
    await emu.admin.throttle(2);
    try {
      const created = await Promise.all(meetings.map((m) => registration.create(ctx, inputs(m))));
      expect(new Set(created.map((c) => c.id)).size).to.equal(3);
      for (const m of meetings) expect(await registrations(m)).to.have.length(1);
    } finally {
      await emu.admin.throttle(0);
    }
  });

  it("POST answered 429 for good: retried past maxAttempts until the deadline leaves no room to wait, then a 429 error saying what to do", async () => {
    const ctx = context({ ...testRetry, maxAttempts: 3, deadlineMs: 3_000 });
    const meetingId = await newMeeting(emu);
    await emu.admin.addFault({ match: { method: "POST", path: "/registration$" }, action: "status", status: 429, retryAfter: 0.2, count: 100 });
    const err = await registration.create(ctx, inputs(meetingId)).catch((e) => e);
    expect(err.status).to.equal(429);
    // Waits of 0.2-0.45 s in a 3 s deadline: well over maxAttempts sends, then no more.
    expect(err.attempts).to.be.greaterThan(3);
    expect(err.message).to.include(`Microsoft Graph kept throttling this app after ${err.attempts} attempts (last Retry-After: 0.2s).`);
    expect((await registrations(meetingId))).to.deep.equal([]);
  });

  it("POST applied, then the connection dropped: reconciled by reading, exactly one registration, no second POST", async () => {
    const ctx = context();
    const meetingId = await newMeeting(emu);
    await emu.admin.addFault({ match: { method: "POST", path: "/registration$" }, action: "drop-after-commit", count: 1 });
    await emu.admin.clearRequests();
    const created = await registration.create(ctx, inputs(meetingId));
    const seen = await graphRequests();
    expect(seen.map((r) => [r.method, r.status, r.outcome])).to.deep.equal([["POST", 0, "dropped"], ["GET", 200, "responded"]]);
    const stored = await registrations(meetingId);
    expect(stored.map((r) => r.resource.id)).to.deep.equal([created.id]);
    expect(created.outs).to.include({ id: created.id, allowedRegistrant: "everyone" });
  });

  // A POST whose answer says nothing about whether it was applied: the create reads first, finds
  // nothing, and posts again. [title, fault, status the first POST shows in the log]
  const reconciledThenPostedAgain: [string, { action: "reset" } | { action: "status"; status: number }, number][] = [
    ["POST reset before it was applied: the read finds nothing, the POST is sent again, one registration", { action: "reset" }, 0],
    ["POST answered 504 (maybe applied): reconciled the same way", { action: "status", status: 504 }, 504],
    ["the transient 409 Graph gives right after a meeting is created (no registration there): read, then posted again", { action: "status", status: 409 }, 409],
  ];
  for (const [title, fault, firstStatus] of reconciledThenPostedAgain) {
    it(title, async () => {
      const ctx = context();
      const meetingId = await newMeeting(emu);
      await emu.admin.addFault({ match: { method: "POST", path: "/registration$" }, ...fault, count: 1 });
      await emu.admin.clearRequests();
      const created = await registration.create(ctx, inputs(meetingId));
      expect((await graphRequests()).map((r) => [r.method, r.status])).to.deep.equal([["POST", firstStatus], ["GET", 404], ["POST", 201]]);
      expect((await registrations(meetingId)).map((r) => r.resource.id)).to.deep.equal([created.id]);
    });
  }

  it("a lost POST answer, and the meeting holds a different registration than asked: reported with the adoptId fix, not adopted", async () => {
    const ctx = context();
    const meetingId = await newMeeting(emu);
    const theirs = await asApp(emu, "POST", registrationPath(emu, meetingId), { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "organization" });
    await emu.admin.addFault({ match: { method: "POST", path: "/registration$" }, action: "reset", count: 1 });
    const err = await registration.create(ctx, inputs(meetingId)).catch((e) => e);
    expect(err).to.include({ status: 0, ambiguous: true });
    expect(err.message).to.include(`The meeting already has an external registration (id "${theirs.body.id}", allowedRegistrant "organization")`);
    expect(err.message).to.include(`adopt it: add adoptId: "${theirs.body.id}" and allowedRegistrant: "organization" to this resource's inputs`);
    expect((await registrations(meetingId)).map((r) => r.resource.id)).to.deep.equal([theirs.body.id]);
  });

  it("GET reset mid-flight is retried transparently", async () => {
    const ctx = context();
    const meetingId = await newMeeting(emu);
    const created = await registration.create(ctx, inputs(meetingId));
    await emu.admin.addFault({ match: { method: "GET", path: "/registration$" }, action: "reset", count: 1 });
    expect((await registration.read(ctx, created.id, created.outs!)).id).to.equal(created.id);
  });

  it("a long Retry-After wait is announced to the user; the debug log shows each attempt, no secrets", async () => {
    const ctx = context({ ...testRetry, noticeAfterMs: 500 });
    const meetingId = await newMeeting(emu);
    const created = await registration.create(ctx, inputs(meetingId));
    await emu.admin.addFault({ match: { method: "GET", path: "/registration$" }, action: "status", status: 429, retryAfter: 1, count: 1 });
    const lines: string[] = [];
    const previous = setLogSink((l) => lines.push(l));
    process.env.MSGRAPH_LOG_LEVEL = "debug";
    try {
      await registration.read(ctx, created.id, created.outs!);
    } finally {
      delete process.env.MSGRAPH_LOG_LEVEL;
      setLogSink(previous);
    }
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^msgraph debug: GET \/beta\/users\/\{userId\}\/onlineMeetings\/\{meetingId\}\/registration 429 request-id=[0-9a-f-]{36} client-request-id=[0-9a-f-]{36} attempt=1 duration=\d+ms$/);
    expect(lines[1]).to.match(/^msgraph: Microsoft Graph asked us to wait 1s \(HTTP 429\); waiting 1(\.\d)?s before retrying to read the ExternalMeetingRegistration for meeting "(.+)" of user "(.+)" \(attempt 2; the request gives up in (\d+m )?\d+(\.\d)?s\)\.$/);
    expect(lines[1]).to.include(`for meeting "${meetingId}" of user "${organizer}"`);
    expect(lines[2]).to.match(/ 200 request-id=.* attempt=2 duration=\d+ms$/);
    expect(lines.join("\n")).to.not.include(emu.info.app.clientSecret);
  });

  it("30 parallel writes under the emulator's write budget (5/s, fractional Retry-After): every 429 is retried until it lands, past 6 sends, with jitter", async () => {
    const ctx = context();
    await emu.admin.setConfig({ retryAfterFormat: "fractional" });
    await emu.admin.throttle(5);
    await emu.admin.clearRequests();
    const start = new Date(Date.now() + 86_400_000);
    const program = (i: number) => ({ userId: organizer, subject: `throttled ${i}`, startDateTime: start.toISOString(), endDateTime: new Date(start.getTime() + 3_600_000).toISOString() });
    let created;
    try {
      created = await Promise.all(Array.from({ length: 30 }, (_, i) => meeting.create(ctx, program(i))));
    } finally {
      await emu.admin.throttle(0);
      await emu.admin.setConfig({ retryAfterFormat: "integer" });
    }
    expect(new Set(created.map((c) => c.id)).size).to.equal(30);
    const sends = new Map<string, number[]>();
    for (const r of await graphRequests()) if (r.method === "POST") sends.set(r.clientRequestId!, [...(sends.get(r.clientRequestId!) ?? []), r.status]);
    expect(sends.size).to.equal(30);
    for (const statuses of sends.values()) expect(statuses.slice(0, -1).every((s) => s === 429) && statuses[statuses.length - 1] === 201, String(statuses)).to.equal(true);
    // 25 writes wait for 5 s of budget, each retry after at most 0.2 s + 0.25 s of jitter: the last needs more than 6 sends.
    expect(Math.max(...[...sends.values()].map((s) => s.length))).to.be.greaterThan(6);
  });

  it("token endpoint 503s (5 in a row: more than the SDK's default 3 retries) are ridden out by @azure/identity; a lasting outage is a CredentialError that says so", async () => {
    const meetingId = await newMeeting(emu); // before the fault: the fixture helper fetches its own token
    await emu.admin.addFault({ match: { method: "POST", path: "/oauth2/v2.0/token$" }, action: "status", status: 503, retryAfter: 0, count: 5 });
    const ctx = context();
    const created = await registration.create(ctx, inputs(meetingId));
    expect((await registrations(meetingId)).map((r) => r.resource.id)).to.deep.equal([created.id]);

    await emu.admin.addFault({ match: { method: "POST", path: "/oauth2/v2.0/token$" }, action: "status", status: 503, retryAfter: 0, count: 100 });
    const down = context();
    const err = await registration.read(down, created.id, created.outs!).catch((e) => e);
    expect(err.name).to.equal("CredentialError");
    if (process.env.SHOW_MESSAGES) console.log(err.message);
    expect(err.message).to.match(/^Could not get a Microsoft Graph access token \(scope https:\/\/graph\.microsoft\.com\/\.default\) with a client secret \(from msgraph:clientSecret\) at https:\/\/127\.0\.0\.1:\d+: temporarily_unavailable: AADSTS90033: .*\nThe identity platform could not be reached or was unavailable: /);
    expect(err.message).to.not.include(emu.info.app.clientSecret);
  });

  it("one token request and a handful of connections for many operations, concurrent ones included", async () => {
    const meetings = await Promise.all([1, 2, 3, 4, 5, 6].map(() => newMeeting(emu)));
    await emu.admin.resetStats();
    const ctx = context();
    const created = await Promise.all(meetings.slice(0, 3).map((m) => registration.create(ctx, inputs(m))));
    for (const m of meetings.slice(3)) created.push(await registration.create(ctx, inputs(m)));
    for (const c of created) await registration.read(ctx, c.id, c.outs!);
    for (const c of created) await registration.remove(ctx, c.id, c.outs!);
    const stats = await emu.admin.stats();
    expect(stats.tokenRequests).to.equal(1);
    // 6 creates + 6 reads + 12 deletes (check + DELETE) = 24 Graph requests, plus 2 identity calls
    // (discovery + token), over one pool: at most a socket per concurrent request.
    expect(stats.requests).to.equal(26);
    expect(stats.connections).to.be.at.most(4);
  });
});
