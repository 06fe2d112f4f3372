// The Graph HTTP client: one undici keep-alive agent per client (the provider keeps one client per
// process), composed with two interceptors: undici's retry interceptor driven by Graph's rules
// (retryPolicy.ts), and a small per-attempt interceptor that counts sends and writes the debug log.
// Proxies come from HTTPS_PROXY/HTTP_PROXY/NO_PROXY through undici's EnvHttpProxyAgent (a plain Agent when none is set).
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Agent, Dispatcher, EnvHttpProxyAgent, interceptors } from "undici";
import { userAgent } from "../packageInfo";
import { formatDuration } from "./duration";
import { GraphError, StaticTokenSetting, TokenKind } from "./errors";
import { debugAttempt, debugEnabled, notice } from "./log";
import { Route } from "./route";
import { textLimits, untrustedText } from "./untrustedText";
import { defaultRetryPolicy, graphRetryCallback, isIdempotent, RequestContext, RetryDecision, RetryHooks, RetryPolicy } from "./retryPolicy";

export interface AccessTokenInfo {
  token: string;
  kind: TokenKind;
  /** The app (client) id the token was issued to, when the token says. */
  appId?: string;
  /** The tenant (tid) the token was issued for, when the token says. */
  tenantId?: string;
}

/** Where the client gets its bearer token (auth/tokenCache.ts provides the cached one). */
export interface TokenSource {
  getToken(): Promise<AccessTokenInfo>;
  /** Which setting the credential came from, e.g. "msgraph:clientSecret" (named in 401 fixes). */
  readonly source: string;
  /** Set when the token is given as-is rather than obtained: the setting that holds it (a 401's fix says how to renew it). */
  readonly staticTokenSetting?: StaticTokenSetting;
}

export type GraphMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface GraphRequest {
  method: GraphMethod;
  route: Route;
  body?: unknown;
  /** Verb phrase for messages: "create the ExternalMeetingRegistration". */
  operation: string;
  /** `for meeting "…" of user "…"`. */
  target?: string;
  /** A POST that Graph applies at most once (e.g. createOrGet keyed by externalId). */
  idempotent?: boolean;
  /** Another identity's tokens for this call (e.g. the delegated one); default: the client's. */
  tokens?: TokenSource;
}

export interface GraphResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
  requestId?: string;
  clientRequestId: string;
  attempts: number;
}

export interface GraphClientOptions {
  /** https origin, e.g. https://graph.microsoft.com (no path). */
  graphEndpoint: string;
  tokens: TokenSource;
  retry?: Partial<RetryPolicy>;
  /** Per attempt: time to the response headers. */
  headersTimeoutMs?: number;
  /** Per attempt: longest pause between body chunks. */
  bodyTimeoutMs?: number;
  /** Largest response body read; a longer one fails the request (default 4 MiB). */
  maxResponseBytes?: number;
  /** Sockets per origin. */
  connections?: number;
  /** Replaces the waits and clock of the retry rules (unit tests). */
  retryHooks?: Pick<RetryHooks, "now" | "random" | "sleep">;
  /** Where long-wait notices go; default: the user-visible notice log. */
  onNotice?: (text: string) => void;
}

const contextKey = "msgraphRequestContext";

