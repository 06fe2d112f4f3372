import { expect } from "chai";
import { forHost } from "../../provider/hostErrors";
import { configure, providerContext, resetProviderContext } from "../../provider/runtime";

/** An unsigned JWT that expired an hour ago. */
const expiredToken = `eyJhbGciOiJub25lIn0.${Buffer.from(JSON.stringify({ exp: Math.floor(Date.now() / 1000) - 3600, scp: "OnlineMeetings.ReadWrite" })).toString("base64url")}.`;

const tenant = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const app = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";
const stack = (values: Record<string, string>) => (key: string) => values[key];
const secretConfig = { "msgraph:tenantId": tenant, "msgraph:clientId": app, "msgraph:clientSecret": "abcd-1234", "msgraph:graphEndpoint": "https://graph.example.test", "msgraph:authorityHost": "https://login.example.test", "msgraph:verifyCredentials": "false" };

describe("runtime: the per-process provider context", () => {
  afterEach(() => resetProviderContext());

  it("configure with the same config (one call per resource kind's stub) keeps one client", () => {
    configure(stack(secretConfig));
    const first = providerContext();
    configure(stack({ ...secretConfig }));
    expect(providerContext()).to.equal(first);
    expect(providerContext().client).to.equal(first.client);
    expect(first.config.graphEndpoint).to.equal("https://graph.example.test");
    expect(first.client.tokenSource.source).to.equal("msgraph:clientSecret");
  });

  it("a different config replaces the context", () => {
    configure(stack(secretConfig));
    const first = providerContext();
    configure(stack({ ...secretConfig, "msgraph:graphEndpoint": "https://other.example.test" }));
    expect(providerContext()).to.not.equal(first);
    expect(providerContext().config.graphEndpoint).to.equal("https://other.example.test");
  });

  it("configure gets the run's token: a broken credential fails it, and every kind's configure, on one token request", async () => {
    const config = stack({ "msgraph:accessToken": expiredToken });
    const first = await configure(config).then(() => new Error("expected a failure"), (e: Error) => e);
    expect(first.name).to.equal("CredentialError");
    expect(first.message).to.match(/^The access token in msgraph:accessToken expired at /);
    // The second kind's configure: the same answer, not a second try.
    expect(await configure(config).catch((e: Error) => e)).to.equal(first);
  });

  it("no application credential but a delegated one (a webinar-only stack): configure checks the organizer's token instead", async () => {
    const config = stack({ "msgraph:userAccessToken": expiredToken, "msgraph:graphEndpoint": "https://graph.example.test", "msgraph:authorityHost": "https://login.example.test" });
    const e = await configure(config).then(() => new Error("expected a failure"), (err: Error) => err);
    expect(e.message).to.contain("msgraph:userAccessToken");
    expect(e.message).to.not.contain("DefaultAzureCredential");
  });

  it("msgraph:verifyCredentials false: configure gets no token (the first Graph request will)", async () => {
    await configure(stack({ "msgraph:accessToken": expiredToken, "msgraph:verifyCredentials": "false" }));
    expect(providerContext().config.verifyCredentials).to.equal(false);
  });

  it("an error leaving for the host prints as one line: `${e}: ${e.stack}` is \"msgraph: <first line>\"", () => {
    const e = forHost(new Error("Could not get a token: invalid_client.\nCheck the secret.\nWays to configure …"));
    expect(`${e}: ${e.stack}`).to.equal("msgraph: Could not get a token: invalid_client.");
    expect(e.message).to.equal("Could not get a token: invalid_client.\nCheck the secret.\nWays to configure …");
    expect(forHost(e)).to.equal(e);
  });

  it("a failed configure is remembered and rethrown by every later call", async () => {
    expect(await configure(stack({ "msgraph:cloud": "Mars" })).catch((e: Error) => e.message)).to.include('msgraph:cloud is "Mars"');
    expect(() => providerContext()).to.throw('msgraph:cloud is "Mars"');
    expect(() => providerContext()).to.throw('msgraph:cloud is "Mars"');
  });

  it("without configure (SDK before 3.139) the environment alone configures it", () => {
    const saved = { ...process.env };
    try {
      process.env.MSGRAPH_GRAPH_ENDPOINT = "https://from-env.example.test";
      process.env.MSGRAPH_ALLOW_CUSTOM_GRAPH_ENDPOINT = "true";
      expect(providerContext().config.graphEndpoint).to.equal("https://from-env.example.test");
    } finally {
      process.env = saved;
    }
  });
});
