// The router of /{version}/solutions/virtualEvents/webinars: path parsing (segments decoded, so a
// webinar id's `@` may come raw or as %40; names compared case-insensitively), Microsoft's
// virtual-event throttling limit (when switched on), who may call what (the permission table of
// shared/virtual-events-contract.md: delegated scopes vs application roles), then the handler.
// Resource-level checks (organizer roles, application access policy) are in the handlers.
import type { AccessTokenClaims } from "../../types";
import { formatRetryAfter } from "../../throttle";
import type { GraphVersion } from "../context";
import { badRequest, forbidden, GraphEnvelopeError, unknownSegment, type HandlerResult } from "../errors";
import { dispatch, type MethodTable } from "../dispatch";
import type { GraphDeps } from "../routes";
import { INSUFFICIENT, type VirtualEventsRequest } from "./context";
import * as questions from "./questions";
import * as registrations from "./registrations";
import * as sessions from "./sessions";
import type { RequestKind } from "./throttle";
import * as webinars from "./webinars";

type Target =
  | { kind: "webinars" }
  | { kind: "function"; name: "getByUserRole" | "getByUserIdAndRole"; params: Record<string, string> }
  | { kind: "webinar"; webinarId: string }
  | { kind: "action"; webinarId: string; action: "publish" | "cancel" | "setExternalEventInformation" }
  | { kind: "configuration"; webinarId: string }
  | { kind: "questions"; webinarId: string }
  | { kind: "question"; webinarId: string; questionId: string }
  | { kind: "registrations"; webinarId: string }
  | { kind: "registrationByKey"; webinarId: string; segment: string; key: { name: "email" | "userId"; value: string } }
  | { kind: "registration"; webinarId: string; registrationId: string }
  | { kind: "registrationCancel"; webinarId: string; registrationId: string }
  | { kind: "registrationSessions"; webinarId: string; registrationId: string }
  | { kind: "sessions"; webinarId: string }
  | { kind: "session"; webinarId: string; sessionId: string };

/** Who may call an operation: delegated scopes and application roles (null: that kind of token is not supported). */
interface Permission {
  scopes: string[] | null;
  roles: string[] | null;
  /** For the throttle: reads, writes, or actions (counted as writes per `virtualEventsActionsAreWrites`). */
  kind: RequestKind | "action";
}

const READ_SCOPES = ["VirtualEvent.Read", "VirtualEvent.ReadWrite"];
const WRITE_SCOPES = ["VirtualEvent.ReadWrite"];
const APP_READ = ["VirtualEvent.Read.All", "VirtualEvent.Read.Chat"];
const APP_ANON = ["VirtualEventRegistration-Anon.ReadWrite.All", "VirtualEventRegistration-Anon.ReadWrite.Chat"];

const READ: Permission = { scopes: READ_SCOPES, roles: APP_READ, kind: "read" };
const DELEGATED_READ: Permission = { scopes: READ_SCOPES, roles: null, kind: "read" };
const DELEGATED_WRITE: Permission = { scopes: WRITE_SCOPES, roles: null, kind: "write" };
const DELEGATED_ACTION: Permission = { scopes: WRITE_SCOPES, roles: null, kind: "action" };

export function isVirtualEventsPath(pathname: string): boolean {
  return /^\/(?:beta|v1\.0)\/solutions(?:\/|$)/i.test(pathname);
}

export async function handleVirtualEvents(deps: GraphDeps, method: string, url: URL, body: unknown, claims: AccessTokenClaims): Promise<HandlerResult> {
  const config = deps.config();
  const { version, target } = parsePath(url.pathname);
  const permission = permissionOf(target, method);
  if (permission.kind === "write" || permission.kind === "action") {
    const wait = deps.throttle.take(claims.appid);
    if (wait > 0) throw tooMany(wait, config.retryAfterFormat);
  }
  const throttle = deps.virtualEventsThrottle;
  if (config.virtualEventsThrottle) {
    const kind: RequestKind | undefined = permission.kind === "action" ? (config.virtualEventsActionsAreWrites ? "write" : undefined) : permission.kind;
    if (kind) {
      const wait = throttle.take(claims.appid, kind, kind === "read" ? config.virtualEventsReadsPer30s : config.virtualEventsWritesPer30s);
      if (wait > 0) throw tooMany(wait, config.retryAfterFormat);
    }
  }
  authorize(claims, permission);
  const caller = claims.kind === "delegated" ? deps.store.findUser(claims.tid, claims.oid) : undefined;
  if (claims.kind === "delegated" && !caller) throw new GraphEnvelopeError(401, "InvalidAuthenticationToken", "The signed-in user of this token does not exist.");
  const req: VirtualEventsRequest = {
    method,
    version,
    pathname: url.pathname,
    query: url.searchParams,
    body,
    claims,
    caller,
    origin: deps.origin(),
    config,
    store: deps.store,
  };
  return dispatch(handlers, req, target);
}

