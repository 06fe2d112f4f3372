// Webinar registrations: create (delegated: the signed-in user, 201 + body; application: an
// anonymous person, 204 and no body), get by id, the alternate keys (email='…', userId='…'), list
// (paged; `$filter=email eq '…'` per switch), cancel, and the registration's sessions.
// Docs: virtualeventwebinar-post-registrations, virtualeventregistration-get|-list|-cancel,
// virtualeventregistration-list-sessions; the lookups after a 204 are undocumented (switches).
import { randomUUID } from "node:crypto";
import { pageOf } from "../paging";
import { badRequest, conflict, forbidden, notFound, unknownSegment, type HandlerResult } from "../errors";
import {
  checkNotCanceled,
  findWebinar,
  INSUFFICIENT,
  objectBody,
  registrationTimestamp,
  rejection,
  requireAppAccess,
  requireRole,
  roleOf,
  unknownProperty,
  webinarContext,
  type VirtualEventsRequest,
} from "./context";
import { CUSTOM } from "./questions";
import type { StoredQuestion, StoredWebinar, StoredWebinarRegistration } from "./store";
import { ianaZone } from "./times";
import { MAX_EXTERNAL_ID, RSC_READ } from "./webinars";

/** RSC permission for anonymous registrations (no access policy needed). */
export const RSC_ANON = ["VirtualEventRegistration-Anon.ReadWrite.Chat"];
const FIELDS = new Set(["firstName", "lastName", "email", "preferredTimezone", "preferredLanguage", "registrationQuestionAnswers", "externalRegistrationInformation"]);
const READ_ONLY = new Set(["id", "status", "userId", "registrationDateTime", "cancelationDateTime", "sessions"]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** Statuses that hold a seat and make a second registration with the same email a duplicate. */
const LIVE = ["registered", "waitlisted", "pendingApproval"];

// ---- representation ----

function registrationsContext(req: VirtualEventsRequest, webinar: StoredWebinar): string {
  return `${webinarContext(req, webinar)}/registrations`;
}

function representation(req: VirtualEventsRequest, r: StoredWebinarRegistration): Record<string, unknown> {
  const out = { ...r.resource };
  for (const key of ["registrationDateTime", "cancelationDateTime"]) {
    if (typeof out[key] === "string") out[key] = registrationTimestamp(req, new Date(out[key] as string));
  }
  return out;
}

function present(req: VirtualEventsRequest, webinar: StoredWebinar, r: StoredWebinarRegistration): Record<string, unknown> {
  return { "@odata.context": `${registrationsContext(req, webinar)}/$entity`, ...representation(req, r) };
}

// ---- create ----

function str(body: Record<string, unknown>, key: string, required: boolean, max = 256): string | null {
  const v = body[key];
  if (v === undefined || v === null || v === "") {
    if (required) throw badRequest(`${key} is required.`);
    return null;
  }
  if (typeof v !== "string") throw badRequest(`${key} must be a string.`);
  if (v.length > max) throw badRequest(`${key} must be at most ${max} characters.`);
  return v;
}

function externalInformation(value: unknown): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest("externalRegistrationInformation must be an object: {\"referrer\":\"…\",\"registrationId\":\"…\"}.");
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (k !== "referrer" && k !== "registrationId" && !k.startsWith("@")) throw unknownProperty(k, "virtualEventExternalRegistrationInformation");
  return {
    referrer: str(v, "referrer", false, MAX_EXTERNAL_ID),
    registrationId: str(v, "registrationId", false, MAX_EXTERNAL_ID),
  };
}

