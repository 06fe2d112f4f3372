// virtualEventWebinar: create (draft), get, list (app), getByUserRole, getByUserIdAndRole, PATCH,
// publish, cancel and setExternalEventInformation. Docs: learn.microsoft.com/graph/api/
// virtualeventsroot-post-webinars, -list-webinars, virtualeventwebinar-get|-update|-publish|-cancel|
// -getbyuserrole|-getbyuseridandrole, virtualevent-setexternaleventinformation.
import type { User } from "../../types";
import { newMeetingId, meetingJoinUrl } from "../meetingIds";
import { pageOf } from "../paging";
import { badRequest, notFound, type HandlerResult } from "../errors";
import {
  checkNotCanceled,
  findWebinar,
  objectBody,
  rejection,
  requireAppAccess,
  requireRole,
  roleOf,
  unknownProperty,
  webinarsContext,
  type VirtualEventsRequest,
} from "./context";
import { newWebinarId } from "./ids";
import type { StoredWebinar } from "./store";
import { ianaZone, localToUtc, utcDateTimeTimeZone, type DateTimeTimeZone } from "./times";

const TYPE = "#microsoft.graph.virtualEventWebinar";
const USER_IDENTITY = "#microsoft.graph.communicationsUserIdentity";
const AUDIENCES = ["everyone", "organization"];
const CREATE_FIELDS = new Set(["displayName", "description", "startDateTime", "endDateTime", "audience", "coOrganizers", "settings"]);
const PATCH_FIELDS = new Set(["displayName", "description", "startDateTime", "endDateTime", "coOrganizers", "settings"]);
/** Read-only properties a client may echo back; Graph ignores them. */
const READ_ONLY = new Set(["@odata.type", "@odata.context", "id", "status", "createdBy", "externalEventInformation", "isRegistrationRequired", "sessions", "presenters", "registrations", "registrationConfiguration"]);
export const MAX_EXTERNAL_ID = 256;
/** RSC permission that reads any webinar of the app's tenant without an access policy. */
export const RSC_READ = ["VirtualEvent.Read.Chat"];

// ---- representation ----

function times(req: VirtualEventsRequest, webinar: StoredWebinar): { startDateTime: DateTimeTimeZone; endDateTime: DateTimeTimeZone } {
  if (req.config.webinarTimeEcho === "utc") return { startDateTime: utcDateTimeTimeZone(webinar.startUtc), endDateTime: utcDateTimeTimeZone(webinar.endUtc) };
  return { startDateTime: webinar.resource.startDateTime as DateTimeTimeZone, endDateTime: webinar.resource.endDateTime as DateTimeTimeZone };
}

/** The webinar as the caller sees it: externalEventInformation only for organizers and co-organizers. */
export function representation(req: VirtualEventsRequest, webinar: StoredWebinar): Record<string, unknown> {
  const role = roleOf(req, webinar);
  const r: Record<string, unknown> = { ...webinar.resource, ...times(req, webinar) };
  if (role !== "organizer" && role !== "coOrganizer") r.externalEventInformation = null;
  if (req.config.webinarDescriptionAsString) r.description = (r.description as { content?: string } | undefined)?.content ?? "";
  return r;
}

function present(req: VirtualEventsRequest, webinar: StoredWebinar): Record<string, unknown> {
  return { "@odata.context": `${webinarsContext(req)}/$entity`, ...representation(req, webinar) };
}

function collection(req: VirtualEventsRequest, webinars: StoredWebinar[], context: string): HandlerResult {
  const page = pageOf(webinars, req.query, req.config.webinarPageSize, req.origin, req.pathname, req.query.get("$count") !== null ? { $count: req.query.get("$count")! } : {});
  const body: Record<string, unknown> = { "@odata.context": context };
  if (req.query.get("$count") === "true") body["@odata.count"] = webinars.length;
  body.value = page.items.map((w) => representation(req, w));
  if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
  return { status: 200, body };
}

// ---- input checks ----

interface Times {
  value: DateTimeTimeZone;
  instant: number;
}

