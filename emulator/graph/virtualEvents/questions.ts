// The webinar's registration configuration (read-only: GET is the only documented method) and its
// registration questions: list, create (custom or predefined, by @odata.type), delete; get-one only
// exists in the SDKs and is served too. Docs: virtualeventwebinarregistrationconfiguration-get,
// virtualeventregistrationconfiguration-list-questions|-post-questions,
// virtualeventregistrationquestionbase-delete.
import { randomUUID } from "node:crypto";
import { badRequest, conflict, notFound, type HandlerResult } from "../errors";
import { checkNotCanceled, findWebinar, objectBody, requireRole, unknownProperty, webinarContext, type VirtualEventsRequest } from "./context";
import type { StoredQuestion, StoredWebinar } from "./store";
import { readableWebinar } from "./webinars";

export const CUSTOM = "#microsoft.graph.virtualEventRegistrationCustomQuestion";
export const PREDEFINED = "#microsoft.graph.virtualEventRegistrationPredefinedQuestion";
const CONFIGURATION = "#microsoft.graph.virtualEventWebinarRegistrationConfiguration";
const INPUT_TYPES = ["text", "multilineText", "singleChoice", "multiChoice", "boolean"];
/** The server names predefined questions (the docs' example: street → "Address"). */
export const PREDEFINED_NAMES: Record<string, string> = {
  street: "Address",
  city: "City",
  state: "State or province",
  postalCode: "Zip or postal code",
  countryOrRegion: "Country or region",
  industry: "Industry",
  jobTitle: "Job title",
  organization: "Organization",
};

export function registrationWebUrl(webinar: StoredWebinar): string {
  return `https://events.teams.microsoft.com/event/${webinar.id}`;
}

export function getRegistrationConfiguration(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = readableWebinar(req, webinarId);
  return {
    status: 200,
    body: {
      "@odata.context": `${webinarContext(req, webinar)}/registrationConfiguration/$entity`,
      "@odata.type": CONFIGURATION,
      id: webinar.id,
      ...webinar.registrationConfiguration,
      registrationWebUrl: registrationWebUrl(webinar),
    },
  };
}

function questionsContext(req: VirtualEventsRequest, webinar: StoredWebinar): string {
  return `${webinarContext(req, webinar)}/registrationConfiguration/questions`;
}

export function listQuestions(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = readableWebinar(req, webinarId);
  const value = req.store.virtualEvents.questionsOf(webinar.id).map((q) => q.resource);
  return { status: 200, body: { "@odata.context": questionsContext(req, webinar), value } };
}

export function findQuestion(req: VirtualEventsRequest, webinar: StoredWebinar, questionId: string): StoredQuestion {
  const q = req.store.virtualEvents.questionsOf(webinar.id).find((x) => String(x.resource.id).toLowerCase() === questionId.toLowerCase());
  if (!q) throw notFound(`The registration question '${questionId}' was not found.`);
  return q;
}

export function getQuestion(req: VirtualEventsRequest, webinarId: string, questionId: string): HandlerResult {
  const webinar = readableWebinar(req, webinarId);
  return { status: 200, body: { "@odata.context": `${questionsContext(req, webinar)}/$entity`, ...findQuestion(req, webinar, questionId).resource } };
}

function odataType(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  return value.startsWith("#") ? value : `#${value}`;
}

function isRequired(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== "boolean") throw badRequest("isRequired must be a boolean.");
  return value;
}

export function createQuestion(req: VirtualEventsRequest, webinarId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  requireRole(req, webinar, ["organizer", "coOrganizer"], "add registration questions");
  checkNotCanceled(req, webinar, "add a registration question");
  const body = objectBody(req);
  const type = odataType(body["@odata.type"]);
  const questions = req.store.virtualEvents.questionsOf(webinar.id);
  let resource: Record<string, unknown>;
  if (type === CUSTOM) {
    for (const k of Object.keys(body)) if (!["@odata.type", "id", "displayName", "isRequired", "answerInputType", "answerChoices"].includes(k)) throw unknownProperty(k, "virtualEventRegistrationCustomQuestion");
    if (typeof body.displayName !== "string" || body.displayName.trim() === "") throw badRequest("displayName is required for a custom question.");
    const inputType = body.answerInputType;
    if (typeof inputType !== "string" || !INPUT_TYPES.includes(inputType)) {
      throw badRequest(`Invalid value '${String(inputType)}' for property 'answerInputType'. Expected one of: ${INPUT_TYPES.join(", ")}.`);
    }
    const choice = inputType === "singleChoice" || inputType === "multiChoice";
    const choices = body.answerChoices;
    if (choice && (!Array.isArray(choices) || choices.length === 0 || choices.some((c) => typeof c !== "string" || c === ""))) {
      throw badRequest(`answerChoices must be a non-empty array of strings for answerInputType '${inputType}'.`);
    }
    if (!choice && Array.isArray(choices) && choices.length > 0) throw badRequest(`answerChoices are only allowed for answerInputType singleChoice or multiChoice, not '${inputType}'.`);
    resource = {
      "@odata.type": CUSTOM,
      id: randomUUID(),
      displayName: body.displayName,
      isRequired: isRequired(body.isRequired),
      answerInputType: inputType,
      answerChoices: choice ? [...(choices as string[])] : [],
    };
  } else if (type === PREDEFINED) {
    for (const k of Object.keys(body)) if (!["@odata.type", "id", "displayName", "isRequired", "label"].includes(k)) throw unknownProperty(k, "virtualEventRegistrationPredefinedQuestion");
    const label = body.label;
    if (typeof label !== "string" || !(label in PREDEFINED_NAMES)) {
      throw badRequest(`Invalid value '${String(label)}' for property 'label'. Expected one of: ${Object.keys(PREDEFINED_NAMES).join(", ")}.`);
    }
    // Emulator's choice (undocumented): one predefined question per label.
    if (questions.some((q) => q.resource.label === label)) throw conflict(`The predefined question '${label}' already exists on this webinar.`);
    resource = { "@odata.type": PREDEFINED, id: randomUUID(), displayName: PREDEFINED_NAMES[label], isRequired: isRequired(body.isRequired), label };
  } else {
    throw badRequest(`Invalid request. Provide '@odata.type' as ${CUSTOM.slice(1)} or ${PREDEFINED.slice(1)} in the request body.`);
  }
  questions.push({ webinarId: webinar.id, seq: req.store.virtualEvents.seq(), resource });
  return { status: 201, body: { "@odata.context": `${questionsContext(req, webinar)}/$entity`, ...resource }, mutated: true };
}

export function deleteQuestion(req: VirtualEventsRequest, webinarId: string, questionId: string): HandlerResult {
  const webinar = findWebinar(req, webinarId);
  requireRole(req, webinar, ["organizer", "coOrganizer"], "delete registration questions");
  checkNotCanceled(req, webinar, "delete a registration question");
  const questions = req.store.virtualEvents.questionsOf(webinar.id);
  const q = findQuestion(req, webinar, questionId);
  questions.splice(questions.indexOf(q), 1);
  return { status: 204, mutated: true };
}
