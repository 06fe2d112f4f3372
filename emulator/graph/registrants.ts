// Registrants of a meeting's registration: create (200 + joinWebUrl), list (paged, joinWebUrl null),
// get by id (undocumented: same shape as in the list), delete.
import { contextBase, objectBody, type GraphRequest } from "./context";
import { pageOf } from "./paging";
import { badRequest, conflict, notFound, type HandlerResult } from "./errors";
import { registrantJoinUrl } from "./meetingIds";
import { findMeeting } from "./onlineMeetings";
import { randomUUID } from "node:crypto";
import { EXTERNAL_REGISTRATION, findRegistration, odataType, refuseAppTokenOnTeamsRegistration } from "./registration";

const EXTERNAL_REGISTRANT = "#microsoft.graph.externalMeetingRegistrant";
const TEAMS_REGISTRANT = "#microsoft.graph.meetingRegistrant";

function base(req: GraphRequest, meetingId: string): string {
  return `${contextBase(req)}/onlineMeetings('${meetingId}')/registration/registrants`;
}

export function createRegistrant(req: GraphRequest, meetingId: string): HandlerResult {
  const meeting = findMeeting(req, meetingId);
  const registration = findRegistration(req, meetingId);
  refuseAppTokenOnTeamsRegistration(req, registration["@odata.type"]);
  const body = objectBody(req);
  const expected = registration["@odata.type"] === EXTERNAL_REGISTRATION ? EXTERNAL_REGISTRANT : TEAMS_REGISTRANT;
  if (odataType(body["@odata.type"]) !== expected) {
    throw badRequest("Invalid request. Provide microsoft.graph.meetingRegistrant or microsoft.graph.externalMeetingRegistrant in request body.");
  }
  // An external registrant's id is the external system's; a Teams-hosted registrant's id is Graph's.
  if (expected === TEAMS_REGISTRANT) body.id = randomUUID();
  if (typeof body.id !== "string" || body.id.trim() === "") throw badRequest("The registrant id is required.");
  const organization = registration.allowedRegistrant === "organization";
  for (const key of ["tenantId", "userId"] as const) {
    if (body[key] !== undefined && body[key] !== null && typeof body[key] !== "string") throw badRequest(`${key} must be a string.`);
    if (organization && (typeof body[key] !== "string" || body[key] === "")) {
      throw badRequest("tenantId and userId are required when the registration's allowedRegistrant is organization.");
    }
  }
  const list = req.store.registrants.get(meetingId) ?? [];
  const existing = list.findIndex((r) => r.resource.id === body.id);
  if (existing >= 0) {
    if (req.config.duplicateRegistrant === "conflict") throw conflict(`A registrant with id '${body.id}' already exists.`);
    list.splice(existing, 1);
  }
  const resource: Record<string, unknown> = {
    "@odata.type": expected,
    id: body.id,
    tenantId: (body.tenantId as string | undefined) ?? null,
    userId: (body.userId as string | undefined) ?? null,
    joinWebUrl: registrantJoinUrl(meeting.threadId, meeting.tenantId, meeting.organizerId, body.id, !organization),
  };
  if (expected === TEAMS_REGISTRANT) {
    for (const key of ["firstName", "lastName", "email", "customQuestionAnswers"]) if (body[key] !== undefined) resource[key] = body[key];
  }
  req.store.addRegistrant(meetingId, resource);
  return { status: 200, body: { "@odata.context": `${base(req, meetingId)}/$entity`, ...resource }, mutated: true };
}

/** Pages of config.registrantPageSize; $skiptoken is the insertion sequence of the last item returned. */
export function listRegistrants(req: GraphRequest, meetingId: string): HandlerResult {
  refuseAppTokenOnTeamsRegistration(req, findRegistration(req, meetingId)["@odata.type"]);
  const list = req.store.registrants.get(meetingId) ?? [];
  const top = req.query.get("$top");
  let size = req.config.registrantPageSize;
  if (top !== null) {
    const n = Number(top);
    if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid $top value '${top}'.`);
    size = Math.min(size, n);
  }
  const page = pageOf(list, req.query, size, req.origin, req.pathname, top !== null ? { $top: top } : {});
  const body: Record<string, unknown> = {
    "@odata.context": base(req, meetingId),
    value: page.items.map((r) => ({ ...r.resource, joinWebUrl: null })),
  };
  if (page.nextLink) body["@odata.nextLink"] = page.nextLink;
  return { status: 200, body };
}

export function getRegistrant(req: GraphRequest, meetingId: string, registrantId: string): HandlerResult {
  refuseAppTokenOnTeamsRegistration(req, findRegistration(req, meetingId)["@odata.type"]);
  const r = (req.store.registrants.get(meetingId) ?? []).find((x) => x.resource.id === registrantId);
  if (!r) throw notFound(`The registrant '${registrantId}' could not be found.`);
  return { status: 200, body: { "@odata.context": `${base(req, meetingId)}/$entity`, ...r.resource, joinWebUrl: null } };
}

export function deleteRegistrant(req: GraphRequest, meetingId: string, registrantId: string): HandlerResult {
  refuseAppTokenOnTeamsRegistration(req, findRegistration(req, meetingId)["@odata.type"]);
  const list = req.store.registrants.get(meetingId) ?? [];
  const i = list.findIndex((x) => x.resource.id === registrantId);
  if (i < 0) throw notFound(`The registrant '${registrantId}' could not be found.`);
  list.splice(i, 1);
  return { status: 204, mutated: true };
}
