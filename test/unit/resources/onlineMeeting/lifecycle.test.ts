import { expect } from "chai";
import { diff } from "../../../../provider/resources/onlineMeeting/lifecycle";
import { changedSettings } from "../../../../provider/resources/onlineMeeting/settings";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { alice, base } from "./fixtures";

describe("OnlineMeeting: diff", () => {
  const olds = { ...base, id: "MSo1", joinWebUrl: "https://teams.microsoft.com/l/meetup-join/x", passcode: "abc", __provider: "stub" };
  const table: [string, Record<string, unknown>, Record<string, unknown>][] = [
    ["same inputs", { ...base }, { changes: false }],
    ["the same times spelt in UTC", { ...base, startDateTime: "2026-12-10T09:00:00.0000000Z", endDateTime: "2026-12-10T10:00:00Z" }, { changes: false }],
    ["isPasscodeRequired false = Graph's default", { ...base, isPasscodeRequired: false }, { changes: false }],
    ["subject", { ...base, subject: "Launch (moved)" }, { changes: true }],
    ["later start and end", { ...base, startDateTime: "2026-12-10T11:00:00+01:00", endDateTime: "2026-12-10T12:00:00+01:00" }, { changes: true }],
    ["a setting added", { ...base, allowMeetingChat: "disabled" }, { changes: true }],
    ["organizer", { ...base, userId: "adele@contoso.com" }, { changes: true, replaces: ["userId"] }],
    ["externalId", { ...base, externalId: "k" }, { changes: true, replaces: ["externalId"] }],
    ["isPasscodeRequired", { ...base, isPasscodeRequired: true }, { changes: true, replaces: ["isPasscodeRequired"] }],
    ["unknown subject", { ...base, subject: unknownValue }, { changes: true }],
    ["unknown organizer", { ...base, userId: unknownValue }, { changes: true, replaces: ["userId"] }],
  ];
  for (const [name, news, expected] of table) {
    it(name, async () => expect(await diff("MSo1", olds, news)).to.deep.equal(expected));
  }

  it("attendees compare as a set, with the default role and case-insensitive ids", async () => {
    const o = { ...olds, attendees: [{ userId: alice }, { upn: "bob@contoso.com", role: "presenter" as const }] };
    expect(await diff("MSo1", o, { ...base, attendees: [{ upn: "Bob@Contoso.com", role: "presenter" }, { userId: alice.toUpperCase(), role: "attendee" }] })).to.deep.equal({ changes: false });
    expect(await diff("MSo1", o, { ...base, attendees: [{ userId: alice }] })).to.deep.equal({ changes: true });
    expect(await diff("MSo1", o, { ...base, attendees: [{ userId: alice, role: "coorganizer" }, { upn: "bob@contoso.com", role: "presenter" }] })).to.deep.equal({ changes: true });
  });

  it("a setting removed from the program is a change of state only (update sends nothing for it)", async () => {
    const o = { ...olds, allowMeetingChat: "disabled" as const };
    expect(await diff("MSo1", o, base)).to.deep.equal({ changes: true });
    expect(changedSettings(o, base)).to.deep.equal([]);
  });
});
