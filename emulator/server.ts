// The HTTPS server. Every request runs through one pipeline of small stages, in this order:
//   admin      /_emulator/* goes to the admin API (not counted, not logged, never faulted)
//   stats      counts the request, its connection, token-endpoint requests
//   log        the request log entry and its outcome
//   faults     fault rules (faults/stage.ts): delay, then reset or status before the body is read,
//              or drop-after-commit once the rest has run
//   bodyLimit  reads the body (413 above 4 MiB)
//   dispatch   the Graph router or the identity platform; a Graph write is committed here
// Every stage returns a reply (or a cut connection) and sendOutcome writes it, in one place.
import * as https from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import type { IdentityContext, IdentityPlatform } from "./types";
import type { EmulatorConfig } from "./config";
import { Store } from "./store";
import { Faults, faultStage } from "./faults";
import { WriteThrottle } from "./throttle";
import { VirtualEventsThrottle } from "./graph/virtualEvents/throttle";
import { RequestLog } from "./requestLog";
import { Stats } from "./stats";
import { GraphEnvelopeError } from "./graph/errors";
import { graphErrorReply, graphReply } from "./graph/reply";
import { handleGraph, isGraphPath, type GraphDeps } from "./graph/routes";
import { handleAdmin, type AdminControls } from "./admin";
import { createIdentityPlatform, isTokenPath } from "./identity";
import { Exchange, runPipeline, type Stage } from "./pipeline";
import { isCut, sendOutcome, type Outcome } from "./reply";

const MAX_BODY = 4 * 1024 * 1024;

export interface EmulatorServerOptions {
  host: string;
  port: number;
  dataDir?: string;
  config: EmulatorConfig;
  tls: { cert: string; key: string };
  log: (message: string) => void;
}

export class EmulatorServer {
  // In-process users (RunningEmulator.server) read and drive these directly, as the admin API does.
  readonly store: Store;
  readonly faults: Faults;
  readonly requests: RequestLog;
  readonly stats = new Stats();
  private current: EmulatorConfig;
  private readonly throttle: WriteThrottle;
  private readonly virtualEventsThrottle = new VirtualEventsThrottle();
  private identity!: IdentityPlatform;
  private readonly server: https.Server;
  private originValue = "";
  private readonly graphDeps: GraphDeps;
  private readonly pipeline: readonly Stage[];

  constructor(private readonly options: EmulatorServerOptions) {
    this.current = options.config;
    this.store = new Store(options.dataDir);
    this.faults = new Faults(options.config.seed);
    this.throttle = new WriteThrottle(options.config.writesPerSecond);
    this.requests = new RequestLog(options.config.requestLogLimit);
    this.graphDeps = {
      store: this.store,
      config: () => this.config,
      identity: () => this.identity,
      throttle: this.throttle,
      virtualEventsThrottle: this.virtualEventsThrottle,
      origin: () => this.originValue,
    };
    this.pipeline = [
      adminStage(this.adminControls()),
      statsStage(this.stats),
      logStage(this.requests),
      faultStage(this.faults, () => this.originValue),
      bodyLimitStage,
      (x) => this.dispatch(x),
    ];
    this.server = https.createServer({ cert: options.tls.cert, key: options.tls.key, keepAlive: true }, (req, res) => {
      this.onRequest(req, res).catch((err) => this.onCrash(req, res, err));
    });
    this.server.keepAliveTimeout = 30_000; // longer than clients' idle timeouts, so they close first
    this.server.headersTimeout = 35_000;
    this.server.on("tlsClientError", () => undefined); // a client that does not trust the CA: not our error
  }

  get config(): EmulatorConfig {
    return this.current;
  }

  get origin(): string {
    return this.originValue;
  }

  /** The address actually bound, e.g. `https://0.0.0.0:8443` (the origin is where clients connect). */
  get listenAddress(): string {
    const addr = this.server.address() as AddressInfo;
    return `https://${addr.family === "IPv6" || addr.address.includes(":") ? `[${addr.address}]` : addr.address}:${addr.port}`;
  }

  async start(): Promise<void> {
    await this.store.open(this.config.seedDirectory, this.config.adminToken);
    this.identity = createIdentityPlatform(this.identityContext());
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

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    await this.store.flush();
  }

