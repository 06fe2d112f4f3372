import { expect } from "chai";
import { normaliseDateTime, sameDateTime } from "../../../provider/resources/onlineMeeting/dateTimes";
import { check } from "../../../provider/resources/onlineMeeting/inputs";
import { diff } from "../../../provider/resources/onlineMeeting/lifecycle";
import { changedSettings, graphBody, LiveMeeting, projectLive } from "../../../provider/resources/onlineMeeting/settings";
import { unknownValue } from "../../../provider/resources/common/unknown";

const organizer = "16664f75-11dc-4870-bec6-38c1aaa81431";
const tenant = "8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
const alice = "5b3c2d1e-1111-4222-8333-944455556666";
const base = { userId: organizer, subject: "Launch", startDateTime: "2026-12-10T10:00:00+01:00", endDateTime: "2026-12-10T11:00:00+01:00" };

describe("OnlineMeeting: date-times", () => {
  const table: [string, string | undefined][] = [
    ["2026-12-10T10:00:00+01:00", "2026-12-10T09:00:00.0000000Z"],
    ["2026-12-10T10:00:00+0100", "2026-12-10T09:00:00.0000000Z"],
    ["2026-12-10T09:00Z", "2026-12-10T09:00:00.0000000Z"],
    ["2026-12-10T09:00:00.1234567Z", "2026-12-10T09:00:00.1234567Z"],
    ["2026-12-10T09:00:00.123456789Z", "2026-12-10T09:00:00.1234567Z"],
    ["2026-12-10T09:00:00.5z", "2026-12-10T09:00:00.5000000Z"],
    ["2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00.0000000Z"],
    ["2026-02-30T10:00:00Z", undefined],
    ["2026-12-10T24:00:00Z", undefined],
    ["2026-12-10T10:00:00+25:00", undefined],
    ["2026-12-10T10:00:00", undefined],
    ["2026-12-10", undefined],
    ["next tuesday", undefined],
  ];
  for (const [input, expected] of table) {
    it(`${input} → ${expected ?? "rejected"}`, () => expect(normaliseDateTime(input)).to.equal(expected));
  }
  it("compares instants, not spellings", () => {
    expect(sameDateTime("2026-12-10T10:00:00+01:00", "2026-12-10T09:00:00.0000000Z")).to.equal(true);
    expect(sameDateTime("2026-12-10T10:00:00+01:00", "2026-12-10T10:00:00.0000000Z")).to.equal(false);
    expect(sameDateTime("2026-12-10T09:00:00.0000001Z", "2026-12-10T09:00:00Z")).to.equal(false);
  });
});

