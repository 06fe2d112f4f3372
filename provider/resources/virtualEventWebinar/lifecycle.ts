// VirtualEventWebinar's lifecycle against Graph (v1.0 solutions/virtualEvents/webinars):
//   diff   audience replaces; displayName, description, times, coOrganizers, settings are PATCHed;
//          a new externalEventId is set again; published false -> true publishes; true -> false is refused
//   create POST a draft (delegated), then setExternalEventInformation and publish when asked; a later
//          step that fails keeps the webinar in the state (PartialCreateError) and the next `up` finishes it
//   read   GET the webinar, its registrationConfiguration and its session; canceled or gone leaves the state
//   delete Graph has no DELETE: POST cancel (terminal; the webinar stays readable as canceled)
import type * as pulumi from "@pulumi/pulumi";
import { readerTokens, tokensFor } from "../../auth/identities";
import type { TokenSource } from "../../graph/client";
import { isGraphError } from "../../graph/errors";
import { notice } from "../../graph/log";
import type { ProviderContext } from "../../runtime";
import { graphRequest } from "../common/graphErrors";
import { PartialCreateError } from "../common/partialCreate";
import { definedOnly, isUnknown } from "../common/unknown";
import { withId } from "../common/targets";
import { outputsWith } from "../common/properties";
import { configurationRoute, organizerWebinarsHint, sessionsRoute, webinarRoute, webinarsRoute } from "../common/virtualEventRoutes";
import { CoOrganizer, CreatedBy, inputProperties, outputProperties, PatchableProperty, patchableProperties, unpublishRefused, WebinarInputs, WebinarOutputs } from "./inputs";
import { instantOf, sameTime } from "./times";

export { check } from "./inputs";

export interface LiveWebinar {
  id: string;
  status?: string;
  displayName?: string;
  description?: { contentType?: string; content?: string } | string | null;
  startDateTime?: { dateTime?: string; timeZone?: string } | null;
  endDateTime?: { dateTime?: string; timeZone?: string } | null;
  audience?: string;
  coOrganizers?: { id?: string; tenantId?: string; displayName?: string }[] | null;
  settings?: { isAttendeeEmailNotificationEnabled?: boolean } | null;
  externalEventInformation?: { applicationId?: string; externalEventId?: string }[] | null;
  createdBy?: CreatedBy | null;
}

interface LiveConfiguration {
  capacity?: number | null;
  isManualApprovalEnabled?: boolean | null;
  isWaitlistEnabled?: boolean | null;
  registrationWebUrl?: string | null;
}

const forbidden =
  "Graph refused the signed-in user: webinar writes need the delegated permission VirtualEvent.ReadWrite (consented), a Teams webinar license and policy, and the user must be the webinar's organizer (co-organizers may only update; only the organizer publishes and cancels).";

function targetOf(inputs: Partial<WebinarInputs>, id?: string): string {
  return withId(id, inputs.displayName !== undefined ? `("${inputs.displayName}")` : "");
}

function notFound(id: string): string {
  return `Graph found no webinar "${id}" visible to this identity: it does not exist, or the identity is not its organizer or co-organizer (an application needs VirtualEvent.Read.All and an application access policy granted to the organizer).`;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function coOrganizerKey(list: unknown): string {
  if (!Array.isArray(list)) return JSON.stringify(list ?? null);
  return JSON.stringify(list.map((c: CoOrganizer) => `${String(c?.id).toLowerCase()}|${String(c?.tenantId).toLowerCase()}`).sort());
}

/** Same value as Graph sees it: times as instants, co-organizers as a set, the rest as JSON. */
export function sameInput(key: PatchableProperty, a: unknown, b: unknown): boolean {
  if (key === "startDateTime" || key === "endDateTime") return sameTime(a, b);
  if (key === "coOrganizers") return coOrganizerKey(a) === coOrganizerKey(b);
  return sameJson(a, b);
}

/** The PATCHable properties whose values differ (unset in `news` means unmanaged: never sent). */
export function changedPatchable(olds: Partial<WebinarInputs>, news: Partial<WebinarInputs>): PatchableProperty[] {
  const changed = patchableProperties.filter((k) => news[k] !== undefined && (isUnknown(news[k]) || !sameInput(k, olds[k], news[k])));
  // Graph checks start against end: a change of either sends both.
  if (changed.includes("startDateTime") !== changed.includes("endDateTime")) changed.push(changed.includes("startDateTime") ? "endDateTime" : "startDateTime");
  return changed;
}

function graphBody(inputs: Partial<WebinarInputs>, keys: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const key of keys) {
    const v = (inputs as Record<string, unknown>)[key];
    if (v === undefined) continue;
    body[key] = key === "coOrganizers" ? (v as CoOrganizer[]).map((c) => ({ id: c.id, tenantId: c.tenantId })) : v;
  }
  return body;
}

