// The admin API's virtual-event part: the ground truth for GET /_emulator/state, and what an
// organizer does in the Teams client that Graph does not document: the registration settings
// (capacity, manual approval, waitlist) and approving or rejecting a registration.
import type { Store } from "../../store";
import type { RegistrationConfiguration } from "./store";

export interface AdminAnswer {
  status: number;
  body?: unknown;
}

const CONFIGURATION = /^\/webinars\/([^/]+)\/registrationConfiguration$/i;
const REGISTRATION = /^\/webinars\/([^/]+)\/registrations\/([^/]+)$/i;
const STATUSES = ["registered", "canceled", "waitlisted", "pendingApproval", "rejectedByOrganizer"];

const error = (status: number, code: string, message: string): AdminAnswer => ({ status, body: { error: { code, message } } });

/** `webinars`, `webinarQuestions`, `webinarRegistrations` of GET /_emulator/state. */
export function virtualEventsState(store: Store) {
  const s = store.virtualEvents.snapshot();
  return { webinars: s.webinars, webinarQuestions: s.questions, webinarRegistrations: s.registrations };
}

/** Handles an admin route of its own, or returns undefined. */
export async function virtualEventsAdmin(store: Store, method: string, path: string, body: unknown): Promise<AdminAnswer | undefined> {
  let m = CONFIGURATION.exec(path);
  if (m && method === "PATCH") {
    const webinar = store.virtualEvents.findWebinar(decodeURIComponent(m[1]));
    if (!webinar) return error(404, "NotFound", `No webinar ${decodeURIComponent(m[1])}.`);
    if (body === null || typeof body !== "object" || Array.isArray(body)) return error(400, "BadRequest", "The body must be a JSON object.");
    const next: RegistrationConfiguration = { ...webinar.registrationConfiguration };
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === "capacity") {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0) return error(400, "BadRequest", "capacity must be a non-negative integer.");
        next.capacity = v;
      } else if (k === "isManualApprovalEnabled" || k === "isWaitlistEnabled") {
        if (typeof v !== "boolean") return error(400, "BadRequest", `${k} must be a boolean.`);
        next[k] = v;
      } else return error(400, "BadRequest", `Unknown property ${k}: capacity, isManualApprovalEnabled, isWaitlistEnabled.`);
    }
    webinar.registrationConfiguration = next;
    await store.commit();
    return { status: 200, body: next };
  }
  m = REGISTRATION.exec(path);
  if (m && method === "PATCH") {
    const webinarId = decodeURIComponent(m[1]);
    const registration = store.virtualEvents.registrationsOf(webinarId).find((r) => String(r.resource.id).toLowerCase() === decodeURIComponent(m![2]).toLowerCase());
    if (!registration) return error(404, "NotFound", `No registration ${decodeURIComponent(m[2])} on webinar ${webinarId}.`);
    const status = (body as { status?: unknown } | undefined)?.status;
    if (typeof status !== "string" || !STATUSES.includes(status)) return error(400, "BadRequest", `status must be one of ${STATUSES.join(", ")}.`);
    registration.resource = { ...registration.resource, status, cancelationDateTime: status === "canceled" ? new Date().toISOString() : registration.resource.cancelationDateTime };
    await store.commit();
    return { status: 200, body: registration.resource };
  }
  return undefined;
}