function dateTimeTimeZone(value: unknown, name: string): Times {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw badRequest(`${name} must be a dateTimeTimeZone object: {"dateTime":"2030-01-20T16:00:00","timeZone":"Pacific Standard Time"}.`);
  }
  const v = value as Record<string, unknown>;
  if (typeof v.dateTime !== "string" || typeof v.timeZone !== "string") throw badRequest(`${name}.dateTime and ${name}.timeZone are required strings.`);
  const zone = ianaZone(v.timeZone);
  if (!zone) throw badRequest(`${name}.timeZone '${v.timeZone}' is not a valid time zone (a Windows name such as 'Pacific Standard Time' or an IANA name).`);
  const instant = localToUtc(v.dateTime, zone);
  if (instant === undefined) throw badRequest(`${name}.dateTime '${v.dateTime}' is not a valid local date and time (yyyy-MM-ddTHH:mm:ss, no offset).`);
  return { value: { dateTime: v.dateTime, timeZone: v.timeZone }, instant };
}

function checkTimes(req: VirtualEventsRequest, start: number, end: number, startChanged: boolean): void {
  if (end <= start && req.config.webinarEndNotAfterStart === "badRequest") throw badRequest("The endDateTime of the webinar must be after its startDateTime.");
  if (startChanged && start < Date.now() && req.config.webinarPastStart === "badRequest") throw badRequest("The startDateTime of the webinar cannot be in the past.");
}

function displayName(value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw badRequest("displayName is required and must be a non-empty string.");
  return value;
}

function description(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw badRequest(`description must be an itemBody: {"contentType":"text","content":"…"}.`);
  const v = value as Record<string, unknown>;
  const contentType = v.contentType ?? "text";
  if (contentType !== "text" && contentType !== "html") throw badRequest(`Invalid value '${String(contentType)}' for property 'description.contentType'. Expected one of: text, html.`);
  if (v.content !== undefined && v.content !== null && typeof v.content !== "string") throw badRequest("description.content must be a string.");
  return { contentType, content: (v.content as string | undefined) ?? "" };
}

function audience(value: unknown): string {
  if (typeof value !== "string" || !AUDIENCES.includes(value)) throw badRequest(`Invalid value '${String(value)}' for property 'audience'. Expected one of: everyone, organization.`);
  return value;
}

function coOrganizers(req: VirtualEventsRequest, value: unknown, tenantId: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw badRequest("coOrganizers must be an array of communicationsUserIdentity objects ({id, tenantId}).");
  return value.map((item, i) => {
    if (item === null || typeof item !== "object" || typeof (item as { id?: unknown }).id !== "string" || (item as { id: string }).id === "") {
      throw badRequest(`coOrganizers[${i}].id is required (the user's object id).`);
    }
    const { id, tenantId: tid } = item as { id: string; tenantId?: unknown };
    if (tid !== undefined && tid !== null && typeof tid !== "string") throw badRequest(`coOrganizers[${i}].tenantId must be a string.`);
    const userTenant = (tid as string | undefined) ?? tenantId;
    const user: User | undefined = req.store.findUser(userTenant, id);
    return { "@odata.type": USER_IDENTITY, id, displayName: user?.displayName ?? null, tenantId: userTenant };
  });
}

function settings(value: unknown, current: Record<string, unknown>): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw badRequest("settings must be an object: {\"isAttendeeEmailNotificationEnabled\":false}.");
  const next = { ...current };
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k !== "isAttendeeEmailNotificationEnabled") throw unknownProperty(k, "virtualEventSettings");
    if (typeof v !== "boolean") throw badRequest("settings.isAttendeeEmailNotificationEnabled must be a boolean.");
    next[k] = v;
  }
  return next;
}

function checkFields(body: Record<string, unknown>, allowed: Set<string>): void {
  for (const k of Object.keys(body)) if (!allowed.has(k) && !READ_ONLY.has(k) && !k.startsWith("@")) throw unknownProperty(k, "virtualEventWebinar");
}

// ---- operations ----

