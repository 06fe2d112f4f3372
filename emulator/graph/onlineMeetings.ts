// onlineMeeting: create, get, patch, delete, createOrGet and the $filter lookup by JoinWebUrl.
import { randomInt } from "node:crypto";
import type { StoredMeeting } from "../store";
import { contextBase, objectBody, type GraphRequest } from "./context";
import { badRequest, graphTimestamp, normalizeTimestamp, notFound, type HandlerResult } from "./errors";
import { meetingJoinUrl, newMeetingId, parseMeetingId } from "./meetingIds";

const ENUMS: Record<string, readonly string[]> = {
  allowedPresenters: ["everyone", "organization", "roleIsPresenter", "organizer", "unknownFutureValue"],
  allowMeetingChat: ["enabled", "disabled", "limited", "unknownFutureValue"],
  lobbyScope: ["organizer", "organization", "organizationAndFederated", "everyone", "unknownFutureValue", "invited", "organizationExcludingGuests"],
  role: ["attendee", "presenter", "unknownFutureValue", "producer", "coorganizer"],
  // onlineMeetingBase (learn.microsoft.com/graph/api/resources/onlinemeetingbase): meetingLiveShareOptions
  // and allowedLobbyAdmitterRoles are enums, not Booleans.
  allowLiveShare: ["enabled", "disabled", "unknownFutureValue"],
  allowedLobbyAdmitters: ["organizerAndCoOrganizersAndPresenters", "organizerAndCoOrganizers", "unknownFutureValue"],
  anonymizeIdentityForRoles: ["attendee", "unknownFutureValue"],
};

const BOOLEANS = [
  "allowAttendeeToEnableCamera",
  "allowAttendeeToEnableMic",
  "recordAutomatically",
  "isEntryExitAnnounced",
  "allowTeamworkReactions",
  "allowParticipantsToChangeName",
  "allowRecording",
  "allowTranscription",
  "isEndToEndEncryptionEnabled",
  "allowBreakoutRooms",
  "allowCopyingAndSharingMeetingContent",
  "allowPowerPointSharing",
  "allowWhiteboard",
];

/** Properties a client may send on create; PATCH takes the same minus create-only ones. */
const WRITABLE = new Set([
  "subject",
  "startDateTime",
  "endDateTime",
  "externalId",
  "participants",
  "lobbyBypassSettings",
  "allowedPresenters",
  "allowMeetingChat",
  "joinMeetingIdSettings",
  "chatInfo",
  "isBroadcast",
  "broadcastSettings",
  "audioConferencing",
  "chatRestrictions",
  "watermarkProtection",
  "shareMeetingChatHistoryDefault",
  "autoAdmittedUsers",
  "allowLiveShare",
  "allowedLobbyAdmitters",
  "anonymizeIdentityForRoles",
  ...BOOLEANS,
]);
/** Read-only properties Graph ignores when a client echoes them back. */
const READ_ONLY = new Set(["@odata.context", "@odata.type", "id", "creationDateTime", "joinWebUrl", "joinUrl", "expiryDateTime", "videoTeleconferenceId", "joinInformation", "meetingCode", "capabilities", "meetingInfo", "outerMeetingAutoAdmittedUsers"]);

/** A meeting of the organizer named in the path: 400 if the id is corrupted, 404 if absent or someone else's. */
export function findMeeting(req: GraphRequest, meetingId: string): StoredMeeting {
  const parts = parseMeetingId(meetingId);
  if (!parts) throw badRequest("Meeting Id is corrupted.");
  const meeting = req.store.meetings.get(meetingId);
  if (parts.organizerId !== req.user.id.toLowerCase() || !meeting || meeting.tenantId !== req.user.tenantId) {
    throw notFound("The specified meeting could not be found.");
  }
  return meeting;
}

/** Properties of the beta representation that v1.0 does not have. */
const BETA_ONLY = ["joinUrl", "autoAdmittedUsers", "capabilities", "outerMeetingAutoAdmittedUsers"];

function representation(req: GraphRequest, meeting: StoredMeeting): Record<string, unknown> {
  if (req.version === "beta") return { ...meeting.resource };
  const r = { ...meeting.resource };
  for (const key of BETA_ONLY) delete r[key];
  return r;
}

function present(req: GraphRequest, meeting: StoredMeeting): Record<string, unknown> {
  return { "@odata.context": `${contextBase(req)}/onlineMeetings/$entity`, ...representation(req, meeting) };
}

export function getMeeting(req: GraphRequest, meetingId: string): HandlerResult {
  return { status: 200, body: present(req, findMeeting(req, meetingId)) };
}

export function createMeeting(req: GraphRequest): HandlerResult {
  const meeting = buildMeeting(req, objectBody(req));
  req.store.meetings.set(meeting.id, meeting);
  return { status: 201, body: present(req, meeting), mutated: true };
}

