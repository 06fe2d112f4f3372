// Contract tests of the onlineMeeting routes against the real emulator process, with real tokens.
import { expect } from "chai";
import { appToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";

const SEVEN_DIGITS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}Z$/;

describe("emulator: onlineMeetings", function () {
  let emu: EmulatorProcess;
  let token: string;
  let u: string; // /beta/users/{organizer}

  emulatorSuite({}, async (started) => {
    emu = started;
    token = await appToken(emu.info);
    u = `/beta/users/${emu.info.organizer.id}`;
  });

  const create = (body: unknown = { subject: "Quarterly review", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" }) =>
    graphRequest(emu.info, token, "POST", `${u}/onlineMeetings`, body);

  it("POST creates a meeting: 201, Graph-shaped id, defaults, 7-digit UTC timestamps", async () => {
    const res = await create();
    expect(res.status).to.equal(201);
    const m = res.body;
    expect(m["@odata.context"]).to.equal(`${emu.info.graphEndpoint}/beta/$metadata#users('${emu.info.organizer.id}')/onlineMeetings/$entity`);
    const decoded = Buffer.from(m.id, "base64").toString("utf8");
    expect(decoded).to.match(new RegExp(`^1\\*${emu.info.organizer.id}\\*0\\*\\*19:meeting_[A-Za-z0-9]+@thread\\.v2$`));
    expect(m.id).to.not.match(/[=/+]/);
    expect(m.chatInfo.threadId).to.equal(decoded.split("**")[1]);
    expect(m.startDateTime).to.equal("2030-01-01T10:00:00.0000000Z");
    expect(m.endDateTime).to.equal("2030-01-01T11:00:00.0000000Z");
    expect(m.creationDateTime).to.match(SEVEN_DIGITS);
    expect(m.expiryDateTime).to.equal("2030-03-02T11:00:00.0000000Z"); // 60 days after the end
    expect(m.subject).to.equal("Quarterly review");
    expect(m.lobbyBypassSettings).to.deep.equal({ scope: "organization", isDialInBypassEnabled: false });
    expect(m.allowedPresenters).to.equal("everyone");
    expect(m.allowMeetingChat).to.equal("enabled");
    expect(m.joinMeetingIdSettings.isPasscodeRequired).to.equal(false);
    expect(m.joinMeetingIdSettings.joinMeetingId).to.match(/^\d{13}$/);
    expect(m.participants.organizer.identity.user.id).to.equal(emu.info.organizer.id);
    expect(m.participants.organizer.upn).to.equal(emu.info.organizer.userPrincipalName);
    expect(m.participants.attendees).to.deep.equal([]);
    const lowerEscapes = (s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
    expect(m.joinWebUrl).to.equal(
      `https://teams.microsoft.com/l/meetup-join/${lowerEscapes(m.chatInfo.threadId)}/0?context=` +
        lowerEscapes(JSON.stringify({ Tid: emu.info.tenantId, Oid: emu.info.organizer.id })),
    );
    expect(m.joinWebUrl).to.contain("19%3ameeting_");
    expect(res.headers["content-type"]).to.match(/^application\/json/);
    expect(res.headers["request-id"]).to.match(/^[0-9a-f-]{36}$/);
  });

  it("POST keeps the given settings and attendees and rejects bad enum values", async () => {
    const res = await create({
      subject: "s",
      lobbyBypassSettings: { scope: "everyone", isDialInBypassEnabled: true },
      allowedPresenters: "organizer",
      allowMeetingChat: "limited",
      recordAutomatically: true,
      joinMeetingIdSettings: { isPasscodeRequired: true },
      participants: { attendees: [{ upn: "a@contoso.example", role: "presenter", identity: { user: { id: "11111111-1111-1111-1111-111111111111" } } }] },
    });
    expect(res.status).to.equal(201);
    expect(res.body.lobbyBypassSettings).to.deep.equal({ scope: "everyone", isDialInBypassEnabled: true });
    expect(res.body.allowedPresenters).to.equal("organizer");
    expect(res.body.allowMeetingChat).to.equal("limited");
    expect(res.body.recordAutomatically).to.equal(true);
    expect(res.body.joinMeetingIdSettings.passcode).to.match(/^\w{6}$/);
    expect(res.body.participants.attendees).to.have.length(1);
    expect(res.body.participants.attendees[0].role).to.equal("presenter");

    const bad = await create({ allowedPresenters: "nobody" });
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal("BadRequest");
    expect(bad.body.error.message).to.contain("'nobody'");
    const badScope = await create({ lobbyBypassSettings: { scope: "world" } });
    expect(badScope.status).to.equal(400);
    const unknown = await create({ subjekt: "typo" });
    expect(unknown.status).to.equal(400);
    expect(unknown.body.error.message).to.equal(
      "The property 'subjekt' does not exist on type 'microsoft.graph.onlineMeeting'. Make sure to only use property names that are defined by the type.",
    );
    const badDate = await create({ startDateTime: "tomorrow", endDateTime: "2030-01-01T00:00:00Z" });
    expect(badDate.status).to.equal(400);
    const notJson = await graphRequest(emu.info, token, "POST", `${u}/onlineMeetings`, "{not json");
    expect(notJson.status).to.equal(400);
    expect(notJson.body.error.message).to.match(/^Unable to read JSON request payload/);
  });

  it("keeps 100 ns precision and converts offsets to UTC", async () => {
    const res = await create({ startDateTime: "2030-01-01T12:00:00.1234567+02:00", endDateTime: "2030-01-01T11:30:00.5Z" });
    expect(res.status).to.equal(201);
    expect(res.body.startDateTime).to.equal("2030-01-01T10:00:00.1234567Z");
    expect(res.body.endDateTime).to.equal("2030-01-01T11:30:00.5000000Z");
    const backwards = await create({ startDateTime: "2030-01-01T12:00:00Z", endDateTime: "2030-01-01T11:00:00Z" });
    expect(backwards.status).to.equal(400);
    const impossible = await create({ startDateTime: "2030-02-30T10:00:00Z", endDateTime: "2030-03-01T11:00:00Z" });
    expect(impossible.status).to.equal(400);
    expect(impossible.body.error.message).to.contain("2030-02-30T10:00:00Z");
  });

  it("GET returns the meeting; under /v1.0 and by UPN too", async () => {
    const m = (await create()).body;
    const get = await graphRequest(emu.info, token, "GET", `${u}/onlineMeetings/${m.id}`);
    expect(get.status).to.equal(200);
    const { "@odata.context": _c, ...rest } = m;
    expect(get.body).to.deep.include(rest);
    const v1 = await graphRequest(emu.info, token, "GET", `/v1.0/users/${emu.info.organizer.id}/onlineMeetings/${m.id}`);
    expect(v1.status).to.equal(200);
    expect(v1.body["@odata.context"]).to.equal(`${emu.info.graphEndpoint}/v1.0/$metadata#users('${emu.info.organizer.id}')/onlineMeetings/$entity`);
    expect(v1.body.joinWebUrl).to.equal(m.joinWebUrl);
    expect(v1.body).to.not.have.property("joinUrl"); // beta-only
    expect(m).to.have.property("joinUrl");
    const byUpn = await graphRequest(emu.info, token, "GET", `/beta/users/${emu.info.organizer.userPrincipalName.toUpperCase()}/onlineMeetings/${m.id}`);
    expect(byUpn.status).to.equal(200);
    expect(byUpn.body.id).to.equal(m.id);
  });

  it("PATCH updates and returns 200; start and end go together; organizer and joinMeetingIdSettings are fixed", async () => {
    const m = (await create()).body;
    const p = await graphRequest(emu.info, token, "PATCH", `${u}/onlineMeetings/${m.id}`, {
      subject: "Renamed",
      startDateTime: "2030-02-01T10:00:00Z",
      endDateTime: "2030-02-01T12:30:00Z",
      allowMeetingChat: "disabled",
    });
    expect(p.status).to.equal(200);
    expect(p.body.subject).to.equal("Renamed");
    expect(p.body.endDateTime).to.equal("2030-02-01T12:30:00.0000000Z");
    expect(p.body.expiryDateTime).to.equal("2030-04-02T12:30:00.0000000Z");
    expect(p.body.allowMeetingChat).to.equal("disabled");
    expect(p.body.joinWebUrl).to.equal(m.joinWebUrl);
    expect((await graphRequest(emu.info, token, "GET", `${u}/onlineMeetings/${m.id}`)).body.subject).to.equal("Renamed");

    const onlyStart = await graphRequest(emu.info, token, "PATCH", `${u}/onlineMeetings/${m.id}`, { startDateTime: "2030-02-01T09:00:00Z" });
    expect(onlyStart.status).to.equal(400);
    const jm = await graphRequest(emu.info, token, "PATCH", `${u}/onlineMeetings/${m.id}`, { joinMeetingIdSettings: { isPasscodeRequired: true } });
    expect(jm.status).to.equal(400);
    const org = await graphRequest(emu.info, token, "PATCH", `${u}/onlineMeetings/${m.id}`, {
      participants: { organizer: { identity: { user: { id: "22222222-2222-2222-2222-222222222222" } } }, attendees: [] },
    });
    expect(org.status).to.equal(400);
    const attendees = await graphRequest(emu.info, token, "PATCH", `${u}/onlineMeetings/${m.id}`, {
      participants: { attendees: [{ upn: "x@contoso.example" }, { upn: "y@contoso.example", role: "coorganizer" }] },
    });
    expect(attendees.status).to.equal(200);
    expect(attendees.body.participants.attendees.map((a: { upn: string }) => a.upn)).to.deep.equal(["x@contoso.example", "y@contoso.example"]);
    expect(attendees.body.participants.organizer.identity.user.id).to.equal(emu.info.organizer.id);
  });

  it("DELETE returns 204, then GET is 404 and DELETE again is 404", async () => {
    const m = (await create()).body;
    const del = await graphRequest(emu.info, token, "DELETE", `${u}/onlineMeetings/${m.id}`);
    expect(del.status).to.equal(204);
    expect(del.text).to.equal("");
    const get = await graphRequest(emu.info, token, "GET", `${u}/onlineMeetings/${m.id}`);
    expect(get.status).to.equal(404);
    expect(get.body.error.code).to.equal("NotFound");
    expect((await graphRequest(emu.info, token, "DELETE", `${u}/onlineMeetings/${m.id}`)).status).to.equal(404);
  });

  it("createOrGet: 201 for a new externalId, 200 with the same meeting after; externalId is required", async () => {
    const body = { externalId: `ext-${Date.now()}`, subject: "Recurring sync", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" };
    const first = await graphRequest(emu.info, token, "POST", `${u}/onlineMeetings/createOrGet`, body);
    expect(first.status).to.equal(201);
    expect(first.body.externalId).to.equal(body.externalId);
    const second = await graphRequest(emu.info, token, "POST", `${u}/onlineMeetings/createOrGet`, { ...body, subject: "ignored" });
    expect(second.status).to.equal(200);
    expect(second.body.id).to.equal(first.body.id);
    expect(second.body.subject).to.equal("Recurring sync");
    const missing = await graphRequest(emu.info, token, "POST", `${u}/onlineMeetings/createOrGet`, { subject: "no id" });
    expect(missing.status).to.equal(400);
  });

  it("GET ?$filter=JoinWebUrl eq '...' finds the meeting; no filter is a 400", async () => {
    const m = (await create()).body;
    const filter = encodeURIComponent(`JoinWebUrl eq '${m.joinWebUrl}'`);
    const found = await graphRequest(emu.info, token, "GET", `${u}/onlineMeetings?$filter=${filter}`);
    expect(found.status).to.equal(200);
    expect(found.body.value).to.have.length(1);
    expect(found.body.value[0].id).to.equal(m.id);
    expect(found.body["@odata.context"]).to.equal(`${emu.info.graphEndpoint}/beta/$metadata#users('${emu.info.organizer.id}')/onlineMeetings`);
    const none = await graphRequest(emu.info, token, "GET", `${u}/onlineMeetings?$filter=${encodeURIComponent("joinWebUrl eq 'https://teams.microsoft.com/l/meetup-join/nope'")}`);
    expect(none.status).to.equal(200);
    expect(none.body.value).to.deep.equal([]);
    const list = await graphRequest(emu.info, token, "GET", `${u}/onlineMeetings`);
    expect(list.status).to.equal(400);
    expect(list.body.error.code).to.equal("BadRequest");
  });

  it("a malformed meeting id is 400 'Meeting Id is corrupted.'; another organizer's id is 404", async () => {
    for (const bad of ["not-base64!", Buffer.from("0#19:meeting_abc@thread.v2#0").toString("base64"), "19:meeting_abc@thread.v2"]) {
      const res = await graphRequest(emu.info, token, "GET", `${u}/onlineMeetings/${encodeURIComponent(bad)}`);
      expect(res.status, bad).to.equal(400);
      expect(res.body.error).to.include({ code: "BadRequest", message: "Meeting Id is corrupted." });
    }
    const other = await emu.admin.addUser({ userPrincipalName: `other-${Date.now()}@contoso.example` });
    await emu.admin.addPolicy({ appId: emu.info.app.clientId, userIds: [other.id] });
    const m = (await create()).body;
    const res = await graphRequest(emu.info, token, "GET", `/beta/users/${other.id}/onlineMeetings/${m.id}`);
    expect(res.status).to.equal(404);
    expect(res.body.error.code).to.equal("NotFound");
  });

  it("an unknown path segment is Graph's 400", async () => {
    const res = await graphRequest(emu.info, token, "GET", `${u}/calendars`);
    expect(res.status).to.equal(400);
    expect(res.body.error.message).to.equal("Resource not found for the segment 'calendars'.");
  });
});
