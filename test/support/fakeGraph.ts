// An in-process stand-in for the Graph client, for unit tests of lifecycles only (integration tests
// use the emulator over TLS): answers each request from a handler chosen by method and route
// template, records every request (with the identity that made it), and builds a ProviderContext.
import type { AccessTokenInfo, GraphRequest, GraphResponse, TokenSource } from "../../provider/graph/client";
import { GraphError } from "../../provider/graph/errors";
import { resolveConfig } from "../../provider/config";
import type { ProviderContext } from "../../provider/runtime";

export type Answer = { status: number; body?: unknown } | GraphError;
export type Handler = (req: GraphRequest, seen: number) => Answer;

export interface Seen {
  method: string;
  template: string;
  path: string;
  body?: unknown;
  identity: string;
}

function jwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${b64({ alg: "none" })}.${b64({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.sig`;
}

export class FakeTokens implements TokenSource {
  calls = 0;
  constructor(
    readonly source: string,
    private readonly kind: "app" | "delegated",
  ) {}
  async getToken(): Promise<AccessTokenInfo> {
    this.calls += 1;
    const claims = this.kind === "app" ? { idtyp: "app", roles: ["VirtualEvent.Read.All"] } : { scp: "VirtualEvent.ReadWrite" };
    return { token: jwt(claims), kind: this.kind };
  }
}

/** A GraphError as the client throws it. */
export function graphError(status: number, code = `Http${status}`, ambiguous = false): GraphError {
  return new GraphError({ status, code, graphMessage: "fake", clientRequestId: "c", operation: "op", method: "POST", route: "/fake", attempts: 1, ambiguous, tokenKind: "unknown" });
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(" ");
  return [key.slice(0, at), key.slice(at + 1)];
}

export class FakeGraph {
  readonly seen: Seen[] = [];
  private readonly handlers: [string, Handler][] = [];
  readonly graphEndpoint = "https://graph.example.test";
  readonly application = new FakeTokens("msgraph:clientSecret", "app");
  readonly delegated = new FakeTokens("msgraph:userAccessToken", "delegated");

  /** `key` is "METHOD template-suffix", matched against the end of the route template. */
  on(key: string, handler: Handler | Answer): this {
    this.handlers.unshift([key, typeof handler === "function" ? handler : () => handler]);
    return this;
  }

  count(key: string): number {
    const [method, suffix] = splitKey(key);
    return this.seen.filter((s) => s.method === method && s.template.endsWith(suffix)).length;
  }

  context(options: { delegated?: boolean } = { delegated: true }): ProviderContext {
    const config = resolveConfig(() => undefined, { AZURE_TENANT_ID: "contoso.onmicrosoft.com", AZURE_CLIENT_ID: "00000000-0000-0000-0000-000000000001", AZURE_CLIENT_SECRET: "x" });
    const client = {
      graphEndpoint: this.graphEndpoint,
      tokenSource: this.application,
      request: async (req: GraphRequest): Promise<GraphResponse> => {
        const tokens = req.tokens ?? this.application;
        await tokens.getToken();
        this.seen.push({ method: req.method, template: req.route.template, path: req.route.path, body: req.body, identity: tokens === this.delegated ? "delegated" : "application" });
        const matching = this.handlers.find(([key]) => {
          const [method, suffix] = splitKey(key);
          return method === req.method && req.route.template.endsWith(suffix);
        });
        if (!matching) throw new Error(`fake Graph: no handler for ${req.method} ${req.route.template}`);
        const answer = matching[1](req, this.seen.filter((s) => s.method === req.method && s.template === req.route.template).length);
        if (answer instanceof GraphError) throw answer;
        return { status: answer.status, body: answer.body, headers: {}, clientRequestId: "c", attempts: 1 };
      },
      close: async () => undefined,
    };
    return { config, client: client as unknown as ProviderContext["client"], ...(options.delegated ? { userTokens: this.delegated } : {}) };
  }
}
