// Webinar times as Graph takes them: dateTimeTimeZone, a local time without offset plus a zone name
// (Windows names such as "Pacific Standard Time", or IANA names such as "Europe/Berlin"). Checks
// need the instant, so a zone is resolved to IANA (windows-iana holds CLDR's mapping) and the local
// time converted with Intl. Graph's echo of times (precision, zone spelling) is undocumented:
// values are compared as instants, so a different spelling of the same time is no change.
import { findIana, WINDOWS_TO_IANA_MAP } from "windows-iana";

export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,7}))?$/;

const ianaZones = new Set(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);

/** The IANA zone a Windows or IANA name stands for, or undefined when the name is neither. */
export function ianaZoneOf(name: string): string | undefined {
  const windows = findIana(name);
  if (windows && windows.length > 0) return windows[0];
  return validIana(name);
}

function validIana(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return name;
  } catch {
    return undefined;
  }
}

/** A zone name a user probably meant: same letters in another case, or a Windows name without " Standard Time". */
function nearZone(name: string): string | undefined {
  const lower = name.trim().toLowerCase();
  for (const z of ianaZones) if (z.toLowerCase() === lower) return z;
  for (const entry of WINDOWS_TO_IANA_MAP as readonly { windowsName: string }[]) {
    if (entry.windowsName.toLowerCase() === lower || entry.windowsName.toLowerCase() === `${lower} standard time`) return entry.windowsName;
  }
  return undefined;
}

/** Milliseconds since the epoch of a local time in an IANA zone (exact across DST changes, except in the skipped hour). */
export function localToUtc(dateTime: string, ianaZone: string): number | undefined {
  const m = LOCAL.exec(dateTime);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? 0 : Number(x)));
  const fraction = Number(`0.${m[7] ?? "0"}`) * 1000;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second) + fraction;
  const check = new Date(asUtc - fraction);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  let utc = asUtc - offsetMs(ianaZone, asUtc);
  utc = asUtc - offsetMs(ianaZone, utc);
  return utc;
}

/** The zone's offset from UTC at an instant. */
function offsetMs(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const wall = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant of a dateTimeTimeZone, when it is well formed. */
export function instantOf(v: unknown): number | undefined {
  if (!v || typeof v !== "object") return undefined;
  const { dateTime, timeZone } = v as Partial<DateTimeTimeZone>;
  if (typeof dateTime !== "string" || typeof timeZone !== "string") return undefined;
  const zone = ianaZoneOf(timeZone);
  return zone === undefined ? undefined : localToUtc(dateTime, zone);
}

/** Same instant? Values that do not resolve compare by their text. */
export function sameTime(a: unknown, b: unknown): boolean {
  const ia = instantOf(a);
  const ib = instantOf(b);
  if (ia !== undefined && ib !== undefined) return ia === ib;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const example = (property: string) => `e.g. ${property}: { dateTime: "2027-01-20T16:00:00", timeZone: "Pacific Standard Time" } (a Windows zone name) or timeZone: "Europe/Berlin" (IANA)`;

/** undefined when usable as a webinar time, else why not and what to write. */
export function timeProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return `${property} is required: ${example(property)}.`;
  if (typeof v === "string") return `${property} must be an object with dateTime and timeZone, not a string: ${example(property)}.`;
  if (typeof v !== "object" || Array.isArray(v)) return `${property} must be an object with dateTime and timeZone: ${example(property)}.`;
  const o = v as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => k !== "dateTime" && k !== "timeZone" && o[k] !== undefined);
  if (extra.length > 0) return `${property} takes only dateTime and timeZone, not ${extra.join(", ")}.`;
  const { dateTime, timeZone } = o;
  if (typeof dateTime !== "string" || dateTime.trim() === "") return `${property}.dateTime is required: the local time without offset, ${example(property)}.`;
  if (typeof timeZone !== "string" || timeZone.trim() === "") return `${property}.timeZone is required: a Windows zone name such as "Pacific Standard Time" or "UTC", or an IANA name such as "Europe/Berlin".`;
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(dateTime.trim()) && /T/.test(dateTime)) {
    return `${property}.dateTime "${dateTime}" has a UTC offset; Graph reads dateTime as a local time in timeZone: write it without offset, e.g. "${dateTime.trim().slice(0, 19)}", and set timeZone (e.g. "UTC").`;
  }
  if (!LOCAL.test(dateTime)) return `${property}.dateTime "${dateTime}" is not a local date-time; write "YYYY-MM-DDThh:mm:ss", e.g. "2027-01-20T16:00:00".`;
  const zone = ianaZoneOf(timeZone);
  if (zone === undefined) {
    const near = nearZone(timeZone);
    return near
      ? `${property}.timeZone "${timeZone}" is not a zone name Graph knows; did you mean "${near}"?`
      : `${property}.timeZone "${timeZone}" is not a zone name Graph knows; use a Windows zone name such as "Pacific Standard Time", "W. Europe Standard Time" or "UTC", or an IANA name such as "Europe/Berlin".`;
  }
  if (localToUtc(dateTime, zone) === undefined) return `${property}.dateTime "${dateTime}" is not a real date or time; check the day of the month and the hour.`;
  return undefined;
}