export function createOrGetMeeting(req: GraphRequest): HandlerResult {
  const body = objectBody(req);
  if (typeof body.externalId !== "string" || body.externalId === "") throw badRequest("externalId is required for createOrGet.");
  // onlinemeeting-createorget: "An exception is thrown if endDateTime is provided without startDateTime."
  if (body.endDateTime !== undefined && body.startDateTime === undefined) throw badRequest("startDateTime is required when endDateTime is provided.");
  for (const m of req.store.meetings.values()) {
    if (m.tenantId === req.user.tenantId && m.organizerId === req.user.id && m.externalId === body.externalId) {
      return { status: 200, body: present(req, m) };
    }
  }
  const meeting = buildMeeting(req, body);
  req.store.meetings.set(meeting.id, meeting);
  return { status: 201, body: present(req, meeting), mutated: true };
}

export function deleteMeeting(req: GraphRequest, meetingId: string): HandlerResult {
  findMeeting(req, meetingId);
  req.store.deleteMeeting(meetingId);
  return { status: 204, mutated: true };
}

export function patchMeeting(req: GraphRequest, meetingId: string): HandlerResult {
  const meeting = findMeeting(req, meetingId);
  const body = objectBody(req);
  checkProperties(body);
  if (body.joinMeetingIdSettings !== undefined) throw badRequest("joinMeetingIdSettings can only be set when the meeting is created.");
  if (("startDateTime" in body) !== ("endDateTime" in body)) throw badRequest("startDateTime and endDateTime must be updated together.");
  const r = { ...meeting.resource };
  if (body.participants !== undefined) {
    const p = participants(body.participants, req);
    const organizer = (body.participants as Record<string, unknown>).organizer as Record<string, unknown> | undefined;
    const organizerId = (organizer?.identity as { user?: { id?: string } } | undefined)?.user?.id;
    if (organizerId && organizerId.toLowerCase() !== req.user.id.toLowerCase()) throw badRequest("The organizer of a meeting cannot be changed.");
    r.participants = { organizer: (r.participants as Record<string, unknown>).organizer, attendees: p.attendees };
  }
  applySettings(r, body);
  if (body.startDateTime !== undefined) {
    const { start, end } = times(body);
    r.startDateTime = start;
    r.endDateTime = end;
  }
  r.expiryDateTime = expiry(String(r.endDateTime), req);
  if (typeof body.externalId === "string") meeting.externalId = body.externalId;
  meeting.resource = r;
  return { status: 200, body: present(req, meeting), mutated: true };
}

const JOIN_WEB_URL_FILTER = /^\s*joinWebUrl\s+eq\s+'((?:[^']|'')*)'\s*$/i;
const JOIN_MEETING_ID_FILTER = /^\s*joinMeetingIdSettings\/joinMeetingId\s+eq\s+'((?:[^']|'')*)'\s*$/i;