export async function diff(_id: string, olds: Partial<WebinarOutputs>, news: Partial<WebinarInputs>): Promise<pulumi.dynamic.DiffResult> {
  if (olds.published === true && news.published !== true && !isUnknown(news.published)) throw new Error(`VirtualEventWebinar ${targetOf(olds, _id)}: ${unpublishRefused}`);
  const replaces = !sameJson(olds.audience, news.audience) ? ["audience"] : [];
  const updates: string[] = [...changedPatchable(olds, news)];
  // Removing an optional input stops managing it: a state change, not a Graph request.
  for (const k of patchableProperties) if (news[k] === undefined && olds[k] !== undefined) updates.push(k);
  if (news.externalEventId !== undefined && news.externalEventId !== olds.externalEventId) updates.push("externalEventId");
  if (news.externalEventId === undefined && olds.externalEventId !== undefined) updates.push("externalEventId");
  if (news.published === true && olds.published !== true) updates.push("published");
  if (news.published === false && olds.published === undefined) updates.push("published");
  if (replaces.length === 0 && updates.length === 0) return { changes: false };
  return replaces.length > 0 ? { changes: true, replaces } : { changes: true };
}

function outputsOf(inputs: Partial<WebinarInputs>, live: LiveWebinar, extras: Partial<WebinarOutputs>): WebinarOutputs {
  return outputsWith<WebinarOutputs>(inputs, live.id, { status: live.status ?? "unknownFutureValue", ...extras, createdBy: live.createdBy ?? extras.createdBy ?? undefined });
}

/** The registration configuration and the session's join link: read-only data shown as outputs. */
async function readExtras(ctx: ProviderContext, tokens: TokenSource, id: string, operation: string): Promise<Partial<WebinarOutputs>> {
  const out: Partial<WebinarOutputs> = {};
  try {
    const res = await graphRequest<LiveConfiguration>(ctx, { method: "GET", route: configurationRoute(id), operation, target: `"${id}" (registration configuration)`, tokens }, { forbidden });
    const c = res.body ?? {};
    if (typeof c.registrationWebUrl === "string") out.registrationWebUrl = c.registrationWebUrl;
    if (typeof c.capacity === "number") out.capacity = c.capacity;
    if (typeof c.isManualApprovalEnabled === "boolean") out.isManualApprovalEnabled = c.isManualApprovalEnabled;
    if (typeof c.isWaitlistEnabled === "boolean") out.isWaitlistEnabled = c.isWaitlistEnabled;
  } catch (e) {
    if (!isGraphError(e, 404)) throw e;
  }
  try {
    const res = await graphRequest<{ value?: { joinWebUrl?: string }[] }>(ctx, { method: "GET", route: sessionsRoute(id), operation, target: `"${id}" (sessions)`, tokens }, { forbidden });
    const url = res.body?.value?.find((s) => typeof s.joinWebUrl === "string")?.joinWebUrl;
    if (url) out.joinWebUrl = url;
  } catch (e) {
    if (!isGraphError(e, 404)) throw e;
  }
  return out;
}

async function action(ctx: ProviderContext, tokens: TokenSource, id: string, name: "publish" | "cancel" | "setExternalEventInformation", inputs: Partial<WebinarInputs>, body?: unknown): Promise<void> {
  const verb = name === "setExternalEventInformation" ? "set the external event id of" : name;
  await graphRequest(ctx, {
    method: "POST",
    route: webinarRoute(id, `/${name}`),
    body,
    operation: `${verb} the VirtualEventWebinar`,
    target: targetOf(inputs, id),
    tokens,
    // Each action leads to one end state: repeating it after a lost answer is harmless.
    idempotent: true,
  }, { notFound: notFound(id), forbidden });
}

