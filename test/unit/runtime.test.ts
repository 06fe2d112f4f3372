import { expect } from "chai";
import { configure, providerContext, resetProviderContext } from "../../provider/runtime";

const tenant = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa";
const app = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";
const stack = (values: Record<string, string>) => (key: string) => values[key];
const secretConfig = { "msgraph:tenantId": tenant, "msgraph:clientId": app, "msgraph:clientSecret": "abcd-1234", "msgraph:graphEndpoint": "https://graph.example.test", "msgraph:authorityHost": "https://login.example.test" };

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

  it("a failed configure is remembered and rethrown by every later call", () => {
    expect(() => configure(stack({ "msgraph:cloud": "Mars" }))).to.throw('msgraph:cloud is "Mars"');
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
