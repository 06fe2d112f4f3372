// The webinar stack of the fault suite (test/fixtures/webinar-fault-stack, installed from the
// npm-packed tarball): one webinar the organizer publishes (a delegated token from the emulator's
// public client, signed in by device code in plain HTTP) and N anonymous registrations the
// application makes (Graph answers 204 without a body; the provider finds each id by lookup). And
// its comparison: the emulator's GET /state against the Pulumi state, person by person.
import { deviceCodeToken } from "../tokens";
import type { EmulatorProcess } from "../emulator";
import { dynamicResources, type PulumiProject, type StackExport } from "../pulumiCli";
import { initEmulatorStack } from "../stackConfig";
import { fixtureProject, installedFixture, type Comparison } from "./meetingStack";

/** test/fixtures/webinar-fault-stack with its dependencies installed from the tarball (once per process). */
export function installedWebinarFaultStack(): string {
  // The fixture's package.json is the webinar example's.
  return installedFixture("webinar", "webinar-fault-stack");
}

let project: PulumiProject | undefined;
/** The CLI for the webinar fault runs, one per process (each run has its own stack and emulator). */
export function webinarFaultProject(info: { caFile: string }): PulumiProject {
  project ??= fixtureProject(info, "webinar-fault-stack", {}, installedWebinarFaultStack());
  return project;
}

/** stack init + the msgraph:* config for this emulator (both identities) + the fixture's own keys. */
export async function initWebinarFaultStack(project: PulumiProject, stack: string, emu: EmulatorProcess, registrations: number): Promise<void> {
  const info = emu.info;
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await initEmulatorStack(project, stack, info, [
    ["registrations", String(registrations)],
    ["startDateTime", `${day}T16:00:00`],
    ["endDateTime", `${day}T17:00:00`],
  ]);
  // The organizer's token (60–90 minutes): a static delegated identity beside the application one.
  await project.setConfig(stack, "msgraph:userAccessToken", await deviceCodeToken(info), { secret: true });
}

interface LiveRegistration {
  id: string;
  webinarId: string;
  email: string;
  externalId: string;
  status: string;
}

/** Every registration the emulator holds (a fault run's emulator serves this stack alone). */
export async function liveWebinarRegistrations(emu: EmulatorProcess): Promise<LiveRegistration[]> {
  return (await emu.admin.state()).webinarRegistrations.map((r) => ({
    id: String(r.resource.id),
    webinarId: r.webinarId,
    email: String(r.resource.email).toLowerCase(),
    externalId: String((r.resource.externalRegistrationInformation as { registrationId?: string } | null)?.registrationId ?? ""),
    status: String(r.resource.status),
  }));
}

const countBy = <T>(items: T[], key: (t: T) => string) => {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
};

/**
 * GET /state against `pulumi stack export`. With `registered`: the state holds one published
 * webinar and `registrations` registrations, each live (not canceled) in the emulator, one per
 * person (email, external id); without: the state holds nothing and nothing is left live.
 * Duplicates: two live registrations or two state entries for one person; orphans: a live
 * registration (or a live webinar) that the state does not hold.
 */
export async function compareWebinar(emu: EmulatorProcess, project: PulumiProject, stack: string, registrations: number, registered = true): Promise<Comparison> {
  type Pending = { resource: { urn: string }; type: string };
  const exported = (await project.stackExport(stack)) as StackExport & { deployment: { pending_operations?: Pending[] } };
  const resources = dynamicResources(exported);
  const inState = resources
    .filter((r) => /:VirtualEventRegistration::/.test(r.urn))
    .map((r) => ({
      urn: r.urn,
      id: r.id ?? "",
      email: String(r.outputs?.email ?? "").toLowerCase(),
      externalId: String((r.outputs?.externalRegistrationInformation as { registrationId?: string } | undefined)?.registrationId ?? ""),
    }));
  const webinarsInState = resources.filter((r) => /:VirtualEventWebinar::/.test(r.urn)).map((r) => r.id ?? "");
  const emulator = await emu.admin.state();
  const all = await liveWebinarRegistrations(emu);
  const live = all.filter((r) => r.status !== "canceled");
  const details: string[] = [];

  let duplicates = 0;
  const duplicated = (what: string, counts: Map<string, number>) => {
    for (const [k, n] of counts) if (k && n > 1) (duplicates += n - 1), details.push(`${n} ${what} ${k}`);
  };
  duplicated("state entries for person", countBy(inState, (r) => r.email));
  duplicated("state entries hold registration", countBy(inState, (r) => r.id));
  duplicated("live registrations for person", countBy(live, (r) => r.email));
  duplicated("live registrations with external id", countBy(live, (r) => r.externalId));

  const stateIds = new Set(inState.map((r) => r.id));
  const liveById = new Map(live.map((r) => [r.id, r]));
  const orphaned = live.filter((r) => !stateIds.has(r.id));
  for (const r of orphaned) details.push(`orphan: registration ${r.id} of ${r.email} (${r.externalId || "no external id"}) is not in the state`);
  const liveWebinars = emulator.webinars.filter((w) => w.resource.status !== "canceled");
  const orphanWebinars = liveWebinars.filter((w) => !webinarsInState.includes(String(w.resource.id)));
  for (const w of orphanWebinars) details.push(`orphan: webinar ${String(w.resource.id)} (${String(w.resource.status)}) is not in the state`);
  const dangling = inState.filter((r) => !liveById.has(r.id));
  for (const r of dangling) {
    const gone = all.find((x) => x.id === r.id);
    details.push(`dangling: ${r.urn.split("::").pop()} holds ${r.id || "(no id)"}, which ${gone ? `is ${gone.status}` : "does not exist"}`);
  }
  const people = registered ? Array.from({ length: registrations }, (_, i) => `person-${i}@example.com`) : [];
  const unregistered = people.filter((p) => !live.some((r) => r.email === p));
  if (unregistered.length) details.push(`${unregistered.length} person(s) without a live registration`);
  const webinarOk = registered
    ? webinarsInState.length === 1 && emulator.webinars.some((w) => w.resource.id === webinarsInState[0] && w.resource.status === "published")
    : webinarsInState.length === 0;
  if (!webinarOk) details.push(`the state holds ${webinarsInState.length} webinar(s); wanted ${registered ? "one, published in the emulator" : "none"}`);
  const pendingOperations = exported.deployment.pending_operations?.length ?? 0;
  if (pendingOperations) details.push(`${pendingOperations} pending operation(s): ${exported.deployment.pending_operations!.map((p) => `${p.type} ${p.resource.urn.split("::").pop()}`).join(", ")}`);

  const orphans = orphaned.length + orphanWebinars.length;
  const missing = dangling.length + unregistered.length + (webinarOk ? 0 : 1);
  const converged = duplicates === 0 && orphans === 0 && missing === 0 && pendingOperations === 0 && inState.length === people.length;
  return { converged, duplicates, orphans, missing, pendingOperations, details };
}
