// The Graph router: token check, path parsing (split once, compared case-insensitively like Graph),
// who-may-call-what (scp / roles / application access policy / the /me rules), the per-app write
// budget, then the handler. Errors are thrown as GraphEnvelopeError and enveloped by the server.
import type { AccessTokenClaims, IdentityPlatform, User } from "../types";
import type { EmulatorConfig } from "../config";
import type { Store } from "../store";
import { formatRetryAfter, type WriteThrottle } from "../throttle";
import type { GraphRequest, GraphVersion } from "./context";
import { badRequest, forbidden, GraphEnvelopeError, notFound, unknownSegment, type HandlerResult } from "./errors";
import { dispatch, type MethodTable } from "./dispatch";
import * as meetings from "./onlineMeetings";
import * as registration from "./registration";
import * as registrants from "./registrants";
import { handleVirtualEvents, isVirtualEventsPath } from "./virtualEvents/routes";
import type { VirtualEventsThrottle } from "./virtualEvents/throttle";
import { applySelect } from "./select";

export interface GraphDeps {
  store: Store;
  config(): EmulatorConfig;
  identity(): IdentityPlatform;
  throttle: WriteThrottle;
  /** Microsoft's virtual-event limit (15 writes / 750 reads per 30 s per app), when switched on. */
  virtualEventsThrottle: VirtualEventsThrottle;
  origin(): string;
}

type Target =
  | { kind: "meetings" }
  | { kind: "createOrGet" }
  | { kind: "meeting"; meetingId: string }
  | { kind: "registration"; meetingId: string }
  | { kind: "registrants"; meetingId: string }
  | { kind: "registrant"; meetingId: string; registrantId: string };

interface Route {
  version: GraphVersion;
  me: boolean;
  userRef: string; // id or UPN when !me
  target: Target;
}

const READ_SCOPES = ["OnlineMeetings.ReadWrite", "OnlineMeetings.Read"];
const WRITE_SCOPES = ["OnlineMeetings.ReadWrite"];
const READ_ROLES = ["OnlineMeetings.ReadWrite.All", "OnlineMeetings.Read.All"];
const WRITE_ROLES = ["OnlineMeetings.ReadWrite.All"];
const INSUFFICIENT = "Insufficient privileges to complete the operation.";

/** True for paths the Graph router owns (everything else goes to the identity platform). Case-insensitive, as Graph. */
export function isGraphPath(pathname: string): boolean {
  return /^\/(beta|v1\.0)(\/|$)/i.test(pathname);
}

export async function handleGraph(
  deps: GraphDeps,
  method: string,
  url: URL,
  rawBody: Buffer,
  authorization: string | undefined,
  contentType?: string,
): Promise<HandlerResult> {
  const check = await deps.identity().verifyAccessToken(authorization);
  if (!check.ok) throw new GraphEnvelopeError(401, "InvalidAuthenticationToken", check.message);
  const claims = check.claims;
  if (isVirtualEventsPath(url.pathname)) {
    const result = await handleVirtualEvents(deps, method, url, parseBody(rawBody, contentType), claims);
    return method === "GET" ? applySelect(result, url.searchParams.get("$select")) : result;
  }
  const route = parseRoute(url.pathname);
  const config = deps.config();
  if (config.profile === "retired" && isRegistrationTarget(route.target)) {
    const { status, code, message } = config.retiredAnswer;
    throw new GraphEnvelopeError(status, code, message);
  }
  const user = authorize(deps.store, config, claims, route, method);
  if (method !== "GET" && method !== "HEAD") {
    const wait = deps.throttle.take(claims.appid);
    if (wait > 0) {
      throw new GraphEnvelopeError(429, "TooManyRequests", "Please retry again later.", { "Retry-After": formatRetryAfter(wait, config.retryAfterFormat) });
    }
  }
  const req: GraphRequest = {
    method,
    version: route.version,
    pathname: url.pathname,
    query: url.searchParams,
    body: parseBody(rawBody, contentType),
    claims,
    user,
    origin: deps.origin(),
    config,
    store: deps.store,
  };
  const result = dispatch(handlers, req, route.target);
  return method === "GET" ? applySelect(result, url.searchParams.get("$select")) : result;
}

const JSON_BODY = "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.";

/** Graph reads a body only as JSON, and only when the request says so (Content-Type: application/json). */
function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!contentType || !/^application\/json\s*(;|$)/i.test(contentType.trim())) throw badRequest(JSON_BODY);
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw badRequest(JSON_BODY);
  }
}

