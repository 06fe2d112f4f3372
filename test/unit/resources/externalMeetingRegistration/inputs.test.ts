import { expect } from "chai";
import * as fc from "fast-check";
import { check, inputProperties } from "../../../../provider/resources/externalMeetingRegistration/inputs";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { type Check, describeCheckProperties, graphMeetingId, guid, upn } from "../../../support/checkProperties";
import { meetingId, organizer, thread } from "./fixtures";

const teamsClientId = Buffer.from(`0#${thread}#0`).toString("base64");

describe("ExternalMeetingRegistration: check", () => {
  it("accepts a Graph meeting id and fills in allowedRegistrant", () => {
    expect(check({}, { meetingId, userId: organizer })).to.deep.equal({ inputs: { meetingId, userId: organizer, allowedRegistrant: "everyone" } });
    expect(check({}, { meetingId, allowedRegistrant: "organization", __provider: "x" })).to.deep.equal({ inputs: { meetingId, allowedRegistrant: "organization" } });
    expect(check({}, { meetingId, userId: "adele.vance@contoso.com" }).failures).to.equal(undefined);
    expect(check({}, { meetingId, adoptId: "f23714a3-a2f4-4b1d-96d2-bfe9097e7163" })).to.deep.equal({ inputs: { meetingId, allowedRegistrant: "everyone", adoptId: "f23714a3-a2f4-4b1d-96d2-bfe9097e7163" } });
  });

  it("never rejects an opaque id because it does not decode", () => {
    for (const id of ["MSo1", "abc+def=", "x_y-z", "%%%"]) expect(check({}, { meetingId: id }).failures, id).to.equal(undefined);
  });

  it("lets values unknown during preview pass", () => {
    const r = check({}, { meetingId: unknownValue, userId: unknownValue, allowedRegistrant: unknownValue });
    expect(r).to.deep.equal({ inputs: { meetingId: unknownValue, userId: unknownValue, allowedRegistrant: unknownValue } });
  });

  const mistakes: [string, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["no meetingId", {}, [{ property: "meetingId", reason: 'meetingId is required: set it to the id of the online meeting (the "id" Graph returns when the meeting is created, e.g. an OnlineMeeting resource\'s id).' }]],
    ["meetingId empty", { meetingId: "" }, [{ property: "meetingId", reason: "meetingId is empty: set it to the id of the online meeting." }]],
    ["meetingId blank", { meetingId: "   " }, [{ property: "meetingId", reason: "meetingId is empty: set it to the id of the online meeting." }]],
    ["meetingId number", { meetingId: 42 }, [{ property: "meetingId", reason: "meetingId must be a string, not number." }]],
    ["meetingId with a line break", { meetingId: `${meetingId}\n` }, [{ property: "meetingId", reason: "meetingId contains whitespace; copy the id without spaces or line breaks." }]],
    ["meetingId a path", { meetingId: `users/${organizer}/onlineMeetings/${meetingId}` }, [{ property: "meetingId", reason: 'meetingId contains "/"; it must be the bare online meeting id, not a path.' }]],
    ["meetingId a join URL", { meetingId: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0" }, [{ property: "meetingId", reason: "meetingId is a URL; set the online meeting's id instead (find it with GET /users/{userId}/onlineMeetings?$filter=JoinWebUrl eq '<join URL>')." }]],
    ["meetingId a thread id", { meetingId: thread }, [{ property: "meetingId", reason: `meetingId "${thread}" is a Teams chat thread id, not an online meeting id; use the id Graph returns for the onlineMeeting (base64 of 1*<organizerId>*0**<threadId>, it starts with "MSo").` }]],
    ["meetingId a Teams-client id", { meetingId: teamsClientId }, [{ property: "meetingId", reason: `meetingId "${teamsClientId}" is a Teams-client meeting id (base64 of 0#<threadId>#0), not the Graph onlineMeeting id; use the id Graph returns for the onlineMeeting (base64 of 1*<organizerId>*0**<threadId>, it starts with "MSo").` }]],
    ["userId empty", { meetingId, userId: "" }, [{ property: "userId", reason: "userId is empty: omit it to act as the signed-in user (/me, needs a delegated token), or set the organizer's object id or userPrincipalName." }]],
    ["userId 'me'", { meetingId, userId: "me" }, [{ property: "userId", reason: 'userId "me" is not a user: omit userId to call /me.' }]],
    ["UPN with a space", { meetingId, userId: "adele vance@contoso.com" }, [{ property: "userId", reason: 'userId "adele vance@contoso.com" contains whitespace; a userPrincipalName has none (e.g. adele.vance@contoso.com).' }]],
    ["userId a display name", { meetingId, userId: "Adele" }, [{ property: "userId", reason: 'userId "Adele" is neither an object id (GUID) nor a userPrincipalName (name@domain); use the meeting organizer\'s.' }]],
    ["userId with a slash", { meetingId, userId: `users/${organizer}` }, [{ property: "userId", reason: 'userId contains "/"; use the organizer\'s object id (GUID) or userPrincipalName.' }]],
    ["allowedRegistrant unknownFutureValue", { meetingId, allowedRegistrant: "unknownFutureValue" }, [{ property: "allowedRegistrant", reason: 'allowedRegistrant "unknownFutureValue" is Graph\'s placeholder for values added later, not a setting; use "everyone" or "organization".' }]],
    ["allowedRegistrant capitalised", { meetingId, allowedRegistrant: "Everyone" }, [{ property: "allowedRegistrant", reason: 'allowedRegistrant "Everyone" must be written exactly "everyone" (lower case, no spaces).' }]],
    ["allowedRegistrant unknown", { meetingId, allowedRegistrant: "public" }, [{ property: "allowedRegistrant", reason: 'allowedRegistrant "public" is not a value Graph knows; use "everyone" (anyone may register) or "organization" (only people in the organizer\'s tenant).' }]],
    ["adoptId empty", { meetingId, adoptId: "" }, [{ property: "adoptId", reason: 'adoptId must be the id of the meeting\'s existing registration, as the "already has an external registration (id …)" error shows it; omit it to create a new registration.' }]],
    ["adoptId a number", { meetingId, adoptId: 7 }, [{ property: "adoptId", reason: "adoptId must be a string, not number." }]],
    ["misspelt property", { meetingID: meetingId }, [
      { property: "meetingID", reason: 'unknown property "meetingID"; did you mean "meetingId"?' },
      { property: "meetingId", reason: 'meetingId is required: set it to the id of the online meeting (the "id" Graph returns when the meeting is created, e.g. an OnlineMeeting resource\'s id).' },
    ]],
    ["unknown property", { meetingId, subject: "x" }, [{ property: "subject", reason: 'unknown property "subject"; ExternalMeetingRegistration takes meetingId, userId, allowedRegistrant and adoptId.' }]],
  ];
  for (const [name, news, failures] of mistakes) {
    it(`rejects: ${name}`, () => {
      expect(check({}, news).failures).to.deep.equal(failures);
    });
  }
});

// The property tests of check (test/support/checkProperties.ts): valid inputs, and which
// properties are checked together.
const validRegistration = fc.record(
  { meetingId: graphMeetingId, userId: fc.oneof(guid, upn), allowedRegistrant: fc.constantFrom("everyone", "organization") },
  { requiredKeys: ["meetingId"] },
);

describeCheckProperties({ name: "ExternalMeetingRegistration", check: check as Check, properties: inputProperties, valid: validRegistration, together: {} });
