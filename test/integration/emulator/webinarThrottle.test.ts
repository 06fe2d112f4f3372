// Microsoft's documented limit for virtual events (15 writes and 750 reads per app per 30 s) as the
// emulator's switch: off by default, on from the config file (as a dry-run or benchmark starts it)
// or PUT /_emulator/config; 429 + Retry-After in Graph's envelope, per app, writes and reads apart.
import { expect } from "chai";
import { fetchAppToken } from "../../support/tokens";
import { graphRequest, type GraphResponse } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { expectStatus, newWebinar, person, tokens, webinarPath, type Tokens } from "../../support/webinarFixtures";

describe("emulator: virtual-event throttling switch", function () {
  let emu: EmulatorProcess;
  let t: Tokens;
  let webinarId: string;
  let n = 0;

  emulatorSuite({ config: { virtualEventsThrottle: true } }, async (started) => {
    emu = started;
    t = await tokens(emu);
    webinarId = await newWebinar(emu, t.organizer); // the public client's budget: 1 write + 1 action
  });

  const register = () => graphRequest(emu.info, t.app, "POST", webinarPath(webinarId, "/registrations"), person(`p${++n}@example.com`));
  /** Turns the switch off and on: every app starts with an empty window. */
  const restartWindows = async (patch: Record<string, unknown> = {}) => {
    await emu.admin.setConfig({ virtualEventsThrottle: false });
    await emu.admin.setConfig({ virtualEventsThrottle: true, ...patch });
  };

  function expectThrottled(res: GraphResponse): void {
    expectStatus(res, 429);
    expect(res.body.error.code).to.equal("TooManyRequests");
    expect(res.body.error.innerError["request-id"]).to.equal(res.headers["request-id"]);
    expect(res.headers["retry-after"]).to.match(/^\d+$/);
    expect(Number(res.headers["retry-after"])).to.be.within(1, 30);
  }

  it("on from the config file: the 16th write of an app in 30 s is 429 and not applied; other apps keep their budget", async () => {
    for (let i = 0; i < 15; i++) expectStatus(await register(), 204);
    expectThrottled(await register());
    const state = await emu.admin.state();
    expect(state.webinarRegistrations.filter((r) => r.webinarId === webinarId)).to.have.length(15);
    // The organizer's public client has used 2 of its 15.
    expectStatus(await graphRequest(emu.info, t.organizer, "PATCH", webinarPath(webinarId), { displayName: "still allowed" }), 200);
    const other = await emu.admin.addApp({ roles: ["VirtualEventRegistration-Anon.ReadWrite.All"] });
    await emu.admin.addPolicy({ appId: other.clientId, userIds: [emu.info.organizer.id] });
    const otherToken = await fetchAppToken(emu.info, { clientId: other.clientId, clientSecret: other.secrets[0] });
    expectStatus(await graphRequest(emu.info, otherToken, "POST", webinarPath(webinarId, "/registrations"), person("other@example.com")), 204);
    expectStatus(await graphRequest(emu.info, t.app, "GET", webinarPath(webinarId)), 200); // reads are counted apart
  });

  it("reads: 750 GETs per app in 30 s, then 429", async () => {
    await restartWindows();
    const statuses: number[] = [];
    for (let batch = 0; batch < 75; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => graphRequest(emu.info, t.app, "GET", webinarPath(webinarId, "/registrationConfiguration"))));
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.filter((s) => s !== 200)).to.deep.equal([]);
    expectThrottled(await graphRequest(emu.info, t.app, "GET", webinarPath(webinarId)));
    expectStatus(await register(), 204); // writes are counted apart
  });

  it("actions count as writes unless virtualEventsActionsAreWrites is false", async () => {
    await restartWindows();
    const action = () => graphRequest(emu.info, t.organizer, "POST", webinarPath(webinarId, "/setExternalEventInformation"), { externalEventId: "e" });
    for (let i = 0; i < 15; i++) expectStatus(await action(), 204);
    expectThrottled(await action());
    await restartWindows({ virtualEventsActionsAreWrites: false });
    for (let i = 0; i < 20; i++) expectStatus(await action(), 204);
    await emu.admin.setConfig({ virtualEventsActionsAreWrites: true });
  });

  it("Retry-After follows retryAfterFormat; the limits are configurable; off, nothing is throttled", async () => {
    await restartWindows({ virtualEventsWritesPer30s: 1, retryAfterFormat: "fractional" });
    expectStatus(await register(), 204);
    const res = await register();
    expectStatus(res, 429);
    expect(res.headers["retry-after"]).to.match(/^\d+(\.\d+)?$/);
    await emu.admin.setConfig({ virtualEventsThrottle: false, virtualEventsWritesPer30s: 15, retryAfterFormat: "integer" });
    for (let i = 0; i < 20; i++) expectStatus(await register(), 204);
  });
});
