// VirtualEventWebinar's inputs and outputs, and `check`: every mistake gets the property and the
// fix, before any request. Values unknown during preview pass unchecked.
import type * as pulumi from "@pulumi/pulumi";
import { enumProblem } from "../common/enums";
import { isGuid, segmentIdProblem } from "../common/ids";
import { isUnknown } from "../common/unknown";
import { unknownKeys, type NamedFailure } from "../common/unknownKeys";
import { objectListProblems } from "../common/lists";
import { inputCheck } from "../common/failures";
import { DateTimeTimeZone, instantOf, sameTime, timeProblem } from "./times";

export const audiences = ["everyone", "organization"] as const;
export type WebinarAudience = (typeof audiences)[number];
export const contentTypes = ["text", "html"] as const;

export interface ItemBody {
  contentType: (typeof contentTypes)[number];
  content: string;
}

export interface CoOrganizer {
  /** The co-organizer's Entra object id. */
  id: string;
  /** The co-organizer's tenant id. */
  tenantId: string;
}

export interface WebinarSettings {
  isAttendeeEmailNotificationEnabled?: boolean;
}

export interface WebinarInputs {
  displayName: string;
  description?: ItemBody;
  startDateTime: DateTimeTimeZone;
  endDateTime: DateTimeTimeZone;
  audience: WebinarAudience;
  coOrganizers?: CoOrganizer[];
  settings?: WebinarSettings;
  externalEventId?: string;
  published?: boolean;
  /** Create-time only: take over this existing webinar (the `import` option becomes this). */
  adoptId?: string;
}

export interface CreatedBy {
  user?: { id?: string; displayName?: string; tenantId?: string } | null;
  application?: { id?: string; displayName?: string } | null;
}

/** What the state holds: the inputs (diff and update get outputs only) plus what Graph made. */
export interface WebinarOutputs extends WebinarInputs {
  id: string;
  status: string;
  registrationWebUrl?: string;
  capacity?: number;
  isManualApprovalEnabled?: boolean;
  isWaitlistEnabled?: boolean;
  /** The session's join link (secret output). */
  joinWebUrl?: string;
  createdBy?: CreatedBy;
}

/** Changed in place with PATCH (Graph's documented PATCH fields). */
export const patchableProperties = ["displayName", "description", "startDateTime", "endDateTime", "coOrganizers", "settings"] as const;
export type PatchableProperty = (typeof patchableProperties)[number];
export const inputProperties = [...patchableProperties, "audience", "externalEventId", "published", "adoptId"] as const;
export const outputProperties = ["status", "registrationWebUrl", "capacity", "isManualApprovalEnabled", "isWaitlistEnabled", "joinWebUrl", "createdBy"] as const;

export const maxExternalIdLength = 256;

export const unpublishRefused =
  "published cannot go from true to false: Microsoft Graph cannot unpublish a webinar. Set published: true again; to end the webinar, remove the resource (Pulumi cancels it) or cancel it in Teams.";

function descriptionProblem(v: unknown): string | undefined {
  if (v === undefined || v === null || isUnknown(v)) return undefined;
  if (typeof v === "string") return `description must be an object, e.g. description: { contentType: "text", content: "${v.slice(0, 40)}" }.`;
  if (typeof v !== "object" || Array.isArray(v)) return 'description must be an object { contentType: "text" | "html", content }.';
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== "contentType" && k !== "content" && o[k] !== undefined);
  if (extra.length > 0) return `description takes only contentType and content, not ${extra.join(", ")}.`;
  if (isUnknown(o.contentType) || isUnknown(o.content)) return undefined;
  const type = enumProblem("description.contentType", o.contentType ?? "", contentTypes);
  if (o.contentType === undefined) return 'description.contentType is required: "text" or "html".';
  if (type) return type;
  if (typeof o.content !== "string") return "description.content must be a string.";
  return undefined;
}

const coOrganizerShape = "{ id: <user object id>, tenantId: <tenant id> }";

