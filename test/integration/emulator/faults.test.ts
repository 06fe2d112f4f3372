// Fault rules and the write budget: what a client sees, what the emulator committed, and that the
// same seed gives the same outcomes.
import { expect } from "chai";
import { ClientSecretCredential } from "@azure/identity";
import { request } from "undici";
import { agentFor, graphRequest } from "../../support/graphRequest";
import { appToken } from "../../support/tokens";
import { startEmulator, type EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { rejection } from "../../support/identityPlatform";

const MEETING = { subject: "faults", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" };

describe("emulator: faults and throttling", function () {
  let emu: EmulatorProcess;
  let token: string;
  let meetings: string;

  emulatorSuite({ config: { seed: 42 } }, async (started) => {
    emu = started;
    token = await appToken(emu.info);
    meetings = `/beta/users/${emu.info.organizer.id}/onlineMeetings`;
  });
  afterEach(async () => {
    await emu.admin.clearFaults();
    await emu.admin.throttle(0);
  });

  it("status: the next N matching requests get the status (503 with Retry-After), then normal service", async () => {
    const id = await emu.admin.addFault({ match: { method: "POST", path: "/onlineMeetings$" }, action: "status", status: 503, retryAfter: 2, count: 2 });
    expect(id).to.be.a("string");
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await graphRequest(emu.info, token, "POST", meetings, MEETING);
      statuses.push(res.status);
      if (res.status === 503) {
        expect(res.headers["retry-after"]).to.equal("2");
        expect(res.body.error.code).to.equal("ServiceUnavailable");
        expect(res.body.error.innerError["request-id"]).to.equal(res.headers["request-id"]);
      }
    }
    expect(statuses).to.deep.equal([503, 503, 201]);
    // a GET does not match the POST rule
    expect((await emu.admin.faults()).length).to.equal(0);
  });

  it("status without Retry-After (504)", async () => {
    await emu.admin.addFault({ match: { path: "/onlineMeetings" }, action: "status", status: 504, count: 1 });
    const res = await graphRequest(emu.info, token, "POST", meetings, MEETING);
    expect(res.status).to.equal(504);
    expect(res.headers["retry-after"]).to.equal(undefined);
    expect(res.body.error.code).to.equal("GatewayTimeout");
  });

  it("status with a custom code and message (e.g. the webinar 403)", async () => {
    await emu.admin.addFault({ match: { method: "POST" }, action: "status", status: 403, code: "Forbidden", message: "Webinar meetings cannot have an external registration.", count: 1 });
    const res = await graphRequest(emu.info, token, "POST", meetings, MEETING);
    expect(res.status).to.equal(403);
    expect(res.body.error).to.include({ code: "Forbidden", message: "Webinar meetings cannot have an external registration." });
  });

  it("reset: the connection is cut before handling, nothing is written, the log records it", async () => {
    const before = (await emu.admin.state()).meetings.length;
    await emu.admin.clearRequests();
    await emu.admin.addFault({ match: { method: "POST", path: "/onlineMeetings$" }, action: "reset", count: 1 });
    const err = await rejection(graphRequest(emu.info, token, "POST", meetings, MEETING));
    expect(err, "the request must fail").to.be.instanceOf(Error);
    expect((await emu.admin.state()).meetings.length).to.equal(before);
    const log = await emu.admin.requests();
    expect(log).to.have.length(1);
    expect(log[0]).to.include({ method: "POST", path: meetings, status: 0, outcome: "reset" });
  });

  it("drop-after-commit: the write is committed but the client gets no response", async () => {
    const before = (await emu.admin.state()).meetings.length;
    await emu.admin.clearRequests();
    await emu.admin.addFault({ match: { method: "POST", path: "/onlineMeetings$" }, action: "drop-after-commit", count: 1 });
    const err = await rejection(graphRequest(emu.info, token, "POST", meetings, MEETING));
    expect(err).to.be.instanceOf(Error);
    const state = await emu.admin.state();
    expect(state.meetings.length).to.equal(before + 1);
    const log = await emu.admin.requests();
    expect(log[0]).to.include({ method: "POST", path: meetings, status: 0, outcome: "dropped" });
  });

  it("delay: adds latency, then the request is served", async () => {
    await emu.admin.addFault({ match: { method: "GET" }, action: "delay", delayMs: 300, count: 1 });
    const started = Date.now();
    const res = await graphRequest(emu.info, token, "GET", `${meetings}?$filter=${encodeURIComponent("JoinWebUrl eq 'x'")}`);
    expect(res.status).to.equal(200);
    expect(Date.now() - started).to.be.at.least(290);
  });

  it("token-endpoint outage: a 503 rule on /oauth2/v2.0/token fails @azure/identity, then it recovers", async () => {
    await emu.admin.addFault({ match: { path: "/oauth2/v2\\.0/token$" }, action: "status", status: 503, count: 10 });
    await emu.admin.resetStats();
    const credential = () =>
      new ClientSecretCredential(emu.info.tenantId, emu.info.app.clientId, emu.info.app.clientSecret, {
        authorityHost: emu.info.authorityHost,
        disableInstanceDiscovery: true,
        retryOptions: { maxRetries: 0 },
      });
    const failed = await rejection(credential().getToken("https://graph.microsoft.com/.default"));
    expect(failed).to.be.instanceOf(Error);
    const log = await emu.admin.requests();
    const tokenCalls = log.filter((r) => r.path.endsWith("/oauth2/v2.0/token"));
    expect(tokenCalls.at(-1)).to.include({ status: 503 });
    expect((await emu.admin.stats()).tokenRequests).to.equal(tokenCalls.filter((r) => r.status === 503).length).and.be.at.least(1);
    await emu.admin.clearFaults();
    const ok = await credential().getToken("https://graph.microsoft.com/.default");
    expect(ok.token).to.be.a("string");
  });

  it("an identity response can be dropped after commit, and reset rules apply to identity routes too", async () => {
    await emu.admin.addFault({ match: { path: "/oauth2/v2\\.0/token$" }, action: "reset", count: 1 });
    const form = `grant_type=client_credentials&client_id=${emu.info.app.clientId}&client_secret=${encodeURIComponent(emu.info.app.clientSecret)}&scope=${encodeURIComponent("https://graph.microsoft.com/.default")}`;
    const post = () =>
      request(`${emu.info.authorityHost}/${emu.info.tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        dispatcher: agentFor(emu.info.caFile),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form,
      }).then(async (r) => (await r.body.text(), r.statusCode));
    expect(await post().catch((e: Error) => e)).to.be.instanceOf(Error);
    await emu.admin.addFault({ match: { path: "/oauth2/v2\\.0/token$" }, action: "drop-after-commit", count: 1 });
    expect(await post().catch((e: Error) => e)).to.be.instanceOf(Error);
    expect(await post()).to.equal(200);
    const outcomes = (await emu.admin.requests()).filter((r) => r.path.endsWith("/token")).slice(-3).map((r) => r.outcome);
    expect(outcomes).to.deep.equal(["reset", "dropped", "responded"]);
  });

  it("probability rules are deterministic under the seed: same seed, same outcomes", async () => {
    const run = async (e: EmulatorProcess, t: string) => {
      await e.admin.addFault({ match: { method: "GET" }, action: "status", status: 503, probability: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < 16; i++) {
        out.push((await graphRequest(e.info, t, "GET", `/beta/users/${e.info.organizer.id}/onlineMeetings?$filter=${encodeURIComponent("JoinWebUrl eq 'x'")}`)).status);
      }
      await e.admin.clearFaults();
      return out;
    };
    const first = await run(emu, token);
    expect(first).to.include(503).and.to.include(200);
    const second = await run(emu, token); // DELETE /faults restarted the PRNG from the seed
    expect(second).to.deep.equal(first);
    const twin = await startEmulator({ config: { seed: 42 } });
    try {
      expect(await run(twin, await appToken(twin.info))).to.deep.equal(first);
    } finally {
      await twin.stop();
    }
    await emu.admin.setConfig({ seed: 7 });
    const other = await run(emu, token);
    expect(other).to.not.deep.equal(first);
    await emu.admin.setConfig({ seed: 42 });
  });

  it("throttle: writes beyond the per-app budget get 429 with an integer Retry-After; reads are not throttled", async () => {
    await emu.admin.throttle(1);
    const a = await graphRequest(emu.info, token, "POST", meetings, MEETING);
    const b = await graphRequest(emu.info, token, "POST", meetings, MEETING);
    expect(a.status).to.equal(201);
    expect(b.status).to.equal(429);
    expect(b.body.error.code).to.equal("TooManyRequests");
    expect(b.headers["retry-after"]).to.equal("1");
    const read = await graphRequest(emu.info, token, "GET", `${meetings}/${a.body.id}`);
    expect(read.status).to.equal(200);
    await new Promise((r) => setTimeout(r, 1050));
    expect((await graphRequest(emu.info, token, "POST", meetings, MEETING)).status).to.equal(201);
  });

  it("throttle: fractional Retry-After by config, and the budget is per app", async () => {
    await emu.admin.setConfig({ retryAfterFormat: "fractional" });
    try {
      await emu.admin.throttle(4);
      const statuses: number[] = [];
      let retryAfter: string | undefined;
      for (let i = 0; i < 6; i++) {
        const res = await graphRequest(emu.info, token, "POST", meetings, MEETING);
        statuses.push(res.status);
        if (res.status === 429) retryAfter ??= res.headers["retry-after"] as string;
      }
      expect(statuses.slice(0, 4)).to.deep.equal([201, 201, 201, 201]);
      expect(statuses).to.include(429);
      const seconds = Number(retryAfter);
      expect(seconds).to.be.greaterThan(0).and.at.most(0.25);
      expect(retryAfter).to.match(/^0\.\d+$/);
      const app = await emu.admin.addApp({ displayName: "second app" });
      await emu.admin.addPolicy({ appId: app.clientId, userIds: [emu.info.organizer.id] });
      const t2 = await appToken(emu.info, { clientId: app.clientId, clientSecret: app.secrets[0] });
      expect((await graphRequest(emu.info, t2, "POST", meetings, MEETING)).status).to.equal(201);
    } finally {
      await emu.admin.setConfig({ retryAfterFormat: "integer" });
    }
  });

  it("rejects malformed rules with 400", async () => {
    for (const rule of [{ action: "explode" }, { action: "status", status: 1000 }, { action: "status", match: { path: "(" } }, { action: "delay", probability: 2 }]) {
      const err = await emu.admin.addFault(rule as never).catch((e) => e);
      expect(err.status, JSON.stringify(rule)).to.equal(400);
    }
  });
});
