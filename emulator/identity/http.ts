// Replies of the identity routes: JSON with the headers Entra sends (no caching of token responses,
// the request id, the echoed client-request-id).
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { jsonReply, type Reply } from "../reply";
import { errorBody, type EntraError } from "./errors";

const JSON_TYPE = "application/json; charset=utf-8";

function clientRequestId(headers: IncomingHttpHeaders): string | undefined {
  const value = headers["client-request-id"];
  return Array.isArray(value) ? value[0] : value;
}

/** `headers` are the request's (its client-request-id is echoed); `extra` are added to the reply's. */
export function identityReply(headers: IncomingHttpHeaders, status: number, body: unknown, cacheable = false, extra: Record<string, string> = {}): Reply {
  const correlation = clientRequestId(headers);
  return jsonReply(status, body, JSON_TYPE, {
    "cache-control": cacheable ? "max-age=86400, private" : "no-store, no-cache",
    pragma: "no-cache",
    "x-ms-request-id": randomUUID(),
    ...(correlation ? { "client-request-id": correlation } : {}),
    ...extra,
  });
}

export function entraErrorReply(headers: IncomingHttpHeaders, origin: string, err: EntraError): Reply {
  return identityReply(headers, err.status, errorBody(err, origin, clientRequestId(headers)), false, err.headers);
}
