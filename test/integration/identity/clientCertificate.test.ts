// client_credentials with a certificate-signed client assertion: ClientCertificateCredential against
// a certificate registered through the admin API, and hand-made assertions for each check Entra does.
import { ClientCertificateCredential } from "@azure/identity";
import { expect } from "chai";
import { createPrivateKey } from "node:crypto";
import { SignJWT } from "jose";
import type { App } from "../../../emulator/types";
import { startEmulator, type EmulatorProcess } from "../../support/emulator";
import { claims, expectEntraError, GRAPH_DEFAULT, JWT_BEARER, nowSeconds, postForm, rejection } from "../../support/identityPlatform";
import { selfSignedCertificate, type TestCertificate } from "../../support/testKeys";

describe("identity platform: client certificate", () => {
  let emu: EmulatorProcess;
  let cert: TestCertificate;
  let other: TestCertificate;
  let app: App;
  before(async () => {
    [emu, cert, other] = await Promise.all([startEmulator(), selfSignedCertificate(), selfSignedCertificate("unregistered")]);
    app = await emu.admin.addApp({ displayName: "cert app", certificates: [cert.certPem], roles: ["OnlineMeetings.ReadWrite.All"] });
  });
  after(() => emu?.stop());

  const credential = (pem: string, sendCertificateChain = false) =>
    new ClientCertificateCredential(emu.info.tenantId, app.clientId, { certificate: pem }, {
      authorityHost: emu.info.authorityHost,
      disableInstanceDiscovery: true,
      sendCertificateChain,
    });

  it("issues an app token for an assertion signed with the registered certificate", async () => {
    expect(app.secrets).to.deep.equal([]);
    for (const chain of [false, true]) {
      const token = await credential(cert.combinedPem, chain).getToken(GRAPH_DEFAULT);
      const c = claims(token.token);
      expect(c).to.include({ aud: "https://graph.microsoft.com", tid: emu.info.tenantId, appid: app.clientId, appidacr: "2", idtyp: "app" });
      expect(c.roles).to.deep.equal(["OnlineMeetings.ReadWrite.All"]);
    }
  });

  it("rejects an unregistered certificate with AADSTS700027, naming its thumbprint", async () => {
    const err = await rejection(credential(other.combinedPem).getToken(GRAPH_DEFAULT));
    expect(err.message).to.include("AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.");
    expect(err.message).to.include(Buffer.from(other.x5tS256, "base64url").toString("hex").toUpperCase());
    expect(err.message).to.not.include("PRIVATE KEY");
  });

  /** A hand-made assertion: the registered thumbprint in the header, claims as MSAL sets them. */
  async function assertion(options: { key?: string; aud?: string; sub?: string; exp?: number; x5t?: string } = {}): Promise<string> {
    const now = nowSeconds();
    return new SignJWT({ aud: options.aud ?? `${emu.info.authorityHost}/${emu.info.tenantId}/oauth2/v2.0/token`, sub: options.sub ?? app.clientId })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", x5t: options.x5t ?? cert.x5t })
      .setIssuer(app.clientId)
      .setJti(`${Math.random()}`)
      .setNotBefore(now)
      .setExpirationTime(options.exp ?? now + 600)
      .sign(createPrivateKey(options.key ?? cert.keyPem));
  }
  const redeem = async (clientAssertion: string, type = JWT_BEARER) =>
    postForm(emu.info, "token", { grant_type: "client_credentials", client_id: app.clientId, client_assertion_type: type, client_assertion: clientAssertion, scope: GRAPH_DEFAULT });

  it("accepts a SHA-1 thumbprint (x5t) and RS256", async () => {
    const res = await redeem(await assertion());
    expect(res.status, res.text).to.equal(200);
    expect(claims(res.body.access_token).appid).to.equal(app.clientId);
  });

  it("checks signature, audience, subject and lifetime of the assertion", async () => {
    expectEntraError(await redeem(await assertion({ key: other.keyPem })), 401, "invalid_client", 700027);
    expectEntraError(await redeem(await assertion({ aud: "https://login.microsoftonline.com/common/oauth2/v2.0/token" })), 401, "invalid_client", 700023);
    expectEntraError(await redeem(await assertion({ sub: "someone-else" })), 401, "invalid_client", 700021);
    const expired = await redeem(await assertion({ exp: nowSeconds() - 5 }));
    expectEntraError(expired, 401, "invalid_client", 700024);
    expect(expired.body.error_description).to.include("Client assertion is not within its valid time range.");
  });

  it("rejects malformed assertions and a wrong assertion type without quoting them", async () => {
    const res = await redeem("not.a-jwt");
    expectEntraError(res, 400, "invalid_request", 50027);
    expect(res.text).to.not.include("not.a-jwt");
    expectEntraError(await redeem(await assertion(), "urn:example:other"), 400, "invalid_request", 7000216);
  });
});
