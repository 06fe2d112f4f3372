// Stable derived identifiers: the service principal object id of an app registration (the `oid` of
// its app-only tokens) and the pairwise `sub` of a user for an app, as Entra derives them per tenant.
import { createHash } from "node:crypto";
import type { App } from "../types";

/** A GUID derived from a name (UUID v5 layout over SHA-1), so it is the same across restarts. */
function guidFrom(name: string): string {
  const b = createHash("sha1").update(name).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function servicePrincipalIdFor(app: Pick<App, "clientId" | "tenantId">): string {
  return guidFrom(`servicePrincipal:${app.tenantId}:${app.clientId}`);
}

export function pairwiseSubject(userId: string, clientId: string): string {
  return createHash("sha256").update(`${userId}:${clientId}`).digest("base64url").slice(0, 43);
}