/** GET {u}/onlineMeetings?$filter=JoinWebUrl eq '...' → {"value":[meeting]} (or []). */
export function listMeetings(req: GraphRequest): HandlerResult {
  const filter = req.query.get("$filter");
  const byUrl = filter ? JOIN_WEB_URL_FILTER.exec(filter) : null;
  const byCode = filter && !byUrl ? JOIN_MEETING_ID_FILTER.exec(filter) : null;
  if (!byUrl && !byCode) throw badRequest("Filter expression expected - /onlineMeetings?$filter=JoinWebUrl eq 'joinweburl'.");
  const wanted = (byUrl ?? byCode)![1].replace(/''/g, "'");
  const value: Record<string, unknown>[] = [];
  for (const m of req.store.meetings.values()) {
    if (m.tenantId !== req.user.tenantId || m.organizerId !== req.user.id) continue;
    const hit = byUrl
      ? m.resource.joinWebUrl === wanted || safeDecode(String(m.resource.joinWebUrl)) === safeDecode(wanted)
      : (m.resource.joinMeetingIdSettings as { joinMeetingId?: string }).joinMeetingId === wanted;
    if (hit) value.push(representation(req, m));
  }
  return { status: 200, body: { "@odata.context": `${contextBase(req)}/onlineMeetings`, value } };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function buildMeeting(req: GraphRequest, body: Record<string, unknown>): StoredMeeting {
  checkProperties(body);
  const { start, end } = times(body);
  const user = req.user;
  const { id, threadId } = newMeetingId(user.id);
  const joinWebUrl = meetingJoinUrl(threadId, user.tenantId, user.id);
  const jm = (body.joinMeetingIdSettings ?? {}) as Record<string, unknown>;
  if (jm.isPasscodeRequired !== undefined && typeof jm.isPasscodeRequired !== "boolean") throw badRequest("joinMeetingIdSettings.isPasscodeRequired must be a boolean.");
  const passcodeRequired = jm.isPasscodeRequired === true;
  const resource: Record<string, unknown> = {
    id,
    creationDateTime: graphTimestamp(new Date()),
    startDateTime: start,
    endDateTime: end,
    expiryDateTime: expiry(end, req),
    joinUrl: joinWebUrl,
    joinWebUrl,
    meetingCode: String(randomInt(100_000_000, 999_999_999)) + String(randomInt(100, 999)),
    subject: typeof body.subject === "string" ? body.subject : null,
    isBroadcast: false,
    autoAdmittedUsers: "everyoneInCompany",
    outerMeetingAutoAdmittedUsers: null,
    capabilities: [],
    externalId: typeof body.externalId === "string" ? body.externalId : null,
    videoTeleconferenceId: null,
    isEntryExitAnnounced: true,
    allowedPresenters: "everyone",
    allowMeetingChat: "enabled",
    allowTeamworkReactions: true,
    allowAttendeeToEnableMic: true,
    allowAttendeeToEnableCamera: true,
    allowParticipantsToChangeName: false,
    allowLiveShare: "enabled",
    allowedLobbyAdmitters: "organizerAndCoOrganizersAndPresenters",
    allowCopyingAndSharingMeetingContent: true,
    anonymizeIdentityForRoles: [],
    recordAutomatically: false,
    shareMeetingChatHistoryDefault: "none",
    watermarkProtection: null,
    chatRestrictions: null,
    audioConferencing: null,
    broadcastSettings: null,
    meetingInfo: null,
    joinInformation: {
      content: `data:text/html,${encodeURIComponent(`<a href="${joinWebUrl}">Join the meeting now</a>`)}`,
      contentType: "html",
    },
    joinMeetingIdSettings: {
      isPasscodeRequired: passcodeRequired,
      joinMeetingId: String(randomInt(100_000, 999_999)) + String(randomInt(1_000_000, 9_999_999)),
      passcode: passcodeRequired ? randomPasscode() : null,
    },
    lobbyBypassSettings: { scope: "organization", isDialInBypassEnabled: false },
    chatInfo: { threadId, messageId: "0", replyChainMessageId: null },
    participants: {
      organizer: organizerParticipant(req),
      attendees: participants(body.participants, req).attendees,
    },
  };
  applySettings(resource, body);
  return {
    id,
    tenantId: user.tenantId,
    organizerId: user.id,
    threadId,
    externalId: typeof body.externalId === "string" ? body.externalId : undefined,
    resource,
  };
}

function checkProperties(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    if (!WRITABLE.has(key) && !READ_ONLY.has(key)) {
      throw badRequest(`The property '${key}' does not exist on type 'microsoft.graph.onlineMeeting'. Make sure to only use property names that are defined by the type.`);
    }
  }
}

/** Copies the settable, validated properties from body onto the resource. */
function applySettings(r: Record<string, unknown>, body: Record<string, unknown>): void {
  if (body.subject !== undefined) {
    if (body.subject !== null && typeof body.subject !== "string") throw badRequest("subject must be a string.");
    r.subject = body.subject;
  }
  if (body.externalId !== undefined) r.externalId = body.externalId;
  if (body.allowedPresenters !== undefined) r.allowedPresenters = enumValue("allowedPresenters", body.allowedPresenters, ENUMS.allowedPresenters);
  if (body.allowMeetingChat !== undefined) r.allowMeetingChat = enumValue("allowMeetingChat", body.allowMeetingChat, ENUMS.allowMeetingChat);
  if (body.allowLiveShare !== undefined) r.allowLiveShare = enumValue("allowLiveShare", body.allowLiveShare, ENUMS.allowLiveShare);
  if (body.allowedLobbyAdmitters !== undefined) r.allowedLobbyAdmitters = enumValue("allowedLobbyAdmitters", body.allowedLobbyAdmitters, ENUMS.allowedLobbyAdmitters);
  if (body.anonymizeIdentityForRoles !== undefined) {
    const roles = body.anonymizeIdentityForRoles;
    if (!Array.isArray(roles)) throw badRequest("anonymizeIdentityForRoles must be a collection of onlineMeetingRole.");
    const next = roles.map((role) => enumValue("anonymizeIdentityForRoles", role, ENUMS.anonymizeIdentityForRoles));
    // "The attendee value can't be removed through a PATCH operation once added." (onlineMeetingBase)
    const before = Array.isArray(r.anonymizeIdentityForRoles) ? (r.anonymizeIdentityForRoles as string[]) : [];
    if (before.includes("attendee") && !next.includes("attendee")) throw badRequest("The attendee value of anonymizeIdentityForRoles cannot be removed once added.");
    r.anonymizeIdentityForRoles = next;
  }
  for (const key of BOOLEANS) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "boolean") throw badRequest(`Cannot convert the literal '${String(body[key])}' to the expected type 'Edm.Boolean' of property '${key}'.`);
    r[key] = body[key];
  }
  if (body.lobbyBypassSettings !== undefined) {
    const l = body.lobbyBypassSettings as Record<string, unknown> | null;
    if (l === null || typeof l !== "object") throw badRequest("lobbyBypassSettings must be an object.");
    const current = r.lobbyBypassSettings as Record<string, unknown>;
    const next = { ...current };
    if (l.scope !== undefined) next.scope = enumValue("lobbyBypassSettings.scope", l.scope, ENUMS.lobbyScope);
    if (l.isDialInBypassEnabled !== undefined) {
      if (typeof l.isDialInBypassEnabled !== "boolean") throw badRequest("lobbyBypassSettings.isDialInBypassEnabled must be a boolean.");
      next.isDialInBypassEnabled = l.isDialInBypassEnabled;
    }
    r.lobbyBypassSettings = next;
  }
  for (const key of ["isBroadcast", "broadcastSettings", "audioConferencing", "chatRestrictions", "watermarkProtection", "shareMeetingChatHistoryDefault", "autoAdmittedUsers"]) {
    if (body[key] !== undefined) r[key] = body[key];
  }
}