function parseRoute(pathname: string): Route {
  const seg = pathname.split("/").map(decodeSegment); // ["", version, ...]
  if (seg[seg.length - 1] === "" && seg.length > 2) seg.pop(); // tolerate one trailing slash
  const v = (seg[1] ?? "").toLowerCase();
  const version = v === "beta" || v === "v1.0" ? v : undefined;
  if (!version) throw new GraphEnvelopeError(400, "BadRequest", `Invalid version: ${seg[1] ?? ""}`);
  let i: number;
  let me = false;
  let userRef = "";
  const root = (seg[2] ?? "").toLowerCase();
  if (root === "me") {
    me = true;
    i = 3;
  } else if (root === "users" && seg[3]) {
    userRef = seg[3];
    i = 4;
  } else {
    throw unknownSegment(seg[2] ?? "");
  }
  const rest = seg.slice(i);
  if ((rest[0] ?? "").toLowerCase() !== "onlinemeetings") throw unknownSegment(rest[0] ?? "");
  let target: Target;
  if (rest.length === 1) target = { kind: "meetings" };
  else if (rest.length === 2 && rest[1].toLowerCase() === "createorget") target = { kind: "createOrGet" };
  else if (rest.length === 2) target = { kind: "meeting", meetingId: rest[1] };
  else {
    if (rest[2].toLowerCase() !== "registration") throw unknownSegment(rest[2]);
    // Registration is a beta-only navigation property: v1.0 does not know the segment.
    if (version === "v1.0") throw unknownSegment(rest[2]);
    if (rest.length === 3) target = { kind: "registration", meetingId: rest[1] };
    else if (rest[3].toLowerCase() !== "registrants" || rest.length > 5) throw unknownSegment(rest[rest.length > 5 ? 5 : 3]);
    else if (rest.length === 4) target = { kind: "registrants", meetingId: rest[1] };
    else target = { kind: "registrant", meetingId: rest[1], registrantId: rest[4] };
  }
  return { version, me, userRef, target };
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isRegistrationTarget(t: Target): boolean {
  return t.kind === "registration" || t.kind === "registrants" || t.kind === "registrant";
}

/** Resolves the organizer and checks the caller may act for them. */
function authorize(store: Store, config: EmulatorConfig, claims: AccessTokenClaims, route: Route, method: string): User {
  const write = method !== "GET" && method !== "HEAD";
  const registrationRoute = isRegistrationTarget(route.target);
  if (claims.kind === "app") {
    if (route.me) throw badRequest("/me request is only valid with delegated authentication flow.");
    // Microsoft's current pages list application permission as "Not supported" on every registration
    // call: Graph's 403 for a permission the token lacks. The seed page lists OnlineMeetings.ReadWrite.All.
    if (registrationRoute && config.profile === "current") throw forbidden(INSUFFICIENT);
    if (registrationRoute && !config.allowAppTokensOnRegistration) throw forbidden("Application permissions are not supported for this API.");
    const roles = claims.roles ?? [];
    if (!(write ? WRITE_ROLES : READ_ROLES).some((r) => roles.includes(r))) throw forbidden(INSUFFICIENT);
    const user = store.findUser(claims.tid, route.userRef);
    if (!user) throw notFound(`User '${route.userRef}' was not found.`);
    if (!store.hasPolicy(claims.tid, claims.appid, user.id)) throw forbidden("No application access policy found for this app.", config.missingPolicyErrorCode);
    return user;
  }
  const scopes = (claims.scp ?? "").split(" ");
  if (!(write ? WRITE_SCOPES : READ_SCOPES).some((s) => scopes.includes(s))) throw forbidden(INSUFFICIENT);
  const user = store.findUser(claims.tid, route.me ? claims.oid : route.userRef);
  if (!user) throw notFound(`User '${route.me ? claims.oid : route.userRef}' was not found.`);
  if (user.id !== claims.oid) throw forbidden("A delegated token can only access the signed-in user's online meetings.");
  return user;
}

const handlers: MethodTable<GraphRequest, Target> = {
  meetings: { GET: (req) => meetings.listMeetings(req), POST: (req) => meetings.createMeeting(req) },
  createOrGet: { POST: (req) => meetings.createOrGetMeeting(req) },
  meeting: {
    GET: (req, t) => meetings.getMeeting(req, t.meetingId),
    PATCH: (req, t) => meetings.patchMeeting(req, t.meetingId),
    DELETE: (req, t) => meetings.deleteMeeting(req, t.meetingId),
  },
  registration: {
    POST: (req, t) => registration.createRegistration(req, t.meetingId),
    GET: (req, t) => registration.getRegistration(req, t.meetingId),
    PATCH: (req, t) => registration.patchRegistration(req, t.meetingId),
    DELETE: (req, t) => registration.deleteRegistration(req, t.meetingId),
  },
  registrants: { POST: (req, t) => registrants.createRegistrant(req, t.meetingId), GET: (req, t) => registrants.listRegistrants(req, t.meetingId) },
  registrant: {
    GET: (req, t) => registrants.getRegistrant(req, t.meetingId, t.registrantId),
    DELETE: (req, t) => registrants.deleteRegistrant(req, t.meetingId, t.registrantId),
  },
};
