// The request pipeline: small stages run in order, each given the exchange and the rest of the
// pipeline (`next`). A stage answers by returning an outcome, or passes the request on and may look
// at (or replace) the outcome that comes back. The stages themselves are in server.ts and faults/.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestLogEntry } from "./requestLog";
import type { Outcome } from "./reply";

/** One request on its way through the pipeline. */
export class Exchange {
  readonly method: string;
  /** The path without the query string, as the client sent it. */
  readonly path: string;
  /** The request body (set by the body-limit stage). */
  body: Buffer = Buffer.alloc(0);
  /** This request's entry in the request log (set by the log stage; the fault stage notes its rules there). */
  logEntry?: RequestLogEntry;
  private parsedUrl?: URL;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly origin: string,
    /** Our id for the request (Graph's `request-id`). */
    readonly requestId: string,
  ) {
    const rawUrl = req.url ?? "/";
    const q = rawUrl.indexOf("?");
    this.path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    this.method = req.method ?? "GET";
  }

  /** The client's `client-request-id`, or our request id when it sent none (Graph echoes one or the other). */
  get clientRequestId(): string {
    const header = this.req.headers["client-request-id"];
    return (Array.isArray(header) ? header[0] : header) || this.requestId;
  }

  /** The full URL (parsed when first asked for: a malformed one fails the stage that needs it). */
  get url(): URL {
    return (this.parsedUrl ??= new URL(this.req.url ?? "/", this.origin));
  }
}

export type Stage = (x: Exchange, next: () => Promise<Outcome>) => Promise<Outcome>;

/** Runs the stages in order; the last one must answer without calling `next`. */
export function runPipeline(stages: readonly Stage[], x: Exchange): Promise<Outcome> {
  const at = (i: number): Promise<Outcome> => {
    const stage = stages[i];
    if (!stage) return Promise.reject(new Error("the request pipeline ended without an answer"));
    return stage(x, () => at(i + 1));
  };
  return at(0);
}
