import { expect } from "chai";
import * as fc from "fast-check";
import { attendeeRoles, check, inputProperties, lobbyScopes, meetingChatModes, presenterModes } from "../../../../provider/resources/onlineMeeting/inputs";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { type Check, describeCheckProperties, guid, upn } from "../../../support/checkProperties";
import { alice, base, organizer } from "./fixtures";

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

// The property tests of check (test/support/checkProperties.ts): valid inputs, and which
// properties are checked together.
const attendee = fc.oneof(
  fc.record({ userId: guid, tenantId: guid, role: fc.constantFrom(...attendeeRoles) }, { requiredKeys: ["userId"] }),
  fc.record({ upn, role: fc.constantFrom(...attendeeRoles) }, { requiredKeys: ["upn"] }),
);
const validMeeting = fc
  .tuple(
    fc.record(
      {
        subject: fc.string(),
        userId: fc.oneof(guid, upn),
        externalId: fc.stringMatching(/^[a-z0-9-]{1,16}$/),
        attendees: fc.uniqueArray(attendee, { maxLength: 3, selector: (a) => String((a as { userId?: string; upn?: string }).userId ?? (a as { upn?: string }).upn).toLowerCase() }),
        lobbyBypassSettings: fc.record({ scope: fc.constantFrom(...lobbyScopes), isDialInBypassEnabled: fc.boolean() }, { requiredKeys: [] }),
        allowedPresenters: fc.constantFrom(...presenterModes),
        allowMeetingChat: fc.constantFrom(...meetingChatModes),
        allowAttendeeToEnableCamera: fc.boolean(),
        allowAttendeeToEnableMic: fc.boolean(),
        recordAutomatically: fc.boolean(),
        isEntryExitAnnounced: fc.boolean(),
      },
      { requiredKeys: ["subject"] },
    ),
    fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2080-01-01T00:00:00Z"), noInvalidDate: true }),
    fc.integer({ min: 1, max: 24 * 60 }),
  )
  .map(([m, start, minutes]) => ({ ...m, startDateTime: start.toISOString(), endDateTime: new Date(start.getTime() + minutes * 60_000).toISOString() }));

describeCheckProperties({
  name: "OnlineMeeting",
  check: check as Check,
  properties: inputProperties,
  valid: validMeeting,
  together: {
    startDateTime: ["endDateTime"],
    externalId: ["isPasscodeRequired"],
    isPasscodeRequired: ["isPasscodeRequired"],
  },
});