function answers(req: VirtualEventsRequest, value: unknown, questions: StoredQuestion[]): Record<string, unknown>[] {
  if (value === undefined || value === null) value = [];
  if (!Array.isArray(value)) throw badRequest("registrationQuestionAnswers must be an array.");
  const out = value.map((a, i) => {
    if (a === null || typeof a !== "object") throw badRequest(`registrationQuestionAnswers[${i}] must be an object.`);
    const answer = a as Record<string, unknown>;
    const q = questions.find((x) => typeof answer.questionId === "string" && String(x.resource.id).toLowerCase() === answer.questionId.toLowerCase());
    if (!q) throw badRequest(`registrationQuestionAnswers[${i}].questionId '${String(answer.questionId)}' is not a question of this webinar.`);
    const inputType = q.resource["@odata.type"] === CUSTOM ? (q.resource.answerInputType as string) : "text";
    const choices = (q.resource.answerChoices as string[] | undefined) ?? [];
    const stored: Record<string, unknown> = { questionId: q.resource.id, displayName: q.resource.displayName, value: null, booleanValue: null, multiChoiceValues: [] };
    if (inputType === "boolean") {
      if (typeof answer.booleanValue !== "boolean") throw badRequest(`registrationQuestionAnswers[${i}]: question '${q.resource.displayName}' takes a booleanValue.`);
      stored.booleanValue = answer.booleanValue;
    } else if (inputType === "multiChoice") {
      const values = answer.multiChoiceValues;
      if (!Array.isArray(values) || values.some((v) => typeof v !== "string" || !choices.includes(v))) {
        throw badRequest(`registrationQuestionAnswers[${i}]: question '${q.resource.displayName}' takes multiChoiceValues among: ${choices.join(", ")}.`);
      }
      stored.multiChoiceValues = [...values];
    } else {
      if (answer.value !== null && answer.value !== undefined && typeof answer.value !== "string") throw badRequest(`registrationQuestionAnswers[${i}].value must be a string.`);
      if (inputType === "singleChoice" && typeof answer.value === "string" && !choices.includes(answer.value)) {
        throw badRequest(`registrationQuestionAnswers[${i}]: '${answer.value}' is not a choice of question '${q.resource.displayName}' (${choices.join(", ")}).`);
      }
      stored.value = (answer.value as string | undefined) ?? null;
    }
    return stored;
  });
  if (req.config.webinarMissingRequiredAnswers === "badRequest") {
    for (const q of questions) {
      if (!q.resource.isRequired) continue;
      const a = out.find((x) => x.questionId === q.resource.id);
      const answered = a && (a.booleanValue !== null || (a.multiChoiceValues as string[]).length > 0 || (typeof a.value === "string" && a.value !== ""));
      if (!answered) throw badRequest(`The required registration question '${q.resource.displayName}' (${q.resource.id}) was not answered.`);
    }
  }
  return out;
}

/** The status a new registration gets: capacity first, then manual approval. */
function initialStatus(req: VirtualEventsRequest, webinar: StoredWebinar, existing: StoredWebinarRegistration[]): string {
  const { capacity, isManualApprovalEnabled, isWaitlistEnabled } = webinar.registrationConfiguration;
  const taken = existing.filter((r) => r.resource.status === "registered" || r.resource.status === "pendingApproval").length;
  if (taken >= capacity) {
    const mode = req.config.webinarFullCapacity;
    if (mode === "waitlisted" || (mode === "bySettings" && isWaitlistEnabled)) return "waitlisted";
    throw badRequest("The webinar has reached its registration capacity.");
  }
  if (isManualApprovalEnabled && req.config.webinarManualApproval === "pendingApproval") return "pendingApproval";
  return "registered";
}

