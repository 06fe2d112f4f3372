// The mapping between OnlineMeeting's inputs and Graph's onlineMeeting, and the one notion of
// "same" that diff, update and read share. Graph normalises what it returns (UTC with 7 fractional
// digits, defaults filled in, attendees with ids and tenants): values are compared normalised, and
// only the properties the user set are compared at all.
import { isUnknown } from "../common/unknown";
import { sameDateTime } from "./dateTimes";
import { booleanSettings, InputProperty, LobbyBypassSettings, MeetingAttendee, MeetingInputs, updatableProperties } from "./inputs";

/** The slice of Graph's onlineMeeting the resource reads. */
export interface LiveMeeting {
  id: string;
  subject?: string | null;
  startDateTime?: string | null;
  endDateTime?: string | null;
  creationDateTime?: string | null;
  expiryDateTime?: string | null;
  joinWebUrl?: string | null;
  externalId?: string | null;
  participants?: { attendees?: LiveAttendee[] | null } | null;
  lobbyBypassSettings?: { scope?: string | null; isDialInBypassEnabled?: boolean | null } | null;
  allowedPresenters?: string | null;
  allowMeetingChat?: string | null;
  allowAttendeeToEnableCamera?: boolean | null;
  allowAttendeeToEnableMic?: boolean | null;
  recordAutomatically?: boolean | null;
  isEntryExitAnnounced?: boolean | null;
  joinMeetingIdSettings?: { isPasscodeRequired?: boolean | null; joinMeetingId?: string | null; passcode?: string | null } | null;
  chatInfo?: { threadId?: string | null } | null;
}

export interface LiveAttendee {
  upn?: string | null;
  role?: string | null;
  identity?: { user?: { id?: string | null; tenantId?: string | null } | null } | null;
}

const lower = (s: string | null | undefined) => (typeof s === "string" ? s.toLowerCase() : undefined);

/** How one attendee compares: who (object id, else UPN, case-insensitive), role (default attendee), tenant if given. */
function attendeeKey(a: MeetingAttendee): string {
  const who = a.userId ? `id:${a.userId.toLowerCase()}` : `upn:${lower(a.upn)}`;
  return `${who}|${a.role ?? "attendee"}|${lower(a.tenantId) ?? ""}`;
}

function sameAttendees(a: MeetingAttendee[] | undefined, b: MeetingAttendee[] | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.some(isUnknown) || b.some(isUnknown)) return false;
  const ka = a.map(attendeeKey).sort();
  const kb = b.map(attendeeKey).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
}

function sameLobby(a: LobbyBypassSettings | undefined, b: LobbyBypassSettings | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.scope === b.scope && a.isDialInBypassEnabled === b.isDialInBypassEnabled;
}

/** One property of two input sets, compared as Graph would store them. */
export function sameInput(key: InputProperty, a: unknown, b: unknown): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  switch (key) {
    case "startDateTime":
    case "endDateTime":
      return sameDateTime(a, b);
    case "attendees":
      return sameAttendees(a as MeetingAttendee[] | undefined, b as MeetingAttendee[] | undefined);
    case "lobbyBypassSettings":
      return sameLobby(a as LobbyBypassSettings | undefined, b as LobbyBypassSettings | undefined);
    case "isPasscodeRequired":
      return (a ?? false) === (b ?? false); // Graph's default
    default:
      return a === b;
  }
}

function graphAttendee(a: MeetingAttendee): Record<string, unknown> {
  const user: Record<string, unknown> = {};
  if (a.userId) user.id = a.userId;
  if (a.tenantId) user.tenantId = a.tenantId;
  const out: Record<string, unknown> = { role: a.role ?? "attendee" };
  if (Object.keys(user).length > 0) out.identity = { user };
  if (a.upn) out.upn = a.upn;
  return out;
}

