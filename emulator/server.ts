// The HTTPS server: one entry point for every request. Order per request: admin API (not logged, no
// faults) → request log → fault rules (reset / delay / status / drop-after-commit; identity routes
// included) → Graph router or identity platform. Graph handlers return values, so the server can
// commit the write, then answer or drop the connection.
import * as https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { randomUUID } from "node:crypto";
import type { IdentityContext, IdentityPlatform, TokenCheck } from "./types";
import type { EmulatorConfig } from "./config";
import { Store } from "./store";
import { Faults, type FaultRule } from "./faults";
import { WriteThrottle } from "./throttle";
import { VirtualEventsThrottle } from "./graph/virtualEvents/throttle";
import { RequestLog, type RequestLogEntry } from "./requestLog";
import { errorEnvelope, GraphError, GRAPH_CONTENT_TYPE, type HandlerResult } from "./graph/errors";
import { handleGraph, isGraphPath, type GraphDeps } from "./graph/routes";
import { handleAdmin } from "./admin";
import { createIdentityPlatform } from "./identity";
import { entraDescription, entraTimestamp } from "./identity/errors";

const MAX_BODY = 4 * 1024 * 1024;
const TOKEN_PATH = /\/oauth2\/v2\.0\/token$/i;

export interface Stats {
  tokenRequests: number;
  connections: number;
  requests: number;
}

