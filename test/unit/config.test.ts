import { expect } from "chai";
import * as fc from "fast-check";
import { ConfigError, configKeys, defaultUserClientId, resolveConfig, secretConfigKeys, secretValues } from "../../provider/config";
import { tokenDestination } from "../../provider/runtime";
import { engineValue, params, plausibleString } from "../support/checkProperties";

const tenant = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const app = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";
const stack = (values: Record<string, unknown>) => (key: string) => values[key];
const appEnv = { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: "app-secret" };

function problems(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error("expected a ConfigError");
}

function configError(values: Record<string, unknown>, env: Record<string, string> = {}): string {
  try {
    resolveConfig(stack(values), env);
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("config: resolveConfig", () => {
  it("nothing set: Global cloud, DefaultAzureCredential", () => {
    const c = resolveConfig(undefined, {});
    expect(c).to.deep.equal({
      cloud: { name: "Global", graphEndpoint: "https://graph.microsoft.com", authorityHost: "https://login.microsoftonline.com", scope: "https://graph.microsoft.com/.default", meetingRegistration: true },
      graphEndpoint: "https://graph.microsoft.com",
      authorityHost: "https://login.microsoftonline.com",
      customAuthority: false,
      meetingRegistrationApi: true,
      verifyCredentials: true,
      credential: { kind: "default", tenantId: undefined, clientId: undefined, source: "DefaultAzureCredential" },
    });
  });

  it("client secret from stack config, endpoints overridden (custom authority turns instance discovery off)", () => {
    const c = resolveConfig(
      stack({ "msgraph:tenantId": tenant, "msgraph:clientId": app, "msgraph:clientSecret": "s3cret-value", "msgraph:graphEndpoint": "https://127.0.0.1:8443/", "msgraph:authorityHost": "https://127.0.0.1:8443" }),
      {},
    );
    expect(c.credential).to.deep.equal({ kind: "clientSecret", tenantId: tenant, clientId: app, clientSecret: "s3cret-value", source: "msgraph:clientSecret" });
    expect(c.graphEndpoint).to.equal("https://127.0.0.1:8443");
    expect(c.authorityHost).to.equal("https://127.0.0.1:8443");
    expect(c.customAuthority).to.equal(true);
    expect(c.cloud.scope).to.equal("https://graph.microsoft.com/.default");
  });

  it("falls back to the Azure SDK environment variables", () => {
    const env = { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: app, AZURE_CLIENT_CERTIFICATE_PATH: "/certs/app.pem", AZURE_CLIENT_CERTIFICATE_PASSWORD: "pw", AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us" };
    const c = resolveConfig(stack({}), env);
    expect(c.credential).to.deep.equal({ kind: "clientCertificate", tenantId: tenant, clientId: app, certificatePath: "/certs/app.pem", certificatePassword: "pw", source: "AZURE_CLIENT_CERTIFICATE_PATH" });
    expect(c.customAuthority).to.equal(false);
  });

  it("stack config wins over the environment, key by key and for the credential", () => {
    const c = resolveConfig(stack({ "msgraph:tenantId": "contoso.onmicrosoft.com", "msgraph:clientId": app, "msgraph:federatedTokenFile": "/var/run/token" }), { AZURE_TENANT_ID: tenant, AZURE_CLIENT_SECRET: "env-secret" });
    expect(c.credential).to.deep.equal({ kind: "federatedToken", tenantId: "contoso.onmicrosoft.com", clientId: app, tokenFilePath: "/var/run/token", source: "msgraph:federatedTokenFile" });
  });

  it("environment order follows the Azure SDK: secret, then certificate, then federated token; MSGRAPH_ACCESS_TOKEN first", () => {
    const env = { AZURE_TENANT_ID: tenant, AZURE_CLIENT_ID: app, AZURE_CLIENT_SECRET: "x1234", AZURE_CLIENT_CERTIFICATE_PATH: "/c.pem", AZURE_FEDERATED_TOKEN_FILE: "/t" };
    expect(resolveConfig(undefined, env).credential.kind).to.equal("clientSecret");
    expect(resolveConfig(undefined, { ...env, MSGRAPH_ACCESS_TOKEN: "eyJ.x.y" }).credential).to.deep.equal({ kind: "accessToken", token: "eyJ.x.y", source: "MSGRAPH_ACCESS_TOKEN" });
  });

  it("clouds set Graph, authority and scope; only Global has the registration API unless Graph is overridden", () => {
    const gov = resolveConfig(stack({ "msgraph:cloud": "usgov" }), {});
    expect(gov.cloud.name).to.equal("USGov");
    expect(gov.graphEndpoint).to.equal("https://graph.microsoft.us");
    expect(gov.authorityHost).to.equal("https://login.microsoftonline.us");
    expect(gov.cloud.scope).to.equal("https://graph.microsoft.us/.default");
    expect(gov.meetingRegistrationApi).to.equal(false);
    expect(resolveConfig(stack({ "msgraph:cloud": "USGovDoD" }), {}).graphEndpoint).to.equal("https://dod-graph.microsoft.us");
    const china = resolveConfig(stack({ "msgraph:cloud": "China" }), {});
    expect([china.graphEndpoint, china.authorityHost]).to.deep.equal(["https://microsoftgraph.chinacloudapi.cn", "https://login.chinacloudapi.cn"]);
    expect(resolveConfig(stack({ "msgraph:cloud": "China", "msgraph:graphEndpoint": "https://emulator.local", "msgraph:authorityHost": "https://emulator.local" }), {}).meetingRegistrationApi).to.equal(true);
  });

  it("a custom graphEndpoint needs a custom authorityHost or the explicit opt-in; the notice names where tokens go", () => {
    const refused = configError({ "msgraph:graphEndpoint": "https://proxy.example.test" });
    expect(refused).to.equal(
      "Invalid msgraph configuration: msgraph:graphEndpoint is https://proxy.example.test, not Microsoft Graph, but tokens come from https://login.microsoftonline.com (the Global cloud's identity platform): real access tokens for https://graph.microsoft.com would be sent to https://proxy.example.test. " +
        "Point msgraph:authorityHost at the identity platform that serves https://proxy.example.test (e.g. the emulator's), or set msgraph:allowCustomGraphEndpoint true if https://proxy.example.test is a proxy you trust with those tokens, or unset msgraph:graphEndpoint to use Microsoft Graph.",
    );
    expect(configError({}, { MSGRAPH_GRAPH_ENDPOINT: "https://leftover.example.test" })).to.match(/^Invalid msgraph configuration: MSGRAPH_GRAPH_ENDPOINT is https:\/\/leftover\.example\.test, not Microsoft Graph.*or unset MSGRAPH_GRAPH_ENDPOINT to use Microsoft Graph\.$/);
    expect(configError({ "msgraph:graphEndpoint": "https://proxy.example.test", "msgraph:allowCustomGraphEndpoint": "yes" })).to.include('msgraph:allowCustomGraphEndpoint must be true or false, not "yes".');

    const allowed = resolveConfig(stack({ "msgraph:graphEndpoint": "https://proxy.example.test", "msgraph:allowCustomGraphEndpoint": "true" }), {});
    expect(tokenDestination(allowed)).to.equal(
      "access tokens issued by https://login.microsoftonline.com go with every Graph request to https://proxy.example.test, set by msgraph:graphEndpoint (allowed by msgraph:allowCustomGraphEndpoint), not to https://graph.microsoft.com.",
    );
    expect(resolveConfig(stack({ "msgraph:graphEndpoint": "https://proxy.example.test" }), { MSGRAPH_ALLOW_CUSTOM_GRAPH_ENDPOINT: "TRUE" }).graphEndpoint).to.equal("https://proxy.example.test");
    const emulator = resolveConfig(stack({ "msgraph:graphEndpoint": "https://127.0.0.1:8443", "msgraph:authorityHost": "https://127.0.0.1:8443" }), {});
    expect(tokenDestination(emulator)).to.equal("access tokens issued by https://127.0.0.1:8443 go with every Graph request to https://127.0.0.1:8443, set by msgraph:graphEndpoint, not to https://graph.microsoft.com.");
    expect(tokenDestination(resolveConfig(undefined, {}))).to.equal(undefined);
    // The cloud's own endpoint spelt out is not custom.
    expect(tokenDestination(resolveConfig(stack({ "msgraph:graphEndpoint": "https://graph.microsoft.com/" }), {}))).to.equal(undefined);
  });

  const mistakes: [string, Record<string, unknown>, Record<string, string>, string[]][] = [
    ["http endpoint", { "msgraph:graphEndpoint": "http://127.0.0.1:8080" }, {}, ["msgraph:graphEndpoint must use https:// (tokens are never sent in clear text)."]],
    ["http authority from env", {}, { AZURE_AUTHORITY_HOST: "http://login.local" }, ["AZURE_AUTHORITY_HOST must use https:// (tokens are never sent in clear text)."]],
    ["endpoint with a path", { "msgraph:graphEndpoint": "https://graph.microsoft.com/beta" }, {}, ["msgraph:graphEndpoint must be an origin only, like https://graph.microsoft.com (no path, query or credentials)."]],
    ["not a URL", { "msgraph:graphEndpoint": "graph.microsoft.com" }, {}, ["msgraph:graphEndpoint is not a URL; use an https origin like https://graph.microsoft.com."]],
    ["unknown cloud", { "msgraph:cloud": "Azure" }, {}, ['msgraph:cloud is "Azure"; use one of Global, USGov, USGovDoD, China.']],
    ["two credentials in stack config", { "msgraph:tenantId": tenant, "msgraph:clientId": app, "msgraph:clientSecret": "abcd", "msgraph:clientCertificatePath": "/c.pem" }, {}, ["set only one credential; the stack config sets msgraph:clientSecret and msgraph:clientCertificatePath."]],
    ["secret without tenant and app", { "msgraph:clientSecret": "abcd" }, {}, ["msgraph:clientSecret is set but the tenant is not: set msgraph:tenantId (or AZURE_TENANT_ID).", "msgraph:clientSecret is set but the app is not: set msgraph:clientId (or AZURE_CLIENT_ID)."]],
    ["client id not a GUID", { "msgraph:clientId": "my-app" }, {}, ["msgraph:clientId must be the application (client) id, a GUID like 00000000-0000-0000-0000-000000000000."]],
    ["tenant 'common'", { "msgraph:tenantId": "common" }, {}, ['msgraph:tenantId is "common"; an app needs its own tenant: use the directory (tenant) id GUID or its domain (contoso.onmicrosoft.com).']],
    ["tenant garbage", { "msgraph:tenantId": "my tenant" }, {}, ["msgraph:tenantId must be the directory (tenant) id GUID or a verified domain like contoso.onmicrosoft.com."]],
    ["certificate password alone", { "msgraph:clientCertificatePassword": "pw" }, {}, ["msgraph:clientCertificatePassword is set but msgraph:clientCertificatePath is not: set the path of the PEM file (certificate and private key) too."]],
    ["Bearer prefix", { "msgraph:accessToken": "Bearer eyJhbGciOi.x.y" }, {}, ['msgraph:accessToken starts with "Bearer "; set the token alone.']],
    ["structured value", { "msgraph:clientSecret": { value: "x" } }, {}, ["msgraph:clientSecret must be a plain string (set it with `pulumi config set --secret msgraph:clientSecret <value>`)."]],
  ];
  for (const [name, values, env, expected] of mistakes) {
    it(`rejects: ${name}`, () => {
      expect(problems(() => resolveConfig(stack(values), env))).to.deep.equal(expected);
    });
  }

  it("never puts a secret value in a message", () => {
    let message = "";
    try {
      resolveConfig(stack({ "msgraph:clientSecret": "TOPSECRET-1", "msgraph:accessToken": "TOPSECRET-2", "msgraph:graphEndpoint": "http://x" }), { AZURE_CLIENT_CERTIFICATE_PASSWORD: "TOPSECRET-3" });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).to.match(/^Invalid msgraph configuration:\n {2}- /);
    expect(message).to.not.include("TOPSECRET");
  });
});

describe("config: the delegated identity", () => {
  it("none by default: the application identity alone", () => {
    expect(resolveConfig(undefined, appEnv).userCredential).to.equal(undefined);
  });

  it("msgraph:userAccessToken (secret) beside an application credential; its value is a secret of the config", () => {
    const c = resolveConfig((k) => ({ "msgraph:userAccessToken": "eyJ.user.token" })[k], appEnv);
    expect(c.credential.kind).to.equal("clientSecret");
    expect(c.userCredential).to.deep.equal({ kind: "userAccessToken", token: "eyJ.user.token", source: "msgraph:userAccessToken" });
    expect(secretValues(c)).to.include("eyJ.user.token");
    expect(resolveConfig(undefined, { ...appEnv, MSGRAPH_USER_ACCESS_TOKEN: "eyJ.env" }).userCredential).to.deep.include({ source: "MSGRAPH_USER_ACCESS_TOKEN" });
  });

  it("device code: the app's tenant, the default public client unless msgraph:userClientId, and a cache folder", () => {
    const c = resolveConfig((k) => ({ "msgraph:userCredential": "deviceCode", "msgraph:userTokenCacheDir": "/tmp/cache" })[k], appEnv);
    expect(c.userCredential).to.deep.equal({ kind: "deviceCode", tenantId: tenant, clientId: defaultUserClientId, cacheDir: "/tmp/cache", source: "msgraph:userCredential" });
    const own = resolveConfig((k) => ({ "msgraph:userCredential": "devicecode", "msgraph:userClientId": app })[k], {});
    expect(own.userCredential).to.deep.include({ kind: "deviceCode", clientId: app, tenantId: "organizations" });
  });

  it("Azure CLI", () => {
    expect(resolveConfig(undefined, { ...appEnv, MSGRAPH_USER_CREDENTIAL: "azureCli" }).userCredential).to.deep.equal({ kind: "azureCli", tenantId: tenant, source: "MSGRAPH_USER_CREDENTIAL" });
  });

  it("mistakes name the setting and the fix", () => {
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userCredential": "browser" })[k], appEnv))).to.deep.equal([
      'msgraph:userCredential is "browser"; use deviceCode (sign in once on this workstation) or azureCli (the user signed in with `az login`), or set msgraph:userAccessToken instead.',
    ]);
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userAccessToken": "Bearer eyJ", "msgraph:userCredential": "azureCli" })[k], appEnv))).to.deep.equal([
      "set only one delegated identity; the stack config sets msgraph:userAccessToken and msgraph:userCredential.",
    ]);
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userClientId": app })[k], appEnv))).to.deep.equal([
      "msgraph:userClientId is set but msgraph:userCredential is not: set msgraph:userCredential deviceCode (or MSGRAPH_USER_CREDENTIAL) to sign in by device code.",
    ]);
    expect(problems(() => resolveConfig((k) => ({ "msgraph:userAccessToken": "Bearer eyJ" })[k], appEnv))).to.deep.equal(['msgraph:userAccessToken starts with "Bearer "; set the token alone.']);
  });
});