export function createWebinar(req: VirtualEventsRequest): HandlerResult {
  const user = req.caller!;
  const body = objectBody(req);
  checkFields(body, CREATE_FIELDS);
  const name = displayName(body.displayName);
  if (body.startDateTime === undefined || body.endDateTime === undefined) throw badRequest("startDateTime and endDateTime are required.");
  const start = dateTimeTimeZone(body.startDateTime, "startDateTime");
  const end = dateTimeTimeZone(body.endDateTime, "endDateTime");
  checkTimes(req, start.instant, end.instant, true);
  const id = newWebinarId(user.tenantId);
  const app = req.store.findApp(req.claims.appid);
  const session = newMeetingId(user.id);
  const resource: Record<string, unknown> = {
    "@odata.type": TYPE,
    id,
    status: "draft",
    displayName: name,
    description: body.description === undefined || body.description === null ? { contentType: "text", content: "" } : description(body.description),
    startDateTime: start.value,
    endDateTime: end.value,
    audience: body.audience === undefined ? "organization" : audience(body.audience),
    coOrganizers: body.coOrganizers === undefined || body.coOrganizers === null ? [] : coOrganizers(req, body.coOrganizers, user.tenantId),
    createdBy: {
      application: { id: req.claims.appid, displayName: app?.displayName ?? null },
      device: null,
      user: { "@odata.type": USER_IDENTITY, id: user.id, displayName: user.displayName, tenantId: user.tenantId },
    },
    settings: settings(body.settings ?? {}, { isAttendeeEmailNotificationEnabled: true }),
    externalEventInformation: [],
  };
  const webinar: StoredWebinar = {
    id,
    tenantId: user.tenantId,
    organizerId: user.id,
    seq: req.store.virtualEvents.seq(),
    startUtc: start.instant,
    endUtc: end.instant,
    resource,
    registrationConfiguration: { capacity: req.config.webinarDefaultCapacity, isManualApprovalEnabled: false, isWaitlistEnabled: false },
    session: { id: session.id, threadId: session.threadId, joinWebUrl: meetingJoinUrl(session.threadId, user.tenantId, user.id) },
  };
  req.store.virtualEvents.addWebinar(webinar);
  return { status: 201, body: present(req, webinar), mutated: true };
}

/** Reads: organizers, co-organizers and registrants (delegated); apps with the organizer's policy or an RSC grant. */
export function readableWebinar(req: VirtualEventsRequest, webinarId: string, rscRoles = RSC_READ): StoredWebinar {
  const webinar = findWebinar(req, webinarId);
  if (req.claims.kind === "app") requireAppAccess(req, webinar, rscRoles);
  else requireRole(req, webinar, ["organizer", "coOrganizer", "registrant"], "read this webinar");
  return webinar;
}

export function getWebinar(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  return { status: 200, body: present(req, readableWebinar(req, webinarId)) };
}

/** App only: webinars of the app's tenant whose organizer granted the app an access policy. */
export function listWebinars(req: VirtualEventsRequest): HandlerResult {
  const all = [...req.store.virtualEvents.webinars.values()]
    .filter((w) => w.tenantId === req.claims.tid && req.store.hasPolicy(req.claims.tid, req.claims.appid, w.organizerId))
    .sort((a, b) => a.seq - b.seq);
  return collection(req, all, webinarsContext(req));
}

function parseRole(value: string | undefined): "organizer" | "coOrganizer" {
  const v = (value ?? "").toLowerCase();
  if (v === "organizer") return "organizer";
  if (v === "coorganizer") return "coOrganizer";
  throw badRequest(`Invalid role '${value ?? ""}'. Expected one of: organizer, coOrganizer.`);
}

function webinarsWithRole(req: VirtualEventsRequest, user: User, role: "organizer" | "coOrganizer"): StoredWebinar[] {
  const id = user.id.toLowerCase();
  return [...req.store.virtualEvents.webinars.values()]
    .filter((w) =>
      role === "organizer"
        ? w.organizerId.toLowerCase() === id
        : ((w.resource.coOrganizers as { id: string }[]) ?? []).some((c) => c.id.toLowerCase() === id),
    )
    .sort((a, b) => a.seq - b.seq);
}

export function getByUserRole(req: VirtualEventsRequest, params: Record<string, string>): HandlerResult {
  const role = parseRole(params.role);
  return collection(req, webinarsWithRole(req, req.caller!, role), `${req.origin}/${req.version}/$metadata#Collection(microsoft.graph.virtualEventWebinar)`);
}

export function getByUserIdAndRole(req: VirtualEventsRequest, params: Record<string, string>): HandlerResult {
  const role = parseRole(params.role);
  if (!params.userId) throw badRequest("userId is required: getByUserIdAndRole(userId='{id}',role='{role}').");
  const user = req.store.findUser(req.claims.tid, params.userId);
  if (!user) throw notFound(`User '${params.userId}' was not found.`);
  if (req.claims.kind === "app") {
    const roles = req.claims.roles ?? [];
    if (!RSC_READ.some((r) => roles.includes(r)) && !req.store.hasPolicy(req.claims.tid, req.claims.appid, user.id)) {
      throw rejection("forbidden", "No application access policy found for this app.");
    }
  }
  return collection(req, webinarsWithRole(req, user, role), `${req.origin}/${req.version}/$metadata#Collection(microsoft.graph.virtualEventWebinar)`);
}

