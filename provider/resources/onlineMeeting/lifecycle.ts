// OnlineMeeting's lifecycle against Graph (v1.0 onlineMeetings):
//   diff   create-only inputs (userId, externalId, isPasscodeRequired) replace; the rest update in
//          place; values are compared normalised, so a different spelling of the same time is no change
//   create POST {u}/onlineMeetings, or with externalId POST {u}/onlineMeetings/createOrGet (safe to
//          repeat) followed by a PATCH of the settings createOrGet does not take or an existing meeting lacks
//   update PATCH of the changed settings only (start and end together, attendees as the full list)
//   read   live values projected onto the inputs the user set; gone leaves the state
//   delete DELETE; 404 means already deleted
import type * as pulumi from "@pulumi/pulumi";
import { isGraphError } from "../../graph/errors";
import { notice } from "../../graph/log";
import type { Route } from "../../graph/route";
import { graphRequest } from "../common/graphErrors";
import { assertStoredIds } from "../common/ids";
import { userRoute } from "../common/routes";
import { organizerOf } from "../common/targets";
import type { ProviderContext } from "../../runtime";
import { definedOnly, isUnknown } from "../common/unknown";
import { outputsWith } from "../common/properties";
import { createOnlyProperties, inputProperties, InputProperty, MeetingInputs, MeetingOutputs, updatableProperties } from "./inputs";
import { changedSettings, graphBody, LiveMeeting, projectLive, sameInput } from "./settings";

export { check } from "./inputs";

/** The properties createOrGet takes (Graph's documented request body); the rest follow in a PATCH. */
const createOrGetProperties: readonly InputProperty[] = ["externalId", "subject", "startDateTime", "endDateTime", "attendees"];

function meetingsRoute(userId: string | undefined, suffix = ""): Route {
  return userRoute("v1.0", userId, `/onlineMeetings${suffix}`);
}

function meetingRoute(userId: string | undefined, meetingId: string): Route {
  return userRoute("v1.0", userId, "/onlineMeetings/{meetingId}", { meetingId });
}

function targetOf(inputs: Partial<MeetingInputs>, id?: string): string {
  const what = id ? `"${id}"` : inputs.subject !== undefined ? `"${inputs.subject}"` : "";
  return `${what ? `${what} ` : ""}${organizerOf(inputs.userId)}`.trim();
}

function meetingNotFound(id: string, userId: string | undefined): string {
  const who = userId === undefined ? "the signed-in user" : `user "${userId}"`;
  return `Graph found no online meeting "${id}" organized by ${who}: it was deleted, or userId is not its organizer (a meeting is visible only under its organizer).`;
}

function storedInputs(props: Record<string, unknown>): Partial<MeetingInputs> {
  const out: Record<string, unknown> = {};
  for (const key of inputProperties) if (props[key] !== undefined && props[key] !== null) out[key] = props[key];
  return out as Partial<MeetingInputs>;
}

export function outputsOf(inputs: Partial<MeetingInputs>, live: LiveMeeting): MeetingOutputs {
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return outputsWith<MeetingOutputs>(inputs, live.id, {
    joinWebUrl: str(live.joinWebUrl) as string,
    joinMeetingId: str(live.joinMeetingIdSettings?.joinMeetingId),
    passcode: str(live.joinMeetingIdSettings?.passcode),
    chatThreadId: str(live.chatInfo?.threadId),
    creationDateTime: str(live.creationDateTime),
    expiryDateTime: str(live.expiryDateTime),
  });
}

export async function diff(_id: string, olds: Partial<MeetingOutputs>, news: Partial<MeetingInputs>): Promise<pulumi.dynamic.DiffResult> {
  const replaces = createOnlyProperties.filter((k) => !sameInput(k, olds[k], news[k]));
  // Removing an updatable setting from the program stops managing it (the meeting keeps its value):
  // a state change, not a Graph request.
  const updates = updatableProperties.filter((k) => !sameInput(k, olds[k], news[k]));
  if (replaces.length === 0 && updates.length === 0) return { changes: false };
  return replaces.length > 0 ? { changes: true, replaces: [...replaces] } : { changes: true };
}

