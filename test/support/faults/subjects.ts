// What the fault suite runs its fault classes against: a "subject" is a kind of stack, its fixtures
// made beforehand, the routes its registrations use (where the faults are aimed), and how its
// emulator state is compared with its Pulumi state.
//   meetings  N ExternalMeetingRegistrations, one per meeting made beforehand (the beta API)
//   webinar   one published VirtualEventWebinar (delegated) + N VirtualEventRegistrations (application)
import type { EmulatorProcess } from "../emulator";
import type { EmulatorState } from "../adminClient";
import type { PulumiProject, RunResult } from "../pulumiCli";
import { compare, createMeetings, faultProject, initFaultStack, installedFaultStack, type Comparison } from "./meetingStack";
import { compareWebinar, initWebinarFaultStack, installedWebinarFaultStack, webinarFaultProject } from "./webinarStack";

export type SubjectName = "meetings" | "webinar";

/** Path patterns (regular expressions on the request path) of one subject's Graph calls. */
export interface SubjectRoutes {
  /** Every call on a registration: create, lookups, reads, deletes. */
  registration: string;
  /** The create (POST). */
  create: string;
  /** The delete: its method and path, and how the table names it. */
  remove: { method: string; path: string; name: string };
  /** The calls the connection-reset class aims at, and how the table names them. */
  resets: { path: string; name: string };
}

/** One stack of a subject, prepared on a fresh emulator for one run. */
export interface PreparedStack {
  project: PulumiProject;
  /** Live registrations of this stack in the emulator state (what the mid-deployment triggers count). */
  liveCount(state: EmulatorState): number;
  /** Emulator against state: `registered`, every registration exists once; else none does. */
  compare(registered: boolean): Promise<Comparison>;
  /** adoptId per resource name from the 409 errors of a failed `pulumi up`; {} when the kind adopts by itself. */
  adoptions(r: RunResult): Record<string, string>;
}

export interface FaultSubject {
  name: SubjectName;
  routes: SubjectRoutes;
  /** The stack, as the table's header line says it ("20 registrations per stack"). */
  describe(registrations: number): string;
  /** Installs the fixture program from the tarball (once per process; the first takes minutes). */
  install(): void;
  prepare(emu: EmulatorProcess, stack: string, registrations: number): Promise<PreparedStack>;
}

/** `adoptId: "<id>"` per resource name, from the provider's 409 errors (meeting id → reg-<index>). */
function meetingAdoptions(r: RunResult, meetings: string[]): Record<string, string> {
  const found: Record<string, string> = {};
  // Each 409 message names the meeting, then (a line later, maybe indented or wrapped) the adoptId.
  const re = /Could not create the ExternalMeetingRegistration for meeting "([^"]+)"[\s\S]*?add adoptId: "([^"]+)"/g;
  for (const m of `${r.stdout}\n${r.stderr}`.matchAll(re)) {
    const index = meetings.indexOf(m[1]);
    if (index >= 0) found[`reg-${index}`] = m[2];
  }
  return found;
}

export const meetingSubject: FaultSubject = {
  name: "meetings",
  routes: {
    registration: "/registration$",
    create: "/registration$",
    remove: { method: "DELETE", path: "/registration$", name: "DELETE" },
    resets: { path: "^/beta/", name: "Graph calls" },
  },
  describe: (n) => `${n} registrations per stack`,
  install: () => void installedFaultStack(),
  async prepare(emu, stack, registrations) {
    const meetings = await createMeetings(emu, registrations);
    const wanted = new Set(meetings);
    const project = faultProject(emu.info);
    await initFaultStack(project, stack, emu, meetings);
    return {
      project,
      liveCount: (state) => state.registrations.filter((r) => wanted.has(r.meetingId)).length,
      compare: (registered) => compare(emu, project, stack, meetings, registered),
      adoptions: (r) => meetingAdoptions(r, meetings),
    };
  },
};

export const webinarSubject: FaultSubject = {
  name: "webinar",
  routes: {
    // registrations, registrations(email='…'), registrations/{id}, registrations/{id}/cancel
    registration: "/registrations([(/]|$)",
    create: "/registrations$",
    remove: { method: "POST", path: "/registrations/[^/]+/cancel$", name: "cancel (POST …/cancel)" },
    // Not the webinar's own create: Graph has no key to find a webinar whose create answer was lost.
    resets: { path: "/registrations([(/]|$)", name: "registration calls" },
  },
  describe: (n) => `a published webinar and ${n} registrations per stack`,
  install: () => void installedWebinarFaultStack(),
  async prepare(emu, stack, registrations) {
    const project = webinarFaultProject(emu.info);
    await initWebinarFaultStack(project, stack, emu, registrations);
    return {
      project,
      liveCount: (state) => state.webinarRegistrations.filter((r) => r.resource.status !== "canceled").length,
      compare: (registered) => compareWebinar(emu, project, stack, registrations, registered),
      // A 409 (already registered) makes the create take the person's registration over by itself.
      adoptions: () => ({}),
    };
  },
};

export const subjects: Readonly<Record<SubjectName, FaultSubject>> = { meetings: meetingSubject, webinar: webinarSubject };

/** The subject named by `--stack`, with the names there are when there is none such. */
export function subjectNamed(name: string): FaultSubject {
  const s = subjects[name as SubjectName];
  if (!s) throw new Error(`--stack ${name}: no such subject; use one of ${Object.keys(subjects).join(", ")}`);
  return s;
}
