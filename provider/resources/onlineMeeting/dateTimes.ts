// Meeting times as Graph keeps them: UTC, seven fractional digits (100 ns ticks). A program may write
// any ISO 8601 date-time with a zone ("2026-12-10T10:00:00+01:00"); Graph answers
// "2026-12-10T09:00:00.0000000Z". Comparing the normalised forms is what keeps refresh and diff
// from reporting a change nobody made.

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/i;

/** undefined when usable as a meeting time, else why not and what to write instead. */
export function dateTimeProblem(property: string, v: unknown): string | undefined {
  if (v === undefined || v === null) return `${property} is required: an ISO 8601 date-time with a zone, e.g. "2026-12-10T10:00:00+01:00" or "2026-12-10T09:00:00Z".`;
  if (typeof v !== "string") return `${property} must be a string (ISO 8601 date-time with a zone, e.g. "2026-12-10T10:00:00+01:00"), not ${typeof v}.`;
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) {
    return `${property} "${v}" has no time zone, so Graph would read it as UTC; add "Z" for UTC or the offset, e.g. "${s}+01:00".`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `${property} "${v}" is a date without a time; write a date-time with a zone, e.g. "${s}T09:00:00Z".`;
  if (normaliseDateTime(s) === undefined) {
    return `${property} "${v}" is not an ISO 8601 date-time (or not a real date); write e.g. "2026-12-10T10:00:00+01:00" or "2026-12-10T09:00:00Z".`;
  }
  return undefined;
}

/** Graph's form of a date-time (UTC, 7 fractional digits), or undefined when it does not parse. */
export function normaliseDateTime(v: string): string | undefined {
  const m = ISO.exec(v.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec = "00", fraction = "", zone] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, sec].map(Number);
  // Date.UTC rolls 2026-02-30 over to March: check the fields survive the round trip.
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== "Z") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    if (Number(z[2]) > 23 || Number(z[3]) > 59) return undefined;
    offsetMinutes = (z[1] === "-" ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  const utc = new Date(local.getTime() - offsetMinutes * 60_000); // offsets are whole minutes: the fraction is unchanged
  return `${utc.toISOString().slice(0, 19)}.${(fraction + "0000000").slice(0, 7)}Z`;
}

/** Same instant (to 100 ns)? Values that do not parse compare as plain strings. */
export function sameDateTime(a: unknown, b: unknown): boolean {
  if (typeof a !== "string" || typeof b !== "string") return a === b;
  const na = normaliseDateTime(a);
  const nb = normaliseDateTime(b);
  return na !== undefined && nb !== undefined ? na === nb : a === b;
}

/** a is before b (both normalised strings of one format, so string order is time order). */
export function isBefore(a: string, b: string): boolean {
  const na = normaliseDateTime(a);
  const nb = normaliseDateTime(b);
  return na !== undefined && nb !== undefined && na < nb;
}
