// A hostile (or broken) HTTPS server: the provider's requests end at their deadline however slowly
// the body trickles, refuse bodies of more than a few MiB without buffering them, quote an error
// message cut to size and cleaned of control characters, and a token endpoint that never answers
// fails the token request at its timeout (its connection aborted) instead of hanging the deployment.
import { expect } from "chai";
import { CachedTokenSource } from "../../provider/auth/tokenCache";
import { createCredential, credentialFailure } from "../../provider/auth/credentials";
import { TokenRequestLimits } from "../../provider/auth/tokenRequests";
import { resolveConfig } from "../../provider/config";
import { GraphClient } from "../../provider/graph/client";
import { GraphError } from "../../provider/graph/errors";
import { route } from "../../provider/graph/route";
import { flood, silent, startHostileServer, trickle, type HostileServer } from "../support/hostileServer";

const controlCharacters = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe("reliability: a hostile HTTPS server", function () {
  this.timeout(30_000);
  const servers: HostileServer[] = [];
  const clients: GraphClient[] = [];
  const tokens = { source: "msgraph:clientSecret", getToken: async () => ({ token: "t", kind: "app" as const }) };
  const serve = async (...args: Parameters<typeof startHostileServer>) => {
    const s = await startHostileServer(...args);
    servers.push(s);
    return s;
  };
  const clientFor = (s: HostileServer, retry = {}) => {
    const c = new GraphClient({ graphEndpoint: s.origin, tokens, retry: { baseDelayMs: 1, maxDelayMs: 5, ...retry } });
    clients.push(c);
    return c;
  };
  const read = (c: GraphClient) => c.request({ method: "GET", route: route("/beta/x"), operation: "read x", target: "for y" }).then(() => new Error("expected a failure"), (e: Error) => e);
  const waitFor = async (what: () => boolean) => {
    while (!what()) await new Promise((r) => setTimeout(r, 20));
  };
  after(async () => {
    for (const c of clients) await c.close();
    for (const s of servers) await s.close();
  });

  it("a body trickling one byte every 500 ms fails at the request's deadline, and the connection is closed", async () => {
    const server = await serve(trickle(500));
    const err = (await read(clientFor(server, { deadlineMs: 3_000 }))) as GraphError;
    expect(err).to.be.instanceOf(GraphError);
    expect(err).to.include({ status: 0, code: "RequestDeadline", attempts: 1 });
    expect(err.message.split("\n")[0]).to.equal("Could not read x for y: no response from Microsoft Graph (RequestDeadline: no complete answer within the request's deadline of 3s) after 1 attempt.");
    await waitFor(() => server.closedSockets() >= 1);
  });

  it("a 64 MiB body is refused after the first few MiB, not buffered whole", async () => {
    const server = await serve(flood(200, 64 * 1024 * 1024));
    const err = (await read(clientFor(server))) as GraphError;
    expect(err).to.be.instanceOf(GraphError);
    expect(err).to.include({ status: 200, code: "ResponseTooLarge" });
    const lines = err.message.split("\n");
    expect(lines[0]).to.equal(
      'Could not read x for y: Microsoft Graph answered 200 OK (code "ResponseTooLarge"): the answer\'s body is larger than 4 MiB, far more than any answer this provider reads; it was not read.',
    );
    expect(lines[1]).to.equal(`Check that msgraph:graphEndpoint (${server.origin}) is Microsoft Graph, or a proxy that passes its answers on unchanged.`);
    await waitFor(() => server.closedSockets() >= 1);
    // What the server got out before the client hung up: the cap plus socket buffers, far from 64 MiB.
    expect(server.bytesWritten()).to.be.below(32 * 1024 * 1024);
  });

  it("a declared content-length of 400 MiB is refused before any of it is read", async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(400 * 1024 * 1024) });
      res.write("{");
    });
    const err = (await read(clientFor(server))) as GraphError;
    expect(err).to.include({ status: 200, code: "ResponseTooLarge" });
  });

  it("a 2 MB error message full of control characters is quoted cut to size and cleaned", async () => {
    const message = "\u001b[2J\u001b[31mpwned\r\nFAKE: Could not read anything\u202e" + "A".repeat(2_000_000);
    const server = await serve((_req, res) => {
      res.writeHead(400, { "content-type": "application/json", "request-id": "rid\u0085\u009b31m-1" });
      res.end(JSON.stringify({ error: { code: "Bad\u0007Request", message, innerError: { date: "2026\n-01-01" } } }));
    });
    const err = (await read(clientFor(server))) as GraphError;
    expect(err).to.be.instanceOf(GraphError);
    expect(err.graphMessage).to.match(/^\[2J \[31mpwned FAKE: Could not read anything AAAA+…$/);
    expect(err.graphMessage.length).to.be.at.most(500);
    expect(err.code).to.equal("Bad Request");
    expect(err.message).to.not.match(controlCharacters);
    expect(err.message.length).to.be.below(2_000);
    expect(err.message.split("\n")).to.have.length(3); // cause, fix, ids: no line of the server's making
    expect(err.requestId).to.equal("rid 31m-1");
  });

  it("a token endpoint that never answers: the token request fails at its timeout, its connection aborted", async () => {
    const server = await serve(silent);
    const values: Record<string, string> = {
      "msgraph:tenantId": "00000000-0000-0000-0000-0000000000aa",
      "msgraph:clientId": "00000000-0000-0000-0000-0000000000bb",
      "msgraph:clientSecret": "not-a-real-secret",
      "msgraph:authorityHost": server.origin,
      "msgraph:graphEndpoint": server.origin,
    };
    const config = resolveConfig((k) => values[k], {});
    const scope = config.cloud.scope;
    const limits = new TokenRequestLimits();
    const source = new CachedTokenSource(createCredential(config, limits), scope, config.credential.source, (cause) => credentialFailure(config, scope, cause), 2_000, (reason) => limits.abortAll(reason));
    const err = await source.getToken().then(() => new Error("expected a failure"), (e: Error) => e);
    expect(err.name).to.equal("CredentialError");
    expect(err.message).to.equal(
      `Could not get a Microsoft Graph access token (scope https://graph.microsoft.com/.default) with a client secret (from msgraph:clientSecret) at ${server.origin}: network_error: no token from the identity platform within 2s\n` +
        "The identity platform could not be reached or was unavailable: run again later, and check the network, HTTPS_PROXY/NO_PROXY, msgraph:tenantId and msgraph:authorityHost.",
    );
    expect(server.seen.length).to.be.at.least(1);
    await waitFor(() => server.closedSockets() >= 1);
  });
});