describe("OnlineMeeting: check", () => {
  it("accepts a meeting and keeps the user's spelling", () => {
    expect(check({}, { ...base, __provider: "x" })).to.deep.equal({ inputs: base });
    const full = {
      ...base,
      externalId: "launch-2026",
      attendees: [{ userId: alice, role: "presenter" }, { upn: "bob@contoso.com" }],
      lobbyBypassSettings: { scope: "everyone", isDialInBypassEnabled: true },
      allowedPresenters: "roleIsPresenter",
      allowMeetingChat: "limited",
      allowAttendeeToEnableCamera: false,
      allowAttendeeToEnableMic: false,
      recordAutomatically: true,
      isEntryExitAnnounced: false,
    };
    expect(check({}, full)).to.deep.equal({ inputs: full });
    expect(check({}, { ...base, userId: undefined, isPasscodeRequired: true }).inputs).to.deep.equal({ subject: "Launch", startDateTime: base.startDateTime, endDateTime: base.endDateTime, isPasscodeRequired: true });
  });

  it("lets values unknown during preview pass", () => {
    const r = check({}, { userId: unknownValue, subject: unknownValue, startDateTime: unknownValue, endDateTime: unknownValue, attendees: [unknownValue, { userId: unknownValue }] });
    expect(r.failures).to.equal(undefined);
  });

  const mistakes: [string, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["end before start", { ...base, endDateTime: "2026-12-10T09:30:00+01:00" }, [{ property: "endDateTime", reason: 'endDateTime "2026-12-10T09:30:00+01:00" is before startDateTime "2026-12-10T10:00:00+01:00"; a meeting must end after it starts.' }]],
    ["end before start across zones", { ...base, endDateTime: "2026-12-10T09:30:00Z" }, []],
    ["no zone", { ...base, startDateTime: "2026-12-10T10:00:00" }, [{ property: "startDateTime", reason: 'startDateTime "2026-12-10T10:00:00" has no time zone, so Graph would read it as UTC; add "Z" for UTC or the offset, e.g. "2026-12-10T10:00:00+01:00".' }]],
    ["a date only", { ...base, endDateTime: "2026-12-10" }, [{ property: "endDateTime", reason: 'endDateTime "2026-12-10" is a date without a time; write a date-time with a zone, e.g. "2026-12-10T09:00:00Z".' }]],
    ["an impossible date", { ...base, startDateTime: "2026-02-30T10:00:00Z" }, [{ property: "startDateTime", reason: 'startDateTime "2026-02-30T10:00:00Z" is not an ISO 8601 date-time (or not a real date); write e.g. "2026-12-10T10:00:00+01:00" or "2026-12-10T09:00:00Z".' }]],
    ["a number as a time", { ...base, startDateTime: 1765357200000 }, [{ property: "startDateTime", reason: 'startDateTime must be a string (ISO 8601 date-time with a zone, e.g. "2026-12-10T10:00:00+01:00"), not number.' }]],
    ["no times", { userId: organizer, subject: "x" }, [
      { property: "startDateTime", reason: 'startDateTime is required: an ISO 8601 date-time with a zone, e.g. "2026-12-10T10:00:00+01:00" or "2026-12-10T09:00:00Z".' },
      { property: "endDateTime", reason: 'endDateTime is required: an ISO 8601 date-time with a zone, e.g. "2026-12-10T10:00:00+01:00" or "2026-12-10T09:00:00Z".' },
    ]],
    ["no subject", { ...base, subject: undefined }, [{ property: "subject", reason: "subject is required: the meeting's title, as attendees see it." }]],
    ["passcode with externalId", { ...base, externalId: "k", isPasscodeRequired: true }, [{ property: "isPasscodeRequired", reason: "isPasscodeRequired cannot be combined with externalId: a meeting with an externalId is created through Graph's createOrGet, which takes no joinMeetingIdSettings, and the passcode setting cannot be changed after creation. Drop one of the two." }]],
    ["empty externalId", { ...base, externalId: " " }, [{ property: "externalId", reason: "externalId is empty: omit it, or set your own stable key for this meeting (it makes a retried create return the same meeting)." }]],
    ["attendee without identity", { ...base, attendees: [{ role: "presenter" }] }, [{ property: "attendees[0]", reason: "attendees[0] needs userId (the person's Entra object id) or upn (their userPrincipalName)." }]],
    ["attendee UPN in userId", { ...base, attendees: [{ userId: "bob@contoso.com" }] }, [{ property: "attendees[0].userId", reason: "attendees[0].userId must be an Entra object id (GUID); put a userPrincipalName in upn." }]],
    ["attendee role capitalised", { ...base, attendees: [{ userId: alice, role: "Presenter" }] }, [{ property: "attendees[0].role", reason: 'attendees[0].role "Presenter" must be written exactly "presenter".' }]],
    ["attendee twice", { ...base, attendees: [{ userId: alice }, { userId: alice.toUpperCase(), role: "presenter" }] }, [{ property: "attendees[1]", reason: "attendees[1] names the same person as attendees[0]; list each person once." }]],
    ["attendee misspelt key", { ...base, attendees: [{ userID: alice }] }, [
      { property: "attendees[0].userID", reason: 'unknown property "userID"; did you mean "userId"?' },
      { property: "attendees[0]", reason: "attendees[0] needs userId (the person's Entra object id) or upn (their userPrincipalName)." },
    ]],
    ["attendees not a list", { ...base, attendees: { userId: alice } }, [{ property: "attendees", reason: "attendees must be a list of { userId or upn, role }." }]],
    ["lobby scope", { ...base, lobbyBypassSettings: { scope: "public" } }, [{ property: "lobbyBypassSettings.scope", reason: 'lobbyBypassSettings.scope "public" is not a value Graph knows; use one of "organizer", "organization", "organizationAndFederated", "everyone", "invited", "organizationExcludingGuests".' }]],
    ["chat placeholder", { ...base, allowMeetingChat: "unknownFutureValue" }, [{ property: "allowMeetingChat", reason: 'allowMeetingChat "unknownFutureValue" is Graph\'s placeholder for values added later, not a setting; use one of "enabled", "disabled", "limited".' }]],
    ["boolean as string", { ...base, recordAutomatically: "true" }, [{ property: "recordAutomatically", reason: 'recordAutomatically must be true or false, not the string "true".' }]],
    ["misspelt property", { ...base, allowMeetingchat: "enabled" }, [{ property: "allowMeetingchat", reason: 'unknown property "allowMeetingchat"; did you mean "allowMeetingChat"?' }]],
    ["userId me", { ...base, userId: "me" }, [{ property: "userId", reason: 'userId "me" is not a user: omit userId to call /me.' }]],
  ];
  for (const [name, news, failures] of mistakes) {
    it(`${failures.length ? "rejects" : "accepts"}: ${name}`, () => {
      expect(check({}, news).failures).to.deep.equal(failures.length ? failures : undefined);
    });
  }
});

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
