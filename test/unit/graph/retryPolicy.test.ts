import { expect } from "chai";
import {
  backoffDelay,
  decideRetry,
  defaultRetryPolicy,
  graphRetryCallback,
  parseRetryAfter,
  RequestContext,
  retryAfterDelay,
  RetryPolicy,
} from "../../../provider/graph/retryPolicy";

const policy: RetryPolicy = { ...defaultRetryPolicy, maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, maxRetryAfterMs: 10_000, deadlineMs: 20_000 };
const now = Date.parse("2026-01-01T00:00:00Z");

describe("retryPolicy: parseRetryAfter", () => {
  const cases: [string | string[] | undefined, number | undefined][] = [
    [undefined, undefined],
    ["", undefined],
    ["0", 0],
    ["1", 1_000],
    [" 7 ", 7_000],
    ["1.5", 1_500],
    ["0.25", 250],
    [["2", "9"], 2_000],
    ["-1", undefined],
    ["soon", undefined],
    ["1e3", undefined],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["Wed, 31 Dec 2025 23:59:00 GMT", 0], // in the past: now
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} -> ${expected}`, () => {
      expect(parseRetryAfter(value, now)).to.equal(expected);
    });
  }
});

describe("retryPolicy: backoffDelay", () => {
  it("grows exponentially with equal jitter, bounded by [ceiling/2, ceiling]", () => {
    for (const [n, ceiling] of [[1, 100], [2, 200], [3, 400], [4, 800], [5, 1_000], [9, 1_000]] as const) {
      expect(backoffDelay(n, policy, () => 0)).to.equal(ceiling / 2);
      expect(backoffDelay(n, policy, () => 0.999999)).to.equal(ceiling);
      for (let i = 0; i < 20; i++) {
        const d = backoffDelay(n, policy);
        expect(d).to.be.within(ceiling / 2, ceiling);
      }
    }
  });
});

describe("retryPolicy: retryAfterDelay", () => {
  it("adds up to 10% of the wait (at least 250 ms) of random jitter, so parallel runs spread out", () => {
    expect(retryAfterDelay(1_000, defaultRetryPolicy, () => 0)).to.equal(1_000);
    expect(retryAfterDelay(1_000, defaultRetryPolicy, () => 1)).to.equal(1_250);
    expect(retryAfterDelay(300_000, defaultRetryPolicy, () => 1)).to.equal(330_000);
    expect(retryAfterDelay(3_600_000, defaultRetryPolicy, () => 0.5)).to.equal(630_000);
    const waits = new Set(Array.from({ length: 20 }, () => retryAfterDelay(2_000, defaultRetryPolicy)));
    expect(waits.size, "twenty clients told to wait 2 s do not all wait the same").to.be.greaterThan(10);
    for (const w of waits) expect(w).to.be.within(2_000, 2_250);
  });
});

describe("retryPolicy: decideRetry", () => {
  const base = { method: "GET", attempts: 1, elapsedMs: 0 };
  const decide = (o: Partial<Parameters<typeof decideRetry>[0]>) => decideRetry({ ...base, ...o }, policy, now, () => 0);

  it("retries 429, 503 and 504 for GET, honouring Retry-After", () => {
    expect(decide({ statusCode: 429, retryAfter: "2" })).to.deep.equal({ retry: true, delayMs: 2_000, basis: "retry-after", retryAfterMs: 2_000 });
    expect(decide({ statusCode: 503 })).to.deep.equal({ retry: true, delayMs: 50, basis: "backoff", retryAfterMs: undefined });
    expect(decide({ statusCode: 504, retryAfter: "0.5" })).to.include({ retry: true, delayMs: 500 });
  });
  it("does not retry other statuses", () => {
    for (const statusCode of [400, 401, 403, 404, 409, 500, 502]) {
      expect(decide({ statusCode })).to.include({ retry: false, why: "not-retryable" });
    }
  });
  it("caps Retry-After at maxRetryAfterMs", () => {
    expect(decide({ statusCode: 429, retryAfter: "3600" })).to.include({ retry: true, delayMs: 10_000 });
  });
  it("by default honours Retry-After up to 600 s (Graph sends up to 315 s), within a deadline that leaves room for it", () => {
    const d = (retryAfter: string) => decideRetry({ ...base, statusCode: 429, retryAfter }, defaultRetryPolicy, now, () => 0);
    expect(d("315")).to.include({ retry: true, delayMs: 315_000, retryAfterMs: 315_000 });
    expect(d("600")).to.include({ retry: true, delayMs: 600_000 });
    expect(d("3600")).to.include({ retry: true, delayMs: 600_000, retryAfterMs: 3_600_000 });
    expect(defaultRetryPolicy.deadlineMs).to.be.greaterThan(defaultRetryPolicy.maxRetryAfterMs);
  });
  it("stops 503/504 and connection errors at maxAttempts; a 429 only at the deadline", () => {
    expect(decide({ statusCode: 503, attempts: 3 })).to.include({ retry: true });
    expect(decide({ statusCode: 503, attempts: 4 })).to.include({ retry: false, why: "attempts" });
    expect(decide({ errorCode: "ECONNRESET", attempts: 4 })).to.include({ retry: false, why: "attempts" });
    expect(decide({ statusCode: 429, attempts: 4, retryAfter: "1" })).to.include({ retry: true, delayMs: 1_000 });
    expect(decide({ statusCode: 429, attempts: 40, elapsedMs: 18_000, retryAfter: "1" })).to.include({ retry: true });
    expect(decide({ method: "POST", statusCode: 429, attempts: 40 })).to.include({ retry: true });
    expect(decide({ statusCode: 429, attempts: 40, elapsedMs: 19_500, retryAfter: "1" })).to.include({ retry: false, why: "deadline" });
  });
  it("stops when the wait would pass the deadline", () => {
    expect(decide({ statusCode: 429, retryAfter: "5", elapsedMs: 15_000 })).to.include({ retry: true });
    expect(decide({ statusCode: 429, retryAfter: "6", elapsedMs: 15_000 })).to.include({ retry: false, why: "deadline" });
  });
  it("retries a POST only on 429: a 503/504 may have been applied", () => {
    expect(decide({ method: "POST", statusCode: 429 })).to.include({ retry: true });
    expect(decide({ method: "POST", statusCode: 503 })).to.include({ retry: false, why: "unsafe" });
    expect(decide({ method: "POST", statusCode: 504 })).to.include({ retry: false, why: "unsafe" });
    expect(decide({ method: "POST", idempotent: true, statusCode: 504 })).to.include({ retry: true });
  });
  it("retries connection errors for idempotent methods; for POST only those raised before sending", () => {
    for (const method of ["GET", "DELETE", "PATCH", "PUT"]) {
      expect(decide({ method, errorCode: "ECONNRESET" })).to.include({ retry: true });
      expect(decide({ method, errorCode: "UND_ERR_HEADERS_TIMEOUT" })).to.include({ retry: true });
    }
    expect(decide({ method: "POST", errorCode: "ECONNRESET" })).to.include({ retry: false, why: "unsafe" });
    expect(decide({ method: "POST", errorCode: "UND_ERR_SOCKET" })).to.include({ retry: false, why: "unsafe" });
    expect(decide({ method: "POST", errorCode: "ECONNREFUSED" })).to.include({ retry: true });
    expect(decide({ method: "POST", errorCode: "UND_ERR_CONNECT_TIMEOUT" })).to.include({ retry: true });
    expect(decide({ errorCode: "ERR_TLS_CERT_ALTNAME_INVALID" })).to.include({ retry: false, why: "not-retryable" });
    expect(decide({ errorCode: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" })).to.include({ retry: false, why: "not-retryable" });
  });
});

describe("retryPolicy: graphRetryCallback (undici's retry hook)", () => {
  const ctx = (): RequestContext => ({ method: "GET", route: "/beta/x", operation: "read x", clientRequestId: "c", idempotent: true, startedAt: now, attempts: 1 });

  it("waits the decided delay, then lets undici retry; announces long waits", () => {
    const waits: number[] = [];
    const notices: string[] = [];
    const c = ctx();
    const cb = graphRetryCallback(c, { ...policy, noticeAfterMs: 5_000 }, {
      now: () => now,
      random: () => 0,
      sleep: (ms, then) => (waits.push(ms), then()),
      onLongWait: (_c, d, cause) => notices.push(`${d.delayMs} ${cause}`),
    });
    let result: unknown = "pending";
    cb(Object.assign(new Error("x"), { statusCode: 429, headers: { "retry-after": "6" } }), { state: { counter: 1 }, opts: {} }, (e) => (result = e));
    expect(result).to.equal(null);
    expect(waits).to.deep.equal([6_000]);
    expect(notices).to.deep.equal(["6000 HTTP 429"]);
    expect(c.lastDecision).to.include({ retry: true, basis: "retry-after" });
  });
  it("passes the error on (no retry) when the rules say so", () => {
    const err = Object.assign(new Error("x"), { statusCode: 404, headers: {} });
    let result: unknown = "pending";
    graphRetryCallback(ctx(), policy, { now: () => now })(err, { state: { counter: 1 }, opts: {} }, (e) => (result = e));
    expect(result).to.equal(err);
  });
});