function enumValue(name: string, value: unknown, allowed: readonly string[]): string {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw badRequest(`Invalid value '${String(value)}' for property '${name}'. Expected one of: ${allowed.join(", ")}.`);
  }
  return value;
}

/** Start and end as Graph strings (7 fractional digits, UTC); defaults: now and start + 1 h. */
function times(body: Record<string, unknown>): { start: string; end: string } {
  const start = body.startDateTime === undefined ? graphTimestamp(new Date()) : parseDate("startDateTime", body.startDateTime);
  const end = body.endDateTime === undefined ? graphTimestamp(new Date(Date.parse(start) + 3600_000)) : parseDate("endDateTime", body.endDateTime);
  if (end < start) throw badRequest("endDateTime must be later than startDateTime."); // same format: string order is time order
  return { start, end };
}

function parseDate(name: string, value: unknown): string {
  const s = typeof value === "string" ? normalizeTimestamp(value) : undefined;
  if (!s) throw badRequest(`Cannot convert the literal '${String(value)}' to the expected type 'Edm.DateTimeOffset' of property '${name}'.`);
  return s;
}

function expiry(end: string, req: GraphRequest): string {
  return graphTimestamp(new Date(Date.parse(end) + req.config.meetingExpiryDays * 86_400_000), end.slice(20, 27));
}

function organizerParticipant(req: GraphRequest): Record<string, unknown> {
  return {
    upn: req.user.userPrincipalName,
    role: "presenter",
    identity: { user: { id: req.user.id, displayName: null, tenantId: req.user.tenantId, identityProvider: "AAD" } },
  };
}

/** Validates participants.attendees (full list) and normalizes each entry. */
function participants(value: unknown, req: GraphRequest): { attendees: Record<string, unknown>[] } {
  if (value === undefined || value === null) return { attendees: [] };
  if (typeof value !== "object" || Array.isArray(value)) throw badRequest("participants must be an object.");
  const attendees = (value as Record<string, unknown>).attendees;
  if (attendees === undefined || attendees === null) return { attendees: [] };
  if (!Array.isArray(attendees)) throw badRequest("participants.attendees must be an array.");
  return {
    attendees: attendees.map((a) => {
      if (a === null || typeof a !== "object") throw badRequest("Each attendee must be an object.");
      const att = a as Record<string, unknown>;
      const role = att.role === undefined ? "attendee" : enumValue("participants.attendees.role", att.role, ENUMS.role);
      const user = ((att.identity as Record<string, unknown> | undefined)?.user ?? {}) as Record<string, unknown>;
      if (user.id === undefined && att.upn === undefined) throw badRequest("An attendee needs identity.user.id or upn.");
      return {
        upn: typeof att.upn === "string" ? att.upn : null,
        role,
        identity: {
          user: {
            id: typeof user.id === "string" ? user.id : null,
            displayName: typeof user.displayName === "string" ? user.displayName : null,
            tenantId: typeof user.tenantId === "string" ? user.tenantId : req.user.tenantId,
            identityProvider: "AAD",
          },
        },
      };
    }),
  };
}

function randomPasscode(): string {
  const chars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
  let s = "";
  for (let i = 0; i < 6; i++) s += chars[randomInt(chars.length)];
  return s;
}
