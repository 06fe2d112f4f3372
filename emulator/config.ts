// The emulator's configuration file (JSON) and its defaults. Every behaviour Microsoft does not
// document is a switch here; emulator/README.md lists them. Unknown keys are rejected so a typo
// does not silently keep a default.
import * as fs from "node:fs";
import { VIRTUAL_EVENTS_DEFAULTS, VIRTUAL_EVENTS_ENUMS, VIRTUAL_EVENTS_POSITIVE_INTEGERS, VIRTUAL_EVENTS_RUNTIME_KEYS, type VirtualEventsConfig } from "./graph/virtualEvents/config";

export type MissingPolicyCode = "Forbidden" | "General" | "Unauthorized";

export interface SeedConfig {
  tenant?: { id?: string; displayName?: string };
  organizer?: { id?: string; userPrincipalName?: string; displayName?: string };
  app?: { clientId?: string; clientSecret?: string; displayName?: string };
  /** The public client app (device code, delegated VirtualEvent.ReadWrite and OnlineMeetings.ReadWrite). */
  publicClient?: { clientId?: string; displayName?: string };
}

/** Which documentation the registration routes follow (see emulator/README.md, "Profiles"). */
export type Profile = "seed" | "current" | "retired";
export const PROFILES: readonly Profile[] = ["seed", "current", "retired"];

/** What the registration and registrant routes answer under the `retired` profile (Microsoft documents nothing). */
export interface RetiredAnswer {
  status: number;
  code: string;
  message: string;
}

export const DEFAULT_RETIRED_ANSWER: RetiredAnswer = {
  status: 404,
  code: "NotFound",
  message:
    "The meeting registration API (meetingRegistration, externalMeetingRegistration and their registrants) was retired on December 12, 2024 and no longer returns data. Use the virtual event webinar APIs (/solutions/virtualEvents/webinars) instead.",
};

export interface EmulatorConfig extends VirtualEventsConfig {
  /**
   * `seed`: the seed page's contract (app tokens on registration, as allowAppTokensOnRegistration says);
   * `current`: Microsoft's current pages (app tokens refused on registration routes);
   * `retired`: registration and registrant routes answer `retiredAnswer`.
   */
  profile: Profile;
  /** The answer of the registration routes under the `retired` profile. */
  retiredAnswer: RetiredAnswer;
  /** Seed of the PRNG behind probabilistic fault rules (same seed + same requests = same outcomes). */
  seed: number;
  /** Ids and names of what is seeded at first start (random GUIDs when absent). */
  seedDirectory: SeedConfig;
  /** Bearer token of the admin API; random per start when absent (persisted with --data-dir). */
  adminToken?: string;
  /**
   * Access-token lifetime: "entra" (Entra's defaults: 3599 s for app-only tokens, a random 60-90 min
   * for delegated ones) or a fixed number of seconds for every token.
   */
  tokenLifetimeSeconds: number | "entra";
  /** Device-code lifetime in seconds (`expires_in` of /devicecode). */
  deviceCodeLifetimeSeconds: number;
  /** Device-code flow: approve codes at once (true) or wait for POST /_emulator/device-codes/{code}/approve. */
  autoApproveDeviceCodes: boolean;
  /** Whether app-only tokens may call the registration and registrant routes (docs disagree). */
  allowAppTokensOnRegistration: boolean;
  /** PATCH on an externalMeetingRegistration: "methodNotAllowed" (405), "badRequest" (400) or "allow" (200). */
  externalRegistrationPatch: "methodNotAllowed" | "badRequest" | "allow";
  /** Registrants per page in GET .../registrants (next pages via @odata.nextLink + $skiptoken). */
  registrantPageSize: number;
  /** `error.code` of the 403 for an app without an application access policy for the user. */
  missingPolicyErrorCode: MissingPolicyCode;
  /** Retry-After of throttled writes: whole seconds rounded up ("integer") or exact ("fractional"). */
  retryAfterFormat: "integer" | "fractional";
  /** POST of a registrant whose id already exists: 409 Conflict ("conflict") or overwrite ("replace"). */
  duplicateRegistrant: "conflict" | "replace";
  /** Writes per second allowed per app (token bucket, burst = max(1, rate)); 0 = no throttling. */
  writesPerSecond: number;
  /** Days after endDateTime at which a meeting expires (expiryDateTime). */
  meetingExpiryDays: number;
  /** Requests kept in the in-memory request log (oldest dropped first). */
  requestLogLimit: number;
}

export const DEFAULT_CONFIG: EmulatorConfig = {
  profile: "seed",
  retiredAnswer: DEFAULT_RETIRED_ANSWER,
  seed: 1,
  seedDirectory: {},
  tokenLifetimeSeconds: "entra",
  deviceCodeLifetimeSeconds: 900,
  autoApproveDeviceCodes: true,
  allowAppTokensOnRegistration: true,
  externalRegistrationPatch: "methodNotAllowed",
  registrantPageSize: 100,
  missingPolicyErrorCode: "Forbidden",
  retryAfterFormat: "integer",
  duplicateRegistrant: "conflict",
  writesPerSecond: 0,
  meetingExpiryDays: 60,
  requestLogLimit: 100_000,
  ...VIRTUAL_EVENTS_DEFAULTS,
};

