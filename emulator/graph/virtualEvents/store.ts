// The virtual-event section of the emulator's state: webinars (with their registration
// configuration and their one session), registration questions and registrations. Held by Store
// (emulator/store.ts), which persists it with the rest of the state.

export interface RegistrationConfiguration {
  capacity: number;
  isManualApprovalEnabled: boolean;
  isWaitlistEnabled: boolean;
}

export interface StoredSession {
  id: string;
  threadId: string;
  joinWebUrl: string;
}

export interface StoredWebinar {
  id: string; // {guid}@{tenantGuid}
  tenantId: string;
  organizerId: string;
  seq: number; // creation order, the basis of $skiptoken
  /** Start and end as instants (ms since the epoch), for the checks and for `webinarTimeEcho: "utc"`. */
  startUtc: number;
  endUtc: number;
  /** The Graph representation without `@odata.context`; `externalEventInformation` is shown to organizers only. */
  resource: Record<string, unknown>;
  registrationConfiguration: RegistrationConfiguration;
  session: StoredSession;
}

export interface StoredQuestion {
  webinarId: string;
  seq: number;
  resource: Record<string, unknown>; // @odata.type, id, displayName, isRequired, answerInputType/answerChoices | label
}

export interface StoredWebinarRegistration {
  webinarId: string;
  seq: number;
  resource: Record<string, unknown>; // id, email, firstName, lastName, userId, status, ...
}

export interface PersistedVirtualEvents {
  webinars: StoredWebinar[];
  questions: StoredQuestion[];
  registrations: StoredWebinarRegistration[];
  nextSeq: number;
}

export class VirtualEventsStore {
  readonly webinars = new Map<string, StoredWebinar>(); // by lower-cased id
  readonly questions = new Map<string, StoredQuestion[]>(); // by lower-cased webinar id, in seq order
  readonly registrations = new Map<string, StoredWebinarRegistration[]>(); // by lower-cased webinar id, in seq order
  private nextSeq = 1;

  load(state: PersistedVirtualEvents | undefined): void {
    if (!state) return;
    for (const w of state.webinars) this.webinars.set(w.id.toLowerCase(), w);
    for (const q of state.questions) this.listOf(this.questions, q.webinarId).push(q);
    for (const r of state.registrations) this.listOf(this.registrations, r.webinarId).push(r);
    this.nextSeq = state.nextSeq;
  }

  snapshot(): PersistedVirtualEvents {
    return {
      webinars: [...this.webinars.values()],
      questions: [...this.questions.values()].flat(),
      registrations: [...this.registrations.values()].flat(),
      nextSeq: this.nextSeq,
    };
  }

  seq(): number {
    return this.nextSeq++;
  }

  findWebinar(id: string): StoredWebinar | undefined {
    return this.webinars.get(id.toLowerCase());
  }

  addWebinar(webinar: StoredWebinar): void {
    this.webinars.set(webinar.id.toLowerCase(), webinar);
  }

  questionsOf(webinarId: string): StoredQuestion[] {
    return this.listOf(this.questions, webinarId);
  }

  registrationsOf(webinarId: string): StoredWebinarRegistration[] {
    return this.listOf(this.registrations, webinarId);
  }

  private listOf<T>(map: Map<string, T[]>, webinarId: string): T[] {
    const key = webinarId.toLowerCase();
    let list = map.get(key);
    if (!list) {
      list = [];
      map.set(key, list);
    }
    return list;
  }
}
