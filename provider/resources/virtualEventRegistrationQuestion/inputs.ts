// VirtualEventRegistrationQuestion's inputs and outputs, and `check`: a custom question
// (displayName + answerInputType [+ answerChoices]) or a predefined one (label), never both.
import type * as pulumi from "@pulumi/pulumi";
import { segmentIdProblem } from "../common/ids";
import { enumProblem } from "../common/enums";
import { isUnknown } from "../common/unknown";
import { inputCheck } from "../common/failures";

export const answerInputTypes = ["text", "multilineText", "singleChoice", "multiChoice", "boolean"] as const;
export type AnswerInputType = (typeof answerInputTypes)[number];
export const predefinedLabels = ["street", "city", "state", "postalCode", "countryOrRegion", "industry", "jobTitle", "organization"] as const;
export type PredefinedLabel = (typeof predefinedLabels)[number];

export interface QuestionInputs {
  webinarId: string;
  /** Custom question: its text. */
  displayName?: string;
  answerInputType?: AnswerInputType;
  /** For singleChoice and multiChoice only. */
  answerChoices?: string[];
  /** Predefined question (Graph sets its displayName). */
  label?: PredefinedLabel;
  isRequired?: boolean;
}

export interface QuestionOutputs extends QuestionInputs {
  id: string;
  /** The question's text as Graph has it (set by Graph for predefined questions). */
  questionText?: string;
}

export const inputProperties = ["webinarId", "displayName", "answerInputType", "answerChoices", "label", "isRequired"] as const;

const choiceTypes: readonly string[] = ["singleChoice", "multiChoice"];

export function check(_olds: Record<string, unknown>, news: Record<string, unknown>): pulumi.dynamic.CheckResult<QuestionInputs> {
  const { fail, result } = inputCheck("VirtualEventRegistrationQuestion", news, inputProperties);
  if (!isUnknown(news.webinarId)) fail("webinarId", segmentIdProblem("webinarId", news.webinarId, "the webinar's id (webinar.id)"));
  const has = (v: unknown) => v !== undefined && v !== null;
  // Known values decide a conflict; a value unknown during preview blames nothing.
  const known = (v: unknown) => has(v) && !isUnknown(v);
  const custom = has(news.displayName) || has(news.answerInputType) || has(news.answerChoices);
  if (has(news.label)) {
    if (!isUnknown(news.label)) {
      fail("label", enumProblem("label", news.label, predefinedLabels));
      const which = ["displayName", "answerInputType", "answerChoices"].filter((k) => known(news[k]));
      if (which.length > 0) {
        fail(which[0], `${which.join(" and ")} ${which.length > 1 ? "are" : "is"} for a custom question, and label for a predefined one (Graph sets its text): set either label, or displayName and answerInputType.`);
      }
    }
  } else {
    if (!custom) fail("label", 'set label for a predefined question (e.g. label: "jobTitle"), or displayName and answerInputType for a custom one.');
    else {
      if (!isUnknown(news.displayName) && (typeof news.displayName !== "string" || news.displayName.trim() === "")) fail("displayName", "displayName is required for a custom question: the question's text.");
      if (!isUnknown(news.answerInputType)) {
        if (!has(news.answerInputType)) fail("answerInputType", `answerInputType is required for a custom question: one of ${answerInputTypes.map((a) => `"${a}"`).join(", ")}.`);
        else fail("answerInputType", enumProblem("answerInputType", news.answerInputType, answerInputTypes));
      }
      const type = news.answerInputType;
      const choices = news.answerChoices;
      if (typeof type === "string" && !isUnknown(type) && !isUnknown(choices)) {
        if (choiceTypes.includes(type)) {
          if (!Array.isArray(choices) || choices.length === 0) fail("answerChoices", `answerChoices is required for ${type}: the list of choices, e.g. ["Yes", "No"].`);
          else if (choices.some((c) => !isUnknown(c) && (typeof c !== "string" || c.trim() === ""))) fail("answerChoices", "answerChoices must be non-empty strings.");
          else if (new Set(choices).size !== choices.length) fail("answerChoices", "answerChoices lists a choice twice; list each once.");
        } else if (has(choices)) {
          fail("answerChoices", `answerChoices is only for singleChoice and multiChoice questions; remove it, or set answerInputType to "singleChoice" or "multiChoice".`);
        }
      }
    }
  }
  if (has(news.isRequired) && !isUnknown(news.isRequired) && typeof news.isRequired !== "boolean") fail("isRequired", "isRequired must be true or false.");
  return result<QuestionInputs>();
}