export async function create(ctx: ProviderContext, inputs: MeetingInputs): Promise<pulumi.dynamic.CreateResult<MeetingOutputs>> {
  const target = targetOf(inputs);
  if (inputs.externalId === undefined) {
    const res = await graphRequest<LiveMeeting>(ctx, {
      method: "POST",
      route: meetingsRoute(inputs.userId),
      body: graphBody(inputs, inputProperties),
      operation: "create the OnlineMeeting",
      target,
    }, {
      userId: inputs.userId,
      ambiguous:
        "The meeting may have been created before the answer was lost, and Graph can find it again only by its id. Look for it in the organizer's Teams calendar or delete it there; set externalId on the resource so that a retried create returns the same meeting (Graph's createOrGet).",
    });
    return { id: res.body.id, outs: outputsOf(inputs, res.body) };
  }

  // createOrGet is keyed by tenant + organizer + externalId: repeating it cannot make a second meeting.
  const res = await graphRequest<LiveMeeting>(ctx, {
    method: "POST",
    route: meetingsRoute(inputs.userId, "/createOrGet"),
    body: graphBody(inputs, createOrGetProperties),
    operation: "create (createOrGet) the OnlineMeeting",
    target: `${target} with externalId "${inputs.externalId}"`,
    idempotent: true,
  }, { userId: inputs.userId });
  let live = res.body;
  if (res.status === 200) notice(`an online meeting with externalId "${inputs.externalId}" already existed ${organizerOf(inputs.userId)} ("${live.id}"): this resource now manages it.`);
  // Settings createOrGet does not take, and whatever an existing meeting has differently.
  const changed = changedSettings(projectLive(live, inputs), inputs);
  if (changed.length > 0) live = await patch(ctx, live.id, inputs, changed);
  return { id: live.id, outs: outputsOf(inputs, live) };
}

async function patch(ctx: ProviderContext, id: string, inputs: Partial<MeetingInputs>, keys: readonly InputProperty[]): Promise<LiveMeeting> {
  const res = await graphRequest<LiveMeeting>(ctx, {
    method: "PATCH",
    route: meetingRoute(inputs.userId, id),
    body: graphBody(inputs, keys),
    operation: "update the OnlineMeeting",
    target: targetOf(inputs, id),
  }, { userId: inputs.userId, notFound: meetingNotFound(id, inputs.userId) });
  return res.body;
}

export async function update(ctx: ProviderContext, id: string, olds: Partial<MeetingOutputs>, news: MeetingInputs): Promise<pulumi.dynamic.UpdateResult<MeetingOutputs>> {
  const changed = changedSettings(olds, news);
  if (changed.length === 0) {
    // Only settings removed from the program: nothing to send, the state follows the program.
    const kept: Record<string, unknown> = {};
    for (const key of ["id", "joinWebUrl", "joinMeetingId", "passcode", "chatThreadId", "creationDateTime", "expiryDateTime"] as const) kept[key] = olds[key];
    return { outs: definedOnly({ ...news, ...kept }) as MeetingOutputs };
  }
  assertStoredIds(`update OnlineMeeting "${id}"`, { id });
  const live = await patch(ctx, id, news, changed);
  return { outs: outputsOf(news, live) };
}

export async function read(ctx: ProviderContext, id: string, props: Record<string, unknown>): Promise<pulumi.dynamic.ReadResult<MeetingOutputs>> {
  // On refresh the host passes the outputs (which hold `id`); on `import`, the program's inputs.
  const importing = props.id === undefined;
  const stored = storedInputs(props);
  assertStoredIds(`${importing ? "import" : "read"} OnlineMeeting "${id}"`, { id, userId: stored.userId });
  let live: LiveMeeting;
  try {
    const res = await graphRequest<LiveMeeting>(ctx, {
      method: "GET",
      route: meetingRoute(stored.userId, id),
      operation: importing ? "import the OnlineMeeting" : "read the OnlineMeeting",
      target: targetOf(stored, id),
    }, { userId: stored.userId, notFound: meetingNotFound(id, stored.userId) });
    live = res.body;
  } catch (e) {
    if (isGraphError(e, 404) && !importing) return { id: "" }; // deleted outside Pulumi: leaves the state
    throw e;
  }
  const inputs = projectLive(live, stored);
  return { id, props: outputsOf(inputs, live), inputs: inputs as MeetingOutputs };
}

export async function remove(ctx: ProviderContext, id: string, props: Partial<MeetingOutputs>): Promise<void> {
  if (typeof id !== "string" || id === "" || isUnknown(id)) return;
  assertStoredIds(`delete OnlineMeeting "${id}"`, { id, userId: props.userId });
  try {
    await graphRequest(ctx, {
      method: "DELETE",
      route: meetingRoute(props.userId, id),
      operation: "delete the OnlineMeeting",
      target: targetOf(props, id),
    }, { userId: props.userId });
  } catch (e) {
    if (isGraphError(e, 404)) return; // already deleted
    throw e;
  }
}
