// Online meeting ids as Graph makes them: unpadded base64 of `1*{organizerOid}*0**{threadId}`, with a
// thread id `19:meeting_<random>@thread.v2`; and the Teams join links built from them.
import { randomBytes } from "node:crypto";

// `1*{organizer oid}*{0 or a timestamp}**{thread id}`: ids seen in the field carry a timestamp in the
// third field and channel-meeting threads (`19:…@thread.tacv2`) as well as `19:meeting_…@thread.v2`.
const DECODED = /^1\*([0-9a-fA-F-]{36})\*\d+\*\*(19:[^\s*/]+@thread\.(?:v2|tacv2|skype))$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface MeetingIdParts {
  organizerId: string;
  threadId: string;
}

/** A new thread id and meeting id for the organizer; ids never contain `/` or `+` (they are path segments). */
export function newMeetingId(organizerId: string): { id: string; threadId: string } {
  for (;;) {
    const threadId = `19:meeting_${randomBytes(36).toString("base64url").replace(/[-_]/g, "")}@thread.v2`;
    const id = Buffer.from(`1*${organizerId}*0**${threadId}`).toString("base64").replace(/=+$/, "");
    if (!/[+/]/.test(id)) return { id, threadId };
  }
}

/** Decodes a meeting id, or returns undefined when it is corrupted (Graph: 400 "Meeting Id is corrupted."). */
export function parseMeetingId(id: string): MeetingIdParts | undefined {
  if (!BASE64.test(id)) return undefined;
  const m = DECODED.exec(Buffer.from(id, "base64").toString("utf8"));
  return m ? { organizerId: m[1].toLowerCase(), threadId: m[2] } : undefined;
}

/** encodeURIComponent with lowercase hex escapes, as in Teams links (19%3ameeting_...%40thread.v2). */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
}

export function meetingJoinUrl(threadId: string, tenantId: string, organizerId: string): string {
  return `https://teams.microsoft.com/l/meetup-join/${enc(threadId)}/0?context=${enc(JSON.stringify({ Tid: tenantId, Oid: organizerId }))}`;
}

export function registrantJoinUrl(threadId: string, tenantId: string, organizerId: string, registrantId: string, isPublic: boolean): string {
  const context = JSON.stringify({ Tid: tenantId, Oid: organizerId, prid: registrantId, isPublic });
  return `https://teams.microsoft.com/l/meetup-join/${enc(threadId)}/0?context=${enc(context)}`;
}
