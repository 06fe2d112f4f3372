// Contract tests: each behaviour follows the Microsoft page named in its title, so that what passes
// against the emulator passes against Microsoft Graph and Entra ID. The fidelity table in
// emulator/README.md points here; a `match` row there has a test here (or names its test file).
import { expect } from "chai";
import { decodeProtectedHeader } from "jose";
import { delegatedToken, fetchAppToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorInfo, EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { claims, postForm } from "../../support/identityPlatform";

const MEETING = { subject: "Fidelity", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" };
const EXTERNAL = { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "everyone" };
const DOCS = "https://learn.microsoft.com";

describe("emulator fidelity: Microsoft's documented behaviour", () => {
  let emu: EmulatorProcess;
  let info: EmulatorInfo;
  let app: string;
  let user: string;
  emulatorSuite({}, async (started) => {
    emu = started;
    info = emu.info;
    app = await fetchAppToken(info);
    user = await delegatedToken(emu);
  });

  const meetings = () => `/beta/users/${info.organizer.id}/onlineMeetings`;
  async function newMeeting(): Promise<string> {
    const res = await graphRequest(info, app, "POST", meetings(), MEETING);
    expect(res.status, res.text).to.equal(201);
    return res.body.id as string;
  }

  describe(`access tokens are v1 tokens (${DOCS}/entra/identity-platform/access-token-claims-reference)`, () => {
    it("an app-only Graph token: iss https://sts.windows.net/{tid}/, ver 1.0, appid without azp, x5t and kid in the header", () => {
      const c = claims(app);
      expect(c).to.include({ iss: `https://sts.windows.net/${info.tenantId}/`, idp: `https://sts.windows.net/${info.tenantId}/`, ver: "1.0", appid: info.app.clientId });
      expect(c).to.not.have.any.keys("azp", "azpacr");
      const header = decodeProtectedHeader(app);
      expect(header.x5t).to.be.a("string").and.equal(header.kid);
    });

    it(`app-only tokens live 3599 s; delegated ones a random 60-90 min (${DOCS}/entra/identity-platform/access-tokens#token-lifetime)`, () => {
      const a = claims(app);
      expect(a.exp! - a.iat!).to.equal(3599);
      const d = claims(user);
      expect(d).to.include({ iss: `https://sts.windows.net/${info.tenantId}/`, ver: "1.0", scp: "OnlineMeetings.ReadWrite" });
      expect(d).to.not.have.property("azp");
      expect(d.exp! - d.iat!).to.be.within(3600, 5400);
    });

    it(`Entra's error_description puts Trace ID, Correlation ID and Timestamp on lines of their own (${DOCS}/entra/identity-platform/reference-error-codes)`, async () => {
      const res = await postForm(info, "token", { grant_type: "client_credentials", client_id: info.app.clientId, client_secret: "wrong", scope: "https://graph.microsoft.com/.default" });
      expect(res.status).to.equal(401);
      expect(res.body.error_description).to.match(/^AADSTS7000215: [^\r\n]+\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
    });
  });

  describe(`request bodies are JSON only (${DOCS}/graph/use-the-api#request-body)`, () => {
    const json = "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";
    for (const [name, headers] of [
      ["text/plain", { "content-type": "text/plain" }],
      ["no Content-Type", { "content-type": "" }],
    ] as const) {
      it(`a JSON body sent as ${name} is 400 "Unable to read JSON request payload"`, async () => {
        const before = (await emu.admin.state()).meetings.length;
        const res = await graphRequest(info, app, "POST", meetings(), JSON.stringify(MEETING), headers);
        expect(res.status, res.text).to.equal(400);
        expect(res.body.error).to.include({ code: "BadRequest", message: json });
        expect((await emu.admin.state()).meetings.length).to.equal(before);
      });
    }

    it("application/json with parameters is read", async () => {
      const res = await graphRequest(info, app, "POST", meetings(), JSON.stringify(MEETING), { "content-type": "application/json; charset=utf-8" });
      expect(res.status, res.text).to.equal(201);
    });
  });

  describe(`$select returns only the selected properties (${DOCS}/graph/query-parameters#select-parameter)`, () => {
    it("on an entity, a collection and the registration; an unknown property is 400", async () => {
      const id = await newMeeting();
      const one = await graphRequest(info, app, "GET", `${meetings()}/${id}?$select=subject,startDateTime`);
      expect(one.status, one.text).to.equal(200);
      expect(Object.keys(one.body).sort()).to.deep.equal(["@odata.context", "startDateTime", "subject"]);
      expect(one.body["@odata.context"]).to.match(/onlineMeetings\(subject,startDateTime\)\/\$entity$/);

      const joinWebUrl = (await graphRequest(info, app, "GET", `${meetings()}/${id}`)).body.joinWebUrl;
      const list = await graphRequest(info, app, "GET", `${meetings()}?$filter=${encodeURIComponent(`JoinWebUrl eq '${joinWebUrl}'`)}&$select=id`);
      expect(list.status, list.text).to.equal(200);
      expect(list.body.value).to.deep.equal([{ id }]);

      expect((await graphRequest(info, app, "POST", `${meetings()}/${id}/registration`, EXTERNAL)).status).to.equal(201);
      const reg = await graphRequest(info, app, "GET", `${meetings()}/${id}/registration?$select=allowedRegistrant`);
      expect(reg.body).to.not.have.property("id");
      expect(reg.body).to.include({ allowedRegistrant: "everyone", "@odata.type": "#microsoft.graph.externalMeetingRegistration" });

      const bad = await graphRequest(info, app, "GET", `${meetings()}/${id}?$select=nonsense`);
      expect(bad.status).to.equal(400);
      expect(bad.body.error.message).to.include("nonsense");
    });
  });

  describe(`onlineMeeting PATCH takes the documented properties and types (${DOCS}/graph/api/onlinemeeting-update, ${DOCS}/graph/api/resources/onlinemeetingbase)`, () => {
    it("allowLiveShare is an enum (enabled/disabled), not a Boolean", async () => {
      const id = await newMeeting();
      const ok = await graphRequest(info, app, "PATCH", `${meetings()}/${id}`, { allowLiveShare: "disabled" });
      expect(ok.status, ok.text).to.equal(200);
      expect(ok.body.allowLiveShare).to.equal("disabled");
      const bad = await graphRequest(info, app, "PATCH", `${meetings()}/${id}`, { allowLiveShare: true });
      expect(bad.status).to.equal(400);
      expect(bad.body.error.message).to.include("allowLiveShare");
    });

    it("allowedLobbyAdmitters, allowCopyingAndSharingMeetingContent and anonymizeIdentityForRoles are updatable; attendee cannot be removed again", async () => {
      const id = await newMeeting();
      const res = await graphRequest(info, app, "PATCH", `${meetings()}/${id}`, {
        allowedLobbyAdmitters: "organizerAndCoOrganizers",
        allowCopyingAndSharingMeetingContent: false,
        anonymizeIdentityForRoles: ["attendee"],
      });
      expect(res.status, res.text).to.equal(200);
      expect(res.body).to.deep.include({ allowedLobbyAdmitters: "organizerAndCoOrganizers", allowCopyingAndSharingMeetingContent: false, anonymizeIdentityForRoles: ["attendee"] });
      expect((await graphRequest(info, app, "PATCH", `${meetings()}/${id}`, { allowedLobbyAdmitters: "everyone" })).status).to.equal(400);
      const removed = await graphRequest(info, app, "PATCH", `${meetings()}/${id}`, { anonymizeIdentityForRoles: [] });
      expect(removed.status).to.equal(400);
      expect(removed.body.error.message).to.include("attendee");
    });
  });

  describe(`meeting ids are opaque (${DOCS}/graph/api/onlinemeeting-get)`, () => {
    it("an id of the field's shape 1*{oid}*{timestamp}**19:…@thread.tacv2 is looked up (404 when absent), not 'corrupted'", async () => {
      const real = Buffer.from(`1*${info.organizer.id}*1700000000000**19:4a1f0c9e3b2d4f6a8c7e5d3b1a9f7e6c@thread.tacv2`).toString("base64").replace(/=+$/, "");
      const res = await graphRequest(info, app, "GET", `${meetings()}/${real}`);
      expect(res.status, res.text).to.equal(404);
      expect(res.body.error.code).to.equal("NotFound");
    });
  });

  describe(`createOrGet (${DOCS}/graph/api/onlinemeeting-createorget)`, () => {
    it("an endDateTime without startDateTime is an error", async () => {
      const res = await graphRequest(info, app, "POST", `${meetings()}/createOrGet`, { externalId: `end-only-${Date.now()}`, endDateTime: "2030-01-01T11:00:00Z" });
      expect(res.status, res.text).to.equal(400);
      expect(res.body.error.message).to.include("startDateTime");
    });
  });

  describe(`Teams-hosted meetingRegistration (${DOCS}/graph/api/meetingregistration-post, ${DOCS}/graph/api/resources/meetingregistration)`, () => {
    const teams = { "@odata.type": "#microsoft.graph.meetingRegistration", allowedRegistrant: "everyone", subject: "Webinar", id: "chosen-by-client", registrationPageViewCount: 999, registrationPageWebUrl: "https://attacker.example/page" };

    it("ignores client-supplied read-only properties and makes its own id", async () => {
      const created = await graphRequest(info, user, "POST", "/beta/me/onlineMeetings", MEETING);
      const res = await graphRequest(info, user, "POST", `/beta/me/onlineMeetings/${created.body.id}/registration`, teams);
      expect(res.status, res.text).to.equal(201);
      expect(res.body.id).to.match(/^[0-9a-f-]{36}$/);
      expect(res.body.registrationPageViewCount).to.equal(0);
      expect(res.body.registrationPageWebUrl).to.be.a("string").and.not.include("attacker");
      const patched = await graphRequest(info, user, "PATCH", `/beta/me/onlineMeetings/${created.body.id}/registration`, { subject: "Renamed", registrationPageViewCount: 5 });
      expect(patched.status, patched.text).to.equal(200);
      expect(patched.body).to.include({ subject: "Renamed", registrationPageViewCount: 0, id: res.body.id });
    });

    it("refuses application tokens (permission 'Not supported')", async () => {
      const id = await newMeeting();
      const res = await graphRequest(info, app, "POST", `${meetings()}/${id}/registration`, teams);
      expect(res.status, res.text).to.equal(403);
      expect(res.body.error.code).to.equal("Forbidden");
      expect((await emu.admin.state()).registrations.some((r) => r.meetingId === id)).to.equal(false);
    });
  });

  describe(`path segments are case-insensitive (${DOCS}/graph/use-the-api#version)`, () => {
    it("/BETA/USERS/…/ONLINEMEETINGS/{id} and /V1.0/… reach the meeting", async () => {
      const id = await newMeeting();
      for (const p of [`/BETA/USERS/${info.organizer.id}/ONLINEMEETINGS/${id}`, `/V1.0/Users/${info.organizer.id}/OnlineMeetings/${id}`]) {
        const res = await graphRequest(info, app, "GET", p);
        expect(res.status, `${p}: ${res.text}`).to.equal(200);
        expect(res.body.id).to.equal(id);
      }
    });
  });
});
