// The in-memory log behind GET /_emulator/requests: Graph and identity requests in arrival order,
// bounded (oldest entries are dropped in batches so appends stay O(1) amortized).

export type RequestOutcome = "responded" | "reset" | "dropped" | "aborted" | "pending";

export interface RequestLogEntry {
  method: string;
  path: string; // without the query string
  status: number; // 0 when no response was sent (reset, dropped, aborted)
  clientRequestId: string;
  requestId: string;
  at: string; // ISO time of arrival
  outcome: RequestOutcome;
  /** Ids of the fault rules that fired for this request. */
  faults?: string[];
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  constructor(private limit: number) {}

  setLimit(limit: number): void {
    this.limit = limit;
  }

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    if (this.entries.length > this.limit + Math.max(100, this.limit >> 4)) this.entries.splice(0, this.entries.length - this.limit);
    return entry;
  }

  list(): RequestLogEntry[] {
    return this.entries.length > this.limit ? this.entries.slice(this.entries.length - this.limit) : this.entries.slice();
  }

  clear(): void {
    this.entries = [];
  }
}
