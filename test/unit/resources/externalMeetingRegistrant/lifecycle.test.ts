import { expect } from "chai";
import { diff } from "../../../../provider/resources/externalMeetingRegistrant/lifecycle";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { base, person, tenant } from "./fixtures";

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
