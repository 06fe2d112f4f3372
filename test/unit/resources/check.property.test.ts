// Property tests of every resource kind's `check` (and of the provider configuration) over arbitrary
// inputs: whatever a program passes, check returns instead of throwing, every failure names its
// property in its own text, what it accepts is clean (known keys only, no undefined, stable under a
// second check), and a bad value of one property is blamed on that property (or on the one it must
// agree with), never on another. Set FC_SEED / FC_RUNS to replay or widen a run.
import { expect } from "chai";
import * as fc from "fast-check";
import * as registration from "../../../provider/resources/externalMeetingRegistration/inputs";
import * as registrant from "../../../provider/resources/externalMeetingRegistrant/inputs";
import * as meeting from "../../../provider/resources/onlineMeeting/inputs";
import * as webinar from "../../../provider/resources/virtualEventWebinar/inputs";
import * as question from "../../../provider/resources/virtualEventRegistrationQuestion/inputs";
import * as webinarRegistration from "../../../provider/resources/virtualEventRegistration/inputs";
import { ConfigError, configKeys, resolveConfig, secretConfigKeys } from "../../../provider/config";
import { unknownValue } from "../../../provider/resources/common/unknown";

type Check = (olds: Record<string, unknown>, news: Record<string, unknown>) => { inputs?: unknown; failures?: { property: string; reason: string }[] };

const runs = Number(process.env.FC_RUNS ?? 300);
const params = (): fc.Parameters<unknown> => ({ numRuns: runs, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

// --- values --------------------------------------------------------------------------------------

const guid = fc.uuid();
const upn = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.constantFrom("contoso.com", "fabrikam.onmicrosoft.com")).map(([n, d]) => `${n}@${d}`);
const thread = fc.stringMatching(/^[A-Za-z0-9]{8,24}$/).map((s) => `19:meeting_${s}@thread.v2`);
const graphMeetingId = fc.tuple(guid, thread).map(([oid, t]) => Buffer.from(`1*${oid}*0**${t}`).toString("base64").replace(/=+$/, ""));
const teamsClientId = thread.map((t) => Buffer.from(`0#${t}#0`).toString("base64"));
const isoUtc = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());

/** Strings people type (and mistype): near-valid ids, enum spellings, dates, paths, URLs, blanks. */
const plausibleString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  guid,
  upn,
  thread,
  graphMeetingId,
  teamsClientId,
  isoUtc,
  fc.constantFrom(
    "", " ", "\n", "me", "Me", "everyone", "Everyone", " organization ", "unknownFutureValue", "organization", "public",
    "attendee", "Presenter", "coorganizer", "enabled", "limited", "organizer", "roleIsPresenter", "organizationAndFederated",
    "true", "false", "2026-12-10", "2026-12-10T10:00:00", "2026-02-30T10:00:00Z", "2026-12-10T10:00:00+25:00", "2026-12-10T10:00:00.1234567Z",
    "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", "users/x/onlineMeetings/y", "a/b", "a?b", "a#b", "a\\b",
    "adele vance@contoso.com", "Bearer eyJ0eXAi", "__proto__", "constructor", "toString", unknownValue,
  ),
);

/** What the engine can hand a dynamic provider: JSON values (protobuf Struct) and the unknown sentinel. */
const engineValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    plausibleString,
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(plausibleString, fc.constantFrom("userId", "upn", "role", "tenantId", "scope", "isDialInBypassEnabled")), tie("v"), { maxKeys: 4 }),
  ),
})).v;

/** Beyond what the engine sends: any JS value (undefined, null-prototype objects, boxed values, …). */
const anyValue = fc.anything({ withNullPrototype: true, withBoxedValues: true, withObjectString: true, withSparseArray: true, maxDepth: 3 });

function bagOf(keys: readonly string[], value: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  // Known keys (and their near misses), plus any other key, each with any value.
  const key = fc.oneof(fc.constantFrom(...keys), fc.constantFrom(...keys).map((k) => k.toUpperCase()), fc.constantFrom("__provider", "__proto__", "id"), fc.string());
  return fc.dictionary(key, value, { maxKeys: 8 });
}