  private identityContext(): IdentityContext {
    return {
      origin: () => this.originValue,
      tenants: () => this.store.tenants,
      users: () => this.store.users,
      apps: () => this.store.apps,
      autoApproveDeviceCodes: () => this.config.autoApproveDeviceCodes,
      tokenLifetimeSeconds: () => this.config.tokenLifetimeSeconds,
      deviceCodeLifetimeSeconds: () => this.config.deviceCodeLifetimeSeconds,
      dataDir: () => this.options.dataDir,
    };
  }

  private adminControls(): AdminControls {
    return {
      store: this.store,
      requests: this.requests,
      stats: this.stats,
      faults: this.faults,
      deviceCodes: {
        approveDeviceCode: (userCode, userId) => this.identity.approveDeviceCode(userCode, userId),
        pendingDeviceCodes: () => this.identity.pendingDeviceCodes(),
      },
      config: () => this.config,
      applyConfig: (next) => this.applyConfig(next),
      setWriteBudget: (writesPerSecond) => {
        this.current = { ...this.current, writesPerSecond };
        this.throttle.setRate(writesPerSecond);
      },
    };
  }

  private applyConfig(next: EmulatorConfig): void {
    const prev = this.current;
    this.current = next;
    if (next.seed !== prev.seed) this.faults.reseed(next.seed);
    if (next.writesPerSecond !== prev.writesPerSecond) this.throttle.setRate(next.writesPerSecond);
    if (next.virtualEventsThrottle !== prev.virtualEventsThrottle) this.virtualEventsThrottle.reset();
    this.requests.setLimit(next.requestLogLimit);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    sendOutcome(res, await runPipeline(this.pipeline, new Exchange(req, res, this.originValue, randomUUID())));
  }

  /** The last stage: Graph paths to the Graph router (a write is committed before the reply), the rest to the identity platform. */
  private async dispatch(x: Exchange): Promise<Outcome> {
    if (isGraphPath(x.path)) {
      try {
        const result = await handleGraph(this.graphDeps, x.method, x.url, x.body, x.req.headers.authorization, x.req.headers["content-type"]);
        if (result.mutated) await this.store.commit();
        return graphReply(result, x.requestId, x.clientRequestId);
      } catch (err) {
        if (!(err instanceof GraphEnvelopeError)) throw err;
        return graphErrorReply(err, x.requestId, x.clientRequestId);
      }
    }
    const reply = await this.identity.handle({ method: x.method, url: x.url, headers: x.req.headers, body: x.body });
    return reply ?? graphErrorReply(new GraphEnvelopeError(404, "NotFound", `No route for ${x.method} ${x.path}.`), x.requestId, x.clientRequestId);
  }

  private onCrash(req: IncomingMessage, res: ServerResponse, err: unknown): void {
    this.options.log(`internal error on ${req.method} ${req.url?.split("?")[0]}: ${(err as Error)?.stack ?? String(err)}`);
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    const id = randomUUID();
    sendOutcome(res, graphErrorReply(new GraphEnvelopeError(500, "InternalServerError", "The emulator failed to process the request."), id, id));
  }
}

function isAdminPath(path: string): boolean {
  return path === "/_emulator" || path.startsWith("/_emulator/");
}

function adminStage(controls: AdminControls): Stage {
  return async (x, next) =>
    isAdminPath(x.path) ? handleAdmin(controls, x.method, x.url, x.req.headers, await readBody(x.req)) : next();
}

function statsStage(stats: Stats): Stage {
  return (x, next) => {
    stats.count(x.req.socket, !isGraphPath(x.path) && isTokenPath(x.path));
    return next();
  };
}

function logStage(requests: RequestLog): Stage {
  return async (x, next) => {
    const entry = requests.add({
      method: x.method,
      path: x.path,
      status: 0,
      clientRequestId: x.clientRequestId,
      requestId: x.requestId,
      at: new Date().toISOString(),
      outcome: "pending",
    });
    x.logEntry = entry;
    x.res.on("finish", () => {
      entry.status = x.res.statusCode;
      entry.outcome = "responded";
    });
    x.res.on("close", () => {
      if (entry.outcome === "pending") entry.outcome = "aborted";
    });
    const outcome = await next();
    if (isCut(outcome)) entry.outcome = outcome.cut;
    return outcome;
  };
}

const bodyLimitStage: Stage = async (x, next) => {
  const body = await readBody(x.req);
  if (!body) return graphErrorReply(new GraphEnvelopeError(413, "RequestEntityTooLarge", "The request body is too large."), x.requestId, x.clientRequestId);
  x.body = body;
  return next();
};

/** The request body, or undefined when it is larger than MAX_BODY (the rest is read and discarded). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
