// VirtualEventRegistration's inputs and outputs, and `check`: an anonymous person registered by the
// application (name, email, preferences, the external system's id, answers). Every mistake gets
// the property and the fix before any request.
import type * as pulumi from "@pulumi/pulumi";
import { segmentIdProblem } from "../common/ids";
import { isUnknown } from "../common/unknown";
import { unknownKeys, type NamedFailure } from "../common/unknownKeys";
import { objectListProblems } from "../common/lists";
import { inputCheck } from "../common/failures";
import { externalIdProblem } from "../virtualEventWebinar/inputs";
import { ianaZoneOf } from "../virtualEventWebinar/times";

export interface ExternalRegistrationInformation {
  /** Where the registration came from, e.g. "CRM". */
  referrer?: string;
  /** The registration's id in that system (at most 256 characters). */
  registrationId?: string;
}

export interface QuestionAnswer {
  questionId: string;
  value?: string;
  booleanValue?: boolean;
  multiChoiceValues?: string[];
}

export interface RegistrationInputs {
  webinarId: string;
  firstName: string;
  lastName: string;
  email: string;
  preferredTimezone: string;
  preferredLanguage: string;
  externalRegistrationInformation?: ExternalRegistrationInformation;
  registrationQuestionAnswers?: QuestionAnswer[];
  /** Create-time only: "{webinarId}/{registrationId}" of a registration to take over (the `import` option becomes this). */
  adoptId?: string;
}

export interface RegistrationOutputs extends RegistrationInputs {
  id: string;
  /** registered, waitlisted, pendingApproval, rejectedByOrganizer (canceled leaves the state). */
  status: string;
  registrationDateTime?: string;
}

export const inputProperties = [
  "webinarId",
  "firstName",
  "lastName",
  "email",
  "preferredTimezone",
  "preferredLanguage",
  "externalRegistrationInformation",
  "registrationQuestionAnswers",
  "adoptId",
] as const;

/** Inputs whose change replaces the registration (adoptId matters only when it is created). */
export const replacingProperties = inputProperties.filter((p) => p !== "adoptId");

const email = /^[^\s@"(),:;<>[\]\\]+@[^\s@"(),:;<>[\]\\]+\.[^\s@"(),:;<>[\]\\]+$/;
const language = /^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i;

export function emailProblem(v: unknown): string | undefined {
  if (v === undefined || v === null) return "email is required: the person's email address (Graph sends the confirmation there and keys the registration by it).";
  if (typeof v !== "string") return `email must be a string, not ${typeof v}.`;
  if (v !== v.trim()) return `email "${v}" starts or ends with whitespace; remove it.`;
  if (!email.test(v)) return `email "${v}" is not an email address; write name@domain, e.g. ada@example.com.`;
  if (v.length > 320) return `email is ${v.length} characters long; an email address has at most 320.`;
  return undefined;
}

function nameProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return `${property} is required: an anonymous registration names the person.`;
  if (typeof v !== "string" || v.trim() === "") return `${property} must be a non-empty string.`;
  return undefined;
}

/** "{webinarId}/{registrationId}", both plain ids. */
export function splitImportId(v: string): { webinarId: string; registrationId: string } | undefined {
  const at = v.lastIndexOf("/");
  if (at <= 0 || at === v.length - 1) return undefined;
  const webinarId = v.slice(0, at);
  const registrationId = v.slice(at + 1);
  if (segmentIdProblem("x", webinarId, "") || segmentIdProblem("x", registrationId, "")) return undefined;
  return { webinarId, registrationId };
}

const answerShape = "{ questionId, value | booleanValue | multiChoiceValues }";