export function patchWebinar(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  requireRole(req, webinar, ["organizer", "coOrganizer"], "update it");
  checkNotCanceled(req, webinar, "update the webinar");
  const body = { ...objectBody(req) };
  if ("audience" in body) {
    const mode = req.config.webinarAudiencePatch;
    if (mode === "badRequest") throw badRequest("The property 'audience' cannot be updated: it is set when the webinar is created.");
    if (mode === "ignore") delete body.audience;
  }
  checkFields(body, req.config.webinarAudiencePatch === "allow" ? new Set([...PATCH_FIELDS, "audience"]) : PATCH_FIELDS);
  const r = { ...webinar.resource };
  let { startUtc, endUtc } = webinar;
  if (body.displayName !== undefined) r.displayName = displayName(body.displayName);
  if (body.description !== undefined) r.description = body.description === null ? { contentType: "text", content: "" } : description(body.description);
  if (body.audience !== undefined) r.audience = audience(body.audience);
  if (body.coOrganizers !== undefined) r.coOrganizers = body.coOrganizers === null ? [] : coOrganizers(req, body.coOrganizers, webinar.tenantId);
  if (body.settings !== undefined) r.settings = settings(body.settings, r.settings as Record<string, unknown>);
  if (body.startDateTime !== undefined) {
    const t = dateTimeTimeZone(body.startDateTime, "startDateTime");
    r.startDateTime = t.value;
    startUtc = t.instant;
  }
  if (body.endDateTime !== undefined) {
    const t = dateTimeTimeZone(body.endDateTime, "endDateTime");
    r.endDateTime = t.value;
    endUtc = t.instant;
  }
  if (body.startDateTime !== undefined || body.endDateTime !== undefined) checkTimes(req, startUtc, endUtc, body.startDateTime !== undefined);
  webinar.resource = r;
  webinar.startUtc = startUtc;
  webinar.endUtc = endUtc;
  return { status: 200, body: present(req, webinar), mutated: true };
}

export function publishWebinar(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  requireRole(req, webinar, ["organizer"], "publish it");
  checkNotCanceled(req, webinar, "publish the webinar");
  const status = webinar.resource.status;
  if (status === "published") {
    if (req.config.webinarPublishTwice === "noContent") return { status: 204 };
    throw rejection(req.config.webinarPublishTwice, "The webinar is already published.");
  }
  if (status === "draft") webinar.resource = { ...webinar.resource, status: "published" };
  return { status: 204, mutated: true };
}

export function cancelWebinar(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  requireRole(req, webinar, ["organizer"], "cancel it");
  checkNotCanceled(req, webinar, "cancel the webinar");
  if (webinar.resource.status === "canceled") return { status: 204 }; // webinarCanceledWrites: allow
  if (webinar.resource.status === "draft" && req.config.webinarCancelDraft === "badRequest") throw badRequest("A draft webinar cannot be canceled: it was never published.");
  webinar.resource = { ...webinar.resource, status: "canceled" };
  return { status: 204, mutated: true };
}

export function setExternalEventInformation(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  requireRole(req, webinar, ["organizer", "coOrganizer"], "set its external event information");
  checkNotCanceled(req, webinar, "set the external event information");
  const body = objectBody(req);
  for (const k of Object.keys(body)) if (k !== "externalEventId") throw badRequest(`The parameter '${k}' is not in scope of the action setExternalEventInformation.`);
  const externalEventId = body.externalEventId;
  if (typeof externalEventId !== "string" || externalEventId === "") throw badRequest("externalEventId is required and must be a non-empty string.");
  if (externalEventId.length > MAX_EXTERNAL_ID) throw badRequest(`externalEventId must be at most ${MAX_EXTERNAL_ID} characters.`);
  const others = ((webinar.resource.externalEventInformation as { applicationId: string }[]) ?? []).filter((e) => e.applicationId !== req.claims.appid);
  webinar.resource = { ...webinar.resource, externalEventInformation: [...others, { applicationId: req.claims.appid, externalEventId }] };
  return { status: 204, mutated: true };
}
