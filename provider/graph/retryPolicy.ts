// Graph's retry rules, as pure functions plus the callback undici's retry interceptor calls
// (interceptors.retry({ retry })). Graph's own SDKs retry 429, 503 and 504 and honour Retry-After;
// connection errors are retried only where repeating the request cannot apply it twice.
// A 429 means "not processed, come back later": it is retried for as long as the request's deadline
// allows, however many sends that takes; the other retryable failures stop after maxAttempts sends.
// Every wait gets jitter, so parallel deployments throttled together do not come back together.

export interface RetryPolicy {
  /** Sends of one request that failed with 503/504 or a connection error, the first included (429s are bounded by the deadline alone). */
  maxAttempts: number;
  /** First backoff step when Graph gives no Retry-After. */
  baseDelayMs: number;
  /** Largest backoff step. */
  maxDelayMs: number;
  /** Largest Retry-After honoured; longer waits are cut to this. */
  maxRetryAfterMs: number;
  /** Jitter added to a Retry-After wait: up to this fraction of it (at least 250 ms). */
  retryAfterJitter: number;
  /** The whole request (every send, every wait, every body) ends by this long after it started. */
  deadlineMs: number;
  /** Waits longer than this are announced to the user. */
  noticeAfterMs: number;
}

export const defaultRetryPolicy: Readonly<RetryPolicy> = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  // Graph has been seen asking for 315 s; Terraform's msgraph provider honours up to 600 s (its issue #118).
  maxRetryAfterMs: 600_000,
  retryAfterJitter: 0.1,
  // Room for a 600 s Retry-After and the tries around it.
  deadlineMs: 900_000,
  noticeAfterMs: 5_000,
};

/** Statuses Graph asks clients to retry. */
export const retryableStatuses: readonly number[] = [429, 503, 504];

/** Connection errors after which a request may or may not have reached Graph. */
export const connectionErrorCodes: readonly string[] = [
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  ...preSendErrorCodes(),
];

/** Connection errors raised before any byte of the request was sent: safe to retry for any method. */
function preSendErrorCodes(): string[] {
  return ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "EHOSTDOWN", "UND_ERR_CONNECT_TIMEOUT"];
}
const preSend = new Set(preSendErrorCodes());

/** Methods that Graph applies at most once however often they are sent. */
const idempotentMethods = new Set(["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"]);

export function isIdempotent(method: string, declaredIdempotent = false): boolean {
  return declaredIdempotent || idempotentMethods.has(method.toUpperCase());
}

/**
 * Retry-After in ms: delay-seconds (integer or fractional) or an HTTP date. undefined when absent or
 * unreadable (then backoff applies). A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (/[a-z]/i.test(text)) {
    const at = Date.parse(text);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}

/**
 * Exponential backoff with "equal jitter": step n (1-based) waits between half and all of
 * min(maxDelay, base * 2^(n-1)), so waits grow but concurrent clients spread out.
 */