async function patch(ctx: ProviderContext, tokens: TokenSource, id: string, inputs: Partial<WebinarInputs>, keys: readonly string[]): Promise<LiveWebinar> {
  const res = await graphRequest<LiveWebinar>(ctx, {
    method: "PATCH",
    route: webinarRoute(id),
    body: graphBody(inputs, keys),
    operation: "update the VirtualEventWebinar",
    target: targetOf(inputs, id),
    tokens,
  }, { notFound: notFound(id), forbidden, badRequest: "Graph rejected the change: check the times (end after start, in the future) and the co-organizers (object ids of users of their tenants)." });
  return res.body;
}

/** After the POST: the external id, publishing and the read-only outputs; a failure keeps the webinar in the state. */
async function finish(ctx: ProviderContext, tokens: TokenSource, inputs: WebinarInputs & Record<string, unknown>, live: LiveWebinar): Promise<WebinarOutputs> {
  const id = live.id;
  const reached: Partial<WebinarInputs> = { ...inputs, externalEventId: undefined, published: live.status === "published" ? true : inputs.published === undefined ? undefined : false };
  try {
    const liveExternal = live.externalEventInformation?.map((e) => e.externalEventId) ?? [];
    if (inputs.externalEventId !== undefined && !liveExternal.includes(inputs.externalEventId)) {
      await action(ctx, tokens, id, "setExternalEventInformation", inputs, { externalEventId: inputs.externalEventId });
    }
    reached.externalEventId = inputs.externalEventId;
    if (inputs.published === true && live.status !== "published") {
      await action(ctx, tokens, id, "publish", inputs);
      live = { ...live, status: "published" };
    }
    reached.published = inputs.published;
    return outputsOf(inputs, live, await readExtras(ctx, tokens, id, "read the VirtualEventWebinar"));
  } catch (e) {
    throw new PartialCreateError(
      `${(e as Error).message}\nThe webinar ${targetOf(inputs, id)} was created (as a ${live.status ?? "draft"}) and is kept in the state: run \`pulumi up\` again to finish it.`,
      id,
      outputsOf(reached, live, {}) as unknown as Record<string, unknown>,
      inputs,
    );
  }
}

export async function create(ctx: ProviderContext, inputs: WebinarInputs): Promise<pulumi.dynamic.CreateResult<WebinarOutputs>> {
  const tokens = await tokensFor(ctx, "delegated", "create the VirtualEventWebinar");
  if (inputs.adoptId !== undefined) return adopt(ctx, tokens, inputs, inputs.adoptId);
  const res = await graphRequest<LiveWebinar>(ctx, {
    method: "POST",
    route: webinarsRoute(),
    body: graphBody(inputs, [...patchableProperties, "audience"]),
    operation: "create the VirtualEventWebinar",
    target: targetOf(inputs),
    tokens,
  }, {
    forbidden,
    badRequest: "Graph rejected the webinar: check the times (end after start, in the future, zone names Graph knows) and the co-organizers.",
    ambiguous: `The webinar may have been created (as a draft) before the answer was lost, and Graph cannot find it by any key of ours. List the organizer's webinars (${organizerWebinarsHint}); take the new one over with the resource option import: "<id>", or cancel it in Teams.`,
  });
  const outs = await finish(ctx, tokens, inputs as WebinarInputs & Record<string, unknown>, res.body);
  return { id: res.body.id, outs };
}

/** adoptId (the `import` option): take over an existing webinar and bring it to the inputs. */
async function adopt(ctx: ProviderContext, tokens: TokenSource, inputs: WebinarInputs, adoptId: string): Promise<pulumi.dynamic.CreateResult<WebinarOutputs>> {
  const live = await get(ctx, tokens, adoptId, "read the VirtualEventWebinar to import", inputs);
  const fail = (why: string) => new Error(`Could not import VirtualEventWebinar "${adoptId}": ${why}`);
  if (live.status === "canceled") throw fail("it is canceled, and Graph cannot reopen a canceled webinar. Remove the import option to create a new one.");
  if (live.audience !== undefined && live.audience !== inputs.audience) throw fail(`its audience is "${live.audience}", and Graph cannot change it in place. Set audience: "${live.audience}" to import it as it is.`);
  const changed = changedPatchable(projectLive(live, inputs), inputs);
  const patched = changed.length > 0 ? await patch(ctx, tokens, adoptId, inputs, changed) : live;
  notice(`VirtualEventWebinar "${adoptId}" imported: Pulumi now manages it${changed.length > 0 ? ` (updated ${changed.join(", ")})` : ""}.`);
  const outs = await finish(ctx, tokens, inputs as WebinarInputs & Record<string, unknown>, { ...live, ...patched, id: adoptId });
  return { id: adoptId, outs };
}