const STATUS_CODES: Record<number, string> = {
  400: "BadRequest",
  401: "InvalidAuthenticationToken",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

export interface EmulatorServerOptions {
  host: string;
  port: number;
  dataDir?: string;
  config: EmulatorConfig;
  tls: { cert: string; key: string };
  log: (message: string) => void;
}

export class EmulatorServer {
  readonly store: Store;
  readonly faults: Faults;
  readonly throttle: WriteThrottle;
  readonly requests: RequestLog;
  readonly stats: Stats = { tokenRequests: 0, connections: 0, requests: 0 };
  config: EmulatorConfig;
  identity!: IdentityPlatform;
  private readonly server: https.Server;
  private originValue = "";
  private readonly countedSockets = new WeakSet<Socket>();
  private readonly graphDeps: GraphDeps;

  constructor(private readonly options: EmulatorServerOptions) {
    this.config = options.config;
    this.store = new Store(options.dataDir);
    this.faults = new Faults(options.config.seed);
    this.throttle = new WriteThrottle(options.config.writesPerSecond);
    this.requests = new RequestLog(options.config.requestLogLimit);
    this.graphDeps = {
      store: this.store,
      config: () => this.config,
      identity: () => this.identity,
      throttle: this.throttle,
      virtualEventsThrottle: new VirtualEventsThrottle(),
      origin: () => this.originValue,
    };
    this.server = https.createServer({ cert: options.tls.cert, key: options.tls.key, keepAlive: true }, (req, res) => {
      this.onRequest(req, res).catch((err) => this.onCrash(req, res, err));
    });
    this.server.keepAliveTimeout = 30_000; // longer than clients' idle timeouts, so they close first
    this.server.headersTimeout = 35_000;
    this.server.on("tlsClientError", () => undefined); // a client that does not trust the CA: not our error
  }

  get origin(): string {
    return this.originValue;
  }

  /** The address actually bound, e.g. `https://0.0.0.0:8443` (the origin is where clients connect). */
  get listenAddress(): string {
    const addr = this.server.address() as AddressInfo;
    return `https://${addr.family === "IPv6" || addr.address.includes(":") ? `[${addr.address}]` : addr.address}:${addr.port}`;
  }

  identityContext(): IdentityContext {
    return {
      origin: () => this.originValue,
      tenants: () => this.store.tenants,
      users: () => this.store.users,
      apps: () => this.store.apps,
      autoApproveDeviceCodes: () => this.config.autoApproveDeviceCodes,
      tokenLifetimeSeconds: () => this.config.tokenLifetimeSeconds,
      deviceCodeLifetimeSeconds: () => this.config.deviceCodeLifetimeSeconds,
      countTokenRequest: () => {
        this.stats.tokenRequests++;
      },
      dataDir: () => this.options.dataDir,
    };
  }

  async start(): Promise<void> {
    await this.store.open(this.config.seedDirectory, this.config.adminToken);
    this.identity = createIdentity(this.identityContext(), this.options.log);
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off("error", reject);
        resolve();
      });
    });
    const addr = this.server.address() as AddressInfo;
    const host = this.options.host === "0.0.0.0" || this.options.host === "::" ? "127.0.0.1" : this.options.host;
    this.originValue = `https://${host.includes(":") ? `[${host}]` : host}:${addr.port}`;
  }

  /** Applies a runtime config change (PUT /_emulator/config). */
  applyConfig(next: EmulatorConfig): void {
    const prev = this.config;
    this.config = next;
    if (next.seed !== prev.seed) this.faults.reseed(next.seed);
    if (next.writesPerSecond !== prev.writesPerSecond) this.throttle.setRate(next.writesPerSecond);
    if (next.virtualEventsThrottle !== prev.virtualEventsThrottle) this.graphDeps.virtualEventsThrottle.reset();
    this.requests.setLimit(next.requestLogLimit);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.store.flush();
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const method = req.method ?? "GET";
    if (path.startsWith("/_emulator/") || path === "/_emulator") {
      const body = await readBody(req);
      return handleAdmin(this, req, res, new URL(rawUrl, this.originValue), body);
    }
    this.stats.requests++;
    if (!this.countedSockets.has(req.socket)) {
      this.countedSockets.add(req.socket);
      this.stats.connections++;
    }
    const requestId = randomUUID();
    const header = req.headers["client-request-id"];
    const clientRequestId = (Array.isArray(header) ? header[0] : header) || requestId;
    const entry = this.requests.add({ method, path, status: 0, clientRequestId, requestId, at: new Date().toISOString(), outcome: "pending" });
    res.on("finish", () => {
      entry.status = res.statusCode;
      entry.outcome = "responded";
    });
    res.on("close", () => {
      if (entry.outcome === "pending") entry.outcome = "aborted";
    });

    const decision = this.faults.decide(method, path);
    if (decision) entry.faults = decision.fired;
    if (decision?.delayMs) await sleep(decision.delayMs);
    const rule = decision?.rule;
    // A token request the identity platform never sees (reset or status fault) still counts.
    if ((rule?.action === "reset" || rule?.action === "status") && TOKEN_PATH.test(path)) this.stats.tokenRequests++;
    if (rule?.action === "reset") {
      entry.outcome = "reset";
      resetSocket(req.socket);
      return;
    }
    const body = await readBody(req);
    if (body === TOO_LARGE) {
      this.sendGraph(res, { status: 413, body: errorEnvelope("RequestEntityTooLarge", "The request body is too large.", requestId, clientRequestId) }, requestId, clientRequestId);
      return;
    }
    const url = new URL(rawUrl, this.originValue);
    if (rule?.action === "status") return this.sendFaultStatus(res, rule, path, requestId, clientRequestId);

    if (isGraphPath(path)) {
      let result: HandlerResult;
      try {
        result = await handleGraph(this.graphDeps, method, url, body, req.headers.authorization, req.headers["content-type"]);
        if (result.mutated) await this.store.commit();
      } catch (err) {
        if (!(err instanceof GraphError)) throw err;
        result = { status: err.status, headers: err.headers, body: errorEnvelope(err.code, err.message, requestId, clientRequestId) };
      }
      if (rule?.action === "drop-after-commit") {
        entry.outcome = "dropped";
        resetSocket(req.socket);
        return;
      }
      this.sendGraph(res, result, requestId, clientRequestId);
      return;
    }

    if (rule?.action === "drop-after-commit") dropOnResponse(res, req.socket, entry);
    const handled = await this.identity.handle(req, res, url, body);
    if (!handled) {
      this.sendGraph(res, { status: 404, body: errorEnvelope("NotFound", `No route for ${method} ${path}.`, requestId, clientRequestId) }, requestId, clientRequestId);
    }
  }

  private sendGraph(res: ServerResponse, result: HandlerResult, requestId: string, clientRequestId: string): void {
    const headers: Record<string, string | number> = { "request-id": requestId, "client-request-id": clientRequestId, ...result.headers };
    if (result.body === undefined) {
      res.writeHead(result.status, headers).end();
      return;
    }
    const data = JSON.stringify(result.body);
    headers["content-type"] = GRAPH_CONTENT_TYPE;
    headers["content-length"] = Buffer.byteLength(data);
    res.writeHead(result.status, headers).end(data);
  }

  /** A `status` fault: Graph's error envelope on Graph paths, Entra's error JSON on identity paths. */
  private sendFaultStatus(res: ServerResponse, rule: FaultRule, path: string, requestId: string, clientRequestId: string): void {
    const headers: Record<string, string> = {};
    if (rule.retryAfter !== undefined) headers["Retry-After"] = rule.retryAfter;
    if (isGraphPath(path)) {
      const code = rule.code ?? STATUS_CODES[rule.status] ?? "UnknownError";
      const message = rule.message ?? `Injected fault ${rule.id}: ${rule.status}.`;
      this.sendGraph(res, { status: rule.status, headers, body: errorEnvelope(code, message, requestId, clientRequestId) }, requestId, clientRequestId);
      return;
    }
    const timestamp = entraTimestamp(new Date());
    const body = {
      error: rule.code ?? (rule.status === 429 ? "too_many_requests" : rule.status >= 500 ? "temporarily_unavailable" : "invalid_request"),
      error_description: entraDescription(90033, rule.message ?? `Injected fault ${rule.id}: the service is temporarily unavailable.`, requestId, clientRequestId, timestamp),
      error_codes: [90033],
      timestamp,
      trace_id: requestId,
      correlation_id: clientRequestId,
    };
    this.sendGraph(res, { status: rule.status, headers, body }, requestId, clientRequestId);
  }

  private onCrash(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    this.options.log(`internal error on ${req.method} ${req.url?.split("?")[0]}: ${(err as Error)?.stack ?? String(err)}`);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const id = randomUUID();
    this.sendGraph(res, { status: 500, body: errorEnvelope("InternalServerError", "The emulator failed to process the request.", id, id) }, id, id);
  }
}

