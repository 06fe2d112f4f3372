// ExternalMeetingRegistration's inputs and outputs, and `check`: every mistake gets the property
// and the fix. Values unknown during preview pass unchecked.
import type * as pulumi from "@pulumi/pulumi";
import { enumProblem } from "../common/enums";
import { inputCheck } from "../common/failures";
import { meetingIdProblem, segmentProblem, userIdProblem } from "../common/ids";
import { definedOnly, isUnknown } from "../common/unknown";

export const allowedRegistrants = ["everyone", "organization"] as const;
export type AllowedRegistrant = (typeof allowedRegistrants)[number];
export const defaultAllowedRegistrant: AllowedRegistrant = "everyone";

/** What the program passes (see resource.ts for the documented args). */
export interface RegistrationInputs {
  meetingId: string;
  userId?: string;
  allowedRegistrant: AllowedRegistrant;
  /** Create-time only: take over this existing registration instead of posting a new one. */
  adoptId?: string;
}

/** What the state holds: the inputs (diff and update get outputs only) plus the registration id. */
export interface RegistrationOutputs extends RegistrationInputs {
  id: string;
}

export const inputProperties = ["meetingId", "userId", "allowedRegistrant", "adoptId"] as const;

/** Inputs whose change replaces the registration (adoptId matters only when it is created). */
export const replacingProperties = ["meetingId", "userId", "allowedRegistrant"] as const;

const allowedRegistrantMeanings = { everyone: "anyone may register", organization: "only people in the organizer's tenant" };

export function allowedRegistrantProblem(v: unknown): string | undefined {
  return enumProblem("allowedRegistrant", v, allowedRegistrants, { meanings: allowedRegistrantMeanings, spelling: "lower case, no spaces" });
}

export function adoptIdProblem(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "string") return `adoptId must be a string, not ${typeof v}.`;
  if (v.trim() === "" || /[\s/]/.test(v) || segmentProblem("adoptId", v)) {
    return `adoptId must be the id of the meeting's existing registration, as the "already has an external registration (id …)" error shows it; omit it to create a new registration.`;
  }
  return undefined;
}

export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckResult<RegistrationInputs> {
  const { failures, fail } = inputCheck("ExternalMeetingRegistration", news, inputProperties, "ExternalMeetingRegistration takes meetingId, userId, allowedRegistrant and adoptId");
  if (!isUnknown(news.meetingId)) fail("meetingId", meetingIdProblem("meetingId", news.meetingId));
  if (!isUnknown(news.userId)) fail("userId", userIdProblem("userId", news.userId));
  if (!isUnknown(news.allowedRegistrant)) fail("allowedRegistrant", allowedRegistrantProblem(news.allowedRegistrant));
  if (!isUnknown(news.adoptId)) fail("adoptId", adoptIdProblem(news.adoptId));
  if (failures.length > 0) return { inputs: news as unknown as RegistrationInputs, failures };
  const inputs = definedOnly({
    meetingId: news.meetingId as string,
    userId: (news.userId ?? undefined) as string | undefined,
    allowedRegistrant: (news.allowedRegistrant ?? defaultAllowedRegistrant) as AllowedRegistrant,
    adoptId: (news.adoptId ?? undefined) as string | undefined,
  });
  return { inputs };
}
