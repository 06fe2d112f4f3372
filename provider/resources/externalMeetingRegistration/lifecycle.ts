// ExternalMeetingRegistration's lifecycle against Graph:
//   diff   any input change replaces (Graph has no update and allows one registration per meeting)
//   create POST; a lost answer (the POST may have been applied) is reconciled by reading before
//          posting again, so a run never leaves two registrations or an orphan
//   read   live values become outputs and inputs (drift shows in the next preview); gone leaves state
//   delete only the registration this resource created; 404 means already deleted
import { setTimeout as sleep } from "node:timers/promises";
import type * as pulumi from "@pulumi/pulumi";
import { GraphError, isGraphError } from "../../graph/errors";
import { notice } from "../../graph/log";
import { backoffDelay } from "../../graph/retryPolicy";
import { explained, GraphFixes, graphRequest } from "../common/graphErrors";
import { assertStoredIds } from "../common/ids";
import { urlOf, userRoute } from "../common/routes";
import { meetingTarget } from "../common/targets";
import type { ProviderContext } from "../../runtime";
import { appPermissionNote, explainRetirement } from "../common/retiredRegistrationApi";
import { isUnknown } from "../common/unknown";
import { defaultAllowedRegistrant, RegistrationInputs, RegistrationOutputs, replacingProperties } from "./inputs";

export { check } from "./inputs";

export const odataType = "#microsoft.graph.externalMeetingRegistration";

/** Rounds of POST + reconciling read before create gives up. */
const maxCreateRounds = 4;

export interface LiveRegistration {
  id: string;
  allowedRegistrant?: string;
  "@odata.type"?: string;
}

function registrationRoute(meetingId: string, userId: string | undefined) {
  return userRoute("beta", userId, "/onlineMeetings/{meetingId}/registration", { meetingId });
}

const targetOf = meetingTarget;

function meetingNotFound(meetingId: string, userId: string | undefined): string {
  const who = userId === undefined ? "the signed-in user" : `user "${userId}"`;
  return `Graph found no online meeting "${meetingId}" organized by ${who}: check meetingId, and that ${userId === undefined ? "the signed-in user" : "userId"} is the meeting's organizer (a meeting is visible only under its organizer).`;
}

export async function diff(_id: string, olds: Partial<RegistrationOutputs>, news: Partial<RegistrationInputs>): Promise<pulumi.dynamic.DiffResult> {
  const before: Record<string, unknown> = { ...olds, allowedRegistrant: olds.allowedRegistrant ?? defaultAllowedRegistrant };
  const after: Record<string, unknown> = { ...news, allowedRegistrant: news.allowedRegistrant ?? defaultAllowedRegistrant };
  const replaces = replacingProperties.filter((p) => isUnknown(after[p]) || before[p] !== after[p]);
  if (replaces.length === 0) return { changes: false };
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: true };
}

/** GET the meeting's registration; undefined when there is none (or no such meeting). */
export async function getRegistration(ctx: ProviderContext, meetingId: string, userId: string | undefined, operation: string): Promise<LiveRegistration | undefined> {
  try {
    const res = await graphRequest<LiveRegistration>(
      ctx,
      { method: "GET", route: registrationRoute(meetingId, userId), operation, target: targetOf(meetingId, userId) },
      { userId, appForbidden: appPermissionNote },
    );
    return res.body;
  } catch (e) {
    if (isGraphError(e, 404)) return undefined;
    throw e;
  }
}

function outputsOf(inputs: RegistrationInputs, live: LiveRegistration): RegistrationOutputs {
  const out: RegistrationOutputs = { id: live.id, meetingId: inputs.meetingId, allowedRegistrant: (live.allowedRegistrant ?? inputs.allowedRegistrant) as RegistrationInputs["allowedRegistrant"] };
  if (inputs.userId !== undefined) out.userId = inputs.userId;
  if (inputs.adoptId !== undefined) out.adoptId = inputs.adoptId;
  return out;
}

export const teamsRegistration = "#microsoft.graph.meetingRegistration";

/**
 * adoptId: take over an existing registration (Pulumi's `import` option cannot reach a dynamic
 * provider: the engine's import Read carries no `__provider`). Only the exact one named, and only if
 * it already is what the inputs ask for, since Graph cannot change it in place.
 */
