// The three profiles of the registration routes: `seed` (the seed page: application permission
// OnlineMeetings.ReadWrite.All), `current` (Microsoft's current pages: application "Not supported"),
// `retired` (the API after December 12, 2024: an answer Microsoft never documented, set by config).
import { expect } from "chai";
import { delegatedToken, fetchAppToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { DEFAULT_RETIRED_ANSWER } from "../../../emulator/config";

const MEETING = { subject: "Profiles", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" };
const EXTERNAL = { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "everyone" };

describe("emulator profiles: seed, current, retired", () => {
  let emu: EmulatorProcess;
  let app: string;
  let user: string;
  emulatorSuite({ args: ["--profile", "current"] }, async (started) => {
    emu = started;
    app = await fetchAppToken(emu.info);
    user = await delegatedToken(emu);
  });
  afterEach(() => emu.admin.setConfig({ profile: "seed", retiredAnswer: DEFAULT_RETIRED_ANSWER }));

  const meetings = () => `/beta/users/${emu.info.organizer.id}/onlineMeetings`;
  const newMeeting = async () => (await graphRequest(emu.info, app, "POST", meetings(), MEETING)).body.id as string;

  it("--profile sets it, the ready line names it, and a bad name is refused", async () => {
    expect(emu.info.profile).to.equal("current");
    expect((await emu.admin.config()).profile).to.equal("current");
    let err: unknown;
    try {
      await emu.admin.setConfig({ profile: "nonsense" as never });
    } catch (e) {
      err = e;
    }
    expect(String(err)).to.include("profile must be one of seed, current, retired");
  });

  it("seed: the seed page's contract, application tokens create registrations (https://learn.microsoft.com/graph/api/externalmeetingregistration-post, 2023 version)", async () => {
    await emu.admin.setConfig({ profile: "seed" });
    const id = await newMeeting();
    const res = await graphRequest(emu.info, app, "POST", `${meetings()}/${id}/registration`, EXTERNAL);
    expect(res.status, res.text).to.equal(201);
  });

  it("current: application tokens get Graph's 403 on every registration route, delegated ones are served (https://learn.microsoft.com/graph/api/externalmeetingregistration-post)", async () => {
    await emu.admin.setConfig({ profile: "current" });
    const id = await newMeeting(); // onlineMeetings still take application tokens
    for (const [method, p, body] of [
      ["POST", `${meetings()}/${id}/registration`, EXTERNAL],
      ["GET", `${meetings()}/${id}/registration`, undefined],
      ["GET", `${meetings()}/${id}/registration/registrants`, undefined],
      ["DELETE", `${meetings()}/${id}/registration/registrants/x`, undefined],
    ] as const) {
      const res = await graphRequest(emu.info, app, method, p, body);
      expect(res.status, `${method} ${p}`).to.equal(403);
      expect(res.body.error).to.include({ code: "Forbidden", message: "Insufficient privileges to complete the operation." });
    }
    const own = await graphRequest(emu.info, user, "POST", "/beta/me/onlineMeetings", MEETING);
    const reg = await graphRequest(emu.info, user, "POST", `/beta/me/onlineMeetings/${own.body.id}/registration`, EXTERNAL);
    expect(reg.status, reg.text).to.equal(201);
  });

  it("retired: registration and registrant routes answer 404 in Graph's envelope naming the retirement; meetings still work", async () => {
    await emu.admin.setConfig({ profile: "seed" });
    const id = await newMeeting();
    expect((await graphRequest(emu.info, app, "POST", `${meetings()}/${id}/registration`, EXTERNAL)).status).to.equal(201);
    await emu.admin.setConfig({ profile: "retired" });
    for (const [method, p, token] of [
      ["GET", `${meetings()}/${id}/registration`, app],
      ["POST", `${meetings()}/${id}/registration/registrants`, app],
      ["DELETE", `${meetings()}/${id}/registration`, app],
      ["GET", `/beta/me/onlineMeetings/${id}/registration`, user],
    ] as const) {
      const res = await graphRequest(emu.info, token, method, p, method === "POST" ? { "@odata.type": "#microsoft.graph.externalMeetingRegistrant", id: "r1" } : undefined);
      expect(res.status, `${method} ${p}`).to.equal(404);
      expect(res.body.error.code).to.equal("NotFound");
      expect(res.body.error.message).to.include("retired on December 12, 2024");
      expect(res.body.error.innerError["request-id"]).to.match(/^[0-9a-f-]{36}$/);
    }
    // Nothing was deleted by the DELETE above; meetings are untouched.
    expect((await emu.admin.state()).registrations.some((r) => r.meetingId === id)).to.equal(true);
    expect((await graphRequest(emu.info, app, "GET", `${meetings()}/${id}`)).status).to.equal(200);
  });

  it("retired: the status, code and message are a config switch", async () => {
    await emu.admin.setConfig({ profile: "retired", retiredAnswer: { status: 410, code: "Gone", message: "This API is retired." } });
    const id = await newMeeting();
    const res = await graphRequest(emu.info, app, "GET", `${meetings()}/${id}/registration`);
    expect(res.status).to.equal(410);
    expect(res.body.error).to.include({ code: "Gone", message: "This API is retired." });
  });
});