/** Graph's JSON for the given properties of `inputs` (those that are set). Start and end always travel together. */
export function graphBody(inputs: Partial<MeetingInputs>, keys: readonly InputProperty[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const wanted = new Set(keys);
  if (wanted.has("startDateTime") || wanted.has("endDateTime")) {
    wanted.add("startDateTime");
    wanted.add("endDateTime");
  }
  for (const key of wanted) {
    const v = inputs[key];
    if (v === undefined) continue;
    switch (key) {
      case "userId":
        break; // in the path
      case "attendees":
        body.participants = { attendees: (v as MeetingAttendee[]).map(graphAttendee) };
        break;
      case "isPasscodeRequired":
        body.joinMeetingIdSettings = { isPasscodeRequired: v };
        break;
      default:
        body[key] = v;
    }
  }
  return body;
}

/** Updatable properties set in `desired` whose value differs from `current`. */
export function changedSettings(current: Partial<MeetingInputs>, desired: Partial<MeetingInputs>): InputProperty[] {
  return updatableProperties.filter((k) => desired[k] !== undefined && !sameInput(k, current[k], desired[k]));
}

function matches(a: MeetingAttendee, live: LiveAttendee): boolean {
  const id = lower(live.identity?.user?.id);
  if (a.userId && id) return a.userId.toLowerCase() === id;
  return !!a.upn && lower(a.upn) === lower(live.upn);
}

function projectAttendees(stored: MeetingAttendee[], live: LiveAttendee[]): MeetingAttendee[] {
  const remaining = [...live];
  const out: MeetingAttendee[] = [];
  for (const s of stored) {
    const i = remaining.findIndex((l) => matches(s, l));
    if (i < 0) continue; // removed outside Pulumi
    const [l] = remaining.splice(i, 1);
    const entry = { ...s };
    if (typeof l.role === "string" && (s.role ?? "attendee") !== l.role) entry.role = l.role as MeetingAttendee["role"];
    const tenant = l.identity?.user?.tenantId;
    if (s.tenantId !== undefined && typeof tenant === "string" && lower(s.tenantId) !== lower(tenant)) entry.tenantId = tenant;
    out.push(entry);
  }
  for (const l of remaining) {
    // Added outside Pulumi: shown as drift in the next preview.
    const entry: MeetingAttendee = {};
    const id = l.identity?.user?.id;
    if (typeof id === "string") entry.userId = id;
    else if (typeof l.upn === "string") entry.upn = l.upn;
    if (typeof l.role === "string") entry.role = l.role as MeetingAttendee["role"];
    out.push(entry);
  }
  return out;
}

/**
 * The live meeting seen through the properties the user set (`stored`): a property keeps the user's
 * spelling when Graph's value means the same, takes Graph's value when it differs, and stays absent
 * when the user never set it (a default the server fills in is not drift).
 */
export function projectLive(live: LiveMeeting, stored: Partial<MeetingInputs>): Partial<MeetingInputs> {
  const out: Record<string, unknown> = { ...stored };
  const take = (key: InputProperty, value: unknown) => {
    if (stored[key] === undefined || value === undefined || value === null) return; // not set by the user, or Graph did not say
    out[key] = sameInput(key, stored[key], value) ? stored[key] : value;
  };
  take("subject", live.subject);
  take("startDateTime", live.startDateTime);
  take("endDateTime", live.endDateTime);
  take("externalId", live.externalId);
  take("allowedPresenters", live.allowedPresenters);
  take("allowMeetingChat", live.allowMeetingChat);
  for (const key of booleanSettings) take(key, live[key]);
  take("isPasscodeRequired", live.joinMeetingIdSettings?.isPasscodeRequired);
  if (stored.lobbyBypassSettings !== undefined && live.lobbyBypassSettings) {
    const l: LobbyBypassSettings = { ...stored.lobbyBypassSettings };
    const liveLobby = live.lobbyBypassSettings;
    if (l.scope !== undefined && typeof liveLobby.scope === "string") l.scope = liveLobby.scope as LobbyBypassSettings["scope"];
    if (l.isDialInBypassEnabled !== undefined && typeof liveLobby.isDialInBypassEnabled === "boolean") l.isDialInBypassEnabled = liveLobby.isDialInBypassEnabled;
    out.lobbyBypassSettings = l;
  }
  if (stored.attendees !== undefined && live.participants) {
    const projected = projectAttendees(stored.attendees, live.participants.attendees ?? []);
    out.attendees = sameAttendees(stored.attendees, projected) ? stored.attendees : projected;
  }
  return out as Partial<MeetingInputs>;
}
