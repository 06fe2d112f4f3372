// Per-app write budget: a token bucket of `writesPerSecond` tokens (burst max(1, rate)). A write that
// finds the bucket empty gets 429 with Retry-After = the time until the next token.

export class WriteThrottle {
  private rate = 0;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(writesPerSecond: number) {
    this.setRate(writesPerSecond);
  }

  setRate(writesPerSecond: number): void {
    this.rate = writesPerSecond;
    this.buckets.clear();
  }

  get writesPerSecond(): number {
    return this.rate;
  }

  /** Takes one write from the app's budget; returns 0 when allowed, else the seconds to wait. */
  take(appId: string, now = performance.now()): number {
    if (this.rate <= 0) return 0;
    const burst = Math.max(1, this.rate);
    let b = this.buckets.get(appId);
    if (!b) {
      b = { tokens: burst, at: now };
      this.buckets.set(appId, b);
    }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.rate;
  }
}

/** Retry-After header value: whole seconds rounded up, or seconds with millisecond precision. */
export function formatRetryAfter(seconds: number, format: "integer" | "fractional"): string {
  if (format === "integer") return String(Math.max(1, Math.ceil(seconds)));
  return String(Math.max(0.001, Math.round(seconds * 1000) / 1000));
}