// A property test (fast-check; FC_SEED / FC_RUNS as in test/support/checkProperties.ts).
describe("bad input: provider configuration (fast-check)", () => {
  const stackKeys = Object.keys(configKeys).map((k) => `msgraph:${k}`);
  const envKeys = Object.values(configKeys) as string[];
  // Secret values carry a marker no other generated value contains, so a hit is a real leak.
  const secretish = fc.stringMatching(/^[A-Za-z0-9~._-]{0,30}$/).map((s) => `S3cr3t${s}`);
  const secretNames = new Set(secretConfigKeys.flatMap((k) => [`msgraph:${k}`, configKeys[k] as string]));
  const withSecrets = (bag: Record<string, unknown>, secret: string) =>
    Object.fromEntries(Object.entries(bag).map(([k, v]) => [k, secretNames.has(k) ? `${secret}${k.length}` : v]));

  it("any msgraph:* config and environment: a ConfigError naming the settings, or a config; never a secret in the text", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...stackKeys), engineValue, { maxKeys: 10 }),
        fc.dictionary(fc.constantFrom(...envKeys), plausibleString, { maxKeys: 10 }),
        secretish,
        (rawStack, rawEnv, secret) => {
          const stack = withSecrets(rawStack, secret);
          const env = withSecrets(rawEnv, secret) as Record<string, string>;
          const secrets = [...secretNames].map((k) => stack[k] ?? env[k]).filter((v): v is string => typeof v === "string");
          try {
            resolveConfig((k) => stack[k], env as NodeJS.ProcessEnv);
          } catch (e) {
            expect(e, String(e)).to.be.instanceOf(ConfigError);
            const err = e as ConfigError;
            expect(err.problems).to.not.be.empty;
            for (const p of err.problems) {
              const names = [...stackKeys, ...envKeys].filter((n) => p.includes(n));
              expect(names, `problem names a setting: ${p}`).to.not.be.empty;
            }
            for (const s of secrets) expect(err.message, "a secret in a ConfigError").to.not.include(s.trim());
          }
        },
      ),
      params(),
    );
  });
});