function coOrganizersProblems(v: unknown): NamedFailure[] {
  const seen = new Set<string>();
  return objectListProblems("coOrganizers", v, { list: coOrganizerShape, item: coOrganizerShape }, (o, where) => {
    const out = unknownKeys(where, o, ["id", "tenantId"], "a co-organizer takes id and tenantId (Graph fills displayName)");
    for (const key of ["id", "tenantId"] as const) {
      const value = o[key];
      if (isUnknown(value)) continue;
      const what = key === "id" ? "the user's Entra object id" : "the user's tenant id";
      if (!isGuid(value)) {
        const hint = key === "id" && typeof value === "string" && value.includes("@") ? " (a userPrincipalName is not accepted here: use the object id)" : "";
        out.push({ property: `${where}.${key}`, reason: `${where}.${key} must be ${what}, a GUID${hint}.` });
      }
    }
    if (typeof o.id === "string") {
      if (seen.has(o.id.toLowerCase())) out.push({ property: `${where}.id`, reason: `${where}.id "${o.id}" is listed twice; list each co-organizer once.` });
      seen.add(o.id.toLowerCase());
    }
    return out;
  });
}

function settingsProblems(v: unknown): { property: string; reason: string }[] {
  if (v === undefined || v === null || isUnknown(v)) return [];
  if (typeof v !== "object" || Array.isArray(v)) return [{ property: "settings", reason: "settings must be an object, e.g. { isAttendeeEmailNotificationEnabled: false }." }];
  const o = v as Record<string, unknown>;
  const out = unknownKeys("settings", o, ["isAttendeeEmailNotificationEnabled"], "settings takes isAttendeeEmailNotificationEnabled");
  const flag = o.isAttendeeEmailNotificationEnabled;
  if (flag !== undefined && !isUnknown(flag) && typeof flag !== "boolean") out.push({ property: "settings.isAttendeeEmailNotificationEnabled", reason: "settings.isAttendeeEmailNotificationEnabled must be true or false." });
  return out;
}

export function externalIdProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null || isUnknown(v)) return undefined;
  if (typeof v !== "string") return `${property} must be a string, not ${typeof v}.`;
  if (v.trim() === "") return `${property} is empty: set your system's id, or omit it.`;
  if (v.length > maxExternalIdLength) return `${property} is ${v.length} characters long; Graph takes at most ${maxExternalIdLength}: use a shorter id (a hash of the long one, say).`;
  return undefined;
}

export function check(olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckResult<WebinarInputs> {
  const { fail, add, result } = inputCheck("VirtualEventWebinar", news, inputProperties);
  const name = news.displayName;
  if (!isUnknown(name)) {
    if (typeof name !== "string" || name.trim() === "") fail("displayName", "displayName is required: the webinar's title as attendees see it.");
  }
  fail("description", descriptionProblem(news.description));
  const startProblem = isUnknown(news.startDateTime) ? undefined : timeProblem("startDateTime", news.startDateTime);
  const endProblem = isUnknown(news.endDateTime) ? undefined : timeProblem("endDateTime", news.endDateTime);
  fail("startDateTime", startProblem);
  fail("endDateTime", endProblem);
  const start = startProblem ? undefined : instantOf(news.startDateTime);
  const end = endProblem ? undefined : instantOf(news.endDateTime);
  if (start !== undefined && end !== undefined && end <= start) {
    fail("endDateTime", `endDateTime must be after startDateTime (the webinar would ${end === start ? "last no time" : "end before it starts"}); move endDateTime later.`);
  }
  // A start that has passed is refused only when it is being set: an unchanged past start (the
  // webinar took place) must not block later deployments.
  if (start !== undefined && start <= Date.now() && !sameTime(olds.startDateTime, news.startDateTime)) {
    fail("startDateTime", `startDateTime is in the past (${new Date(start).toISOString()} UTC); a webinar must start in the future: set a later dateTime.`);
  }
  if (!isUnknown(news.audience)) {
    if (news.audience === undefined || news.audience === null) fail("audience", 'audience is required: "everyone" (anyone may register) or "organization" (only people of the organizer\'s tenant).');
    else fail("audience", enumProblem("audience", news.audience, audiences));
  }
  add(coOrganizersProblems(news.coOrganizers));
  add(settingsProblems(news.settings));
  fail("externalEventId", externalIdProblem("externalEventId", news.externalEventId));
  if (news.published !== undefined && news.published !== null && !isUnknown(news.published) && typeof news.published !== "boolean") fail("published", "published must be true or false.");
  if (olds.published === true && news.published !== true && !isUnknown(news.published)) fail("published", unpublishRefused);
  if (news.adoptId !== undefined && !isUnknown(news.adoptId)) fail("adoptId", segmentIdProblem("adoptId", news.adoptId, "the id of the webinar to take over ({guid}@{tenantGuid})"));
  return result<WebinarInputs>();
}
