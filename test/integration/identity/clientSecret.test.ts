// client_credentials with a client secret, through @azure/identity's ClientSecretCredential, plus the
// token endpoint's error answers (as Entra words them) for bad secrets, clients, tenants and scopes.
import { ClientSecretCredential } from "@azure/identity";
import { expect } from "chai";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { claims, expectEntraError, GRAPH_DEFAULT, nowSeconds, postForm, rejection, send } from "../../support/identityPlatform";

describe("identity platform: client secret", () => {
  let emu: EmulatorProcess;
  emulatorSuite({ config: { tokenLifetimeSeconds: 1200 } }, (started) => (emu = started));

  const credential = (secret = emu.info.app.clientSecret, tenantId = emu.info.tenantId, clientId = emu.info.app.clientId) =>
    new ClientSecretCredential(tenantId, clientId, secret, { authorityHost: emu.info.authorityHost, disableInstanceDiscovery: true });

  it("issues an app-only Graph token (roles, tid, oid, appid, exp) that Graph accepts", async () => {
    await emu.admin.resetStats();
    const before = nowSeconds();
    const token = await credential().getToken(GRAPH_DEFAULT);
    const c = claims(token.token);
    expect(c).to.include({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${emu.info.tenantId}/`, // Graph's tokens are v1 tokens
      tid: emu.info.tenantId,
      appid: emu.info.app.clientId,
      appidacr: "1",
      idtyp: "app",
      ver: "1.0",
    });
    expect(c).to.not.have.any.keys("azp", "azpacr");
    expect(c.roles).to.deep.equal(["OnlineMeetings.ReadWrite.All", "VirtualEvent.Read.All", "VirtualEventRegistration-Anon.ReadWrite.All"]); // the seeded app
    expect(c).to.not.have.property("scp");
    expect(c.oid).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(c.uti).to.be.a("string");
    expect(c.exp! - c.iat!).to.equal(1200); // tokenLifetimeSeconds
    expect(c.iat).to.be.within(before - 1, nowSeconds() + 1);
    expect(token.expiresOnTimestamp).to.be.closeTo((before + 1200) * 1000, 5000);
    expect((await emu.admin.stats()).tokenRequests).to.equal(1);

    const meetings = await graphRequest(emu.info, token.token, "GET", `/v1.0/users/${emu.info.organizer.id}/onlineMeetings?$filter=JoinWebUrl eq 'https://teams.microsoft.com/l/none'`);
    expect(meetings.status, meetings.text).to.equal(200);
  });

  it("names the Graph app id as audience when the scope used it", async () => {
    const res = await postForm(emu.info, "token", {
      grant_type: "client_credentials",
      client_id: emu.info.app.clientId,
      client_secret: emu.info.app.clientSecret,
      scope: "00000003-0000-0000-c000-000000000000/.default",
    });
    expect(res.status, res.text).to.equal(200);
    expect(res.body).to.include({ token_type: "Bearer", expires_in: 1200, ext_expires_in: 1200 });
    expect(res.body).to.not.have.any.keys("refresh_token", "id_token");
    expect(res.headers["cache-control"]).to.include("no-store");
    expect(claims(res.body.access_token).aud).to.equal("00000003-0000-0000-c000-000000000000");
    const graph = await graphRequest(emu.info, res.body.access_token, "GET", `/v1.0/users/${emu.info.organizer.id}/onlineMeetings?$filter=JoinWebUrl eq 'x'`);
    expect(graph.status, graph.text).to.equal(200);
  });

  it("rejects a wrong secret with AADSTS7000215, and never echoes the secret", async () => {
    const wrong = "not-the-secret-Zq8~value";
    const err = await rejection(credential(wrong).getToken(GRAPH_DEFAULT));
    expect(err.name).to.equal("AuthenticationRequiredError");
    expect(err.message).to.include("AADSTS7000215: Invalid client secret provided.");
    expect(err.message).to.not.include(wrong);

    const res = await postForm(
      emu.info,
      "token",
      { grant_type: "client_credentials", client_id: emu.info.app.clientId, client_secret: wrong, scope: GRAPH_DEFAULT },
      { headers: { "client-request-id": "0b7e0a9c-1c5c-4f43-9d0a-6a1e2f3b4c5d" } },
    );
    expectEntraError(res, 401, "invalid_client", 7000215);
    expect(res.body.correlation_id).to.equal("0b7e0a9c-1c5c-4f43-9d0a-6a1e2f3b4c5d");
    expect(res.headers["client-request-id"]).to.equal("0b7e0a9c-1c5c-4f43-9d0a-6a1e2f3b4c5d");
    expect(res.text).to.not.include(wrong);
    expect(emu.stderr()).to.not.include(wrong);
  });

  it("rejects an unknown client with AADSTS700016", async () => {
    const unknown = "9f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f";
    const err = await rejection(credential(emu.info.app.clientSecret, emu.info.tenantId, unknown).getToken(GRAPH_DEFAULT));
    expect(err.message).to.include(`AADSTS700016: Application with identifier '${unknown}' was not found in the directory '${emu.info.tenantId}'`);
    const res = await postForm(emu.info, "token", { grant_type: "client_credentials", client_id: unknown, client_secret: "x", scope: GRAPH_DEFAULT });
    expectEntraError(res, 400, "unauthorized_client", 700016);
  });

  it("rejects an unknown tenant: MSAL cannot resolve its endpoints, the token endpoint says AADSTS90002", async () => {
    const unknown = "0d3c8e5a-7777-4a4a-9b9b-123456789abc";
    const err = await rejection(credential(emu.info.app.clientSecret, unknown).getToken(GRAPH_DEFAULT));
    expect(err.message).to.match(/endpoints_resolution_error|openid_config_error/);
    const res = await postForm(emu.info, "token", { grant_type: "client_credentials", client_id: emu.info.app.clientId, client_secret: emu.info.app.clientSecret, scope: GRAPH_DEFAULT }, { tenant: unknown });
    expectEntraError(res, 400, "invalid_tenant", 90002);
  });

  it("accepts client_secret_basic (the secret in an Authorization: Basic header)", async () => {
    const basic = Buffer.from(`${encodeURIComponent(emu.info.app.clientId)}:${encodeURIComponent(emu.info.app.clientSecret)}`).toString("base64");
    const res = await postForm(emu.info, "token", { grant_type: "client_credentials", scope: GRAPH_DEFAULT }, { headers: { authorization: `Basic ${basic}` } });
    expect(res.status, res.text).to.equal(200);
    expect(claims(res.body.access_token)).to.include({ appid: emu.info.app.clientId, appidacr: "1" });
    const wrong = Buffer.from(`${emu.info.app.clientId}:nope`).toString("base64");
    expectEntraError(await postForm(emu.info, "token", { grant_type: "client_credentials", scope: GRAPH_DEFAULT }, { headers: { authorization: `Basic ${wrong}` } }), 401, "invalid_client", 7000215);
  });

  it("an app of the tenant is found through /organizations too", async () => {
    const res = await postForm(
      emu.info,
      "token",
      { grant_type: "client_credentials", client_id: emu.info.app.clientId, client_secret: emu.info.app.clientSecret, scope: GRAPH_DEFAULT },
      { tenant: "organizations" },
    );
    expect(res.status, res.text).to.equal(200);
    expect(claims(res.body.access_token).tid).to.equal(emu.info.tenantId);
  });

  it("rejects scopes other than Graph's /.default for app-only tokens", async () => {
    const base = { grant_type: "client_credentials", client_id: emu.info.app.clientId, client_secret: emu.info.app.clientSecret };
    expectEntraError(await postForm(emu.info, "token", { ...base, scope: "https://vault.azure.net/.default" }), 400, "invalid_resource", 500011);
    expectEntraError(await postForm(emu.info, "token", { ...base, scope: "https://graph.microsoft.com/OnlineMeetings.ReadWrite.All" }), 400, "invalid_scope", 1002012);
    expectEntraError(await postForm(emu.info, "token", base), 400, "invalid_request", 90014);
    const err = await rejection(credential().getToken("https://management.azure.com/.default"));
    expect(err.message).to.include("AADSTS500011: The resource principal named https://management.azure.com was not found");
  });

  it("answers malformed requests like Entra: missing parameters, unknown grant types, no credential, GET", async () => {
    const id = emu.info.app.clientId;
    expectEntraError(await postForm(emu.info, "token", { client_id: id, scope: GRAPH_DEFAULT }), 400, "invalid_request", 900144);
    expectEntraError(await postForm(emu.info, "token", { grant_type: "client_credentials", scope: GRAPH_DEFAULT }), 400, "invalid_request", 900144);
    expectEntraError(await postForm(emu.info, "token", { grant_type: "password", client_id: id, scope: GRAPH_DEFAULT }), 400, "unsupported_grant_type", 70003);
    expectEntraError(await postForm(emu.info, "token", { grant_type: "client_credentials", client_id: id, scope: GRAPH_DEFAULT }), 401, "invalid_client", 7000218);
    expectEntraError(await send(emu.info, "GET", `/${emu.info.tenantId}/oauth2/v2.0/token`), 400, "invalid_request", 900561);
  });
});
