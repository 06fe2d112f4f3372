// A stack of many registrations (test/fixtures/fault-stack) installed from the npm-packed tarball,
// its meetings created beforehand with plain Graph calls, and the comparison the fault suite rests
// on: the emulator's GET /state against the Pulumi state, registration by registration.
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorProcess } from "../emulator";
import { e2eRunDir, REPO_ROOT } from "../paths";
import { installExample } from "../npmPack";
import { dynamicResources, PulumiProject, type StackExport } from "../pulumiCli";
import { createMeetings as createMeetingsOf } from "../meetingFixtures";
import { initEmulatorStack } from "../stackConfig";

export const PASSPHRASE = "reliability-passphrase";
const installed = new Map<string, string>();

/**
 * examples/<example> installed from the tarball (once per process and fixture), with the files of
 * test/fixtures/<fixture> in place of the example's program.
 */
export function installedFixture(example: string, fixture: string): string {
  let dir = installed.get(fixture);
  if (!dir) {
    dir = installExample(example, path.join(e2eRunDir(), fixture));
    fs.rmSync(path.join(dir, "README.md"), { force: true });
    const from = path.join(REPO_ROOT, "test", "fixtures", fixture);
    for (const f of fs.readdirSync(from)) fs.copyFileSync(path.join(from, f), path.join(dir, f));
    installed.set(fixture, dir);
  }
  return dir;
}

/** test/fixtures/fault-stack with its dependencies installed from the tarball (once per process). */
export function installedFaultStack(): string {
  // The fixture's package.json is the basic example's.
  return installedFixture("basic-registration", "fault-stack");
}

/** The CLI for an installed fixture (by default the fault stack) with a file backend of its own (`backend` names it). */
export function fixtureProject(info: { caFile: string }, backend: string, env: Record<string, string> = {}, cwd = installedFaultStack()): PulumiProject {
  return new PulumiProject({
    cwd,
    backendDir: path.join(e2eRunDir(), "backends", backend),
    homeDir: path.join(e2eRunDir(), `pulumi-home-${backend}`),
    passphrase: PASSPHRASE,
    caFile: info.caFile,
    env,
  });
}

let project: PulumiProject | undefined;
/**
 * The CLI for the fault runs, one per process (each run uses its own stack, whose config names its
 * own emulator). Every emulator shares the test CA.
 */
export function faultProject(info: { caFile: string }): PulumiProject {
  project ??= fixtureProject(info, "fault-stack");
  return project;
}

/** `count` online meetings of the seeded organizer, made with plain Graph calls. */
export function createMeetings(emu: EmulatorProcess, count: number): Promise<string[]> {
  return createMeetingsOf(emu.info, count, { subject: "fault suite" });
}

/** stack init + the msgraph:* config for this emulator + the fixture's own keys. */
export function initFaultStack(project: PulumiProject, stack: string, emu: EmulatorProcess, meetingIds: string[]): Promise<void> {
  return initEmulatorStack(project, stack, emu.info, [
    ["organizerId", emu.info.organizer.id],
    ["meetingIds", JSON.stringify(meetingIds)],
  ]);
}

export interface Comparison {
  /** Every desired registration exists once, in both the emulator and the state, with the same id. */
  converged: boolean;
  /** State entries beyond one per meeting (two resources claiming one meeting or one registration id). */
  duplicates: number;
  /** Registrations in the emulator on the stack's meetings that no state entry holds. */
  orphans: number;
  /** State entries whose registration does not exist, plus meetings without their registration. */
  missing: number;
  /** Operations the engine left pending in the checkpoint. */
  pendingOperations: number;
  details: string[];
}

interface PendingOperation {
  resource: { urn: string };
  type: string;
}

/**
 * GET /state against `pulumi stack export`, for the stack's meetings: with `registered`, each
 * meeting should hold one registration that one state entry holds; without, none and none.
 */
export async function compare(emu: EmulatorProcess, project: PulumiProject, stack: string, meetings: string[], registered = true): Promise<Comparison> {
  const desiredMeetings = registered ? meetings : [];
  const exported = (await project.stackExport(stack)) as StackExport & { deployment: { pending_operations?: PendingOperation[] } };
  const inState = dynamicResources(exported)
    .filter((r) => /ExternalMeetingRegistration::/.test(r.urn))
    .map((r) => ({ urn: r.urn, id: r.id ?? "", meetingId: String(r.outputs?.meetingId ?? r.inputs?.meetingId ?? "") }));
  const wanted = new Set(meetings);
  const live = (await emu.admin.state()).registrations
    .filter((r) => wanted.has(r.meetingId))
    .map((r) => ({ meetingId: r.meetingId, id: String(r.resource.id) }));
  const details: string[] = [];

  let duplicates = 0;
  const byMeeting = new Map<string, number>();
  const byId = new Map<string, number>();
  for (const r of inState) {
    byMeeting.set(r.meetingId, (byMeeting.get(r.meetingId) ?? 0) + 1);
    byId.set(r.id, (byId.get(r.id) ?? 0) + 1);
  }
  for (const [m, n] of byMeeting) if (n > 1) (duplicates += n - 1), details.push(`${n} state entries for meeting ${m}`);
  for (const [id, n] of byId) if (n > 1 && byMeeting.size === inState.length) (duplicates += n - 1), details.push(`${n} state entries hold registration ${id}`);
  const liveByMeeting = new Map<string, number>();
  for (const r of live) liveByMeeting.set(r.meetingId, (liveByMeeting.get(r.meetingId) ?? 0) + 1);
  for (const [m, n] of liveByMeeting) if (n > 1) (duplicates += n - 1), details.push(`${n} registrations on meeting ${m}`);

  const stateIds = new Set(inState.map((r) => r.id));
  const liveIds = new Set(live.map((r) => r.id));
  const orphaned = live.filter((r) => !stateIds.has(r.id));
  for (const r of orphaned) details.push(`orphan: registration ${r.id} on meeting ${r.meetingId} is not in the state`);
  const dangling = inState.filter((r) => !liveIds.has(r.id));
  for (const r of dangling) details.push(`dangling: ${r.urn.split("::").pop()} holds ${r.id || "(no id)"}, which does not exist`);
  const unregistered = desiredMeetings.filter((m) => !live.some((r) => r.meetingId === m));
  if (unregistered.length) details.push(`${unregistered.length} meeting(s) without a registration`);
  const pendingOperations = exported.deployment.pending_operations?.length ?? 0;
  if (pendingOperations) details.push(`${pendingOperations} pending operation(s): ${exported.deployment.pending_operations!.map((p) => `${p.type} ${p.resource.urn.split("::").pop()}`).join(", ")}`);

  const missing = dangling.length + unregistered.length;
  const converged = duplicates === 0 && orphaned.length === 0 && missing === 0 && pendingOperations === 0 && inState.length === desiredMeetings.length;
  return { converged, duplicates, orphans: orphaned.length, missing, pendingOperations, details };
}