export async function update(ctx: ProviderContext, id: string, olds: Partial<WebinarOutputs>, news: WebinarInputs): Promise<pulumi.dynamic.UpdateResult<WebinarOutputs>> {
  if (olds.published === true && news.published !== true) throw new Error(`Could not update VirtualEventWebinar ${targetOf(news, id)}: ${unpublishRefused}`);
  const changed = changedPatchable(olds, news);
  const setExternal = news.externalEventId !== undefined && news.externalEventId !== olds.externalEventId;
  const publish = news.published === true && olds.status !== "published";
  const kept: Record<string, unknown> = {};
  for (const key of outputProperties) kept[key] = olds[key];
  let live: LiveWebinar = { id, status: olds.status, createdBy: olds.createdBy };
  if (changed.length === 0 && !setExternal && !publish) return { outs: definedOnly({ ...news, id, ...kept }) as WebinarOutputs };
  const tokens = await tokensFor(ctx, "delegated", "update the VirtualEventWebinar");
  if (changed.length > 0) live = { ...live, ...(await patch(ctx, tokens, id, news, changed)) };
  if (setExternal) await action(ctx, tokens, id, "setExternalEventInformation", news, { externalEventId: news.externalEventId });
  if (publish) {
    await action(ctx, tokens, id, "publish", news);
    live.status = "published";
  }
  return { outs: definedOnly({ ...news, ...kept, id, status: live.status ?? olds.status, createdBy: live.createdBy ?? olds.createdBy }) as WebinarOutputs };
}

async function get(ctx: ProviderContext, tokens: TokenSource, id: string, operation: string, inputs: Partial<WebinarInputs>): Promise<LiveWebinar> {
  const res = await graphRequest<LiveWebinar | { value?: LiveWebinar }>(ctx, { method: "GET", route: webinarRoute(id), operation, target: targetOf(inputs, id), tokens }, { notFound: notFound(id), forbidden });
  const body = res.body as LiveWebinar & { value?: LiveWebinar };
  // A doc example wraps the webinar in {"value":{…}}: tolerate it.
  return body && typeof body.value === "object" && body.value !== null && !("id" in body && body.id) ? body.value : body;
}

/** The live webinar projected onto the inputs the user set: what refresh stores as inputs (drift shows in the next diff). */
export function projectLive(live: LiveWebinar, stored: Partial<WebinarInputs>): Partial<WebinarInputs> {
  const out: Record<string, unknown> = {};
  for (const key of inputProperties) if (stored[key] !== undefined) out[key] = stored[key];
  if (typeof live.displayName === "string") out.displayName = live.displayName;
  if (stored.description !== undefined && live.description !== undefined && live.description !== null) {
    // A doc example shows description as a bare string: read it as text.
    const d = typeof live.description === "string" ? { contentType: "text", content: live.description } : live.description;
    if (!sameJson(d.content, stored.description.content) || (d.contentType !== undefined && d.contentType.toLowerCase() !== stored.description.contentType)) {
      out.description = { contentType: (d.contentType ?? stored.description.contentType).toLowerCase(), content: d.content ?? "" };
    }
  }
  for (const key of ["startDateTime", "endDateTime"] as const) {
    const v = live[key];
    if (v && typeof v.dateTime === "string" && typeof v.timeZone === "string" && !sameTime(v, stored[key])) out[key] = { dateTime: v.dateTime, timeZone: v.timeZone };
  }
  if (live.audience === "everyone" || live.audience === "organization") out.audience = live.audience;
  if (stored.coOrganizers !== undefined && Array.isArray(live.coOrganizers)) {
    const liveList = live.coOrganizers.map((c) => ({ id: String(c.id), tenantId: String(c.tenantId) }));
    if (!sameInput("coOrganizers", liveList, stored.coOrganizers)) out.coOrganizers = liveList;
  }
  if (stored.settings !== undefined && live.settings) {
    const flag = live.settings.isAttendeeEmailNotificationEnabled;
    if (stored.settings.isAttendeeEmailNotificationEnabled !== undefined && typeof flag === "boolean") out.settings = { ...stored.settings, isAttendeeEmailNotificationEnabled: flag };
  }
  if (stored.externalEventId !== undefined && Array.isArray(live.externalEventInformation)) {
    const ids = live.externalEventInformation.map((e) => e.externalEventId).filter((x): x is string => typeof x === "string");
    if (!ids.includes(stored.externalEventId)) out.externalEventId = ids[0];
  }
  if (live.status === "published") out.published = true;
  else if (live.status === "draft" && stored.published === true) out.published = false;
  return definedOnly(out) as Partial<WebinarInputs>;
}

