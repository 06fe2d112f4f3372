// Online meetings and registrations made with plain Graph calls (not through the provider), as an
// organizer's other tools would make them: fixtures of the tests, the benchmark and the fault runs,
// and out-of-band changes (drift, pre-existing registrations).
import type { EmulatorInfo } from "../../emulator/index";
import type { EmulatorProcess } from "./emulator";
import { graphRequest } from "./graphRequest";
import { appToken, fetchAppToken } from "./tokens";

export interface MeetingOptions {
  /** An app token to use (default: one fetched from the token endpoint). */
  token?: string;
  /** The meeting's organizer (default: the seeded organizer). */
  organizerId?: string;
  subject?: string;
}

let counter = 0;

/** One online meeting starting in a day, for an hour (POST /v1.0/users/{id}/onlineMeetings, 201); returns its id. */
export async function createMeeting(info: EmulatorInfo, options: MeetingOptions = {}): Promise<string> {
  const token = options.token ?? (await fetchAppToken(info));
  const start = new Date(Date.now() + 86_400_000);
  const res = await graphRequest(info, token, "POST", `/v1.0/users/${encodeURIComponent(options.organizerId ?? info.organizer.id)}/onlineMeetings`, {
    subject: options.subject ?? `test meeting ${++counter}`,
    startDateTime: start.toISOString(),
    endDateTime: new Date(start.getTime() + 3_600_000).toISOString(),
  });
  if (res.status !== 201) throw new Error(`creating a meeting: ${res.status} ${res.text}`);
  return String(res.body.id);
}

/** `count` meetings of the seeded organizer (`concurrency` requests at a time), ids in order. */
export async function createMeetings(info: EmulatorInfo, count: number, options: { concurrency?: number; subject?: string } = {}): Promise<string[]> {
  const token = await fetchAppToken(info);
  const ids: string[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      ids[i] = await createMeeting(info, { token, subject: `${options.subject ?? "test meeting"} ${i}` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(count, options.concurrency ?? 1) }, worker));
  return ids;
}

/** A fresh online meeting of the seeded organizer (or `organizerId`), made with a plain Graph call. */
export function newMeeting(emu: EmulatorProcess, organizerId = emu.info.organizer.id): Promise<string> {
  return createMeeting(emu.info, { organizerId, subject: `provider test ${++counter}` });
}

/** Graph call as the seeded app (out-of-band changes: drift, pre-existing registrations). */
export async function asApp(emu: EmulatorProcess, method: "GET" | "POST" | "PATCH" | "DELETE", p: string, body?: unknown) {
  return graphRequest(emu.info, await appToken(emu.info), method, p, body);
}

/** The beta path of a meeting's registration. */
export function registrationPath(emu: EmulatorProcess, meetingId: string, userId = emu.info.organizer.id): string {
  return `/beta/users/${encodeURIComponent(userId)}/onlineMeetings/${encodeURIComponent(meetingId)}/registration`;
}
