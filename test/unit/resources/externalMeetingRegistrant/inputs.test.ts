import { expect } from "chai";
import * as fc from "fast-check";
import { check, inputProperties } from "../../../../provider/resources/externalMeetingRegistrant/inputs";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { type Check, describeCheckProperties, graphMeetingId, guid, upn } from "../../../support/checkProperties";
import { base, meetingId, person, tenant } from "./fixtures";

describe("ExternalMeetingRegistrant: check", () => {
  it("accepts a registrant, with or without Entra ids", () => {
    expect(check({}, { ...base, __provider: "x" })).to.deep.equal({ inputs: base });
    const withIds = { ...base, registrantTenantId: tenant, registrantUserId: person, registrationId: "reg-1", allowedRegistrant: "organization" };
    expect(check({}, withIds)).to.deep.equal({ inputs: withIds });
  });

  it("lets values unknown during preview pass", () => {
    expect(check({}, { meetingId: unknownValue, registrantId: unknownValue, registrationId: unknownValue, allowedRegistrant: unknownValue }).failures).to.equal(undefined);
  });

  const mistakes: [string, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["no registrantId", { meetingId }, [{ property: "registrantId", reason: "registrantId is required: the registrant's id in your registration system (any string, unique per meeting)." }]],
    ["registrantId with a slash", { ...base, registrantId: "crm/42" }, [{ property: "registrantId", reason: 'registrantId "crm/42" contains one of / \\ ? #, which Graph cannot take in the registrant\'s URL (DELETE .../registrants/{id}); use another id.' }]],
    ["registrantId padded", { ...base, registrantId: " 42" }, [{ property: "registrantId", reason: 'registrantId " 42" starts or ends with whitespace; Graph would keep it as part of the id.' }]],
    ["tenant without user", { ...base, registrantTenantId: tenant }, [{ property: "registrantUserId", reason: "registrantUserId is missing: Graph takes the registrant's Entra ids as a pair; set it with registrantTenantId, or omit both." }]],
    ["user id not a GUID", { ...base, registrantTenantId: tenant, registrantUserId: "bob@contoso.com" }, [{ property: "registrantUserId", reason: 'registrantUserId "bob@contoso.com" is not a GUID: it is the registrant\'s object id in Entra ID.' }]],
    ["organization-only registration without ids", { ...base, allowedRegistrant: "organization" }, [{ property: "registrantTenantId", reason: 'the registration allows only the organization (allowedRegistrant "organization"), so Graph requires the registrant\'s Entra ids: set registrantTenantId and registrantUserId (the person\'s tenant id and object id).' }]],
    ["a thread id as meetingId", { ...base, meetingId: "19:meeting_x@thread.v2" }, [{ property: "meetingId", reason: 'meetingId "19:meeting_x@thread.v2" is a Teams chat thread id, not an online meeting id; use the id Graph returns for the onlineMeeting (base64 of 1*<organizerId>*0**<threadId>, it starts with "MSo").' }]],
    ["misspelt property", { ...base, registrantTenantID: tenant }, [{ property: "registrantTenantID", reason: 'unknown property "registrantTenantID"; did you mean "registrantTenantId"?' }]],
  ];
  for (const [name, news, failures] of mistakes) {
    it(`rejects: ${name}`, () => expect(check({}, news).failures).to.deep.equal(failures));
  }
});

// The property tests of check (test/support/checkProperties.ts): valid inputs, and which
// properties are checked together.

// "." and ".." are not ids (they address the parent in a URL): check refuses them.
const registrantId = fc.stringMatching(/^[A-Za-z0-9_.:@-]{1,20}$/).filter((v) => v !== "." && v !== "..");
const validRegistrant = fc.oneof(
  fc.record(
    { meetingId: graphMeetingId, userId: fc.oneof(guid, upn), registrantId, registrationId: guid, allowedRegistrant: fc.constant("everyone") },
    { requiredKeys: ["meetingId", "registrantId"] },
  ),
  fc.record(
    { meetingId: graphMeetingId, userId: fc.oneof(guid, upn), registrantId, registrantTenantId: guid, registrantUserId: guid, registrationId: guid, allowedRegistrant: fc.constantFrom("everyone", "organization") },
    { requiredKeys: ["meetingId", "registrantId", "registrantTenantId", "registrantUserId"] },
  ),
);

describeCheckProperties({
  name: "ExternalMeetingRegistrant",
  check: check as Check,
  properties: inputProperties,
  valid: validRegistrant,
  together: {
    registrantTenantId: ["registrantUserId"],
    registrantUserId: ["registrantTenantId"],
    allowedRegistrant: ["registrantTenantId"],
  },
});
