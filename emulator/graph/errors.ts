// Graph responses as values: handlers return or throw these; graph/reply.ts serializes them, and the
// server sends them after the write is committed (which is what lets a fault drop the connection
// after the commit).

export interface HandlerResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown; // serialized as JSON; undefined = empty body
  /** The request changed state: the server waits for the store commit before answering. */
  mutated?: boolean;
}

/** An error the emulator answers with, written in Graph's envelope: {"error":{"code","message","innerError":{date,request-id,client-request-id}}}. */
export class GraphEnvelopeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const GRAPH_CONTENT_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

/** Graph's innerError date: UTC, seconds precision, no zone suffix. */
export function innerErrorDate(now = new Date()): string {
  return now.toISOString().slice(0, 19);
}

export function errorEnvelope(code: string, message: string, requestId: string, clientRequestId: string, extraInner?: Record<string, string>) {
  return {
    error: {
      code,
      message,
      innerError: { ...extraInner, date: innerErrorDate(), "request-id": requestId, "client-request-id": clientRequestId },
    },
  };
}

export const badRequest = (message: string) => new GraphEnvelopeError(400, "BadRequest", message);
export const notFound = (message: string) => new GraphEnvelopeError(404, "NotFound", message);
export const forbidden = (message: string, code = "Forbidden") => new GraphEnvelopeError(403, code, message);
export const conflict = (message: string) => new GraphEnvelopeError(409, "Conflict", message);

/** Graph's answer for a path segment it does not know (also /v1.0/.../registration). */
export const unknownSegment = (segment: string) => badRequest(`Resource not found for the segment '${segment}'.`);

/** Timestamps as Graph writes them: UTC with 7 fractional digits. */
export function graphTimestamp(d: Date, fraction?: string): string {
  const digits = fraction === undefined ? d.toISOString().slice(20, 23) : fraction;
  return `${d.toISOString().slice(0, 19)}.${(digits + "0000000").slice(0, 7)}Z`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses a client's dateTimeOffset and writes it back in Graph's form, keeping sub-millisecond
 * digits (Graph stores 100 ns ticks: "…00.1234567Z" round-trips). A value without a zone is UTC.
 * Impossible dates (2026-02-30, 24:00) are rejected rather than rolled over.
 */
export function normalizeTimestamp(value: string): string | undefined {
  const m = ISO.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  const zone = m[8] ?? "Z";
  if (zone.toUpperCase() !== "Z") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    if (Number(z[2]) > 23 || Number(z[3]) > 59) return undefined;
    offsetMinutes = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  // Offsets are whole minutes, so the fraction is unchanged by the conversion to UTC.
  return graphTimestamp(new Date(local.getTime() - offsetMinutes * 60_000), m[7] ?? "");
}
