// Reading what happened: the emulator's GET /state and request log, reduced to what the e2e tests
// assert on, and the `__provider` text of a state entry.
import { isGraphPath } from "./adminClient";
import type { EmulatorProcess, RequestLogEntry } from "./emulator";

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
}

export interface EmulatorRegistration {
  meetingId: string;
  id: string;
  allowedRegistrant: string;
  odataType: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** Every registration the emulator holds (GET /_emulator/state). */
export async function emulatorRegistrations(emulator: EmulatorProcess): Promise<EmulatorRegistration[]> {
  const state = await emulator.admin.state();
  return state.registrations.map((r) => ({
    meetingId: r.meetingId,
    id: String(r.resource.id),
    allowedRegistrant: String(r.resource.allowedRegistrant),
    odataType: String(r.resource["@odata.type"]),
  }));
}

/** Graph writes (POST/PATCH/PUT/DELETE on Graph paths, not token or admin calls), oldest first. */
export function graphWrites(requests: RequestLogEntry[]): LoggedRequest[] {
  return requests
    .map((r) => ({ method: r.method, path: r.path, status: r.status }))
    .filter((r) => r.method !== "GET" && isGraphPath(r.path));
}

/** `urn` itself when it names an ExternalMeetingRegistration, else undefined (for filters). */
export function registrationUrn(urn: string): string | undefined {
  return /::pulumi-nodejs:dynamic[^:]*:[^:]*ExternalMeetingRegistration::[^:]+$/.test(urn) ? urn : undefined;
}

/** The serialized provider, whether the export shows it plain or as a decrypted secret envelope. */
export function providerText(value: unknown): string {
  if (typeof value === "string") return value;
  const v = value as Loose;
  if (v && typeof v.plaintext === "string") return JSON.parse(v.plaintext) as string;
  return "";
}