export class GraphClient {
  readonly graphEndpoint: string;
  readonly retryPolicy: RetryPolicy;
  readonly maxResponseBytes: number;
  private readonly agent: Agent | EnvHttpProxyAgent;
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: GraphClientOptions) {
    this.graphEndpoint = options.graphEndpoint.replace(/\/+$/, "");
    this.retryPolicy = { ...defaultRetryPolicy, ...options.retry };
    this.maxResponseBytes = options.maxResponseBytes ?? defaultMaxResponseBytes;
    this.agent = createAgent({
      connections: options.connections ?? 8,
      keepAliveTimeout: 10_000,
      keepAliveMaxTimeout: 60_000,
      headersTimeout: options.headersTimeoutMs ?? 60_000,
      bodyTimeout: options.bodyTimeoutMs ?? 60_000,
    });
    // compose(a, b): b wraps a, so the retry interceptor sees every attempt that attemptInterceptor saw.
    this.dispatcher = this.agent.compose(attemptInterceptor, interceptors.retry({ throwOnError: false }));
  }

  get tokenSource(): TokenSource {
    return this.options.tokens;
  }

  async request<T = unknown>(req: GraphRequest): Promise<GraphResponse<T>> {
    const tokens = req.tokens ?? this.options.tokens;
    const token = await tokens.getToken();
    const clientRequestId = randomUUID();
    const now = this.options.retryHooks?.now ?? Date.now;
    const ctx: RequestContext = {
      method: req.method,
      route: req.route.template,
      operation: req.operation,
      clientRequestId,
      idempotent: isIdempotent(req.method, req.idempotent),
      startedAt: now(),
      attempts: 0,
    };
    const headers: Record<string, string> = {
      authorization: `Bearer ${token.token}`,
      accept: "application/json",
      "user-agent": userAgent(),
      "client-request-id": clientRequestId,
    };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers["content-type"] = "application/json";
    }
    const onNotice = this.options.onNotice ?? notice;
    const retry = graphRetryCallback(ctx, this.retryPolicy, {
      ...this.options.retryHooks,
      onLongWait: (c, decision, cause) => onNotice(longWaitNotice(c, decision, cause, req.target, this.retryPolicy, now())),
    });
    const common = { method: req.method, route: req.route.template, operation: req.operation, target: req.target, clientRequestId, tokenKind: token.kind, appId: token.appId, tokenTenantId: token.tenantId, credentialSource: tokens.source, staticTokenSetting: tokens.staticTokenSetting, graphEndpoint: this.graphEndpoint };

    // One deadline for the whole request: every send, every wait, and the reading of every body
    // (undici's timeouts are per attempt and per pause, so a server trickling a byte at a time
    // would never trip them).
    const deadline = new AbortController();
    const deadlineMs = this.retryPolicy.deadlineMs;
    const timer = setTimeout(() => deadline.abort(deadlineError(deadlineMs)), Math.max(0, ctx.startedAt + deadlineMs - now()));
    timer.unref?.();
    let res: Dispatcher.ResponseData | undefined;
    let text: string;
    try {
      res = await this.dispatcher.request({
        origin: this.graphEndpoint,
        path: req.route.path,
        method: req.method,
        headers,
        body,
        signal: deadline.signal,
        retryOptions: { retry },
        [contextKey]: ctx,
      } as Dispatcher.RequestOptions);
      // A body cut off mid-way is as good as no answer.
      text = await readBody(res, this.maxResponseBytes);
    } catch (e) {
      const err = e as Error & { code?: string };
      if (err instanceof ResponseTooLargeError && res) {
        throw new GraphError({
          ...common,
          status: res.statusCode,
          code: err.code,
          graphMessage: err.message,
          requestId: untrustedHeader(res.headers["request-id"]),
          attempts: Math.max(1, ctx.attempts),
          // A 2xx to a POST was applied, but what it made is unknown.
          ambiguous: !ctx.idempotent,
        });
      }
      throw new GraphError({
        ...common,
        status: 0,
        code: untrustedText(err.code ?? err.name, textLimits.token),
        graphMessage: untrustedText(err.message, textLimits.message),
        attempts: Math.max(1, ctx.attempts),
        ambiguous: !ctx.idempotent,
      });
    } finally {
      clearTimeout(timer);
    }

    const parsed = parseJson(text);
    const requestId = untrustedHeader(res.headers["request-id"]);
    if (res.statusCode >= 200 && res.statusCode < 300) {
      return { status: res.statusCode, body: parsed as T, headers: res.headers, requestId, clientRequestId, attempts: ctx.attempts };
    }
    const envelope = (parsed as GraphErrorEnvelope | undefined)?.error;
    const decision = ctx.lastDecision;
    throw new GraphError({
      ...common,
      status: res.statusCode,
      // Graph's text is quoted in the message: cleaned of control characters and cut to size.
      code: typeof envelope?.code === "string" ? untrustedText(envelope.code, textLimits.token) : `Http${res.statusCode}`,
      graphMessage: untrustedText(typeof envelope?.message === "string" ? envelope.message : text, typeof envelope?.message === "string" ? textLimits.message : 300),
      requestId: requestId ?? untrustedHeader(envelope?.innerError?.["request-id"]),
      date: untrustedHeader(envelope?.innerError?.date) ?? untrustedHeader(res.headers["date"]),
      attempts: ctx.attempts,
      retryAfterMs: decision?.retryAfterMs,
      // A 5xx to a non-idempotent request says nothing about whether it was applied.
      ambiguous: !ctx.idempotent && res.statusCode >= 500,
    });
  }

  /** Closes the sockets (tests; the provider host just exits). */
  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * EnvHttpProxyAgent when HTTP(S)_PROXY is set. Without one it would send every request to the plain
 * Agent it wraps anyway (it reads the proxy variables only when constructed), after parsing the
 * origin and re-reading NO_PROXY for each request: so use that Agent directly (bench row 6).
 */
function createAgent(options: Agent.Options): Agent | EnvHttpProxyAgent {
  const env = process.env;
  // The same precedence as EnvHttpProxyAgent's: an https request falls back to HTTP_PROXY.
  const proxied = (env.https_proxy ?? env.HTTPS_PROXY) || (env.http_proxy ?? env.HTTP_PROXY);
  return proxied ? new EnvHttpProxyAgent(options) : new Agent(options);
}

