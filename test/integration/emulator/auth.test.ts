// Who may call what: token validation, scp/roles, the application access policy, the /me rules, and
// the Graph error envelope. Tokens come from the emulator's own token endpoint via @azure/identity.
import { expect } from "chai";
import { generateKeyPair, SignJWT } from "jose";
import { appToken, delegatedToken, fetchAppToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";

const MEETING = { subject: "auth", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" };

describe("emulator: authentication and authorization", function () {
  let emu: EmulatorProcess;
  let token: string;

  emulatorSuite({}, async (started) => {
    emu = started;
    token = await appToken(emu.info);
  });

  const meetingsOf = (user: string) => `/beta/users/${user}/onlineMeetings`;

  it("no token: 401 InvalidAuthenticationToken in Graph's envelope, with request-id headers", async () => {
    const res = await graphRequest(emu.info, undefined, "GET", `${meetingsOf(emu.info.organizer.id)}/x`);
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal("InvalidAuthenticationToken");
    const inner = res.body.error.innerError;
    expect(inner.date).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect(inner["request-id"]).to.equal(res.headers["request-id"]);
    expect(inner["client-request-id"]).to.equal(inner["request-id"]); // no client id sent: the request id
  });

  it("echoes the client's client-request-id in the header and the envelope", async () => {
    const res = await graphRequest(emu.info, "garbage", "GET", `${meetingsOf(emu.info.organizer.id)}/x`, undefined, { "client-request-id": "my-trace-1" });
    expect(res.status).to.equal(401);
    expect(res.headers["client-request-id"]).to.equal("my-trace-1");
    expect(res.body.error.innerError["client-request-id"]).to.equal("my-trace-1");
    expect(res.headers["request-id"]).to.not.equal("my-trace-1");
  });

  it("a token signed by another key is 401", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const now = Math.floor(Date.now() / 1000);
    const forged = await new SignJWT({ tid: emu.info.tenantId, appid: emu.info.app.clientId, oid: emu.info.organizer.id, roles: ["OnlineMeetings.ReadWrite.All"] })
      .setProtectedHeader({ alg: "RS256", kid: "forged" })
      .setAudience("https://graph.microsoft.com")
      .setIssuer(`https://sts.windows.net/${emu.info.tenantId}/`)
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    const res = await graphRequest(emu.info, forged, "POST", meetingsOf(emu.info.organizer.id), MEETING);
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal("InvalidAuthenticationToken");
  });

  it("an expired token is 401", async () => {
    // exp is whole seconds (floor(now) + lifetime), so a 1 s token can already be expired when it
    // arrives; give it 4 s and then wait until its own exp has passed.
    await emu.admin.setConfig({ tokenLifetimeSeconds: 4 });
    const shortLived = await fetchAppToken(emu.info);
    await emu.admin.setConfig({ tokenLifetimeSeconds: 3600 });
    const fresh = await graphRequest(emu.info, shortLived, "POST", meetingsOf(emu.info.organizer.id), MEETING);
    expect(fresh.status).to.equal(201);
    const { exp } = JSON.parse(Buffer.from(shortLived.split(".")[1], "base64url").toString("utf8")) as { exp: number };
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 150));
    const res = await graphRequest(emu.info, shortLived, "POST", meetingsOf(emu.info.organizer.id), MEETING);
    expect(res.status).to.equal(401);
    expect(res.body.error.code).to.equal("InvalidAuthenticationToken");
  });

  it("an app token on /me is 400 with Graph's message", async () => {
    const res = await graphRequest(emu.info, token, "POST", "/beta/me/onlineMeetings", MEETING);
    expect(res.status).to.equal(400);
    expect(res.body.error).to.include({ code: "BadRequest", message: "/me request is only valid with delegated authentication flow." });
  });

  it("an app token for a user without an access policy is 403; the code is configurable", async () => {
    const user = await emu.admin.addUser({ userPrincipalName: `nopolicy-${Date.now()}@contoso.example` });
    const res = await graphRequest(emu.info, token, "POST", meetingsOf(user.id), MEETING);
    expect(res.status).to.equal(403);
    expect(res.body.error).to.include({ code: "Forbidden", message: "No application access policy found for this app." });
    await emu.admin.setConfig({ missingPolicyErrorCode: "General" });
    const general = await graphRequest(emu.info, token, "POST", meetingsOf(user.id), MEETING);
    expect(general.body.error.code).to.equal("General");
    await emu.admin.setConfig({ missingPolicyErrorCode: "Forbidden" });
    await emu.admin.addPolicy({ appId: emu.info.app.clientId, userIds: [user.id] });
    expect((await graphRequest(emu.info, token, "POST", meetingsOf(user.id), MEETING)).status).to.equal(201);
  });

  it("an app without OnlineMeetings.ReadWrite.All is 403 even with a policy", async () => {
    const app = await emu.admin.addApp({ displayName: "no roles", roles: [] });
    await emu.admin.addPolicy({ appId: app.clientId, userIds: ["*"] });
    const t = await appToken(emu.info, { clientId: app.clientId, clientSecret: app.secrets[0] });
    const res = await graphRequest(emu.info, t, "POST", meetingsOf(emu.info.organizer.id), MEETING);
    expect(res.status).to.equal(403);
    expect(res.body.error.code).to.equal("Forbidden");
  });

  it("app tokens on the registration routes can be switched off", async () => {
    const m = (await graphRequest(emu.info, token, "POST", meetingsOf(emu.info.organizer.id), MEETING)).body;
    await emu.admin.setConfig({ allowAppTokensOnRegistration: false });
    try {
      const res = await graphRequest(emu.info, token, "GET", `${meetingsOf(emu.info.organizer.id)}/${m.id}/registration`);
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal("Forbidden");
      // the meeting itself is still reachable
      expect((await graphRequest(emu.info, token, "GET", `${meetingsOf(emu.info.organizer.id)}/${m.id}`)).status).to.equal(200);
    } finally {
      await emu.admin.setConfig({ allowAppTokensOnRegistration: true });
    }
  });

  it("a user of another tenant is not found for this tenant's app", async () => {
    const tenant = await emu.admin.addTenant({ displayName: "Fabrikam" });
    const stranger = await emu.admin.addUser({ tenantId: tenant.id, userPrincipalName: `stranger-${Date.now()}@fabrikam.example` });
    const res = await graphRequest(emu.info, token, "GET", `${meetingsOf(stranger.id)}?$filter=${encodeURIComponent("JoinWebUrl eq 'x'")}`);
    expect(res.status).to.equal(404);
  });

  describe("delegated tokens (device code)", () => {
    let delegated: string;
    before(async () => {
      delegated = await delegatedToken(emu);
    });

    it("/me and /users/{self} work with scp OnlineMeetings.ReadWrite; the context still names users('{id}')", async () => {
      const res = await graphRequest(emu.info, delegated, "POST", "/beta/me/onlineMeetings", MEETING);
      expect(res.status).to.equal(201);
      expect(res.body["@odata.context"]).to.contain(`users('${emu.info.organizer.id}')`);
      const reg = await graphRequest(emu.info, delegated, "POST", `/beta/me/onlineMeetings/${res.body.id}/registration`, {
        "@odata.type": "#microsoft.graph.externalMeetingRegistration",
        allowedRegistrant: "everyone",
      });
      expect(reg.status).to.equal(201);
      expect(reg.body["@odata.context"]).to.contain(`users('${emu.info.organizer.id}')/onlineMeetings('${res.body.id}')`);
      const self = await graphRequest(emu.info, delegated, "GET", `${meetingsOf(emu.info.organizer.id)}/${res.body.id}`);
      expect(self.status).to.equal(200);
    });

    it("another user's meetings are 403 for a delegated token", async () => {
      const other = await emu.admin.addUser({ userPrincipalName: `colleague-${Date.now()}@contoso.example` });
      const res = await graphRequest(emu.info, delegated, "POST", meetingsOf(other.id), MEETING);
      expect(res.status).to.equal(403);
      expect(res.body.error.code).to.equal("Forbidden");
    });
  });
});
