// The meeting's registration: externalMeetingRegistration (and the Teams-hosted meetingRegistration,
// which is accepted so clients sending it get a realistic answer). One per meeting.
import { randomUUID } from "node:crypto";
import { contextBase, objectBody, type GraphRequest } from "./context";
import { badRequest, conflict, forbidden, GraphEnvelopeError, notFound, type HandlerResult } from "./errors";
import { findMeeting } from "./onlineMeetings";

export const EXTERNAL_REGISTRATION = "#microsoft.graph.externalMeetingRegistration";
export const TEAMS_REGISTRATION = "#microsoft.graph.meetingRegistration";
const AUDIENCES = ["everyone", "organization"];
const TYPE_MESSAGE = "Invalid request. Provide microsoft.graph.meetingRegistration or microsoft.graph.externalMeetingRegistration in request body.";

/** Normalizes `@odata.type` with or without the leading `#`. */
export function odataType(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return value.startsWith("#") ? value : `#${value}`;
}

function present(req: GraphRequest, meetingId: string, resource: Record<string, unknown>) {
  return { "@odata.context": `${contextBase(req)}/onlineMeetings('${meetingId}')/registration/$entity`, ...resource };
}

/**
 * The Teams-hosted meetingRegistration documents delegated permissions only (meetingregistration-post:
 * Application "Not supported"), whatever the profile: an app token gets Graph's 403.
 */
export function refuseAppTokenOnTeamsRegistration(req: GraphRequest, type: unknown): void {
  if (type === TEAMS_REGISTRATION && req.claims.kind === "app") throw forbidden("Insufficient privileges to complete the operation.");
}

/** Writable properties of a meetingRegistration; the rest (id, registrationPageViewCount, registrationPageWebUrl) are Graph's. */
const TEAMS_WRITABLE = ["allowedRegistrant", "subject", "description", "startDateTime", "endDateTime", "speakers", "customQuestions", "questionAnswers"];

export function createRegistration(req: GraphRequest, meetingId: string): HandlerResult {
  findMeeting(req, meetingId);
  const body = objectBody(req);
  const type = odataType(body["@odata.type"]);
  if (type !== EXTERNAL_REGISTRATION && type !== TEAMS_REGISTRATION) throw badRequest(TYPE_MESSAGE);
  refuseAppTokenOnTeamsRegistration(req, type);
  const allowedRegistrant = body.allowedRegistrant ?? "everyone";
  if (typeof allowedRegistrant !== "string" || !AUDIENCES.includes(allowedRegistrant)) {
    throw badRequest(`Invalid value '${String(allowedRegistrant)}' for property 'allowedRegistrant'. Expected one of: everyone, organization.`);
  }
  if (req.store.registrations.has(meetingId)) throw conflict("A registration already exists for this online meeting.");
  const resource: Record<string, unknown> = { "@odata.type": type, id: randomUUID(), allowedRegistrant };
  if (type === TEAMS_REGISTRATION) {
    for (const key of TEAMS_WRITABLE) if (key !== "allowedRegistrant" && body[key] !== undefined) resource[key] = body[key];
    // Read-only, made by Graph: a client's values are ignored (meetingregistration resource page).
    resource.registrationPageViewCount = 0;
    resource.registrationPageWebUrl = `https://teams.microsoft.com/registration/${req.user.tenantId},${req.user.id},${resource.id},${randomUUID()}/RegistrationPage`;
  }
  req.store.registrations.set(meetingId, { meetingId, resource });
  return { status: 201, body: present(req, meetingId, resource), mutated: true };
}

export function getRegistration(req: GraphRequest, meetingId: string): HandlerResult {
  const current = findRegistration(req, meetingId);
  refuseAppTokenOnTeamsRegistration(req, current["@odata.type"]);
  return { status: 200, body: present(req, meetingId, current) };
}

export function deleteRegistration(req: GraphRequest, meetingId: string): HandlerResult {
  refuseAppTokenOnTeamsRegistration(req, findRegistration(req, meetingId)["@odata.type"]);
  req.store.registrations.delete(meetingId);
  req.store.registrants.delete(meetingId);
  return { status: 204, mutated: true };
}

/** PATCH: undocumented for the external kind (config `externalRegistrationPatch`); Teams-hosted allows it. */
export function patchRegistration(req: GraphRequest, meetingId: string): HandlerResult {
  const current = findRegistration(req, meetingId);
  refuseAppTokenOnTeamsRegistration(req, current["@odata.type"]);
  const body = objectBody(req);
  const external = current["@odata.type"] === EXTERNAL_REGISTRATION;
  if (external && req.config.externalRegistrationPatch === "methodNotAllowed") {
    throw new GraphEnvelopeError(405, "MethodNotAllowed", "The HTTP method 'PATCH' is not supported for an externalMeetingRegistration.");
  }
  if (external && req.config.externalRegistrationPatch === "badRequest") throw badRequest("Update of an externalMeetingRegistration is not supported.");
  if (body.allowedRegistrant !== undefined && body.allowedRegistrant !== current.allowedRegistrant) {
    if (!external) throw badRequest("allowedRegistrant cannot be updated.");
    if (typeof body.allowedRegistrant !== "string" || !AUDIENCES.includes(body.allowedRegistrant)) {
      throw badRequest(`Invalid value '${String(body.allowedRegistrant)}' for property 'allowedRegistrant'. Expected one of: everyone, organization.`);
    }
  }
  const next = { ...current };
  // Only writable properties change; read-only ones a client echoes back are ignored.
  const writable = external ? ["allowedRegistrant"] : TEAMS_WRITABLE;
  for (const [k, v] of Object.entries(body)) if (writable.includes(k)) next[k] = v;
  req.store.registrations.set(meetingId, { meetingId, resource: next });
  return { status: 200, body: present(req, meetingId, next), mutated: true };
}

export function findRegistration(req: GraphRequest, meetingId: string): Record<string, unknown> {
  findMeeting(req, meetingId);
  const reg = req.store.registrations.get(meetingId);
  if (!reg) throw notFound("The registration of this online meeting could not be found.");
  return reg.resource;
}