function answersProblems(v: unknown): NamedFailure[] {
  const seen = new Set<string>();
  return objectListProblems("registrationQuestionAnswers", v, { list: answerShape, item: answerShape }, (o, where) => {
    const out = unknownKeys(where, o, ["questionId", "value", "booleanValue", "multiChoiceValues"], "an answer takes questionId and one of value, booleanValue, multiChoiceValues");
    if (!isUnknown(o.questionId)) {
      const p = segmentIdProblem(`${where}.questionId`, o.questionId, "the question's id (question.id)");
      if (p) out.push({ property: `${where}.questionId`, reason: p });
      else if (seen.has(o.questionId as string)) out.push({ property: `${where}.questionId`, reason: `${where} answers question "${o.questionId}" a second time; answer each question once.` });
      if (typeof o.questionId === "string") seen.add(o.questionId);
    }
    const given = (["value", "booleanValue", "multiChoiceValues"] as const).filter((k) => o[k] !== undefined && o[k] !== null);
    if (given.length !== 1) {
      out.push({ property: where, reason: `${where} needs exactly one of value (text answers), booleanValue (boolean questions) or multiChoiceValues (choice questions)${given.length > 1 ? `, not ${given.join(" and ")}` : ""}.` });
      return out;
    }
    const [key] = given;
    const val = o[key];
    if (isUnknown(val)) return out;
    if (key === "value" && typeof val !== "string") out.push({ property: `${where}.value`, reason: `${where}.value must be a string.` });
    if (key === "booleanValue" && typeof val !== "boolean") out.push({ property: `${where}.booleanValue`, reason: `${where}.booleanValue must be true or false.` });
    if (key === "multiChoiceValues" && (!Array.isArray(val) || val.length === 0 || val.some((x) => typeof x !== "string"))) out.push({ property: `${where}.multiChoiceValues`, reason: `${where}.multiChoiceValues must be a non-empty list of the chosen answerChoices.` });
    return out;
  });
}

export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckResult<RegistrationInputs> {
  const { fail, add, result } = inputCheck("VirtualEventRegistration", news, inputProperties);
  if (!isUnknown(news.webinarId)) fail("webinarId", segmentIdProblem("webinarId", news.webinarId, "the webinar's id (webinar.id)"));
  for (const key of ["firstName", "lastName"] as const) if (!isUnknown(news[key])) fail(key, nameProblem(key, news[key]));
  if (!isUnknown(news.email)) fail("email", emailProblem(news.email));
  const tz = news.preferredTimezone;
  if (!isUnknown(tz)) {
    if (typeof tz !== "string" || tz.trim() === "") fail("preferredTimezone", 'preferredTimezone is required: a Windows zone name ("Pacific Standard Time", "UTC") or an IANA name ("Europe/Berlin").');
    else if (ianaZoneOf(tz) === undefined) fail("preferredTimezone", `preferredTimezone "${tz}" is not a zone name Graph knows; use a Windows zone name such as "Pacific Standard Time" or "UTC", or an IANA name such as "Europe/Berlin".`);
  }
  const lang = news.preferredLanguage;
  if (!isUnknown(lang)) {
    if (typeof lang !== "string" || lang.trim() === "") fail("preferredLanguage", 'preferredLanguage is required: a language tag such as "en-us".');
    else if (!language.test(lang)) fail("preferredLanguage", `preferredLanguage "${lang}" is not a language tag; write e.g. "en-us" or "de-de".`);
  }
  const ext = news.externalRegistrationInformation;
  if (ext !== undefined && ext !== null && !isUnknown(ext)) {
    if (typeof ext !== "object" || Array.isArray(ext)) fail("externalRegistrationInformation", 'externalRegistrationInformation must be an object { referrer, registrationId }, e.g. { referrer: "CRM", registrationId: "crm-1001" }.');
    else {
      const o = ext as Record<string, unknown>;
      add(unknownKeys("externalRegistrationInformation", o, ["referrer", "registrationId"], "it takes referrer and registrationId"));
      fail("externalRegistrationInformation.referrer", externalIdProblem("externalRegistrationInformation.referrer", o.referrer));
      fail("externalRegistrationInformation.registrationId", externalIdProblem("externalRegistrationInformation.registrationId", o.registrationId));
    }
  }
  add(answersProblems(news.registrationQuestionAnswers));
  const adopt = news.adoptId;
  if (adopt !== undefined && adopt !== null && !isUnknown(adopt)) {
    const parts = typeof adopt === "string" ? splitImportId(adopt) : undefined;
    if (!parts) fail("adoptId", `adoptId (the import id) must be "{webinarId}/{registrationId}", e.g. "8d62…@72f9…/a1b2…"; got ${JSON.stringify(adopt)}.`);
    else if (typeof news.webinarId === "string" && !isUnknown(news.webinarId) && parts.webinarId !== news.webinarId) {
      fail("adoptId", `adoptId (the import id) names webinar "${parts.webinarId}", but webinarId is "${news.webinarId}": import the registration into the resource of its own webinar.`);
    }
  }
  return result<RegistrationInputs>();
}
