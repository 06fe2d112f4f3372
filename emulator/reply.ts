// What every handler returns (Graph routes, the identity platform, the admin API, the fault stage):
// a reply as a value, or the decision to cut the connection without one. The server writes it in
// one place, after the store has committed the write (which is what lets a fault drop the
// connection after the commit).
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";

export interface Reply {
  status: number;
  headers: Record<string, string | number>;
  /** Serialized body; undefined = empty. */
  body?: string;
}

/** No reply: the connection is cut (a `reset` fault before handling, `dropped` after the commit). */
export interface Cut {
  cut: "reset" | "dropped";
}

export type Outcome = Reply | Cut;

export function isCut(outcome: Outcome): outcome is Cut {
  return "cut" in outcome;
}

/** A JSON reply with its content type; `headers` come first, then content-type and content-length. */
export function jsonReply(status: number, body: unknown, contentType: string, headers: Record<string, string | number> = {}): Reply {
  const data = JSON.stringify(body);
  return { status, headers: { ...headers, "content-type": contentType, "content-length": Buffer.byteLength(data) }, body: data };
}

/** The one place that answers a request: writes the reply, or cuts the connection. */
export function sendOutcome(res: ServerResponse, outcome: Outcome): void {
  if (isCut(outcome)) {
    resetSocket(res.req.socket);
    return;
  }
  res.writeHead(outcome.status, outcome.headers).end(outcome.body);
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
