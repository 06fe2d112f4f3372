// What a virtual-event handler gets: the caller (an app, or a signed-in user), the state, and the
// helpers every handler shares: finding a webinar, the caller's role in it, the application access
// policy, and the answers for the undocumented cases.
import type { User } from "../../types";
import type { GraphRequest } from "../context";
import { badRequest, conflict, forbidden, GraphEnvelopeError, notFound } from "../errors";
import type { Reject } from "./config";
import type { StoredWebinar } from "./store";
import { isWebinarId } from "./ids";

/** A Graph request (graph/context.ts) whose caller is the signed-in user, if any, not a path's organizer. */
export interface VirtualEventsRequest extends Omit<GraphRequest, "user"> {
  /** The signed-in user of a delegated token; undefined for app-only tokens. */
  caller: User | undefined;
}

export type WebinarRole = "organizer" | "coOrganizer" | "registrant" | "none";

export const INSUFFICIENT = "Insufficient privileges to complete the operation.";

/** `{origin}/{version}/$metadata#solutions/virtualEvents/webinars` */
export function webinarsContext(req: VirtualEventsRequest): string {
  return `${req.origin}/${req.version}/$metadata#solutions/virtualEvents/webinars`;
}

/** `{origin}/{version}/$metadata#solutions/virtualEvents/webinars('{id}')` */
export function webinarContext(req: VirtualEventsRequest, webinar: StoredWebinar): string {
  return `${webinarsContext(req)}('${webinar.id}')`;
}

/** The webinar the path names, visible to the caller's tenant; 404 otherwise (also for malformed ids). */
export function findWebinar(req: VirtualEventsRequest, webinarId: string): StoredWebinar {
  const webinar = isWebinarId(webinarId) ? req.store.virtualEvents.findWebinar(webinarId) : undefined;
  if (!webinar || !visibleToTenant(req, webinar)) throw notFound(`The virtual event webinar '${webinarId}' was not found.`);
  return webinar;
}

/** App tokens see their own tenant's webinars; users also see other tenants' webinars open to everyone. */
function visibleToTenant(req: VirtualEventsRequest, webinar: StoredWebinar): boolean {
  if (webinar.tenantId === req.claims.tid) return true;
  return req.claims.kind === "delegated" && webinar.resource.audience === "everyone";
}

export function roleOf(req: VirtualEventsRequest, webinar: StoredWebinar): WebinarRole {
  const user = req.caller;
  if (!user) return "none";
  if (user.id.toLowerCase() === webinar.organizerId.toLowerCase()) return "organizer";
  const co = (webinar.resource.coOrganizers as { id?: string }[] | undefined) ?? [];
  if (co.some((c) => typeof c.id === "string" && c.id.toLowerCase() === user.id.toLowerCase())) return "coOrganizer";
  const regs = req.store.virtualEvents.registrationsOf(webinar.id);
  if (regs.some((r) => r.resource.userId === user.id && r.resource.status !== "canceled")) return "registrant";
  return "none";
}

/** Delegated callers must hold one of these roles in the webinar. */
export function requireRole(req: VirtualEventsRequest, webinar: StoredWebinar, allowed: WebinarRole[], what: string): WebinarRole {
  const role = roleOf(req, webinar);
  if (!allowed.includes(role)) {
    const who = allowed.filter((r) => r !== "registrant").join(" or ");
    throw forbidden(`Only the webinar's ${who.replace("coOrganizer", "co-organizers")} can ${what}.`);
  }
  return role;
}

/** RSC grants (…Chat) count for every webinar of the app's tenant; .All grants need the organizer's application access policy. */
export function requireAppAccess(req: VirtualEventsRequest, webinar: StoredWebinar, rscRoles: string[], needsPolicy = true): void {
  const roles = req.claims.roles ?? [];
  if (rscRoles.some((r) => roles.includes(r))) return;
  if (!needsPolicy) return;
  if (!req.store.hasPolicy(req.claims.tid, req.claims.appid, webinar.organizerId)) {
    throw forbidden("No application access policy found for this app.", req.config.missingPolicyErrorCode);
  }
}

/** The error an undocumented "reject" switch value stands for. */
export function rejection(kind: Reject, message: string): GraphEnvelopeError {
  if (kind === "conflict") return conflict(message);
  if (kind === "forbidden") return forbidden(message);
  return badRequest(message);
}

/** The webinar's status; writes on a canceled one follow `webinarCanceledWrites`. */
export function checkNotCanceled(req: VirtualEventsRequest, webinar: StoredWebinar, what: string): void {
  if (webinar.resource.status !== "canceled" || req.config.webinarCanceledWrites === "allow") return;
  throw rejection(req.config.webinarCanceledWrites, `Cannot ${what}: the webinar is canceled.`);
}

/** The body as a JSON object, or a 400 like Graph's. */
export function objectBody(req: VirtualEventsRequest): Record<string, unknown> {
  const b = req.body;
  if (b === undefined) throw badRequest("Empty Payload. JSON content expected.");
  if (b === null || typeof b !== "object" || Array.isArray(b)) throw badRequest("Invalid request body: a JSON object is expected.");
  return b as Record<string, unknown>;
}

/** Graph's 400 for a property its type does not have. */
export function unknownProperty(name: string, type: string): GraphEnvelopeError {
  return badRequest(`The property '${name}' does not exist on type 'microsoft.graph.${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`);
}

/** Timestamps of registrations: Graph's 7 fractional digits, with or without the Z (`webinarTimestampZone`). */
export function registrationTimestamp(req: VirtualEventsRequest, at: Date): string {
  const s = `${at.toISOString().slice(0, 23)}0000`;
  return req.config.webinarTimestampZone === "withZ" ? `${s}Z` : s;
}