function tooMany(seconds: number, format: "integer" | "fractional"): GraphEnvelopeError {
  return new GraphEnvelopeError(429, "TooManyRequests", "Too many requests. Please retry again later.", { "Retry-After": formatRetryAfter(seconds, format) });
}

function authorize(claims: AccessTokenClaims, p: Permission): void {
  if (claims.kind === "app") {
    if (!p.roles) throw forbidden("This operation does not support application permissions: call it with a delegated (signed-in user) token.");
    const roles = claims.roles ?? [];
    if (!p.roles.some((r) => roles.includes(r))) throw forbidden(INSUFFICIENT);
    return;
  }
  if (!p.scopes) throw forbidden("This operation does not support delegated permissions: call it with an application token.");
  const scopes = (claims.scp ?? "").split(" ");
  if (!p.scopes.some((s) => scopes.includes(s))) throw forbidden(INSUFFICIENT);
}

function permissionOf(t: Target, method: string): Permission {
  const get = method === "GET";
  switch (t.kind) {
    case "webinars":
      return get ? { scopes: null, roles: ["VirtualEvent.Read.All"], kind: "read" } : DELEGATED_WRITE;
    case "function":
      return t.name === "getByUserRole" ? DELEGATED_READ : READ;
    case "webinar":
      return get ? READ : DELEGATED_WRITE;
    case "action":
      return DELEGATED_ACTION;
    case "configuration":
    case "sessions":
    case "session":
      return READ;
    case "questions":
    case "question":
      return get ? READ : DELEGATED_WRITE;
    case "registrations":
      return get ? READ : { scopes: WRITE_SCOPES, roles: APP_ANON, kind: "write" };
    case "registrationByKey":
    case "registration":
    case "registrationSessions":
      return { scopes: READ_SCOPES, roles: [...APP_READ, ...APP_ANON], kind: "read" };
    case "registrationCancel":
      return { scopes: WRITE_SCOPES, roles: APP_ANON, kind: "action" };
  }
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** `name='value'` pairs of a function or key segment (OData string literals: '' is a quote). */
function parseParams(inner: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  const re = /\s*([A-Za-z]+)\s*=\s*'((?:[^']|'')*)'\s*(,|$)/y;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < inner.length) {
    re.lastIndex = at;
    m = re.exec(inner);
    if (!m) return undefined;
    out[m[1]] = m[2].replace(/''/g, "'");
    at = re.lastIndex;
  }
  return out;
}

const ACTIONS: Record<string, "publish" | "cancel" | "setExternalEventInformation"> = {
  publish: "publish",
  cancel: "cancel",
  setexternaleventinformation: "setExternalEventInformation",
};

