import { expect } from "chai";
import * as fc from "fast-check";
import { audiences, check, inputProperties } from "../../../../provider/resources/virtualEventWebinar/inputs";
import { unknownValue } from "../../../../provider/resources/common/unknown";
import { type Check, describeCheckProperties, guid, zone } from "../../../support/checkProperties";
import { base, tenant, user } from "./fixtures";

describe("VirtualEventWebinar: check", () => {
  it("accepts a webinar (Windows and IANA zones) and keeps only known inputs", () => {
    const full = { ...base, description: { contentType: "text", content: "x" }, coOrganizers: [{ id: user, tenantId: tenant }], settings: { isAttendeeEmailNotificationEnabled: false }, externalEventId: "crm-event-7", published: true };
    expect(check({}, { ...full, __provider: "x" })).to.deep.equal({ inputs: full });
    const pst = { ...base, startDateTime: { dateTime: "2030-01-20T08:00:00", timeZone: "Pacific Standard Time" }, endDateTime: { dateTime: "2030-01-20T18:00:00", timeZone: "Europe/Berlin" } };
    expect(check({}, pst).failures).to.equal(undefined);
  });

  it("lets values unknown during preview pass", () => {
    expect(check({}, { displayName: unknownValue, startDateTime: unknownValue, endDateTime: unknownValue, audience: unknownValue, published: unknownValue }).failures).to.equal(undefined);
  });

  const mistakes: [string, Record<string, unknown>, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["end before start", {}, { ...base, endDateTime: { dateTime: "2030-01-20T15:00:00", timeZone: "UTC" } }, [{ property: "endDateTime", reason: "endDateTime must be after startDateTime (the webinar would end before it starts); move endDateTime later." }]],
    ["end before start across zones", {}, { ...base, endDateTime: { dateTime: "2030-01-20T16:30:00", timeZone: "W. Europe Standard Time" } }, [{ property: "endDateTime", reason: "endDateTime must be after startDateTime (the webinar would end before it starts); move endDateTime later." }]],
    ["a start in the past", {}, { ...base, startDateTime: { dateTime: "2020-01-20T16:00:00", timeZone: "UTC" } }, [{ property: "startDateTime", reason: "startDateTime is in the past (2020-01-20T16:00:00.000Z UTC); a webinar must start in the future: set a later dateTime." }]],
    ["an offset in dateTime", {}, { ...base, startDateTime: { dateTime: "2030-01-20T16:00:00Z", timeZone: "UTC" } }, [{ property: "startDateTime", reason: 'startDateTime.dateTime "2030-01-20T16:00:00Z" has a UTC offset; Graph reads dateTime as a local time in timeZone: write it without offset, e.g. "2030-01-20T16:00:00", and set timeZone (e.g. "UTC").' }]],
    ["a zone Graph does not know", {}, { ...base, endDateTime: { dateTime: "2030-01-20T17:00:00", timeZone: "Pacific" } }, [{ property: "endDateTime", reason: 'endDateTime.timeZone "Pacific" is not a zone name Graph knows; did you mean "Pacific Standard Time"?' }]],
    ["a time as a string", {}, { ...base, startDateTime: "2030-01-20T16:00:00Z" }, [{ property: "startDateTime", reason: 'startDateTime must be an object with dateTime and timeZone, not a string: e.g. startDateTime: { dateTime: "2027-01-20T16:00:00", timeZone: "Pacific Standard Time" } (a Windows zone name) or timeZone: "Europe/Berlin" (IANA).' }]],
    ["an audience in the wrong case", {}, { ...base, audience: "Everyone" }, [{ property: "audience", reason: 'audience "Everyone" must be written exactly "everyone".' }]],
    ["an external id over 256 characters", {}, { ...base, externalEventId: "x".repeat(257) }, [{ property: "externalEventId", reason: "externalEventId is 257 characters long; Graph takes at most 256: use a shorter id (a hash of the long one, say)." }]],
    ["a co-organizer by UPN", {}, { ...base, coOrganizers: [{ id: "adele@contoso.com", tenantId: tenant }] }, [{ property: "coOrganizers[0].id", reason: "coOrganizers[0].id must be the user's Entra object id, a GUID (a userPrincipalName is not accepted here: use the object id)." }]],
    ["unpublishing", { ...base, published: true }, { ...base, published: false }, [{ property: "published", reason: "published cannot go from true to false: Microsoft Graph cannot unpublish a webinar. Set published: true again; to end the webinar, remove the resource (Pulumi cancels it) or cancel it in Teams." }]],
    ["a dot segment as import id", {}, { ...base, adoptId: ".." }, [{ property: "adoptId", reason: 'adoptId ".." is a dot segment, not an id: set it to the id of the webinar to take over ({guid}@{tenantGuid}).' }]],
    ["misspelt property", {}, { ...base, displayname: "x" }, [{ property: "displayname", reason: 'unknown property "displayname"; did you mean "displayName"?' }]],
  ];
  for (const [name, olds, news, failures] of mistakes) {
    it(`rejects: ${name}`, () => expect(check(olds, news).failures).to.deep.equal(failures));
  }

  it("rejects: an audience Graph does not know, listing the values", () => {
    const [f, ...rest] = check({}, { ...base, audience: "public" }).failures ?? [];
    expect(rest).to.deep.equal([]);
    expect(f.property).to.equal("audience");
    expect(f.reason).to.match(/^audience "public" is not a value Graph knows; use .*"everyone".*"organization"/);
  });

  it("an unchanged start that has passed does not block later deployments", () => {
    const past = { ...base, startDateTime: { dateTime: "2020-01-20T16:00:00", timeZone: "UTC" }, endDateTime: { dateTime: "2020-01-20T17:00:00", timeZone: "UTC" } };
    expect(check(past, { ...past, displayName: "renamed" }).failures).to.equal(undefined);
  });
});

// The property tests of check (test/support/checkProperties.ts): valid inputs, and which
// properties are checked together.
const localTime = (d: Date) => d.toISOString().slice(0, 19);
const validWebinar = fc
  .tuple(
    fc.record(
      {
        displayName: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        description: fc.record({ contentType: fc.constantFrom("text", "html"), content: fc.string() }),
        audience: fc.constantFrom(...audiences),
        coOrganizers: fc.uniqueArray(fc.record({ id: guid, tenantId: guid }), { maxLength: 2, selector: (c) => c.id.toLowerCase() }),
        settings: fc.record({ isAttendeeEmailNotificationEnabled: fc.boolean() }),
        externalEventId: fc.stringMatching(/^[a-z0-9-]{1,40}$/),
        published: fc.boolean(),
      },
      { requiredKeys: ["displayName", "audience"] },
    ),
    // Far enough ahead that no zone puts it in the past, with at least a day between start and end.
    fc.date({ min: new Date("2031-01-01T00:00:00Z"), max: new Date("2080-01-01T00:00:00Z"), noInvalidDate: true }),
    fc.integer({ min: 1, max: 24 * 30 }),
    zone,
  )
  .map(([w, start, hours, tz]) => ({ ...w, startDateTime: { dateTime: localTime(start), timeZone: tz }, endDateTime: { dateTime: localTime(new Date(start.getTime() + (26 + hours) * 3_600_000)), timeZone: tz } }));

describeCheckProperties({
  name: "VirtualEventWebinar",
  check: check as Check,
  properties: inputProperties,
  valid: validWebinar,
  together: { startDateTime: ["endDateTime"], endDateTime: ["endDateTime"] },
});