// --- valid inputs per kind, and which properties are checked together --------------------------

const validRegistration = fc.record(
  { meetingId: graphMeetingId, userId: fc.oneof(guid, upn), allowedRegistrant: fc.constantFrom("everyone", "organization") },
  { requiredKeys: ["meetingId"] },
);

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

const attendee = fc.oneof(
  fc.record({ userId: guid, tenantId: guid, role: fc.constantFrom(...meeting.attendeeRoles) }, { requiredKeys: ["userId"] }),
  fc.record({ upn, role: fc.constantFrom(...meeting.attendeeRoles) }, { requiredKeys: ["upn"] }),
);
const validMeeting = fc
  .tuple(
    fc.record(
      {
        subject: fc.string(),
        userId: fc.oneof(guid, upn),
        externalId: fc.stringMatching(/^[a-z0-9-]{1,16}$/),
        attendees: fc.uniqueArray(attendee, { maxLength: 3, selector: (a) => String((a as { userId?: string; upn?: string }).userId ?? (a as { upn?: string }).upn).toLowerCase() }),
        lobbyBypassSettings: fc.record({ scope: fc.constantFrom(...meeting.lobbyScopes), isDialInBypassEnabled: fc.boolean() }, { requiredKeys: [] }),
        allowedPresenters: fc.constantFrom(...meeting.presenterModes),
        allowMeetingChat: fc.constantFrom(...meeting.meetingChatModes),
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

const webinarId = fc.tuple(guid, guid).map(([w, t]) => `${w}@${t}`);
const zone = fc.constantFrom("UTC", "Pacific Standard Time", "W. Europe Standard Time", "Europe/Berlin", "America/New_York", "Tokyo Standard Time");
const localTime = (d: Date) => d.toISOString().slice(0, 19);
const validWebinar = fc
  .tuple(
    fc.record(
      {
        displayName: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""),
        description: fc.record({ contentType: fc.constantFrom("text", "html"), content: fc.string() }),
        audience: fc.constantFrom(...webinar.audiences),
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

const validQuestion = fc.oneof(
  fc.record({ webinarId, label: fc.constantFrom(...question.predefinedLabels), isRequired: fc.boolean() }, { requiredKeys: ["webinarId", "label"] }),
  fc.record({ webinarId, displayName: fc.string({ minLength: 1 }).filter((s) => s.trim() !== ""), answerInputType: fc.constantFrom("text", "multilineText", "boolean"), isRequired: fc.boolean() }, { requiredKeys: ["webinarId", "displayName", "answerInputType"] }),
  fc.record({ webinarId, displayName: fc.constant("Track"), answerInputType: fc.constantFrom("singleChoice", "multiChoice"), answerChoices: fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,10}$/), { minLength: 1, maxLength: 4 }) }),
);

const validWebinarRegistration = fc.record(
  {
    webinarId,
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

interface Kind {
  name: string;
  check: Check;
  properties: readonly string[];
  valid: fc.Arbitrary<Record<string, unknown>>;
  /** Properties whose failure may be reported when `p` changes (checked as a pair). */
  together: Record<string, readonly string[]>;
}

const kinds: Kind[] = [
  { name: "ExternalMeetingRegistration", check: registration.check as Check, properties: registration.inputProperties, valid: validRegistration, together: {} },
  {
    name: "ExternalMeetingRegistrant",
    check: registrant.check as Check,
    properties: registrant.inputProperties,
    valid: validRegistrant,
    together: {
      registrantTenantId: ["registrantUserId"],
      registrantUserId: ["registrantTenantId"],
      allowedRegistrant: ["registrantTenantId"],
    },
  },
  {
    name: "OnlineMeeting",
    check: meeting.check as Check,
    properties: meeting.inputProperties,
    valid: validMeeting,
    together: {
      startDateTime: ["endDateTime"],
      externalId: ["isPasscodeRequired"],
      isPasscodeRequired: ["isPasscodeRequired"],
    },
  },
];

kinds.push(
  {
    name: "VirtualEventWebinar",
    check: webinar.check as Check,
    properties: webinar.inputProperties,
    valid: validWebinar,
    together: { startDateTime: ["endDateTime"], endDateTime: ["endDateTime"] },
  },
  {
    name: "VirtualEventRegistrationQuestion",
    check: question.check as Check,
    properties: question.inputProperties,
    valid: validQuestion,
    // The question's kind is decided by which of these are set: a change to one can be blamed on the others.
    together: { label: ["displayName", "answerInputType", "answerChoices"], displayName: ["label", "answerInputType", "answerChoices"], answerInputType: ["label", "answerChoices", "displayName"], answerChoices: ["label", "displayName", "answerInputType"] },
  },
  {
    name: "VirtualEventRegistration",
    check: webinarRegistration.check as Check,
    properties: webinarRegistration.inputProperties,
    valid: validWebinarRegistration,
    together: { webinarId: ["adoptId"] },
  },
);

/** The input property a failure is about: "attendees[0].role" → "attendees". */
function topProperty(property: string): string {
  return property.split(/[.[]/)[0];
}

function assertWellFormed(kind: Kind, news: Record<string, unknown>, result: ReturnType<Check>): void {
  expect(result, "a CheckResult").to.be.an("object");
  expect(result.inputs, "inputs").to.not.equal(undefined);
  if (result.failures === undefined) return;
  expect(result.failures, "failures").to.be.an("array").that.is.not.empty;
  for (const f of result.failures) {
    expect(f.property, "failure.property").to.be.a("string");
    // A property named "" exists only when the program passed a key "" (named as unknown property "").
    if (f.property === "") expect(Object.prototype.hasOwnProperty.call(news, ""), "failure.property is empty").to.equal(true);
    expect(f.reason, "failure.reason").to.be.a("string").that.is.not.empty;
    // "attendees[1].upn" is named as such; an unknown key "x" as `unknown property "x"` (also for "").
    const passed = Object.prototype.hasOwnProperty.call(news, f.property);
    const nested = /^[A-Za-z]+(?:\[\d+\])?\.(.*)$/s.exec(f.property)?.[1];
    const leaf = passed ? `"${f.property}"` : nested === undefined ? f.property : nested === "" ? '""' : nested;
    expect(f.reason, `the reason names ${f.property}`).to.include(passed && (kind.properties as readonly string[]).includes(f.property) ? f.property : leaf);
    const top = topProperty(f.property);
    const known = (kind.properties as readonly string[]).includes(top) || Object.prototype.hasOwnProperty.call(news, f.property) || Object.prototype.hasOwnProperty.call(news, top);
    expect(known, `failure about "${f.property}": neither an input property nor a key the program passed`).to.equal(true);
  }
}

function assertCleanInputs(kind: Kind, olds: Record<string, unknown>, result: ReturnType<Check>): void {
  const inputs = result.inputs as Record<string, unknown>;
  for (const [k, v] of Object.entries(inputs)) {
    expect(kind.properties, `accepted inputs hold only known properties (${k})`).to.include(k);
    expect(v, `${k} is not undefined (the host's Struct conversion throws on it)`).to.not.equal(undefined);
  }
  // Checking what check accepted is a no-op: preview and up see the same inputs.
  const again = kind.check(olds, inputs);
  expect(again.failures, "second check").to.equal(undefined);
  expect(again.inputs).to.deep.equal(inputs);
}

for (const kind of kinds) {
  describe(`bad input: ${kind.name} check (fast-check)`, () => {
    it("never throws on what the engine can send; failures name their property; accepted inputs are clean", () => {
      fc.assert(
        fc.property(bagOf(kind.properties, engineValue), bagOf(kind.properties, engineValue), (olds, news) => {
          const result = kind.check(olds, news);
          assertWellFormed(kind, news, result);
          if (result.failures === undefined) assertCleanInputs(kind, olds, result);
        }),
        params(),
      );
    });

    it("never throws on any JavaScript value either (undefined, null prototypes, boxed values)", () => {
      fc.assert(
        fc.property(bagOf(kind.properties, anyValue), (news) => {
          assertWellFormed(kind, news, kind.check({}, news));
        }),
        params(),
      );
    });

    it("accepts every valid input, unchanged apart from defaults", () => {
      fc.assert(
        fc.property(kind.valid, (news) => {
          const result = kind.check({}, news);
          expect(result.failures, JSON.stringify(news)).to.equal(undefined);
          const inputs = result.inputs as Record<string, unknown>;
          for (const [k, v] of Object.entries(news)) expect(inputs[k], k).to.deep.equal(v);
          assertCleanInputs(kind, {}, result);
        }),
        params(),
      );
    });

    it("a bad value of one property is blamed on that property, never on another", () => {
      fc.assert(
        fc.property(kind.valid, fc.constantFrom(...kind.properties), engineValue, (valid, property, value) => {
          const news = { ...valid, [property]: value };
          const result = kind.check({}, news);
          assertWellFormed(kind, news, result);
          const allowed = [property, ...(kind.together[property] ?? [])];
          for (const f of result.failures ?? []) expect(allowed, `${property}=${JSON.stringify(value)} blamed ${f.property}: ${f.reason}`).to.include(topProperty(f.property));
        }),
        params(),
      );
    });

    it("a value unknown during preview is never blamed, except for what it must agree with", () => {
      fc.assert(
        fc.property(kind.valid, fc.constantFrom(...kind.properties), (valid, property) => {
          const result = kind.check({}, { ...valid, [property]: unknownValue });
          // e.g. an unknown registrantTenantId still needs its registrantUserId; an unknown
          // isPasscodeRequired still cannot go with an externalId.
          const allowed = kind.together[property] ?? [];
          for (const f of result.failures ?? []) expect(allowed, `${property} unknown blamed ${f.property}: ${f.reason}`).to.include(topProperty(f.property));
        }),
        params(),
      );
    });
  });
}

describe("bad input: provider configuration (fast-check)", () => {
  const stackKeys = Object.keys(configKeys).map((k) => `msgraph:${k}`);
  const envKeys = Object.values(configKeys) as string[];
  // Secret values carry a marker no other generated value contains, so a hit is a real leak.
  const secretish = fc.stringMatching(/^[A-Za-z0-9~._-]{0,30}$/).map((s) => `S3cr3t${s}`);
  const secretNames = new Set(secretConfigKeys.flatMap((k) => [`msgraph:${k}`, configKeys[k] as string]));
  const withSecrets = (bag: Record<string, unknown>, secret: string) =>
    Object.fromEntries(Object.entries(bag).map(([k, v]) => [k, secretNames.has(k) ? `${secret}${k.length}` : v]));

  it("any msgraph:* config and environment: a ConfigError naming the settings, or a config; never a secret in the text", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...stackKeys), engineValue, { maxKeys: 10 }),
        fc.dictionary(fc.constantFrom(...envKeys), plausibleString, { maxKeys: 10 }),
        secretish,
        (rawStack, rawEnv, secret) => {
          const stack = withSecrets(rawStack, secret);
          const env = withSecrets(rawEnv, secret) as Record<string, string>;
          const secrets = [...secretNames].map((k) => stack[k] ?? env[k]).filter((v): v is string => typeof v === "string");
          try {
            resolveConfig((k) => stack[k], env as NodeJS.ProcessEnv);
          } catch (e) {
            expect(e, String(e)).to.be.instanceOf(ConfigError);
            const err = e as ConfigError;
            expect(err.problems).to.not.be.empty;
            for (const p of err.problems) {
              const names = [...stackKeys, ...envKeys].filter((n) => p.includes(n));
              expect(names, `problem names a setting: ${p}`).to.not.be.empty;
            }
            for (const s of secrets) expect(err.message, "a secret in a ConfigError").to.not.include(s.trim());
          }
        },
      ),
      params(),
    );
  });
});
