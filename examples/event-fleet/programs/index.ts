// The inline program of each event kind. Adding a kind (e.g. "webinar"): its entry in
// catalogue.ts (type, KINDS, checks) and its program here.
import { createHash } from "node:crypto";
import type { FleetEvent } from "../catalogue";
import { meetingProgram } from "./meeting";

/** Bump when a program's resources change, so every event is updated once with the new program. */
export const PROGRAM_VERSION = 1;

/** A digest of what an event's stack should hold: equal digests mean nothing to update. */
export function eventHash(event: FleetEvent): string {
  return createHash("sha256").update(JSON.stringify({ v: PROGRAM_VERSION, event })).digest("hex").slice(0, 16);
}

export function programFor(event: FleetEvent): () => Promise<Record<string, unknown>> {
  switch (event.kind) {
    case "meeting":
      return meetingProgram(event, eventHash(event));
  }
}
