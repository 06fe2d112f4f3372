import { expect } from "chai";
import * as fc from "fast-check";
import { check, inputProperties, predefinedLabels } from "../../../../provider/resources/virtualEventRegistrationQuestion/inputs";
import { anyWebinarId, type Check, describeCheckProperties } from "../../../support/checkProperties";
import { custom, predefined, webinarId } from "./fixtures";

describe("VirtualEventRegistrationQuestion: check", () => {
  it("accepts a custom and a predefined question", () => {
    expect(check({}, custom)).to.deep.equal({ inputs: custom });
    expect(check({}, predefined)).to.deep.equal({ inputs: predefined });
    expect(check({}, { webinarId, displayName: "Track", answerInputType: "singleChoice", answerChoices: ["A", "B"] }).failures).to.equal(undefined);
  });
  const mistakes: [string, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["neither kind", { webinarId }, [{ property: "label", reason: 'set label for a predefined question (e.g. label: "jobTitle"), or displayName and answerInputType for a custom one.' }]],
    ["both kinds", { ...predefined, displayName: "Job" }, [{ property: "displayName", reason: "displayName is for a custom question, and label for a predefined one (Graph sets its text): set either label, or displayName and answerInputType." }]],
    ["a label Graph does not know", { webinarId, label: "phone" }, [{ property: "label", reason: 'label "phone" is not a value Graph knows; use one of "street", "city", "state", "postalCode", "countryOrRegion", "industry", "jobTitle", "organization".' }]],
    ["a choice question without choices", { webinarId, displayName: "Track", answerInputType: "multiChoice" }, [{ property: "answerChoices", reason: 'answerChoices is required for multiChoice: the list of choices, e.g. ["Yes", "No"].' }]],
    ["choices on a text question", { ...custom, answerChoices: ["a"] }, [{ property: "answerChoices", reason: 'answerChoices is only for singleChoice and multiChoice questions; remove it, or set answerInputType to "singleChoice" or "multiChoice".' }]],
    ["an answer type in the wrong case", { ...custom, answerInputType: "MultilineText" }, [{ property: "answerInputType", reason: 'answerInputType "MultilineText" must be written exactly "multilineText".' }]],
  ];
  for (const [name, news, failures] of mistakes) {
    it(`rejects: ${name}`, () => expect(check({}, news).failures).to.deep.equal(failures));
  }
});

// The property tests of check (test/support/checkProperties.ts): valid inputs, and which
// properties are checked together.
const validQuestion = fc.oneof(
  fc.record({ webinarId: anyWebinarId, label: fc.constantFrom(...predefinedLabels), isRequired: fc.boolean() }, { requiredKeys: ["webinarId", "label"] }),
  fc.record({ webinarId: anyWebinarId, displayName: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), answerInputType: fc.constantFrom("text", "multilineText", "boolean"), isRequired: fc.boolean() }, { requiredKeys: ["webinarId", "displayName", "answerInputType"] }),
  fc.record({ webinarId: anyWebinarId, displayName: fc.constant("Track"), answerInputType: fc.constantFrom("singleChoice", "multiChoice"), answerChoices: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,10}$/), { minLength: 1, maxLength: 4 }) }),
);

describeCheckProperties({
  name: "VirtualEventRegistrationQuestion",
  check: check as Check,
  properties: inputProperties,
  valid: validQuestion,
  // The question's kind is decided by which of these are set: a change to one can be blamed on the others.
  together: { label: ["displayName", "answerInputType", "answerChoices"], displayName: ["label", "answerInputType", "answerChoices"], answerInputType: ["label", "answerChoices", "displayName"], answerChoices: ["label", "displayName", "answerInputType"] },
});
