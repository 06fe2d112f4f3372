// OnlineMeeting's inputs and outputs, and `check`: every mistake gets the property and the fix.
// Values unknown during preview pass unchecked.
import type * as pulumi from "@pulumi/pulumi";
import { enumProblem } from "../common/enums";
import { inputCheck } from "../common/failures";
import { setProperties } from "../common/properties";
import { guidPattern, userIdProblem } from "../common/ids";
import { definedOnly, isUnknown } from "../common/unknown";
import { unknownKeys, type NamedFailure } from "../common/unknownKeys";
import { objectListProblems } from "../common/lists";
import { dateTimeProblem, isBefore } from "./dateTimes";

export const attendeeRoles = ["attendee", "presenter", "producer", "coorganizer"] as const;
export type AttendeeRole = (typeof attendeeRoles)[number];
export const lobbyScopes = ["organizer", "organization", "organizationAndFederated", "everyone", "invited", "organizationExcludingGuests"] as const;
export type LobbyScope = (typeof lobbyScopes)[number];
export const presenterModes = ["everyone", "organization", "roleIsPresenter", "organizer"] as const;
export type AllowedPresenters = (typeof presenterModes)[number];
export const meetingChatModes = ["enabled", "disabled", "limited"] as const;
export type MeetingChatMode = (typeof meetingChatModes)[number];

export interface MeetingAttendee {
  /** The attendee's Entra object id. */
  userId?: string;
  /** The attendee's userPrincipalName (when no object id is given). */
  upn?: string;
  /** The attendee's tenant, for people of another tenant. */
  tenantId?: string;
  /** Default "attendee". */
  role?: AttendeeRole;
}

export interface LobbyBypassSettings {
  scope?: LobbyScope;
  isDialInBypassEnabled?: boolean;
}

export const booleanSettings = ["allowAttendeeToEnableCamera", "allowAttendeeToEnableMic", "recordAutomatically", "isEntryExitAnnounced"] as const;
export type BooleanSetting = (typeof booleanSettings)[number];

export interface MeetingInputs extends Partial<Record<BooleanSetting, boolean>> {
  userId?: string;
  subject: string;
  startDateTime: string;
  endDateTime: string;
  externalId?: string;
  attendees?: MeetingAttendee[];
  lobbyBypassSettings?: LobbyBypassSettings;
  allowedPresenters?: AllowedPresenters;
  allowMeetingChat?: MeetingChatMode;
  isPasscodeRequired?: boolean;
}

/** What the state holds: the inputs (diff and update get outputs only) plus what Graph made. */
export interface MeetingOutputs extends MeetingInputs {
  id: string;
  joinWebUrl: string;
  joinMeetingId?: string;
  passcode?: string;
  chatThreadId?: string;
  creationDateTime?: string;
  expiryDateTime?: string;
}

/** Set at creation only: a change replaces the meeting. */
export const createOnlyProperties = ["userId", "externalId", "isPasscodeRequired"] as const;
/** Changed in place with PATCH. */
export const updatableProperties = ["subject", "startDateTime", "endDateTime", "attendees", "lobbyBypassSettings", "allowedPresenters", "allowMeetingChat", ...booleanSettings] as const;
export const inputProperties = [...createOnlyProperties, ...updatableProperties] as const;
export type InputProperty = (typeof inputProperties)[number];

function booleanProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null || isUnknown(v) || typeof v === "boolean") return undefined;
  return `${property} must be true or false, not ${typeof v === "string" ? `the string "${v}"` : typeof v}.`;
}

function attendeeProblems(v: unknown): NamedFailure[] {
  const seen = new Map<string, number>();
  return objectListProblems("attendees", v, { list: "{ userId or upn, role }", item: "an object { userId or upn, role }" }, (att, at, i) => {
    const failures = unknownKeys(at, att, ["userId", "upn", "tenantId", "role"], "an attendee takes userId, upn, tenantId and role");
    const { userId, upn, tenantId } = att;
    if ((userId === undefined || userId === null) && (upn === undefined || upn === null)) {
      failures.push({ property: at, reason: `${at} needs userId (the person's Entra object id) or upn (their userPrincipalName).` });
    }
    if (userId !== undefined && userId !== null && !isUnknown(userId) && (typeof userId !== "string" || !guidPattern.test(userId))) {
      failures.push({ property: `${at}.userId`, reason: `${at}.userId must be an Entra object id (GUID); put a userPrincipalName in upn.` });
    }
    if (upn !== undefined && upn !== null && !isUnknown(upn) && (typeof upn !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(upn))) {
      failures.push({ property: `${at}.upn`, reason: `${at}.upn must be a userPrincipalName (name@domain, no spaces).` });
    }
    if (tenantId !== undefined && tenantId !== null && !isUnknown(tenantId) && (typeof tenantId !== "string" || !guidPattern.test(tenantId))) {
      failures.push({ property: `${at}.tenantId`, reason: `${at}.tenantId must be a tenant id (GUID).` });
    }
    const reason = enumProblem(`${at}.role`, att.role, attendeeRoles);
    if (reason) failures.push({ property: `${at}.role`, reason });
    const key = typeof userId === "string" ? userId.toLowerCase() : typeof upn === "string" ? upn.toLowerCase() : undefined;
    if (key !== undefined && !isUnknown(userId ?? upn)) {
      if (seen.has(key)) failures.push({ property: at, reason: `${at} names the same person as attendees[${seen.get(key)}]; list each person once.` });
      else seen.set(key, i);
    }
    return failures;
  });
}

