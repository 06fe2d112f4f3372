import { expect } from "chai";
import { credentialFailure, waysToConfigure } from "../../../provider/auth/credentials";
import { redact } from "../../../provider/auth/redact";
import { CachedTokenSource, describeToken } from "../../../provider/auth/tokenCache";
import { resolveConfig } from "../../../provider/config";

const jwt = (claims: object) => `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`;

describe("auth/tokenCache", () => {
  it("asks the credential once for many (and concurrent) callers while the token is fresh", async () => {
    let calls = 0;
    const credential = {
      getToken: async (scope: string | string[]) => {
        calls++;
        expect(scope).to.equal("https://graph.microsoft.com/.default");
        await new Promise((r) => setTimeout(r, 20));
        return { token: jwt({ idtyp: "app", roles: ["x"], appid: "app-1" }), expiresOnTimestamp: Date.now() + 3600_000 };
      },
    };
    const source = new CachedTokenSource(credential, "https://graph.microsoft.com/.default", "msgraph:clientSecret", (e) => e as Error);
    const all = await Promise.all([source.getToken(), source.getToken(), source.getToken()]);
    await source.getToken();
    expect(calls).to.equal(1);
    expect(all[0]).to.include({ kind: "app", appId: "app-1" });
  });

  it("refreshes a token that is close to expiry (short-lived tokens at half their life)", async () => {
    let calls = 0;
    const credential = { getToken: async () => (calls++, { token: "opaque", expiresOnTimestamp: Date.now() + 40 }) };
    const source = new CachedTokenSource(credential, "s", "x", (e) => e as Error);
    await source.getToken();
    await source.getToken();
    expect(calls).to.equal(1);
    await new Promise((r) => setTimeout(r, 30));
    await source.getToken();
    expect(calls).to.equal(2);
  });

  it("turns a credential failure into the provider's error, and retries on the next call", async () => {
    let calls = 0;
    const credential = { getToken: async () => { calls++; throw new Error("AADSTS7000215: Invalid client secret provided."); } };
    const source = new CachedTokenSource(credential, "s", "x", (e) => new Error(`wrapped: ${(e as Error).message}`));
    await source.getToken().catch((e) => expect(e.message).to.equal("wrapped: AADSTS7000215: Invalid client secret provided."));
    await source.getToken().catch(() => undefined);
    expect(calls).to.equal(2);
  });

  it("tells app tokens from delegated ones by their claims", () => {
    expect(describeToken(jwt({ idtyp: "app", appid: "a" }))).to.deep.equal({ kind: "app", appId: "a" });
    expect(describeToken(jwt({ roles: ["OnlineMeetings.ReadWrite.All"], azp: "b" }))).to.deep.equal({ kind: "app", appId: "b" });
    expect(describeToken(jwt({ scp: "OnlineMeetings.ReadWrite", appid: "c" }))).to.deep.equal({ kind: "delegated", appId: "c" });
    expect(describeToken(jwt({ idtyp: "app", appid: "a", tid: "t-1" }))).to.deep.equal({ kind: "app", appId: "a", tenantId: "t-1" });
    expect(describeToken("not-a-jwt")).to.deep.equal({ kind: "unknown" });
  });
});

describe("auth/credentials: failure text", () => {
  const secretConfig = () =>
    resolveConfig((k) => ({ "msgraph:tenantId": "contoso.onmicrosoft.com", "msgraph:clientId": "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb", "msgraph:clientSecret": "pa55-w0rd-value" })[k], {});
  const msal = (code: string, aadsts: string) =>
    new Error(`${code}: Error(s): 7000215 - Timestamp: 2026-01-01 00:00:00Z - Description: ${aadsts} Trace ID: t-1 Correlation ID: c-1 Timestamp: 2026-01-01 00:00:00Z - Correlation ID: c-1 - Trace ID: t-1`);

  it("names the credential, its setting, the authority, the OAuth code and AADSTS text (secret scrubbed), the fix, and every way to configure one", () => {
    const config = secretConfig();
    const e = credentialFailure(config, config.cloud.scope, msal("invalid_client", "AADSTS7000215: Invalid client secret provided (got 'pa55-w0rd-value')."));
    expect(e.name).to.equal("CredentialError");
    expect(e.message).to.equal(
      "Could not get a Microsoft Graph access token (scope https://graph.microsoft.com/.default) with a client secret (from msgraph:clientSecret) at https://login.microsoftonline.com: invalid_client: AADSTS7000215: Invalid client secret provided (got '***').\n" +
        "Check that the tenant and client ids name the app and that the secret is current (secrets expire).\n" +
        waysToConfigure,
    );
  });

  it("an unavailable identity platform is not blamed on the credential", () => {
    const config = secretConfig();
    const e = credentialFailure(config, config.cloud.scope, msal("temporarily_unavailable", "AADSTS90033: The service is temporarily unavailable."));
    expect(e.message).to.equal(
      "Could not get a Microsoft Graph access token (scope https://graph.microsoft.com/.default) with a client secret (from msgraph:clientSecret) at https://login.microsoftonline.com: temporarily_unavailable: AADSTS90033: The service is temporarily unavailable.\n" +
        "The identity platform could not be reached or was unavailable: run again later, and check the network, HTTPS_PROXY/NO_PROXY, msgraph:tenantId and msgraph:authorityHost.",
    );
    const net = credentialFailure(config, config.cloud.scope, new Error("network_error: See https://aka.ms/msal.js.errors#network_error for details"));
    expect(net.message).to.include("at https://login.microsoftonline.com: network_error: See https://aka.ms/msal.js.errors#network_error for details\nThe identity platform could not be reached");
  });

  it("with nothing configured, says so and lists the ways", () => {
    const config = resolveConfig(undefined, {});
    const e = credentialFailure(config, config.cloud.scope, new Error("DefaultAzureCredential failed to retrieve a token from the included credentials."));
    expect(e.message.split("\n")[0]).to.equal(
      "Could not get a Microsoft Graph access token (scope https://graph.microsoft.com/.default) with DefaultAzureCredential (no credential is configured) at https://login.microsoftonline.com: DefaultAzureCredential failed to retrieve a token from the included credentials.",
    );
    for (const way of ["msgraph:clientSecret", "msgraph:clientCertificatePath", "msgraph:federatedTokenFile", "msgraph:accessToken", "AZURE_CLIENT_SECRET", "AZURE_FEDERATED_TOKEN_FILE", "az login"]) {
      expect(e.message).to.include(way);
    }
  });

  it("redact replaces every occurrence", () => {
    expect(redact("a SECRET b SECRET", ["SECRET"])).to.equal("a *** b ***");
  });
});