export function createRegistration(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  const app = req.claims.kind === "app";
  const caller = req.caller;
  if (app) requireAppAccess(req, webinar, RSC_ANON, req.config.webinarAnonymousRegistrationNeedsPolicy);
  else if (webinar.resource.audience === "organization" && caller!.tenantId !== webinar.tenantId) {
    throw forbidden("This webinar is open to the organizer's organization only.");
  }
  const status = webinar.resource.status;
  if (status === "draft" && req.config.webinarRegisterOnDraft === "badRequest") throw badRequest("Registration is not open: the webinar is not published.");
  if (status === "canceled" && req.config.webinarRegisterOnCanceled === "badRequest") throw badRequest("Registration is closed: the webinar is canceled.");
  if (app && webinar.resource.audience === "organization" && req.config.webinarAnonymousOnOrganization !== "allow") {
    throw rejection(req.config.webinarAnonymousOnOrganization, "Anonymous registration is not allowed: the webinar's audience is organization.");
  }
  const body = objectBody(req);
  for (const k of Object.keys(body)) if (!FIELDS.has(k) && !READ_ONLY.has(k) && !k.startsWith("@")) throw unknownProperty(k, "virtualEventRegistration");
  let firstName: string | null;
  let lastName: string | null;
  let email: string;
  if (app) {
    firstName = str(body, "firstName", true);
    lastName = str(body, "lastName", true);
    email = str(body, "email", true)!;
    if (!EMAIL.test(email)) throw badRequest(`email '${email}' is not a valid email address.`);
  } else {
    // The body names no one: the signed-in user registers.
    const [first, ...rest] = caller!.displayName.split(" ");
    firstName = first ?? null;
    lastName = rest.join(" ") || null;
    email = caller!.userPrincipalName;
  }
  const preferredTimezone = str(body, "preferredTimezone", true)!;
  if (!ianaZone(preferredTimezone)) throw badRequest(`preferredTimezone '${preferredTimezone}' is not a valid time zone (a Windows or IANA name).`);
  const preferredLanguage = str(body, "preferredLanguage", true)!;
  if (!LANGUAGE.test(preferredLanguage)) throw badRequest(`preferredLanguage '${preferredLanguage}' is not a language tag such as 'en-us'.`);
  const external = externalInformation(body.externalRegistrationInformation);
  const ve = req.store.virtualEvents;
  const list = ve.registrationsOf(webinar.id);
  const questionAnswers = answers(req, body.registrationQuestionAnswers, ve.questionsOf(webinar.id));

  const duplicate = list.find((r) => LIVE.includes(r.resource.status as string) && String(r.resource.email).toLowerCase() === email.toLowerCase());
  if (duplicate) {
    if (req.config.webinarDuplicateEmail === "conflict") throw conflict(`'${email}' is already registered for this webinar.`);
    return app ? { status: 204 } : { status: 201, body: present(req, webinar, duplicate) };
  }
  const entry: StoredWebinarRegistration = {
    webinarId: webinar.id,
    seq: ve.seq(),
    resource: {
      id: randomUUID(),
      email,
      firstName,
      lastName,
      userId: app ? null : caller!.id,
      status: initialStatus(req, webinar, list),
      registrationDateTime: new Date().toISOString(),
      cancelationDateTime: null,
      preferredTimezone,
      preferredLanguage,
      registrationQuestionAnswers: questionAnswers,
      externalRegistrationInformation: external,
    },
  };
  list.push(entry);
  if (app) return { status: 204, mutated: true }; // documented: 204, no body, no Location
  return { status: 201, body: present(req, webinar, entry), mutated: true };
}

// ---- reads ----

/** Apps: Read.All or Anon.ReadWrite.All with the organizer's policy, or an RSC grant. Users: organizers, or their own. */
function readableRegistrations(req: VirtualEventsRequest, webinarId: string): StoredWebinar {
  const webinar = findWebinar(req, webinarId);
  if (req.claims.kind === "app") requireAppAccess(req, webinar, [...RSC_READ, ...RSC_ANON]);
  return webinar;
}

function checkUserMayRead(req: VirtualEventsRequest, webinar: StoredWebinar, r: StoredWebinarRegistration): void {
  if (req.claims.kind === "app") return;
  const role = roleOf(req, webinar);
  if (role === "organizer" || role === "coOrganizer") return;
  if (r.resource.userId === req.caller!.id) return;
  throw forbidden("Only the webinar's organizer, co-organizers and the registrant can read this registration.");
}

export function findRegistration(req: VirtualEventsRequest, webinar: StoredWebinar, registrationId: string): StoredWebinarRegistration {
  const r = req.store.virtualEvents.registrationsOf(webinar.id).find((x) => String(x.resource.id).toLowerCase() === registrationId.toLowerCase());
  if (!r) throw notFound(`The registration '${registrationId}' was not found.`);
  return r;
}

export function getRegistration(req: VirtualEventsRequest, webinarId: string, registrationId: string): HandlerResult {
  const webinar = readableRegistrations(req, webinarId);
  const r = findRegistration(req, webinar, registrationId);
  checkUserMayRead(req, webinar, r);
  return { status: 200, body: present(req, webinar, r) };
}

