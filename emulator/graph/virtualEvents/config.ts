// The virtual-event switches of the emulator's config: every behaviour the contract
// (shared/virtual-events-contract.md, "Known errors and constraints" and the lookups after a 204)
// marks as undocumented, plus Microsoft's documented throttling limit for these routes. They are
// merged into EmulatorConfig (emulator/config.ts) and listed in emulator/README.md.

/** How the emulator answers a request Microsoft does not document the answer to. */
export type Reject = "badRequest" | "conflict" | "forbidden";

export interface VirtualEventsConfig {
  /** Create/PATCH with a start in the past: 400, or accepted. */
  webinarPastStart: "badRequest" | "allow";
  /** Create/PATCH with end <= start: 400, or accepted. */
  webinarEndNotAfterStart: "badRequest" | "allow";
  /** PATCH, publish, cancel, setExternalEventInformation, question writes and registration writes on a canceled webinar. */
  webinarCanceledWrites: "badRequest" | "conflict" | "allow";
  /** Publish of a published webinar: 400, 409, or 204 (no-op). */
  webinarPublishTwice: "badRequest" | "conflict" | "noContent";
  /** Cancel of a draft: cancels it (204), or 400. */
  webinarCancelDraft: "cancel" | "badRequest";
  /** PATCH naming `audience` (not among the documented PATCH fields): 400, ignored, or applied. */
  webinarAudiencePatch: "badRequest" | "ignore" | "allow";
  /** Registering on a draft webinar: 400, or accepted. */
  webinarRegisterOnDraft: "badRequest" | "allow";
  /** Registering on a canceled webinar: 400, or accepted. */
  webinarRegisterOnCanceled: "badRequest" | "allow";
  /** A second live registration with the same email: 409, or the existing one (app: 204 again, delegated: 201 + it). */
  webinarDuplicateEmail: "conflict" | "existing";
  /** When registrations reach `capacity`: waitlisted if isWaitlistEnabled else 400 ("bySettings"), always waitlisted, or always 400. */
  webinarFullCapacity: "bySettings" | "waitlisted" | "badRequest";
  /** With isManualApprovalEnabled: new registrations are pendingApproval, or registered at once. */
  webinarManualApproval: "pendingApproval" | "registered";
  /** An application (anonymous) registration on a webinar whose audience is organization. */
  webinarAnonymousOnOrganization: "forbidden" | "badRequest" | "allow";
  /** A registration without an answer to a required question: 400, or accepted. */
  webinarMissingRequiredAnswers: "badRequest" | "allow";
  /** Cancel of a canceled registration: 400, or 204 (no-op). */
  webinarRegistrationCancelTwice: "badRequest" | "noContent";
  /** Whether app-only anonymous registration (create/cancel with VirtualEventRegistration-Anon.ReadWrite.All) needs an application access policy for the organizer. */
  webinarAnonymousRegistrationNeedsPolicy: boolean;
  /** Lookup: GET {w}/registrations(email='…') and (userId='…'), the alternate keys of the metadata. Off: 400 as for an unknown segment. */
  webinarRegistrationKeyLookup: boolean;
  /**
   * Lookup: `$filter=email eq '…'` on the registration list. "betaOnly": beta filters, v1.0 ignores
   * the query (its docs say the list takes no query options); "both": both filter; "ignored": both
   * ignore it (every registration comes back); "badRequest": both answer 400.
   */
  webinarRegistrationFilter: "betaOnly" | "both" | "ignored" | "badRequest";
  /** Lookup: whether an app-only token (VirtualEvent.Read.All + policy) may list registrations (newest docs) or gets 403 (older docs). */
  webinarRegistrationListForApps: boolean;
  /** Registrations (and webinars) per page of a list; further pages via @odata.nextLink ($skiptoken). */
  webinarPageSize: number;
  /** Webinar and session times in responses: converted to UTC with 7 fractional digits, or echoed as sent. */
  webinarTimeEcho: "utc" | "asSent";
  /** Webinars answer `description` as a plain string (the shape of the docs' get example), not an itemBody. */
  webinarDescriptionAsString: boolean;
  /** registrationDateTime / cancelationDateTime with a trailing Z, or without (as in the docs' examples). */
  webinarTimestampZone: "withZ" | "withoutZ";
  /** registrationConfiguration.capacity of a new webinar. */
  webinarDefaultCapacity: number;
  /** Microsoft's documented limit for virtual events, per app across tenants: off by default. */
  virtualEventsThrottle: boolean;
  /** Writes (create/update/delete) per app per 30 s when the throttle is on (documented: 15). */
  virtualEventsWritesPer30s: number;
  /** Reads (GET) per app per 30 s when the throttle is on (documented: 750). */
  virtualEventsReadsPer30s: number;
  /** Whether actions (publish, cancel, setExternalEventInformation, registration cancel) count as writes: undocumented. */
  virtualEventsActionsAreWrites: boolean;
}