function parsePath(pathname: string): { version: GraphVersion; target: Target } {
  const seg = pathname.split("/").map(decode); // ["", version, "solutions", ...]
  if (seg[seg.length - 1] === "" && seg.length > 2) seg.pop();
  const version = seg[1].toLowerCase() as GraphVersion; // Graph takes /V1.0 too
  if ((seg[3] ?? "").toLowerCase() !== "virtualevents") throw unknownSegment(seg[3] ?? "solutions");
  if ((seg[4] ?? "").toLowerCase() !== "webinars") throw unknownSegment(seg[4] ?? "virtualEvents");
  const rest = seg.slice(5);
  const lower = rest.map((s) => s.toLowerCase().replace(/^microsoft\.graph\./, ""));
  if (rest.length === 0) return { version, target: { kind: "webinars" } };
  const fn = /^(getByUserRole|getByUserIdAndRole)\((.*)\)$/i.exec(rest[0]);
  if (fn) {
    if (rest.length > 1) throw unknownSegment(rest[1]);
    const params = parseParams(fn[2]);
    if (!params) throw badRequest(`The function parameters of '${rest[0]}' are malformed: use ${fn[1]}(role='organizer').`);
    const name = fn[1].toLowerCase() === "getbyuserrole" ? "getByUserRole" : "getByUserIdAndRole";
    return { version, target: { kind: "function", name, params } };
  }
  const webinarId = rest[0];
  if (rest.length === 1) return { version, target: { kind: "webinar", webinarId } };
  const child = lower[1];
  if (rest.length === 2 && ACTIONS[child]) return { version, target: { kind: "action", webinarId, action: ACTIONS[child] } };
  if (child === "registrationconfiguration") {
    if (rest.length === 2) return { version, target: { kind: "configuration", webinarId } };
    if (lower[2] !== "questions") throw unknownSegment(rest[2]);
    if (rest.length === 3) return { version, target: { kind: "questions", webinarId } };
    if (rest.length === 4) return { version, target: { kind: "question", webinarId, questionId: rest[3] } };
    throw unknownSegment(rest[4]);
  }
  if (child === "sessions") {
    if (rest.length === 2) return { version, target: { kind: "sessions", webinarId } };
    if (rest.length === 3) return { version, target: { kind: "session", webinarId, sessionId: rest[2] } };
    throw unknownSegment(rest[3]);
  }
  const key = /^registrations\((.*)\)$/i.exec(rest[1]);
  if (key) {
    if (rest.length > 2) throw unknownSegment(rest[2]);
    const params = parseParams(key[1]);
    const entries = Object.entries(params ?? {});
    const name = entries.length === 1 ? entries[0][0].toLowerCase() : "";
    if (name !== "email" && name !== "userid") throw badRequest(`Invalid key '${key[1]}': registrations are addressed by id, (email='…') or (userId='…').`);
    return { version, target: { kind: "registrationByKey", webinarId, segment: rest[1], key: { name: name === "email" ? "email" : "userId", value: entries[0][1] } } };
  }
  if (child === "registrations") {
    if (rest.length === 2) return { version, target: { kind: "registrations", webinarId } };
    const registrationId = rest[2];
    if (rest.length === 3) return { version, target: { kind: "registration", webinarId, registrationId } };
    if (rest.length === 4 && lower[3] === "cancel") return { version, target: { kind: "registrationCancel", webinarId, registrationId } };
    if (rest.length === 4 && lower[3] === "sessions") return { version, target: { kind: "registrationSessions", webinarId, registrationId } };
    throw unknownSegment(rest[3]);
  }
  throw unknownSegment(rest[1]);
}

const handlers: MethodTable<VirtualEventsRequest, Target> = {
  webinars: { GET: (req) => webinars.listWebinars(req), POST: (req) => webinars.createWebinar(req) },
  function: { GET: (req, t) => (t.name === "getByUserRole" ? webinars.getByUserRole(req, t.params) : webinars.getByUserIdAndRole(req, t.params)) },
  webinar: { GET: (req, t) => webinars.getWebinar(req, t.webinarId), PATCH: (req, t) => webinars.patchWebinar(req, t.webinarId) },
  action: {
    POST: (req, t) => {
      if (t.action === "publish") return webinars.publishWebinar(req, t.webinarId);
      if (t.action === "cancel") return webinars.cancelWebinar(req, t.webinarId);
      return webinars.setExternalEventInformation(req, t.webinarId);
    },
  },
  configuration: { GET: (req, t) => questions.getRegistrationConfiguration(req, t.webinarId) },
  questions: { GET: (req, t) => questions.listQuestions(req, t.webinarId), POST: (req, t) => questions.createQuestion(req, t.webinarId) },
  question: { GET: (req, t) => questions.getQuestion(req, t.webinarId, t.questionId), DELETE: (req, t) => questions.deleteQuestion(req, t.webinarId, t.questionId) },
  registrations: { GET: (req, t) => registrations.listRegistrations(req, t.webinarId), POST: (req, t) => registrations.createRegistration(req, t.webinarId) },
  registrationByKey: { GET: (req, t) => registrations.getRegistrationByKey(req, t.webinarId, t.segment, t.key) },
  registration: { GET: (req, t) => registrations.getRegistration(req, t.webinarId, t.registrationId) },
  registrationCancel: { POST: (req, t) => registrations.cancelRegistration(req, t.webinarId, t.registrationId) },
  registrationSessions: { GET: (req, t) => sessions.listRegistrationSessions(req, t.webinarId, t.registrationId) },
  sessions: { GET: (req, t) => sessions.listSessions(req, t.webinarId) },
  session: { GET: (req, t) => sessions.getSession(req, t.webinarId, t.sessionId) },
};