/** GET {w}/registrations(email='…') or (userId='…'): the live registration, else the newest. */
export function getRegistrationByKey(req: VirtualEventsRequest, webinarId: string, segment: string, key: { name: "email" | "userId"; value: string }): HandlerResult {
  if (!req.config.webinarRegistrationKeyLookup) throw unknownSegment(segment);
  const webinar = readableRegistrations(req, webinarId);
  const wanted = key.value.toLowerCase();
  const matches = req.store.virtualEvents.registrationsOf(webinar.id).filter((r) => String(r.resource[key.name] ?? "").toLowerCase() === wanted);
  const r = matches.filter((x) => LIVE.includes(x.resource.status as string)).pop() ?? matches.pop();
  if (!r) throw notFound(`No registration with ${key.name} '${key.value}' was found.`);
  checkUserMayRead(req, webinar, r);
  return { status: 200, body: present(req, webinar, r) };
}

const EMAIL_FILTER = /^\s*email\s+eq\s+'((?:[^']|'')*)'\s*$/i;

export function listRegistrations(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  if (req.claims.kind === "app" && !req.config.webinarRegistrationListForApps) throw forbidden(INSUFFICIENT);
  const webinar = findWebinar(req, webinarId);
  if (req.claims.kind === "app") requireAppAccess(req, webinar, RSC_READ);
  else requireRole(req, webinar, ["organizer", "coOrganizer"], "list its registrations");
  let items = req.store.virtualEvents.registrationsOf(webinar.id);
  const filter = req.query.get("$filter");
  const keep: Record<string, string> = {};
  if (filter !== null) {
    const mode = req.config.webinarRegistrationFilter;
    if (mode === "badRequest") throw badRequest("Query option '$filter' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings.");
    keep.$filter = filter;
    if (mode === "both" || (mode === "betaOnly" && req.version === "beta")) {
      const m = EMAIL_FILTER.exec(filter);
      if (!m) throw badRequest(`Invalid filter clause: only "email eq '…'" is supported on registrations, not '${filter}'.`);
      const email = m[1].replace(/''/g, "'").toLowerCase();
      items = items.filter((r) => String(r.resource.email).toLowerCase() === email);
    }
  }
  const page = pageOf(items, req.query, req.config.webinarPageSize, req.origin, req.pathname, keep);
  const body: Record<string, unknown> = { "@odata.context": registrationsContext(req, webinar), value: page.items.map((r) => representation(req, r)) };
  if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
  return { status: 200, body };
}

// ---- cancel ----

export function cancelRegistration(req: VirtualEventsRequest, webinarId: string, registrationId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  const r = findRegistration(req, webinar, registrationId);
  if (req.claims.kind === "app") {
    requireAppAccess(req, webinar, RSC_ANON, req.config.webinarAnonymousRegistrationNeedsPolicy);
    if (r.resource.userId) throw forbidden("An application can cancel anonymous registrations only; this one belongs to a user.");
  } else {
    const role = roleOf(req, webinar);
    if (role !== "organizer" && role !== "coOrganizer" && r.resource.userId !== req.caller!.id) {
      throw forbidden("Only the registrant or the webinar's organizers can cancel this registration.");
    }
  }
  checkNotCanceled(req, webinar, "cancel a registration");
  if (r.resource.status === "canceled") {
    if (req.config.webinarRegistrationCancelTwice === "noContent") return { status: 204 };
    throw badRequest("The registration is already canceled.");
  }
  r.resource = { ...r.resource, status: "canceled", cancelationDateTime: new Date().toISOString() };
  return { status: 204, mutated: true };
}

/** The registration's sessions: the webinar's one session. */
export function registrationOf(req: VirtualEventsRequest, webinarId: string, registrationId: string): { webinar: StoredWebinar; registration: StoredWebinarRegistration } {
  const webinar = readableRegistrations(req, webinarId);
  const registration = findRegistration(req, webinar, registrationId);
  checkUserMayRead(req, webinar, registration);
  return { webinar, registration };
}