interface GraphErrorEnvelope {
  error?: { code?: unknown; message?: unknown; innerError?: { date?: string; "request-id"?: string; "client-request-id"?: string } };
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** A header (or envelope) value quoted in messages: cleaned and cut like Graph's text. */
function untrustedHeader(v: unknown): string | undefined {
  const value = Array.isArray(v) ? v[0] : v;
  return typeof value === "string" ? untrustedText(value, textLimits.token) : undefined;
}

/** Graph's answers here are a few KiB; a page of registrants well under 1 MiB. */
export const defaultMaxResponseBytes = 4 * 1024 * 1024;

export class ResponseTooLargeError extends Error {
  override readonly name = "ResponseTooLargeError";
  readonly code = "ResponseTooLarge";
}

function deadlineError(deadlineMs: number): Error {
  return Object.assign(new Error(`no complete answer within the request's deadline of ${formatDuration(deadlineMs)}`), { code: "RequestDeadline" });
}

/** The body as text, refusing (and closing) one larger than `limit` bytes before it is buffered. */
async function readBody(res: Dispatcher.ResponseData, limit: number): Promise<string> {
  const tooLarge = () => new ResponseTooLargeError(`the answer's body is larger than ${formatBytes(limit)}, far more than any answer this provider reads; it was not read`);
  const declared = Number(headerValue(res.headers["content-length"]));
  if (Number.isFinite(declared) && declared > limit) {
    res.body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function formatBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/** The line a user sees before a wait longer than policy.noticeAfterMs: why, how long, and when the request gives up. */
export function longWaitNotice(c: RequestContext, decision: Extract<RetryDecision, { retry: true }>, cause: string, target: string | undefined, policy: RetryPolicy, now: number): string {
  const why =
    decision.basis === "retry-after" && decision.retryAfterMs !== undefined
      ? `Microsoft Graph asked us to wait ${formatDuration(decision.retryAfterMs)} (${cause})`
      : `Microsoft Graph is unavailable (${cause})`;
  // A 429 is retried until the deadline, whatever the count; the others have a number of sends too.
  const attempt = cause === "HTTP 429" ? `attempt ${c.attempts + 1}` : `attempt ${c.attempts + 1} of ${policy.maxAttempts}`;
  const left = Math.max(0, c.startedAt + policy.deadlineMs - now);
  return `${why}; waiting ${formatDuration(decision.delayMs)} before retrying to ${c.operation}${target ? ` ${target}` : ""} (${attempt}; the request gives up in ${formatDuration(left)}).`;
}

/**
 * Counts each send of a request (the retry interceptor re-dispatches through here) and logs it when
 * MSGRAPH_LOG_LEVEL=debug. Requests without our context pass through untouched.
 */
const attemptInterceptor: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (opts, handler) => {
  const ctx = (opts as unknown as Record<string, unknown>)[contextKey] as RequestContext | undefined;
  if (!ctx) return dispatch(opts, handler);
  ctx.attempts += 1;
  // Without the debug log there is nothing to observe: no handler wrapping on the hot path.
  if (!debugEnabled()) return dispatch(opts, handler);
  const attempt = ctx.attempts;
  const started = performance.now();
  const log = (status?: number, headers?: Record<string, string | string[] | undefined>, errorCode?: string) =>
    debugAttempt({
      method: ctx.method,
      route: ctx.route,
      status,
      errorCode,
      requestId: untrustedHeader(headers?.["request-id"]),
      clientRequestId: ctx.clientRequestId,
      attempt,
      durationMs: performance.now() - started,
    });
  const h = handler as Dispatcher.DispatchHandler;
  const wrapped: Dispatcher.DispatchHandler = {
    onRequestStart: (controller, context) => h.onRequestStart?.(controller, context),
    onRequestUpgrade: (controller, statusCode, headers, socket) => h.onRequestUpgrade?.(controller, statusCode, headers, socket),
    onResponseStart: (controller, statusCode, headers, statusMessage) => {
      log(statusCode, headers as Record<string, string | string[] | undefined>);
      return h.onResponseStart?.(controller, statusCode, headers, statusMessage);
    },
    onResponseData: (controller, chunk) => h.onResponseData?.(controller, chunk),
    onResponseEnd: (controller, trailers) => h.onResponseEnd?.(controller, trailers),
    onResponseError: (controller, err) => {
      log(undefined, undefined, (err as Error & { code?: string }).code ?? err.name);
      return h.onResponseError?.(controller, err);
    },
  };
  return dispatch(opts, wrapped);
};