export async function read(ctx: ProviderContext, id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult<WebinarOutputs>> {
  const importing = props.id === undefined;
  const stored = props as Partial<WebinarOutputs>;
  const tokens = readerTokens(ctx);
  let live: LiveWebinar;
  try {
    live = await get(ctx, tokens, id, importing ? "import the VirtualEventWebinar" : "read the VirtualEventWebinar", stored);
  } catch (e) {
    if (isGraphError(e, 404) && !importing) return { id: "" }; // gone: leaves the state
    throw e;
  }
  // Canceled (out of band, or by a destroy that was interrupted) is the webinar's end: Graph keeps
  // it readable, but it can never be changed again, so it leaves the state like a deleted object.
  if (live.status === "canceled") {
    if (importing) throw new Error(`Could not import VirtualEventWebinar "${id}": it is canceled, and Graph cannot reopen it.`);
    notice(`VirtualEventWebinar "${id}" was canceled outside Pulumi: it leaves the state; the next \`pulumi up\` creates a new webinar.`);
    return { id: "" };
  }
  const inputs = projectLive(live, stored);
  const extras = await readExtras(ctx, tokens, id, "read the VirtualEventWebinar");
  return { id, props: outputsOf(inputs, live, { createdBy: stored.createdBy, ...extras }), inputs: inputs as WebinarOutputs };
}

/** The line `pulumi destroy` shows for each webinar: Graph cannot delete one. */
export function cancelNotice(id: string, name: string | undefined): string {
  return `VirtualEventWebinar "${id}"${name ? ` ("${name}")` : ""}: Microsoft Graph cannot delete webinars, so it was CANCELED instead. Canceling is permanent: registrants are told, and the webinar stays readable with status "canceled". To keep a webinar when its resource is removed, give the resource the option retainOnDelete: true.`;
}

export async function remove(ctx: ProviderContext, id: string, props: Partial<WebinarOutputs>): Promise<void> {
  if (typeof id !== "string" || id === "" || isUnknown(id)) return;
  const tokens = await tokensFor(ctx, "delegated", "cancel (delete) the VirtualEventWebinar");
  try {
    await action(ctx, tokens, id, "cancel", props);
  } catch (e) {
    if (isGraphError(e, 404)) return; // gone already
    // Canceling twice, or a draft, is undocumented: ask the webinar what it is.
    if (!isGraphError(e) || e.status < 400 || e.status >= 500) throw e;
    let live: LiveWebinar;
    try {
      live = await get(ctx, tokens, id, "read the VirtualEventWebinar after a refused cancel", props);
    } catch {
      throw e;
    }
    if (live.status === "canceled") return;
    if (live.status === "draft") {
      notice(`VirtualEventWebinar "${id}" is a draft that Graph would not cancel (${e.status} ${e.code}); it was left as it is (a draft is visible only to its organizers) and leaves the state.`);
      return;
    }
    // A webinar that has taken place may not be cancelable (undocumented): it is over anyway.
    const end = instantOf(live.endDateTime);
    if (end !== undefined && end < Date.now()) {
      notice(`VirtualEventWebinar "${id}" ended on ${new Date(end).toISOString()} and Graph would not cancel it (${e.status} ${e.code}); it was left as it is and leaves the state.`);
      return;
    }
    throw e;
  }
  notice(cancelNotice(id, props.displayName));
}