function createIdentity(ctx: IdentityContext, log: (m: string) => void): IdentityPlatform {
  try {
    return createIdentityPlatform(ctx);
  } catch (err) {
    // Only while the identity platform is being written: Graph calls then get 401.
    log(`identity platform unavailable: ${(err as Error).message}`);
    const unavailable: TokenCheck = { ok: false, code: "InvalidAuthenticationToken", message: "The identity platform is not available." };
    return {
      handle: async () => false,
      verifyAccessToken: async () => unavailable,
      approveDeviceCode: () => false,
      pendingDeviceCodes: () => [],
    };
  }
}

const TOO_LARGE = Buffer.from("too large");

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? TOO_LARGE : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Cuts the connection without a response (a TCP RST where the platform allows it). */
function resetSocket(socket: Socket): void {
  const s = socket as Socket & { resetAndDestroy?: () => void };
  try {
    if (typeof s.resetAndDestroy === "function" && (s as unknown as { _handle?: unknown })._handle) s.resetAndDestroy();
    else s.destroy();
  } catch {
    s.destroy();
  }
}

/** drop-after-commit on identity routes: the handler runs, but whatever it answers is never sent. */
function dropOnResponse(res: ServerResponse, socket: Socket, entry: RequestLogEntry): void {
  const drop = () => {
    entry.outcome = "dropped";
    resetSocket(socket);
    return res;
  };
  res.writeHead = drop as unknown as ServerResponse["writeHead"];
  res.write = (() => (drop(), true)) as unknown as ServerResponse["write"];
  res.end = drop as unknown as ServerResponse["end"];
}