export function backoffDelay(retryNumber: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface AttemptOutcome {
  method: string;
  /** The caller declared this request safe to repeat (e.g. a POST keyed by an external id). */
  idempotent?: boolean;
  /** Set when a response arrived. */
  statusCode?: number;
  /** Set when no response arrived (undici / system error code). */
  errorCode?: string;
  retryAfter?: string | string[];
  /** Sends so far, this one included. */
  attempts: number;
  /** ms since the first send started. */
  elapsedMs: number;
}

/** Retry-After plus a random extra of up to `jitter` of it (at least 250 ms): Graph asks for "at least", and a crowd must not return at once. */
export function retryAfterDelay(retryAfterMs: number, policy: Pick<RetryPolicy, "maxRetryAfterMs" | "retryAfterJitter">, random: () => number = Math.random): number {
  const honoured = Math.min(retryAfterMs, policy.maxRetryAfterMs);
  return Math.round(honoured + random() * Math.max(250, honoured * policy.retryAfterJitter));
}

export type RetryDecision =
  | { retry: true; delayMs: number; basis: "retry-after" | "backoff"; retryAfterMs?: number }
  | { retry: false; why: "not-retryable" | "unsafe" | "attempts" | "deadline"; retryAfterMs?: number };

export function decideRetry(o: AttemptOutcome, policy: RetryPolicy, now: number = Date.now(), random: () => number = Math.random): RetryDecision {
  const idempotent = isIdempotent(o.method, o.idempotent);
  const retryAfterMs = parseRetryAfter(o.retryAfter, now);
  if (o.statusCode !== undefined) {
    if (!retryableStatuses.includes(o.statusCode)) return { retry: false, why: "not-retryable", retryAfterMs };
    // A throttled request (429) was not processed; a 503/504 to a POST may have been: the caller reconciles.
    if (!idempotent && o.statusCode !== 429) return { retry: false, why: "unsafe", retryAfterMs };
  } else {
    const code = o.errorCode ?? "";
    if (!connectionErrorCodes.includes(code)) return { retry: false, why: "not-retryable" };
    if (!idempotent && !preSend.has(code)) return { retry: false, why: "unsafe" };
  }
  // A 429 was not processed: only the deadline limits how often it is tried again.
  if (o.statusCode !== 429 && o.attempts >= policy.maxAttempts) return { retry: false, why: "attempts", retryAfterMs };
  const fromHeader = retryAfterMs !== undefined;
  const delayMs = fromHeader ? retryAfterDelay(retryAfterMs, policy, random) : backoffDelay(o.attempts, policy, random);
  if (o.elapsedMs + delayMs > policy.deadlineMs) return { retry: false, why: "deadline", retryAfterMs };
  return { retry: true, delayMs, basis: fromHeader ? "retry-after" : "backoff", retryAfterMs };
}

/** The per-request state shared by the attempt interceptor, the retry callback and the client. */
export interface RequestContext {
  method: string;
  route: string;
  operation: string;
  clientRequestId: string;
  idempotent: boolean;
  startedAt: number;
  attempts: number;
  lastDecision?: RetryDecision;
}

/** undici's RetryHandler callback signature (lib/handler/retry-handler.js). */
export type UndiciRetryCallback = (
  err: Error & { statusCode?: number; code?: string; headers?: Record<string, string | string[] | undefined> },
  context: { state: { counter: number }; opts: unknown },
  callback: (err?: Error | null) => void,
) => void;

export interface RetryHooks {
  /** Called before a wait longer than policy.noticeAfterMs, so the user sees why nothing happens. */
  onLongWait?(ctx: RequestContext, decision: Extract<RetryDecision, { retry: true }>, cause: string): void;
  now?: () => number;
  random?: () => number;
  /** Timer, replaceable in tests. */
  sleep?: (ms: number, then: () => void) => void;
}

/** Adapts decideRetry to undici's retry interceptor. The interceptor passes the final error/response on when we say no. */
export function graphRetryCallback(ctx: RequestContext, policy: RetryPolicy, hooks: RetryHooks = {}): UndiciRetryCallback {
  const now = hooks.now ?? Date.now;
  const sleep = hooks.sleep ?? ((ms, then) => setTimeout(then, ms));
  return (err, _context, callback) => {
    const at = now();
    const decision = decideRetry(
      {
        method: ctx.method,
        idempotent: ctx.idempotent,
        statusCode: err.statusCode,
        errorCode: err.statusCode === undefined ? err.code : undefined,
        retryAfter: err.headers?.["retry-after"],
        attempts: ctx.attempts,
        elapsedMs: at - ctx.startedAt,
      },
      policy,
      at,
      hooks.random,
    );
    ctx.lastDecision = decision;
    if (!decision.retry) {
      callback(err);
      return;
    }
    if (decision.delayMs > policy.noticeAfterMs) {
      const cause = err.statusCode !== undefined ? `HTTP ${err.statusCode}` : (err.code ?? "connection error");
      hooks.onLongWait?.(ctx, decision, cause);
    }
    sleep(decision.delayMs, () => callback(null));
  };
}
