// Unit tests of the Graph client module against an in-process fake HTTP peer (plain http on
// loopback: TLS and the real emulator are the integration tests' job).
import { expect } from "chai";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { GraphClient, longWaitNotice } from "../../../provider/graph/client";
import { GraphError } from "../../../provider/graph/errors";
import { setLogSink } from "../../../provider/graph/log";
import { route } from "../../../provider/graph/route";
import { defaultRetryPolicy } from "../../../provider/graph/retryPolicy";

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe("graph/client (in-process fake peer)", function () {
  this.timeout(20_000);
  let server: http.Server;
  let origin = "";
  let queue: Handler[] = [];
  let seen: Seen[] = [];
  const sockets = new Set<unknown>();
  const token = "eyJhbGciOiJub25lIn0.eyJpZHR5cCI6ImFwcCIsInJvbGVzIjpbIk9ubGluZU1lZXRpbmdzLlJlYWRXcml0ZS5BbGwiXSwiYXBwaWQiOiJhcHAtMSJ9.";
  const tokens = { source: "msgraph:clientSecret", getToken: async () => ({ token, kind: "app" as const, appId: "app-1" }) };
  const newClient = (retry = {}) => new GraphClient({ graphEndpoint: origin, tokens, retry: { baseDelayMs: 1, maxDelayMs: 5, ...retry } });

  before(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const h = queue.shift() ?? ((_q, _b, r) => r.writeHead(500).end());
        h(req, body, res);
      });
    });
    server.on("connection", (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    queue = [];
    seen = [];
    sockets.clear();
  });

  const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_q, _b, res) => {
    res.writeHead(status, { "content-type": "application/json", "request-id": `rid-${seen.length}`, ...headers }).end(JSON.stringify(body));
  };
  const graphError = (status: number, code: string, headers: Record<string, string> = {}) =>
    json(status, { error: { code, message: `${code} happened.`, innerError: { date: "2026-01-01T00:00:00", "request-id": "inner-rid", "client-request-id": "x" } } }, headers);
  const reset: Handler = (req) => req.socket.destroy();

  it("sends the token, a User-Agent naming the package version, JSON, and a fresh client-request-id per request", async () => {
    const client = newClient();
    queue.push(json(201, { id: "r1" }), json(200, { id: "r1" }));
    const res = await client.request({ method: "POST", route: route("/beta/users/{userId}/x/{id}", { userId: "a@b.com", id: "M+1=" }), body: { a: 1 }, operation: "create x" });
    await client.request({ method: "GET", route: route("/beta/x"), operation: "read x" });
    await client.close();
    expect(res).to.include({ status: 201, attempts: 1, requestId: "rid-1" });
    expect(res.body).to.deep.equal({ id: "r1" });
    expect(seen[0].url).to.equal("/beta/users/a%40b.com/x/M%2B1%3D");
    expect(seen[0].headers.authorization).to.equal(`Bearer ${token}`);
    expect(seen[0].headers["user-agent"]).to.equal(`pulumi-msgraph-meetings/${require("../../../package.json").version}`);
    expect(seen[0].headers["content-type"]).to.equal("application/json");
    expect(seen[0].body).to.equal('{"a":1}');
    const ids = seen.map((s) => s.headers["client-request-id"]);
    expect(ids[0]).to.match(/^[0-9a-f-]{36}$/);
    expect(ids[0]).to.not.equal(ids[1]);
    expect(res.clientRequestId).to.equal(ids[0]);
    expect(sockets.size).to.be.at.most(2); // keep-alive (undici may open a second socket while the first is released)
  });

  it("retries 429 honouring Retry-After (same client-request-id), then succeeds", async () => {
    const client = newClient();
    queue.push(graphError(429, "TooManyRequests", { "retry-after": "0.2" }), graphError(503, "ServiceUnavailable"), json(200, { ok: true }));
    const started = Date.now();
    const res = await client.request({ method: "GET", route: route("/beta/x"), operation: "read x" });
    await client.close();
    expect(Date.now() - started).to.be.at.least(190);
    expect(res).to.include({ status: 200, attempts: 3 });
    expect(new Set(seen.map((s) => s.headers["client-request-id"])).size).to.equal(1);
  });

  it("gives up on a 503 after maxAttempts with a GraphError carrying Graph's envelope", async () => {
    const client = newClient({ maxAttempts: 2 });
    queue.push(graphError(503, "ServiceUnavailable", { "retry-after": "0" }), graphError(503, "ServiceUnavailable", { "retry-after": "1" }));
    const err = await client.request({ method: "GET", route: route("/beta/x"), operation: "read x", target: "for y" }).catch((e) => e);
    await client.close();
    expect(err).to.be.instanceOf(GraphError);
    expect(err).to.include({ status: 503, code: "ServiceUnavailable", graphMessage: "ServiceUnavailable happened.", requestId: "rid-2", date: "2026-01-01T00:00:00", attempts: 2, retryAfterMs: 1000, ambiguous: false, operation: "read x" });
    expect(err.message.split("\n")[0]).to.equal('Could not read x for y: Microsoft Graph answered 503 Service Unavailable (code "ServiceUnavailable"): ServiceUnavailable happened.');
    expect(seen).to.have.length(2);
  });

  it("retries a 429 past maxAttempts, for as long as the deadline allows the next wait", async () => {
    let clock = 0;
    const client = new GraphClient({
      graphEndpoint: origin,
      tokens,
      retry: { maxAttempts: 2, deadlineMs: 10_000 },
      retryHooks: { now: () => clock, random: () => 0, sleep: (ms, then) => ((clock += ms), setImmediate(then)) },
    });
    for (let i = 0; i < 20; i++) queue.push(graphError(429, "TooManyRequests", { "retry-after": "1" }));
    const err = await client.request({ method: "POST", route: route("/beta/x"), body: {}, operation: "create x" }).catch((e) => e);
    await client.close();
    // Waits of 1 s at 0, 1, …, 9 s fit in the 10 s deadline: 11 sends, then the 429 is the answer.
    expect(seen).to.have.length(11);
    expect(err).to.be.instanceOf(GraphError);
    expect(err).to.include({ status: 429, attempts: 11, retryAfterMs: 1000 });
  });

  it("does not retry a POST on 503 and marks it ambiguous; does retry a POST on 429", async () => {
    const client = newClient();
    queue.push(graphError(503, "ServiceUnavailable"));
    const err = await client.request({ method: "POST", route: route("/beta/x"), body: {}, operation: "create x" }).catch((e) => e);
    expect(err).to.include({ status: 503, ambiguous: true, attempts: 1 });
    queue.push(graphError(429, "TooManyRequests", { "retry-after": "0" }), json(201, { id: "1" }));
    const res = await client.request({ method: "POST", route: route("/beta/x"), body: {}, operation: "create x" });
    await client.close();
    expect(res).to.include({ status: 201, attempts: 2 });
    expect(seen.map((s) => s.body)).to.deep.equal(["{}", "{}", "{}"]);
  });

  it("retries a GET after a connection reset; a POST reset is an ambiguous status-0 error, not retried", async () => {
    const client = newClient();
    queue.push(reset, json(200, { id: "1" }));
    const res = await client.request({ method: "GET", route: route("/beta/x"), operation: "read x" });
    expect(res).to.include({ status: 200, attempts: 2 });
    queue.push(reset, json(201, { id: "never" }));
    const err = await client.request({ method: "POST", route: route("/beta/x"), body: {}, operation: "create x" }).catch((e) => e);
    await client.close();
    expect(err).to.be.instanceOf(GraphError);
    expect(err).to.include({ status: 0, ambiguous: true, attempts: 1 });
    expect(err.code).to.match(/^(UND_ERR_SOCKET|ECONNRESET)$/);
    expect(seen).to.have.length(3);
  });

  it("announces a long Retry-After wait, and logs each attempt at debug level without headers or token", async () => {
    const lines: string[] = [];
    const previous = setLogSink((l) => lines.push(l));
    process.env.MSGRAPH_LOG_LEVEL = "debug";
    try {
      const client = newClient({ noticeAfterMs: 100 });
      queue.push(graphError(429, "TooManyRequests", { "retry-after": "0.3" }), json(200, {}));
      await client.request({ method: "GET", route: route("/beta/users/{userId}/x", { userId: "u1" }), operation: "read x", target: "for meeting m" });
      await client.close();
    } finally {
      delete process.env.MSGRAPH_LOG_LEVEL;
      setLogSink(previous);
    }
    expect(lines).to.have.length(3);
    expect(lines[0]).to.match(/^msgraph debug: GET \/beta\/users\/\{userId\}\/x 429 request-id=rid-1 client-request-id=[0-9a-f-]{36} attempt=1 duration=\d+ms$/);
    expect(lines[1]).to.match(/^msgraph: Microsoft Graph asked us to wait 0\.3s \(HTTP 429\); waiting 0\.[3-6]s before retrying to read x for meeting m \(attempt 2; the request gives up in (\d+m )?\d+(\.\d)?s\)\.$/);
    expect(lines[2]).to.match(/^msgraph debug: GET \/beta\/users\/\{userId\}\/x 200 request-id=rid-2 .* attempt=2 duration=\d+ms$/);
    expect(lines.join("\n")).to.not.include(token);
    expect(lines.join("\n")).to.not.include("u1");
  });

  it("a non-JSON error body still gives a GraphError", async () => {
    const client = newClient();
    queue.push((_q, _b, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>Bad gateway</html>"));
    const err = await client.request({ method: "GET", route: route("/beta/x"), operation: "read x" }).catch((e) => e);
    await client.close();
    expect(err).to.include({ status: 502, code: "Http502", graphMessage: "<html>Bad gateway</html>", attempts: 1 });
  });
});

describe("graph client: longWaitNotice", () => {
  const ctx = { method: "GET", route: "/x", operation: "read x", clientRequestId: "c", idempotent: true, startedAt: 0, attempts: 1 };
  const policy = { ...defaultRetryPolicy };
  it("a 429: Graph's wait, ours with jitter, the attempt and when the request gives up (no attempt limit)", () => {
    expect(longWaitNotice(ctx, { retry: true, delayMs: 331_500, basis: "retry-after", retryAfterMs: 315_000 }, "HTTP 429", "for y", policy, 10_000)).to.equal(
      "Microsoft Graph asked us to wait 5m 15s (HTTP 429); waiting 5m 32s before retrying to read x for y (attempt 2; the request gives up in 14m 50s).",
    );
  });
  it("a 503 without Retry-After: backoff, and the attempt out of maxAttempts", () => {
    expect(longWaitNotice({ ...ctx, attempts: 3 }, { retry: true, delayMs: 6_300, basis: "backoff" }, "HTTP 503", undefined, policy, 0)).to.equal(
      "Microsoft Graph is unavailable (HTTP 503); waiting 6.3s before retrying to read x (attempt 4 of 6; the request gives up in 15m 0s).",
    );
  });
});

