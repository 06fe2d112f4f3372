// ExternalMeetingRegistrant's inputs and outputs, and `check`: every mistake gets the property and
// the fix. Values unknown during preview pass unchecked.
import type * as pulumi from "@pulumi/pulumi";
import { allowedRegistrantProblem, type AllowedRegistrant } from "../externalMeetingRegistration/inputs";
import { inputCheck } from "../common/failures";
import { guidPattern, meetingIdProblem, segmentProblem, userIdProblem } from "../common/ids";
import { isUnknown } from "../common/unknown";

/** What the program passes (see resource.ts for the documented args). */
export interface RegistrantInputs {
  meetingId: string;
  /** The meeting organizer (object id or UPN); absent: /me. */
  userId?: string;
  /** The registrant's id in the external registration system: Graph's id of the registrant. */
  registrantId: string;
  /** The registrant's Entra tenant id (required when the registration allows only the organization). */
  registrantTenantId?: string;
  /** The registrant's Entra object id (required with registrantTenantId). */
  registrantUserId?: string;
  /** The ExternalMeetingRegistration's id: ties the registrant to it (replaced with it). */
  registrationId?: string;
  /** The registration's allowedRegistrant, when known: lets check require the Entra ids. */
  allowedRegistrant?: AllowedRegistrant;
}

export interface RegistrantOutputs extends RegistrantInputs {
  id: string;
  /** The personal join link: Graph returns it only when the registrant is created. */
  joinWebUrl?: string;
}

export const inputProperties = ["meetingId", "userId", "registrantId", "registrantTenantId", "registrantUserId", "registrationId", "allowedRegistrant"] as const;

export function registrantIdProblem(v: unknown): string | undefined {
  if (v === undefined || v === null) return "registrantId is required: the registrant's id in your registration system (any string, unique per meeting).";
  if (typeof v !== "string") return `registrantId must be a string, not ${typeof v}.`;
  if (v.trim() === "") return "registrantId is empty: set the registrant's id in your registration system.";
  const segment = segmentProblem("registrantId", v);
  if (segment) return segment;
  if (v !== v.trim()) return `registrantId "${v}" starts or ends with whitespace; Graph would keep it as part of the id.`;
  if (/[/\\?#]/.test(v)) return `registrantId "${v}" contains one of / \\ ? #, which Graph cannot take in the registrant's URL (DELETE .../registrants/{id}); use another id.`;
  return undefined;
}

function entraIdProblem(property: string, what: string, v: unknown): string | undefined {
  if (v === undefined || v === null || isUnknown(v)) return undefined;
  if (typeof v !== "string") return `${property} must be a string, not ${typeof v}.`;
  if (!guidPattern.test(v)) return `${property} "${v}" is not a GUID: it is the registrant's ${what} in Entra ID.`;
  return undefined;
}

export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckResult<RegistrantInputs> {
  const { fail, result } = inputCheck("ExternalMeetingRegistrant", news, inputProperties);
  if (!isUnknown(news.meetingId)) fail("meetingId", meetingIdProblem("meetingId", news.meetingId));
  if (!isUnknown(news.userId)) fail("userId", userIdProblem("userId", news.userId));
  if (!isUnknown(news.registrantId)) fail("registrantId", registrantIdProblem(news.registrantId));
  fail("registrantTenantId", entraIdProblem("registrantTenantId", "tenant id", news.registrantTenantId));
  fail("registrantUserId", entraIdProblem("registrantUserId", "object id", news.registrantUserId));
  if (!isUnknown(news.allowedRegistrant)) fail("allowedRegistrant", allowedRegistrantProblem(news.allowedRegistrant));
  if (news.registrationId !== undefined && news.registrationId !== null && !isUnknown(news.registrationId) && (typeof news.registrationId !== "string" || news.registrationId === "" || segmentProblem("registrationId", news.registrationId))) {
    fail("registrationId", "registrationId must be the ExternalMeetingRegistration's id (registration.id), or be omitted.");
  }
  const has = (v: unknown) => v !== undefined && v !== null && v !== "";
  const tenant = news.registrantTenantId;
  const user = news.registrantUserId;
  if (has(tenant) !== has(user)) {
    const [missing, given] = has(tenant) ? ["registrantUserId", "registrantTenantId"] : ["registrantTenantId", "registrantUserId"];
    fail(missing, `${missing} is missing: Graph takes the registrant's Entra ids as a pair; set it with ${given}, or omit both.`);
  } else if (news.allowedRegistrant === "organization" && !has(tenant) && !has(user)) {
    fail(
      "registrantTenantId",
      "the registration allows only the organization (allowedRegistrant \"organization\"), so Graph requires the registrant's Entra ids: set registrantTenantId and registrantUserId (the person's tenant id and object id).",
    );
  }
  return result<RegistrantInputs>();
}