export const VIRTUAL_EVENTS_DEFAULTS: VirtualEventsConfig = {
  webinarPastStart: "badRequest",
  webinarEndNotAfterStart: "badRequest",
  webinarCanceledWrites: "badRequest",
  webinarPublishTwice: "badRequest",
  webinarCancelDraft: "cancel",
  webinarAudiencePatch: "badRequest",
  webinarRegisterOnDraft: "badRequest",
  webinarRegisterOnCanceled: "badRequest",
  webinarDuplicateEmail: "conflict",
  webinarFullCapacity: "bySettings",
  webinarManualApproval: "pendingApproval",
  webinarAnonymousOnOrganization: "forbidden",
  webinarMissingRequiredAnswers: "badRequest",
  webinarRegistrationCancelTwice: "badRequest",
  webinarAnonymousRegistrationNeedsPolicy: true,
  webinarRegistrationKeyLookup: true,
  webinarRegistrationFilter: "betaOnly",
  webinarRegistrationListForApps: true,
  webinarPageSize: 100,
  webinarTimeEcho: "utc",
  webinarDescriptionAsString: false,
  webinarTimestampZone: "withZ",
  webinarDefaultCapacity: 1000,
  virtualEventsThrottle: false,
  virtualEventsWritesPer30s: 15,
  virtualEventsReadsPer30s: 750,
  virtualEventsActionsAreWrites: true,
};

/** Every virtual-event key may change at runtime (PUT /_emulator/config). */
export const VIRTUAL_EVENTS_RUNTIME_KEYS = Object.keys(VIRTUAL_EVENTS_DEFAULTS) as (keyof VirtualEventsConfig)[];

export const VIRTUAL_EVENTS_ENUMS: Partial<Record<keyof VirtualEventsConfig, readonly string[]>> = {
  webinarPastStart: ["badRequest", "allow"],
  webinarEndNotAfterStart: ["badRequest", "allow"],
  webinarCanceledWrites: ["badRequest", "conflict", "allow"],
  webinarPublishTwice: ["badRequest", "conflict", "noContent"],
  webinarCancelDraft: ["cancel", "badRequest"],
  webinarAudiencePatch: ["badRequest", "ignore", "allow"],
  webinarRegisterOnDraft: ["badRequest", "allow"],
  webinarRegisterOnCanceled: ["badRequest", "allow"],
  webinarDuplicateEmail: ["conflict", "existing"],
  webinarFullCapacity: ["bySettings", "waitlisted", "badRequest"],
  webinarManualApproval: ["pendingApproval", "registered"],
  webinarAnonymousOnOrganization: ["forbidden", "badRequest", "allow"],
  webinarMissingRequiredAnswers: ["badRequest", "allow"],
  webinarRegistrationCancelTwice: ["badRequest", "noContent"],
  webinarRegistrationFilter: ["betaOnly", "both", "ignored", "badRequest"],
  webinarTimeEcho: ["utc", "asSent"],
  webinarTimestampZone: ["withZ", "withoutZ"],
};

/** Numeric keys that must be positive integers. */
export const VIRTUAL_EVENTS_POSITIVE_INTEGERS: readonly (keyof VirtualEventsConfig)[] = ["webinarPageSize", "virtualEventsWritesPer30s", "virtualEventsReadsPer30s"];
