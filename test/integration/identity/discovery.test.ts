// Discovery documents of the emulated identity platform: what MSAL reads before any token request.
import { expect } from "chai";
import { importJWK, jwtVerify } from "jose";
import { fetchAppToken } from "../../support/tokens";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { expectEntraError, send } from "../../support/identityPlatform";

describe("identity platform: discovery", () => {
  let emu: EmulatorProcess;
  emulatorSuite({}, (started) => (emu = started));

  it("serves the tenant's OpenID configuration with the issuer and endpoints MSAL needs", async () => {
    const { authorityHost: host, tenantId } = emu.info;
    const res = await send(emu.info, "GET", `/${tenantId}/v2.0/.well-known/openid-configuration`);
    expect(res.status).to.equal(200);
    expect(res.headers["content-type"]).to.match(/^application\/json/);
    expect(res.body).to.include({
      issuer: `${host}/${tenantId}/v2.0`,
      token_endpoint: `${host}/${tenantId}/oauth2/v2.0/token`,
      authorization_endpoint: `${host}/${tenantId}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${host}/${tenantId}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${host}/${tenantId}/oauth2/v2.0/logout`,
      jwks_uri: `${host}/${tenantId}/discovery/v2.0/keys`,
    });
    expect(res.body.id_token_signing_alg_values_supported).to.deep.equal(["RS256"]);
  });

  for (const alias of ["common", "organizations"]) {
    it(`serves /${alias} like Entra: endpoints on the alias, issuer with {tenantid}`, async () => {
      const res = await send(emu.info, "GET", `/${alias}/v2.0/.well-known/openid-configuration`);
      expect(res.status).to.equal(200);
      expect(res.body.issuer).to.equal(`${emu.info.authorityHost}/{tenantid}/v2.0`);
      expect(res.body.token_endpoint).to.equal(`${emu.info.authorityHost}/${alias}/oauth2/v2.0/token`);
    });
  }

  it("resolves a verified domain (the organizer's UPN domain) to the tenant id", async () => {
    const domain = emu.info.organizer.userPrincipalName.split("@")[1];
    const res = await send(emu.info, "GET", `/${domain}/v2.0/.well-known/openid-configuration`);
    expect(res.status).to.equal(200);
    expect(res.body.issuer).to.equal(`${emu.info.authorityHost}/${emu.info.tenantId}/v2.0`);
    expect(res.body.token_endpoint).to.equal(`${emu.info.authorityHost}/${emu.info.tenantId}/oauth2/v2.0/token`);
  });

  it("answers an unknown tenant with AADSTS90002 (400 invalid_tenant)", async () => {
    const unknown = "11111111-2222-3333-4444-555555555555";
    const res = await send(emu.info, "GET", `/${unknown}/v2.0/.well-known/openid-configuration`);
    expectEntraError(res, 400, "invalid_tenant", 90002);
    expect(res.body.error_description).to.include(`Tenant '${unknown}' not found`);
  });

  it("publishes the signing key in the JWKS; issued access tokens verify against it", async () => {
    const res = await send(emu.info, "GET", `/${emu.info.tenantId}/discovery/v2.0/keys`);
    expect(res.status).to.equal(200);
    expect(res.body.keys).to.have.length(1);
    const [jwk] = res.body.keys;
    expect(jwk).to.include({ kty: "RSA", use: "sig" });
    expect(jwk.kid).to.be.a("string").and.not.be.empty;
    expect(jwk).to.not.have.any.keys("d", "p", "q"); // public part only
    const token = await fetchAppToken(emu.info);
    const { payload, protectedHeader } = await jwtVerify(token, await importJWK(jwk, "RS256"), {
      issuer: `https://sts.windows.net/${emu.info.tenantId}/`, // Graph's access tokens are v1 tokens
      audience: "https://graph.microsoft.com",
    });
    expect(protectedHeader).to.include({ alg: "RS256", kid: jwk.kid, x5t: jwk.x5t, typ: "JWT" });
    expect(payload.tid).to.equal(emu.info.tenantId);
  });

  it("answers instance discovery for its own host, and invalid_instance for another", async () => {
    const authorize = encodeURIComponent(`${emu.info.authorityHost}/${emu.info.tenantId}/oauth2/v2.0/authorize`);
    const host = new URL(emu.info.authorityHost).host;
    for (const prefix of ["common", emu.info.tenantId]) {
      const res = await send(emu.info, "GET", `/${prefix}/discovery/instance?api-version=1.1&authorization_endpoint=${authorize}`);
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal({
        tenant_discovery_endpoint: `${emu.info.authorityHost}/${emu.info.tenantId}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      });
    }
    const other = encodeURIComponent("https://login.example.org/common/oauth2/v2.0/authorize");
    const res = await send(emu.info, "GET", `/common/discovery/instance?api-version=1.1&authorization_endpoint=${other}`);
    expectEntraError(res, 400, "invalid_instance", 50049);
  });
});
