// Delegated tokens through the device-code flow: DeviceCodeCredential with automatic approval (for the
// organizer) and with approval through the admin API, the refresh_token grant, and the raw protocol
// (authorization_pending, expired_token, one redemption per code).
import { DeviceCodeCredential, type DeviceCodeInfo } from "@azure/identity";
import { expect } from "chai";
import { graphRequest } from "../../support/graphRequest";
import { publicClientId } from "../../support/tokens";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { claims, expectEntraError, postForm, rejection } from "../../support/identityPlatform";

const MEETINGS_SCOPE = "https://graph.microsoft.com/OnlineMeetings.ReadWrite";
const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("identity platform: device code and refresh", () => {
  let emu: EmulatorProcess;
  let publicId: string; // device codes are for public client apps only
  emulatorSuite({}, async (started) => {
    emu = started;
    publicId = await publicClientId(emu);
  });
  beforeEach(() => emu.admin.setConfig({ autoApproveDeviceCodes: true, deviceCodeLifetimeSeconds: 900 }));

  const credential = (onPrompt: (info: DeviceCodeInfo) => void = () => {}) =>
    new DeviceCodeCredential({
      tenantId: emu.info.tenantId,
      clientId: publicId,
      authorityHost: emu.info.authorityHost,
      disableInstanceDiscovery: true,
      userPromptCallback: onPrompt,
    });

  it("signs the organizer in automatically and issues a delegated token (scp) that /me accepts", async () => {
    const prompts: DeviceCodeInfo[] = [];
    await emu.admin.clearRequests();
    const token = await credential((i) => prompts.push(i)).getToken(MEETINGS_SCOPE);
    // Approved before the first poll: one token request, no authorization_pending round.
    const polls = (await emu.admin.requests()).filter((r) => r.path.endsWith("/oauth2/v2.0/token"));
    expect(polls.map((r) => r.status)).to.deep.equal([200]);
    expect(prompts).to.have.length(1);
    expect(prompts[0]).to.include({ verificationUri: `${emu.info.authorityHost}/devicelogin`, expiresIn: 900, interval: 1 });
    expect(prompts[0].userCode).to.match(/^[A-Z0-9]{9}$/);
    expect(prompts[0].message).to.include(prompts[0].userCode);
    const c = claims(token.token);
    expect(c).to.include({
      aud: "https://graph.microsoft.com",
      tid: emu.info.tenantId,
      oid: emu.info.organizer.id,
      appid: publicId,
      appidacr: "0",
      idtyp: "user",
      scp: "OnlineMeetings.ReadWrite",
      upn: emu.info.organizer.userPrincipalName,
    });
    expect(c).to.not.have.property("roles");
    const me = await graphRequest(emu.info, token.token, "GET", "/v1.0/me/onlineMeetings?$filter=JoinWebUrl eq 'https://teams.microsoft.com/l/none'");
    expect(me.status, me.text).to.equal(200);
  });

  it("refreshes through the refresh_token grant when MSAL must bypass its cache", async () => {
    const cred = credential();
    const first = await cred.getToken(MEETINGS_SCOPE);
    await emu.admin.clearRequests();
    // Claims in the request make MSAL skip its cached access token and redeem the refresh token.
    const second = await cred.getToken(MEETINGS_SCOPE, { claims: JSON.stringify({ access_token: { nbf: { essential: true, value: "1" } } }) });
    expect(second.token).to.not.equal(first.token);
    expect(claims(second.token)).to.include({ oid: emu.info.organizer.id, scp: "OnlineMeetings.ReadWrite" });
    const log = await emu.admin.requests();
    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal([`POST /${emu.info.tenantId}/oauth2/v2.0/token 200`]);
  });

  it("waits for an approval through the admin API, for the user the admin names", async () => {
    await emu.admin.setConfig({ autoApproveDeviceCodes: false });
    const bob = await emu.admin.addUser({ userPrincipalName: `bob-${Date.now()}@contoso.example`, displayName: "Bob" });
    let pendingSeen: unknown[] = [];
    const token = await credential((i) => {
      void (async () => {
        pendingSeen = await emu.admin.deviceCodes();
        await emu.admin.approveDeviceCode(i.userCode, bob.userPrincipalName);
      })();
    }).getToken(MEETINGS_SCOPE);
    expect(pendingSeen).to.have.length(1);
    expect(pendingSeen[0]).to.deep.include({ clientId: publicId, tenantId: emu.info.tenantId });
    expect(claims(token.token)).to.include({ oid: bob.id, upn: bob.userPrincipalName, tid: emu.info.tenantId });
    expect(await emu.admin.deviceCodes()).to.deep.equal([]);
  });

  it("speaks the device-code protocol: pending, approved once, then refreshable", async () => {
    await emu.admin.setConfig({ autoApproveDeviceCodes: false });
    const clientId = publicId;
    const start = await postForm(emu.info, "devicecode", { client_id: clientId, scope: `${MEETINGS_SCOPE} openid profile offline_access` });
    expect(start.status, start.text).to.equal(200);
    expect(start.body).to.have.all.keys("user_code", "device_code", "verification_uri", "expires_in", "interval", "message");
    const poll = () => postForm(emu.info, "token", { grant_type: DEVICE_CODE_GRANT, client_id: clientId, device_code: start.body.device_code });

    expectEntraError(await poll(), 400, "authorization_pending", 70016);
    await emu.admin.approveDeviceCode(start.body.user_code); // the organizer by default
    const done = await poll();
    expect(done.status, done.text).to.equal(200);
    expect(done.body).to.include({ token_type: "Bearer" });
    // Entra gives delegated access tokens a random lifetime of 60-90 minutes (access-tokens#token-lifetime).
    expect(done.body.expires_in).to.be.within(3600, 5400);
    expect(claims(done.body.access_token).exp! - claims(done.body.access_token).iat!).to.equal(done.body.expires_in);
    expect(done.body.scope.split(" ")).to.include.members([MEETINGS_SCOPE, "openid", "profile"]);
    const id = claims(done.body.id_token);
    expect(id).to.include({
      aud: clientId,
      iss: `${emu.info.authorityHost}/${emu.info.tenantId}/v2.0`,
      tid: emu.info.tenantId,
      oid: emu.info.organizer.id,
      preferred_username: emu.info.organizer.userPrincipalName,
      ver: "2.0",
    });
    expect(JSON.parse(Buffer.from(done.body.client_info, "base64url").toString())).to.deep.equal({ uid: emu.info.organizer.id, utid: emu.info.tenantId });
    expectEntraError(await poll(), 400, "bad_verification_code", 70000); // redeemed once

    const refreshed = await postForm(emu.info, "token", { grant_type: "refresh_token", client_id: clientId, refresh_token: done.body.refresh_token, scope: MEETINGS_SCOPE });
    expect(refreshed.status, refreshed.text).to.equal(200);
    expect(refreshed.body.refresh_token).to.be.a("string").and.not.equal(done.body.refresh_token);
    expect(claims(refreshed.body.access_token)).to.include({ oid: emu.info.organizer.id, scp: "OnlineMeetings.ReadWrite" });
    expectEntraError(await postForm(emu.info, "token", { grant_type: "refresh_token", client_id: clientId, refresh_token: "garbage" }), 400, "invalid_grant", 9002313);
    // The refresh token belongs to its client.
    const otherApp = await emu.admin.addApp({ displayName: "other" });
    expectEntraError(
      await postForm(emu.info, "token", { grant_type: "refresh_token", client_id: otherApp.clientId, client_secret: otherApp.secrets[0], refresh_token: done.body.refresh_token }),
      400,
      "invalid_grant",
      70000,
    );
  });

  it("gives device codes to public client apps only: a confidential app gets AADSTS7000218", async () => {
    // Entra wants a confidential app's credential (7000218) unless "Allow public client flows" is on.
    const res = await postForm(emu.info, "devicecode", { client_id: emu.info.app.clientId, scope: MEETINGS_SCOPE });
    expectEntraError(res, 401, "invalid_client", 7000218);
    expect(await emu.admin.deviceCodes()).to.deep.equal([]);
  });

  it("expires device codes: expired_token from the server, an error from DeviceCodeCredential", async () => {
    await emu.admin.setConfig({ autoApproveDeviceCodes: false, deviceCodeLifetimeSeconds: 1 });
    const start = await postForm(emu.info, "devicecode", { client_id: publicId, scope: MEETINGS_SCOPE });
    expect(start.body.expires_in).to.equal(1);
    await sleep(1100);
    const res = await postForm(emu.info, "token", { grant_type: DEVICE_CODE_GRANT, client_id: publicId, device_code: start.body.device_code });
    expectEntraError(res, 400, "expired_token", 70020);
    const err = await rejection(credential().getToken(MEETINGS_SCOPE));
    expect(err.message).to.match(/device_code_expired|expired_token/);
  });

  it("rejects scopes without consent when the code is redeemed, other resources at once", async () => {
    await emu.admin.setConfig({ autoApproveDeviceCodes: false });
    const clientId = publicId;
    const mail = await postForm(emu.info, "devicecode", { client_id: clientId, scope: "https://graph.microsoft.com/Mail.Read" });
    expect(mail.status, mail.text).to.equal(200);
    await emu.admin.approveDeviceCode(mail.body.user_code);
    const redeemed = await postForm(emu.info, "token", { grant_type: DEVICE_CODE_GRANT, client_id: clientId, device_code: mail.body.device_code });
    expectEntraError(redeemed, 400, "invalid_grant", 65001);
    expect(redeemed.body.error_description).to.include(`The user or administrator has not consented to use the application with ID '${clientId}'`);
    const vault = await postForm(emu.info, "devicecode", { client_id: clientId, scope: "https://vault.azure.net/user_impersonation" });
    expectEntraError(vault, 400, "invalid_resource", 500011);
    // MSAL's device-code poller reports only the `error` field of a failed redemption.
    await emu.admin.setConfig({ autoApproveDeviceCodes: true });
    const err = await rejection(credential().getToken("https://graph.microsoft.com/Mail.Read"));
    expect(err.message).to.include("invalid_grant");
  });
});
