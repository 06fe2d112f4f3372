// Response helpers for the identity routes: JSON with the headers Entra sends (no caching of token
// responses, the request id, the echoed client-request-id).
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { errorBody, type EntraError } from "./errors";

export function clientRequestId(req: IncomingMessage): string | undefined {
  const value = req.headers["client-request-id"];
  return Array.isArray(value) ? value[0] : value;
}

export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown, cacheable = false): void {
  const payload = JSON.stringify(body);
  const correlation = clientRequestId(req);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    "cache-control": cacheable ? "max-age=86400, private" : "no-store, no-cache",
    pragma: "no-cache",
    "x-ms-request-id": randomUUID(),
    ...(correlation ? { "client-request-id": correlation } : {}),
  });
  res.end(payload);
}

export function sendEntraError(req: IncomingMessage, res: ServerResponse, origin: string, err: EntraError): void {
  sendJson(req, res, err.status, errorBody(err, origin, clientRequestId(req)));
}