function lobbyProblems(v: unknown): { property: string; reason: string }[] {
  if (v === undefined || v === null || isUnknown(v)) return [];
  if (typeof v !== "object" || Array.isArray(v)) return [{ property: "lobbyBypassSettings", reason: "lobbyBypassSettings must be an object { scope, isDialInBypassEnabled }." }];
  const l = v as Record<string, unknown>;
  const failures = unknownKeys("lobbyBypassSettings", l, ["scope", "isDialInBypassEnabled"], "lobbyBypassSettings takes scope and isDialInBypassEnabled");
  const scope = enumProblem("lobbyBypassSettings.scope", l.scope, lobbyScopes);
  if (scope) failures.push({ property: "lobbyBypassSettings.scope", reason: scope });
  const dialIn = booleanProblem("lobbyBypassSettings.isDialInBypassEnabled", l.isDialInBypassEnabled);
  if (dialIn) failures.push({ property: "lobbyBypassSettings.isDialInBypassEnabled", reason: dialIn });
  return failures;
}

export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckResult<MeetingInputs> {
  const { failures, fail, add } = inputCheck("OnlineMeeting", news, inputProperties);
  if (!isUnknown(news.userId)) fail("userId", userIdProblem("userId", news.userId));
  if (!isUnknown(news.subject)) {
    if (news.subject === undefined || news.subject === null) fail("subject", "subject is required: the meeting's title, as attendees see it.");
    else if (typeof news.subject !== "string") fail("subject", `subject must be a string, not ${typeof news.subject}.`);
  }
  const start = news.startDateTime;
  const end = news.endDateTime;
  if (!isUnknown(start)) fail("startDateTime", dateTimeProblem("startDateTime", start));
  if (!isUnknown(end)) fail("endDateTime", dateTimeProblem("endDateTime", end));
  if (typeof start === "string" && typeof end === "string" && !isUnknown(start) && !isUnknown(end) && isBefore(end, start)) {
    fail("endDateTime", `endDateTime "${end}" is before startDateTime "${start}"; a meeting must end after it starts.`);
  }
  if (!isUnknown(news.externalId) && news.externalId !== undefined && news.externalId !== null) {
    if (typeof news.externalId !== "string") fail("externalId", `externalId must be a string, not ${typeof news.externalId}.`);
    else if (news.externalId.trim() === "") fail("externalId", "externalId is empty: omit it, or set your own stable key for this meeting (it makes a retried create return the same meeting).");
  }
  fail("isPasscodeRequired", booleanProblem("isPasscodeRequired", news.isPasscodeRequired));
  if (news.isPasscodeRequired !== undefined && news.isPasscodeRequired !== null && news.externalId !== undefined && news.externalId !== null) {
    fail(
      "isPasscodeRequired",
      "isPasscodeRequired cannot be combined with externalId: a meeting with an externalId is created through Graph's createOrGet, which takes no joinMeetingIdSettings, and the passcode setting cannot be changed after creation. Drop one of the two.",
    );
  }
  add(attendeeProblems(news.attendees));
  add(lobbyProblems(news.lobbyBypassSettings));
  fail("allowedPresenters", enumProblem("allowedPresenters", news.allowedPresenters, presenterModes));
  fail("allowMeetingChat", enumProblem("allowMeetingChat", news.allowMeetingChat, meetingChatModes));
  for (const key of booleanSettings) fail(key, booleanProblem(key, news[key]));
  if (failures.length > 0) return { inputs: news as unknown as MeetingInputs, failures };

  // Keep the user's own spelling (e.g. of date-times): diff and read compare normalised values.
  const inputs = setProperties(news, inputProperties);
  if (Array.isArray(inputs.attendees)) inputs.attendees = (inputs.attendees as Record<string, unknown>[]).map((a) => (isUnknown(a) ? a : definedOnly({ ...a })));
  if (inputs.lobbyBypassSettings && !isUnknown(inputs.lobbyBypassSettings)) inputs.lobbyBypassSettings = definedOnly({ ...(inputs.lobbyBypassSettings as Record<string, unknown>) });
  return { inputs: inputs as unknown as MeetingInputs };
}
