// Shared by the emulator's webinar tests: routes, a valid webinar body, and the two tokens (the
// organizer's delegated token through the seeded public client, the seeded app's token).
import { expect } from "chai";
import { deviceCodeToken, fetchAppToken, graphRequest, type EmulatorProcess, type GraphResponse } from "./emulator";

export const WEBINARS = "/v1.0/solutions/virtualEvents/webinars";

/** `{w}` with the id's `@` as %40, as Kiota SDKs send it (the raw form is tested separately). */
export const webinarPath = (id: string, suffix = "", version = "v1.0"): string => `/${version}/solutions/virtualEvents/webinars/${encodeURIComponent(id)}${suffix}`;

/** A local time `days` from now, in the form Graph takes (no offset). */
export function localTime(days: number, hours = 0): string {
  return new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString().slice(0, 19);
}

export function webinarBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    displayName: "Launch review",
    description: { contentType: "text", content: "What ships in January" },
    startDateTime: { dateTime: localTime(30), timeZone: "UTC" },
    endDateTime: { dateTime: localTime(30, 1), timeZone: "UTC" },
    audience: "everyone",
    ...overrides,
  };
}

export function person(email: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { firstName: "Ada", lastName: "Lovelace", email, preferredTimezone: "UTC", preferredLanguage: "en-us", ...extra };
}

export interface Tokens {
  organizer: string;
  app: string;
}

export async function tokens(emu: EmulatorProcess): Promise<Tokens> {
  return { organizer: await deviceCodeToken(emu.info), app: await fetchAppToken(emu.info) };
}

export function expectStatus(res: GraphResponse, status: number): void {
  expect(res.status, res.text).to.equal(status);
}

/** Creates a webinar as the organizer (and publishes it unless `draft`); returns its id. */
export async function newWebinar(emu: EmulatorProcess, organizer: string, options: { draft?: boolean; body?: Record<string, unknown> } = {}): Promise<string> {
  const created = await graphRequest(emu.info, organizer, "POST", WEBINARS, webinarBody(options.body));
  expectStatus(created, 201);
  if (!options.draft) expectStatus(await graphRequest(emu.info, organizer, "POST", webinarPath(created.body.id, "/publish")), 204);
  return created.body.id as string;
}

/** Graph's 403 envelope. */
export function expectForbidden(res: GraphResponse, message?: RegExp): void {
  expectStatus(res, 403);
  expect(res.body.error.code).to.equal("Forbidden");
  expect(res.body.error.innerError["request-id"]).to.be.a("string");
  if (message) expect(res.body.error.message).to.match(message);
}