/** Keys that PUT /_emulator/config may change at runtime. */
export const RUNTIME_KEYS: readonly (keyof EmulatorConfig)[] = [
  "profile",
  "retiredAnswer",
  "seed",
  "tokenLifetimeSeconds",
  "deviceCodeLifetimeSeconds",
  "autoApproveDeviceCodes",
  "allowAppTokensOnRegistration",
  "externalRegistrationPatch",
  "registrantPageSize",
  "missingPolicyErrorCode",
  "retryAfterFormat",
  "duplicateRegistrant",
  "writesPerSecond",
  "meetingExpiryDays",
  ...VIRTUAL_EVENTS_RUNTIME_KEYS,
];

const ENUMS: Partial<Record<keyof EmulatorConfig, readonly string[]>> = {
  profile: PROFILES,
  externalRegistrationPatch: ["methodNotAllowed", "badRequest", "allow"],
  missingPolicyErrorCode: ["Forbidden", "General", "Unauthorized"],
  retryAfterFormat: ["integer", "fractional"],
  duplicateRegistrant: ["conflict", "replace"],
  ...VIRTUAL_EVENTS_ENUMS,
};

/** A config file, PUT /config body or flag the emulator refuses. */
export class EmulatorConfigError extends Error {}

/** Validates a partial config (file or PUT /config body) and returns it merged over `base`. */
export function mergeConfig(base: EmulatorConfig, patch: unknown, allowed: readonly string[] = Object.keys(DEFAULT_CONFIG).concat("adminToken")): EmulatorConfig {
  if (patch === null || typeof patch !== "object" || Array.isArray(patch)) throw new EmulatorConfigError("config must be a JSON object");
  const out: EmulatorConfig = { ...base };
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (!allowed.includes(key)) throw new EmulatorConfigError(`unknown or read-only config key: ${key}`);
    const k = key as keyof EmulatorConfig;
    const enumValues = ENUMS[k];
    if (enumValues) {
      if (typeof value !== "string" || !enumValues.includes(value)) throw new EmulatorConfigError(`${key} must be one of ${enumValues.join(", ")}`);
    } else if (k === "seedDirectory") {
      if (value === null || typeof value !== "object") throw new EmulatorConfigError("seedDirectory must be an object");
    } else if (k === "retiredAnswer") {
      checkRetiredAnswer(value);
    } else if (k === "tokenLifetimeSeconds") {
      if (value !== "entra" && !(typeof value === "number" && Number.isInteger(value) && value >= 1)) {
        throw new EmulatorConfigError('tokenLifetimeSeconds must be "entra" or a positive integer');
      }
    } else if (k === "adminToken") {
      if (typeof value !== "string" || value.length < 8) throw new EmulatorConfigError("adminToken must be a string of at least 8 characters");
    } else if (typeof DEFAULT_CONFIG[k] === "number") {
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new EmulatorConfigError(`${key} must be a non-negative number`);
      if ((k === "registrantPageSize" || k === "requestLogLimit" || k === "deviceCodeLifetimeSeconds") && (value < 1 || !Number.isInteger(value))) {
        throw new EmulatorConfigError(`${key} must be a positive integer`);
      }
    } else if (typeof DEFAULT_CONFIG[k] === "boolean") {
      if (typeof value !== "boolean") throw new EmulatorConfigError(`${key} must be a boolean`);
    }
    (out as unknown as Record<string, unknown>)[key] = value;
  }
  for (const k of VIRTUAL_EVENTS_POSITIVE_INTEGERS) {
    if (k in (patch as object) && (!Number.isInteger(out[k]) || (out[k] as number) < 1)) throw new EmulatorConfigError(`${k} must be a positive integer`);
  }
  return out;
}

function checkRetiredAnswer(value: unknown): void {
  const v = value as Partial<RetiredAnswer> | null;
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new EmulatorConfigError("retiredAnswer must be an object {status, code, message}");
  for (const key of Object.keys(v)) if (!["status", "code", "message"].includes(key)) throw new EmulatorConfigError(`retiredAnswer: unknown key ${key}`);
  if (!Number.isInteger(v.status) || (v.status as number) < 400 || (v.status as number) > 599) throw new EmulatorConfigError("retiredAnswer.status must be an HTTP error status (400-599)");
  if (typeof v.code !== "string" || v.code === "") throw new EmulatorConfigError("retiredAnswer.code must be a non-empty string");
  if (typeof v.message !== "string") throw new EmulatorConfigError("retiredAnswer.message must be a string");
}

export function loadConfigFile(file: string | undefined): EmulatorConfig {
  if (!file) return { ...DEFAULT_CONFIG };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new EmulatorConfigError(`cannot read config file ${file}: ${(err as Error).message}`);
  }
  return mergeConfig(DEFAULT_CONFIG, parsed);
}
