// The event catalogue: a YAML file listing the quarter's events, read and checked before anything
// runs. Every problem is reported at once, by its path in the file (events[2].start) with the fix.
//
//   organizerId: adele.vance@contoso.com     # default organizer (object id or UPN)
//   events:
//     - id: launch                           # the stack is <prefix><id>, e.g. event-launch
//       kind: meeting                        # one kind today; "webinar" later
//       subject: Product launch
//       start: 2026-12-10T10:00:00+01:00
//       end: 2026-12-10T11:00:00+01:00
//       registration:
//         allowedRegistrant: everyone        # or organization
//         registrants:
//           - id: crm-1001                   # tenantId + userId too for "organization"
import * as fs from "node:fs";
import { parse } from "yaml";

export interface Registrant {
  /** The registrant's id in your system (Graph's registrant id). */
  id: string;
  tenantId?: string;
  userId?: string;
}

export interface MeetingEvent {
  id: string;
  kind: "meeting";
  organizerId: string;
  subject: string;
  start: string;
  end: string;
  isPasscodeRequired: boolean;
  allowedRegistrant: "everyone" | "organization";
  registrants: Registrant[];
}

/** One event of the catalogue. A `kind: webinar` joins this union when the webinar resources exist. */
export type FleetEvent = MeetingEvent;

export const KINDS = ["meeting"] as const;

export class CatalogueError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not a valid event catalogue:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

const ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;
/** ISO 8601 date-time with an explicit zone (Z or ±hh:mm), as the OnlineMeeting resource needs. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads and checks a catalogue file; throws CatalogueError listing every problem. */
export function readCatalogue(file: string): FleetEvent[] {
  let doc: unknown;
  try {
    doc = parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new CatalogueError(file, [`cannot be read as YAML: ${(err as Error).message.split("\n")[0]}`]);
  }
  return checkCatalogue(file, doc);
}

/** Checks a parsed catalogue (see readCatalogue). */
export function checkCatalogue(file: string, doc: unknown): FleetEvent[] {
  const problems: string[] = [];
  if (!isObject(doc)) throw new CatalogueError(file, ["the file must be a mapping with an `events:` list"]);
  const defaultOrganizer = doc.organizerId;
  if (defaultOrganizer !== undefined && (typeof defaultOrganizer !== "string" || !defaultOrganizer.trim())) problems.push("organizerId: must be the default organizer's object id or UPN");
  if (doc.events !== undefined && doc.events !== null && !Array.isArray(doc.events)) throw new CatalogueError(file, ["events: must be a list of events (`events: []` for none)"]);
  const items = (doc.events ?? []) as unknown[];
  const events: FleetEvent[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `events[${i}]`;
    if (!isObject(item)) return void problems.push(`${at}: must be a mapping (id, kind, subject, start, end, registration)`);
    const id = item.id;
    if (typeof id !== "string" || !ID.test(id)) problems.push(`${at}.id: ${JSON.stringify(id)} must be 1-40 lowercase letters, digits or dashes (it names the stack), e.g. q1-launch`);
    else if (seen.has(id)) problems.push(`${at}.id: "${id}" is used by an earlier event; ids must be unique`);
    else seen.add(id);
    const kind = item.kind ?? "meeting";
    if (!KINDS.includes(kind as (typeof KINDS)[number])) {
      const hint = kind === "webinar" ? " (webinars are not supported by this version of the fleet program yet)" : "";
      problems.push(`${at}.kind: ${JSON.stringify(kind)} is not one of ${KINDS.join(", ")}${hint}`);
      return;
    }
    const organizerId = item.organizerId ?? defaultOrganizer;
    if (typeof organizerId !== "string" || !organizerId.trim()) problems.push(`${at}.organizerId: missing; set it on the event or as organizerId: at the top of the file`);
    const subject = item.subject;
    if (typeof subject !== "string" || !subject.trim()) problems.push(`${at}.subject: missing; the meeting's title`);
    const start = dateTime(item.start, `${at}.start`, problems);
    const end = dateTime(item.end, `${at}.end`, problems);
    if (start && end && Date.parse(end) <= Date.parse(start)) problems.push(`${at}.end: ${end} is not after start ${start}`);
    if (item.isPasscodeRequired !== undefined && typeof item.isPasscodeRequired !== "boolean") problems.push(`${at}.isPasscodeRequired: must be true or false`);
    const reg = item.registration ?? {};
    if (!isObject(reg)) return void problems.push(`${at}.registration: must be a mapping (allowedRegistrant, registrants)`);
    const allowed = reg.allowedRegistrant ?? "everyone";
    if (allowed !== "everyone" && allowed !== "organization") problems.push(`${at}.registration.allowedRegistrant: ${JSON.stringify(allowed)} must be "everyone" or "organization"`);
    const registrants = registrantsOf(reg.registrants, `${at}.registration.registrants`, allowed === "organization", problems);
    events.push({
      id: String(id),
      kind: "meeting",
      organizerId: String(organizerId),
      subject: String(subject),
      start: String(start),
      end: String(end),
      isPasscodeRequired: item.isPasscodeRequired === true,
      allowedRegistrant: allowed as MeetingEvent["allowedRegistrant"],
      registrants,
    });
  });
  if (problems.length) throw new CatalogueError(file, problems);
  return events;
}

function dateTime(v: unknown, at: string, problems: string[]): string | undefined {
  // YAML reads an unquoted 2026-12-10T10:00:00Z as a Date: take it back as UTC text.
  const text = v instanceof Date ? v.toISOString() : v;
  if (typeof text === "string" && DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return text;
  problems.push(`${at}: ${JSON.stringify(v)} must be an ISO 8601 date-time with a zone, e.g. 2026-12-10T10:00:00+01:00`);
  return undefined;
}

function registrantsOf(v: unknown, at: string, needIds: boolean, problems: string[]): Registrant[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return void problems.push(`${at}: must be a list of { id, tenantId?, userId? }`), [];
  const seen = new Set<string>();
  const out: Registrant[] = [];
  v.forEach((r, j) => {
    const here = `${at}[${j}]`;
    if (!isObject(r) || typeof r.id !== "string" || !r.id.trim() || /[\s/]/.test(r.id)) return void problems.push(`${here}.id: must be your system's registrant id (no spaces or /)`);
    if (seen.has(r.id)) return void problems.push(`${here}.id: "${r.id}" is listed twice in this event`);
    seen.add(r.id);
    for (const key of ["tenantId", "userId"] as const) {
      if (r[key] !== undefined && typeof r[key] !== "string") problems.push(`${here}.${key}: must be a string (an Entra object id)`);
    }
    if (needIds && (typeof r.tenantId !== "string" || typeof r.userId !== "string")) problems.push(`${here}: allowedRegistrant "organization" needs tenantId and userId for every registrant`);
    out.push({ id: r.id, ...(typeof r.tenantId === "string" ? { tenantId: r.tenantId } : {}), ...(typeof r.userId === "string" ? { userId: r.userId } : {}) });
  });
  return out;
}