async function adopt(ctx: ProviderContext, inputs: RegistrationInputs, adoptId: string): Promise<pulumi.dynamic.CreateResult<RegistrationOutputs> | undefined> {
  const { meetingId, userId, allowedRegistrant } = inputs;
  const live = await getRegistration(ctx, meetingId, userId, "read the ExternalMeetingRegistration to adopt");
  const fail = (why: string) => new Error(`Could not adopt ExternalMeetingRegistration "${adoptId}" ${targetOf(meetingId, userId)}: ${why}`);
  if (!live) {
    // Nothing to take over (e.g. this is the create half of a replacement): make a new one.
    notice(`no registration to adopt ${targetOf(meetingId, userId)} (adoptId "${adoptId}"): creating one.`);
    return undefined;
  }
  if (live.id !== adoptId) throw fail(`the meeting's registration has id "${live.id}". Set adoptId to that id.`);
  if (live["@odata.type"] === teamsRegistration) throw fail("it is a Teams-hosted registration (meetingRegistration), which this resource cannot manage.");
  if (live.allowedRegistrant !== undefined && live.allowedRegistrant !== allowedRegistrant) {
    throw fail(`it has allowedRegistrant "${live.allowedRegistrant}", and Graph cannot change that in place. Set allowedRegistrant: "${live.allowedRegistrant}" to adopt it as it is.`);
  }
  return { id: live.id, outs: outputsOf(inputs, live) };
}

export async function create(ctx: ProviderContext, inputs: RegistrationInputs): Promise<pulumi.dynamic.CreateResult<RegistrationOutputs>> {
  const { meetingId, userId, allowedRegistrant } = inputs;
  if (!ctx.config.meetingRegistrationApi) {
    throw new Error(
      `Could not create the ExternalMeetingRegistration ${targetOf(meetingId, userId)}: the ${ctx.config.cloud.name} cloud has no meeting registration API (Microsoft Graph serves it, in beta, only in the Global cloud). Use msgraph:cloud Global, or a virtual-event webinar instead.`,
    );
  }
  if (inputs.adoptId !== undefined) {
    const adopted = await adopt(ctx, inputs, inputs.adoptId);
    if (adopted) return adopted;
  }
  const operation = "create the ExternalMeetingRegistration";
  const started = Date.now();
  // Set once a POST went unanswered or answered 5xx: from then on, a registration that matches what
  // we asked for may be the one that POST made.
  let mayHaveApplied = false;
  const fixes: GraphFixes = {
    userId,
    appForbidden: appPermissionNote,
    notFound: meetingNotFound(meetingId, userId),
    ambiguous: "The registration may have been created before the answer was lost; the next `pulumi up` finds it and says how to adopt it.",
  };
  for (let round = 1; ; round++) {
    let failure: GraphError;
    try {
      const res = await graphRequest<LiveRegistration>(
        ctx,
        { method: "POST", route: registrationRoute(meetingId, userId), body: { "@odata.type": odataType, allowedRegistrant }, operation, target: targetOf(meetingId, userId) },
        fixes,
      );
      return { id: res.body.id, outs: outputsOf(inputs, res.body) };
    } catch (e) {
      if (!isGraphError(e) || !(e.status === 409 || e.ambiguous)) return explainRetirement(ctx, e, meetingId, userId);
      failure = e;
    }
    if (failure.ambiguous) mayHaveApplied = true;
    const existing = await getRegistration(ctx, meetingId, userId, "check for an existing ExternalMeetingRegistration");
    if (existing) {
      const ours = mayHaveApplied && existing["@odata.type"] !== teamsRegistration && existing.allowedRegistrant === allowedRegistrant;
      if (ours) return { id: existing.id, outs: outputsOf(inputs, existing) };
      throw conflict(ctx, failure, fixes, inputs, existing);
    }
    // Nothing there: the POST was not applied, or the 409 was the transient one Graph gives right
    // after a meeting is created. Post again, within the client's attempt and time budget.
    const policy = ctx.client.retryPolicy;
    const delay = failure.retryAfterMs ?? backoffDelay(round, policy);
    if (round >= maxCreateRounds || Date.now() - started + delay > policy.deadlineMs) throw failure;
    if (delay > policy.noticeAfterMs) notice(`waiting ${Math.round(delay / 1000)}s before posting the registration again ${targetOf(meetingId, userId)} (${failure.status || failure.code}).`);
    await sleep(delay);
  }
}

