// Microsoft's documented limit for virtual events ([D] /graph/throttling-limits): per app, across
// all tenants, 750 GETs and 15 create/update/delete requests per 30 s. A sliding 30 s window per app
// and kind; a request over the limit is refused (and not counted) with the seconds until the oldest
// counted request leaves the window.

export const WINDOW_MS = 30_000;

export type RequestKind = "read" | "write";

export class VirtualEventsThrottle {
  private readonly windows = new Map<string, number[]>();

  /** Forgets every window (the switch changed: turned on, every app starts afresh). */
  reset(): void {
    this.windows.clear();
  }

  /** Counts one request; returns 0 when allowed, else the seconds to wait. */
  take(appId: string, kind: RequestKind, limit: number, now = performance.now()): number {
    const key = `${kind} ${appId.toLowerCase()}`;
    let times = this.windows.get(key);
    if (!times) {
      times = [];
      this.windows.set(key, times);
    }
    let drop = 0;
    while (drop < times.length && times[drop] <= now - WINDOW_MS) drop++;
    if (drop > 0) times.splice(0, drop);
    if (times.length < limit) {
      times.push(now);
      return 0;
    }
    return (times[0] + WINDOW_MS - now) / 1000;
  }
}
