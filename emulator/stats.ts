// The counters behind GET /_emulator/stats: Graph and identity requests, the connections they came
// on, and token-endpoint requests (whatever happened to them: a fault that answered or cut one
// still counts it).
import type { Socket } from "node:net";

export interface StatsSnapshot {
  tokenRequests: number;
  connections: number;
  requests: number;
}

export class Stats {
  private counts: StatsSnapshot = { tokenRequests: 0, connections: 0, requests: 0 };
  private seen = new WeakSet<Socket>();

  count(socket: Socket, tokenRequest: boolean): void {
    this.counts.requests++;
    if (tokenRequest) this.counts.tokenRequests++;
    if (!this.seen.has(socket)) {
      this.seen.add(socket);
      this.counts.connections++;
    }
  }

  snapshot(): StatsSnapshot {
    return { ...this.counts };
  }

  reset(): void {
    this.counts = { tokenRequests: 0, connections: 0, requests: 0 };
  }
}
