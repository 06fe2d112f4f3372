import { expect } from "chai";
import * as fc from "fast-check";
import { check, inputProperties } from "../../../../provider/resources/virtualEventRegistration/inputs";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { anyWebinarId, type Check, describeCheckProperties, guid, zone } from "../../../support/checkProperties";
import { base, webinarId } from "./fixtures";

describe("VirtualEventRegistration: check", () => {
  it("accepts a registration with answers", () => {
    const full = { ...base, registrationQuestionAnswers: [{ questionId: "q1", value: "Analytical Engines" }, { questionId: "q2", multiChoiceValues: ["a"] }] };
    expect(check({}, { ...full, __provider: "x" })).to.deep.equal({ inputs: full });
  });
  it("lets values unknown during preview pass", () => {
    expect(check({}, { ...base, webinarId: unknownValue, email: unknownValue }).failures).to.equal(undefined);
  });
  const mistakes: [string, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["an email without a domain", { ...base, email: "ada" }, [{ property: "email", reason: 'email "ada" is not an email address; write name@domain, e.g. ada@example.com.' }]],
    ["no email", { ...base, email: undefined }, [{ property: "email", reason: "email is required: the person's email address (Graph sends the confirmation there and keys the registration by it)." }]],
    ["a zone Graph does not know", { ...base, preferredTimezone: "Mars/Olympus" }, [{ property: "preferredTimezone", reason: 'preferredTimezone "Mars/Olympus" is not a zone name Graph knows; use a Windows zone name such as "Pacific Standard Time" or "UTC", or an IANA name such as "Europe/Berlin".' }]],
    ["a language that is not a tag", { ...base, preferredLanguage: "English" }, [{ property: "preferredLanguage", reason: 'preferredLanguage "English" is not a language tag; write e.g. "en-us" or "de-de".' }]],
    ["an external id over 256", { ...base, externalRegistrationInformation: { registrationId: "y".repeat(300) } }, [{ property: "externalRegistrationInformation.registrationId", reason: "externalRegistrationInformation.registrationId is 300 characters long; Graph takes at most 256: use a shorter id (a hash of the long one, say)." }]],
    ["an answer with two values", { ...base, registrationQuestionAnswers: [{ questionId: "q1", value: "x", booleanValue: true }] }, [{ property: "registrationQuestionAnswers[0]", reason: "registrationQuestionAnswers[0] needs exactly one of value (text answers), booleanValue (boolean questions) or multiChoiceValues (choice questions), not value and booleanValue." }]],
    ["a webinar id with a slash", { ...base, webinarId: "a/../b" }, [{ property: "webinarId", reason: 'webinarId "a/../b" contains one of / \\ ? #; it must be the webinar\'s id (webinar.id), not a path.' }]],
    ["a dot webinar id", { ...base, webinarId: "." }, [{ property: "webinarId", reason: 'webinarId "." is a dot segment, not an id: set it to the webinar\'s id (webinar.id).' }]],
    ["an import id of another webinar", { ...base, adoptId: "other@x/reg-1" }, [{ property: "adoptId", reason: `adoptId (the import id) names webinar "other@x", but webinarId is "${webinarId}": import the registration into the resource of its own webinar.` }]],
    ["an import id with an empty segment", { ...base, adoptId: `${webinarId}/` }, [{ property: "adoptId", reason: `adoptId (the import id) must be "{webinarId}/{registrationId}", e.g. "8d62…@72f9…/a1b2…"; got "${webinarId}/".` }]],
  ];
  for (const [name, news, failures] of mistakes) {
    it(`rejects: ${name}`, () => expect(check({}, news).failures).to.deep.equal(failures));
  }
});

// The property tests of check (test/support/checkProperties.ts): valid inputs, and which
// properties are checked together.
const validWebinarRegistration = fc.record(
  {
    webinarId: anyWebinarId,
    firstName: fc.stringMatching(/^[A-Z][a-z]{1,10}$/),
    lastName: fc.stringMatching(/^[A-Z][a-z]{1,10}$/),
    email: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.constantFrom("example.com", "contoso.org")).map(([n, d]) => `${n}@${d}`),
    preferredTimezone: zone,
    preferredLanguage: fc.constantFrom("en-us", "de-de", "fr"),
    externalRegistrationInformation: fc.record({ referrer: fc.constantFrom("CRM", "Fabrikam"), registrationId: fc.stringMatching(/^[a-z0-9-]{1,30}$/) }, { requiredKeys: [] }),
    registrationQuestionAnswers: fc.uniqueArray(fc.record({ questionId: guid, value: fc.string() }), { maxLength: 3, selector: (a) => a.questionId }),
  },
  { requiredKeys: ["webinarId", "firstName", "lastName", "email", "preferredTimezone", "preferredLanguage"] },
);

describeCheckProperties({
  name: "VirtualEventRegistration",
  check: check as Check,
  properties: inputProperties,
  valid: validWebinarRegistration,
  together: { webinarId: ["adoptId"] },
});