/** The 409 a user sees: what exists, and how to adopt it with adoptId (`fixes`: the POST's). */
function conflict(ctx: ProviderContext, cause: GraphError, fixes: GraphFixes, inputs: RegistrationInputs, existing: LiveRegistration): unknown {
  const kind = existing["@odata.type"];
  // The configured endpoint: emulator and national-cloud users must not be sent to global Graph.
  const remove = `DELETE ${urlOf(ctx.client.graphEndpoint, registrationRoute(inputs.meetingId, inputs.userId))}`;
  let text: string;
  if (kind === teamsRegistration) {
    text = `The meeting already has a Teams-hosted registration (meetingRegistration, id "${existing.id}"), which this resource cannot manage, and Graph allows one registration per meeting. Remove it first (${remove}), then run \`pulumi up\` again.`;
  } else {
    const settings = existing.allowedRegistrant ? `, allowedRegistrant "${existing.allowedRegistrant}"` : "";
    const same = existing.allowedRegistrant && existing.allowedRegistrant !== inputs.allowedRegistrant ? ` and allowedRegistrant: "${existing.allowedRegistrant}"` : "";
    text =
      `The meeting already has an external registration (id "${existing.id}"${settings}), and Graph allows one registration per meeting. ` +
      `To manage it with Pulumi, adopt it: add adoptId: "${existing.id}"${same} to this resource's inputs and run \`pulumi up\` again (or give the resource the option import: "${existing.id}"). ` +
      `Or remove it (${remove}) and run \`pulumi up\` again.`;
  }
  // A 409 carries the text as its fix; after a lost answer it is what to do about the ambiguity.
  return explained(cause, cause.status === 409 ? { ...fixes, conflict: text } : { ...fixes, ambiguous: text });
}

export async function read(ctx: ProviderContext, id: string, props: Partial<RegistrationOutputs>): Promise<pulumi.dynamic.ReadResult<RegistrationOutputs>> {
  // On refresh the host passes the outputs (which hold `id`). Props without `id` are inputs: a read
  // for `import` (engines up to 3.274 never send one to a dynamic provider, but a later one may).
  const importing = props.id === undefined;
  const { meetingId, userId } = props;
  if (typeof meetingId !== "string" || meetingId === "") {
    throw new Error(
      `Could not read ExternalMeetingRegistration "${id}": meetingId is missing. To take over an existing registration, declare the resource with its meetingId, userId and adoptId: "${id}"; \`pulumi import\` cannot import dynamic resources.`,
    );
  }
  assertStoredIds(`${importing ? "import" : "read"} ExternalMeetingRegistration "${id}"`, { id, meetingId, userId });
  const live = await getRegistration(ctx, meetingId, userId, "read the ExternalMeetingRegistration");
  if (!live || live.id !== id) {
    if (importing) {
      const found = live ? `its registration has id "${live.id}": import that id instead.` : "it has no registration.";
      throw new Error(`Could not import ExternalMeetingRegistration "${id}" ${targetOf(meetingId, userId)}: ${found}`);
    }
    // Gone, or replaced by one made outside this stack: ours no longer exists. An empty id drops it from the state.
    return { id: "" };
  }
  const inputs: RegistrationInputs = { meetingId, allowedRegistrant: (live.allowedRegistrant ?? defaultAllowedRegistrant) as RegistrationInputs["allowedRegistrant"] };
  if (userId !== undefined) inputs.userId = userId;
  if (props.adoptId !== undefined) inputs.adoptId = props.adoptId;
  return { id, props: outputsOf(inputs, live), inputs: inputs as RegistrationOutputs };
}

export async function remove(ctx: ProviderContext, id: string, props: Partial<RegistrationOutputs>): Promise<void> {
  const { meetingId, userId } = props;
  if (typeof meetingId !== "string" || meetingId === "") return; // nothing we could address
  assertStoredIds(`delete ExternalMeetingRegistration "${id}"`, { id, meetingId, userId });
  // Graph deletes whatever registration the meeting has: make sure it is still the one we made.
  const live = await getRegistration(ctx, meetingId, userId, "check the ExternalMeetingRegistration before deleting it");
  if (!live) return;
  if (live.id !== id) {
    notice(`the registration ${targetOf(meetingId, userId)} is now "${live.id}", not "${id}" (made outside this stack): leaving it in place.`);
    return;
  }
  try {
    await graphRequest(
      ctx,
      { method: "DELETE", route: registrationRoute(meetingId, userId), operation: "delete the ExternalMeetingRegistration", target: targetOf(meetingId, userId) },
      { userId, appForbidden: appPermissionNote },
    );
  } catch (e) {
    if (isGraphError(e, 404)) return; // already deleted
    throw e;
  }
}
