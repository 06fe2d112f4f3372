// The property tests (fast-check) every resource kind's `check` gets, over arbitrary inputs: whatever
// a program passes, check returns instead of throwing, every failure names its property in its own
// text, what it accepts is clean (known keys only, no undefined, stable under a second check), and a
// bad value of one property is blamed on that property (or on the one it must agree with), never on
// another. Each kind's test/unit/resources/<kind>/inputs.test.ts calls describeCheckProperties with
// its valid inputs; the generators here are shared with the configuration's property test
// (test/unit/config.test.ts). Set FC_SEED / FC_RUNS to replay or widen a run.
import { expect } from "chai";
import * as fc from "fast-check";
import { unknownValue } from "../../provider/resources/common/unknown";

export type Check = (olds: Record<string, unknown>, news: Record<string, unknown>) => { inputs?: unknown; failures?: { property: string; reason: string }[] };

const runs = Number(process.env.FC_RUNS ?? 300);
export const params = (): fc.Parameters<unknown> => ({ numRuns: runs, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });

// --- values --------------------------------------------------------------------------------------

export const guid = fc.uuid();
export const upn = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}$/), fc.constantFrom("contoso.com", "fabrikam.onmicrosoft.com")).map(([n, d]) => `${n}@${d}`);
const thread = fc.stringMatching(/^[A-Za-z0-9]{8,24}$/).map((s) => `19:meeting_${s}@thread.v2`);
export const graphMeetingId = fc.tuple(guid, thread).map(([oid, t]) => Buffer.from(`1*${oid}*0**${t}`).toString("base64").replace(/=+$/, ""));
const teamsClientId = thread.map((t) => Buffer.from(`0#${t}#0`).toString("base64"));
const isoUtc = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());

/** Strings people type (and mistype): near-valid ids, enum spellings, dates, paths, URLs, blanks. */
export const plausibleString = fc.oneof(
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
export const engineValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
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

// --- shared by the kinds' valid inputs -----------------------------------------------------------

/** A webinar id: {guid}@{tenantGuid}. */
export const anyWebinarId = fc.tuple(guid, guid).map(([w, t]) => `${w}@${t}`);
export const zone = fc.constantFrom("UTC", "Pacific Standard Time", "W. Europe Standard Time", "Europe/Berlin", "America/New_York", "Tokyo Standard Time");

// --- one kind's check, and which of its properties are checked together ---------------------------

export interface Kind {
  name: string;
  check: Check;
  properties: readonly string[];
  valid: fc.Arbitrary<Record<string, unknown>>;
  /** Properties whose failure may be reported when `p` changes (checked as a pair). */
  together: Record<string, readonly string[]>;
}

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

/** The property tests of one kind's check. */
export function describeCheckProperties(kind: Kind): void {
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
