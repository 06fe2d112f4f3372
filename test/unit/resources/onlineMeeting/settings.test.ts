import { expect } from "chai";
import { graphBody, LiveMeeting, projectLive } from "../../../../provider/resources/onlineMeeting/settings";
import { alice, base, tenant } from "./fixtures";

describe("OnlineMeeting: Graph bodies", () => {
  it("sends start and end together, attendees as the full participants list, the passcode setting as joinMeetingIdSettings", () => {
    const inputs = { ...base, attendees: [{ userId: alice, tenantId: tenant }, { upn: "bob@contoso.com", role: "presenter" as const }], isPasscodeRequired: true };
    expect(graphBody(inputs, ["endDateTime"])).to.deep.equal({ startDateTime: base.startDateTime, endDateTime: base.endDateTime });
    expect(graphBody(inputs, ["attendees", "isPasscodeRequired", "userId"])).to.deep.equal({
      participants: { attendees: [{ role: "attendee", identity: { user: { id: alice, tenantId: tenant } } }, { role: "presenter", upn: "bob@contoso.com" }] },
      joinMeetingIdSettings: { isPasscodeRequired: true },
    });
  });
});

describe("OnlineMeeting: the live meeting seen through the user's inputs", () => {
  // What Graph answers for `base` plus an attendee: UTC, 7 digits, defaults filled in, ids resolved.
  const live: LiveMeeting = {
    id: "MSo1",
    subject: "Launch",
    startDateTime: "2026-12-10T09:00:00.0000000Z",
    endDateTime: "2026-12-10T10:00:00.0000000Z",
    externalId: null,
    allowedPresenters: "everyone",
    allowMeetingChat: "enabled",
    allowAttendeeToEnableCamera: true,
    allowAttendeeToEnableMic: true,
    recordAutomatically: false,
    isEntryExitAnnounced: true,
    lobbyBypassSettings: { scope: "organization", isDialInBypassEnabled: false },
    joinMeetingIdSettings: { isPasscodeRequired: false, joinMeetingId: "1234567890123", passcode: null },
    participants: { attendees: [{ upn: "bob@contoso.com", role: "attendee", identity: { user: { id: alice, tenantId: tenant } } }] },
  };

  it("equals the inputs when Graph only normalised them and filled in defaults", () => {
    const stored = { ...base, attendees: [{ upn: "bob@contoso.com" }], lobbyBypassSettings: { scope: "organization" as const } };
    expect(projectLive(live, stored)).to.deep.equal(stored);
  });

  it("takes Graph's value where it differs, only for what the user set", () => {
    const stored = { ...base, allowMeetingChat: "enabled" as const, lobbyBypassSettings: { isDialInBypassEnabled: false }, attendees: [{ userId: alice, role: "presenter" as const }] };
    const moved = { ...live, startDateTime: "2026-12-10T10:00:00.0000000Z", endDateTime: "2026-12-10T11:00:00.0000000Z", allowMeetingChat: "disabled", lobbyBypassSettings: { scope: "everyone", isDialInBypassEnabled: true } };
    expect(projectLive(moved, stored)).to.deep.equal({
      ...stored,
      startDateTime: "2026-12-10T10:00:00.0000000Z",
      endDateTime: "2026-12-10T11:00:00.0000000Z",
      allowMeetingChat: "disabled",
      lobbyBypassSettings: { isDialInBypassEnabled: true },
      attendees: [{ userId: alice, role: "attendee" }],
    });
  });

  it("shows attendees removed or added outside Pulumi", () => {
    const stored = { ...base, attendees: [{ userId: alice }, { upn: "carol@contoso.com" }] };
    const other = "7a7a7a7a-2222-4333-8444-955566667777";
    const changed = { ...live, participants: { attendees: [{ upn: null, role: "attendee", identity: { user: { id: alice, tenantId: tenant } } }, { upn: null, role: "presenter", identity: { user: { id: other, tenantId: tenant } } }] } };
    expect(projectLive(changed, stored).attendees).to.deep.equal([{ userId: alice }, { userId: other, role: "presenter" }]);
  });
});
