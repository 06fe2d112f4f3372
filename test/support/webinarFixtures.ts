// Webinars made with plain Graph calls (not through the provider), for the tests and the benchmark:
// routes, a valid webinar body, the two tokens (the organizer's delegated token through the seeded
// public client, signed in by device code, approved at once on loopback; the seeded app's token),
// webinars created (and published), and Graph's 403 envelope as the webinar routes answer it.
import { expect } from "chai";
import type { EmulatorInfo } from "../../emulator/index";
import type { EmulatorProcess } from "./emulator";
import { graphRequest, type GraphResponse } from "./graphRequest";
import { deviceCodeToken, fetchAppToken } from "./tokens";

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

/** Creates a webinar as the organizer (token) and publishes it unless `draft`; returns its id. */
export async function createWebinar(info: EmulatorInfo, organizer: string, options: { draft?: boolean; body?: Record<string, unknown> } = {}): Promise<string> {
  const created = await graphRequest(info, organizer, "POST", WEBINARS, webinarBody(options.body));
  if (created.status !== 201) throw new Error(`creating the webinar: ${created.status} ${created.text}`);
  const id = String(created.body.id);
  if (!options.draft) {
    const published = await graphRequest(info, organizer, "POST", webinarPath(id, "/publish"));
    if (published.status !== 204) throw new Error(`publishing the webinar: ${published.status} ${published.text}`);
  }
  return id;
}

/** createWebinar on a running emulator (the emulator tests' form). */
export function newWebinar(emu: EmulatorProcess, organizer: string, options: { draft?: boolean; body?: Record<string, unknown> } = {}): Promise<string> {
  return createWebinar(emu.info, organizer, options);
}

/** A published webinar anonymous people may register for (audience "everyone"), as the organizer signed in by device code. */
export async function createPublishedWebinar(info: EmulatorInfo, displayName = "published webinar"): Promise<string> {
  return createWebinar(info, await deviceCodeToken(info), { body: { displayName, settings: { isAttendeeEmailNotificationEnabled: false } } });
}

/** Graph's 403 envelope. */
export function expectForbidden(res: GraphResponse, message?: RegExp): void {
  expectStatus(res, 403);
  expect(res.body.error.code).to.equal("Forbidden");
  expect(res.body.error.innerError["request-id"]).to.be.a("string");
  if (message) expect(res.body.error.message).to.match(message);
}
