import { expect } from "chai";
import { check } from "../../../provider/resources/externalMeetingRegistrant/inputs";
import { diff } from "../../../provider/resources/externalMeetingRegistrant/lifecycle";
import { unknownValue } from "../../../provider/resources/common/unknown";

const organizer = "16664f75-11dc-4870-bec6-38c1aaa81431";
const tenant = "8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
const person = "5b3c2d1e-1111-4222-8333-944455556666";
const meetingId = Buffer.from(`1*${organizer}*0**19:meeting_NTg0NmQ3@thread.v2`).toString("base64").replace(/=+$/, "");
const base = { meetingId, userId: organizer, registrantId: "crm-0042" };

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

describe("ExternalMeetingRegistrant: diff", () => {
  const olds = { ...base, id: "crm-0042", joinWebUrl: "https://teams.microsoft.com/l/meetup-join/x", __provider: "stub" };
  it("no changes when the inputs are the same (joinWebUrl is an output)", async () => {
    expect(await diff("crm-0042", olds, base)).to.deep.equal({ changes: false });
  });
  it("any change replaces, deleting first (registrant ids are unique per meeting)", async () => {
    expect(await diff("crm-0042", olds, { ...base, registrantTenantId: tenant, registrantUserId: person })).to.deep.equal({ changes: true, replaces: ["registrantTenantId", "registrantUserId"], deleteBeforeReplace: true });
    expect(await diff("crm-0042", olds, { ...base, registrationId: unknownValue })).to.deep.equal({ changes: true, replaces: ["registrationId"], deleteBeforeReplace: true });
    expect(await diff("crm-0042", olds, { ...base, registrantId: "crm-0043" })).to.deep.equal({ changes: true, replaces: ["registrantId"], deleteBeforeReplace: true });
  });
});
