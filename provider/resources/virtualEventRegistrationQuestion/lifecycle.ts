// VirtualEventRegistrationQuestion's lifecycle against Graph (a webinar's registrationConfiguration/questions):
//   diff   any change replaces (Graph has no update); a predefined question is deleted first (one per label)
//   create POST with its @odata.type (delegated); after a lost answer the list is read before posting again
//   read   the list (no get-one route is documented); a question gone from it, or a webinar gone, leaves the state
//   delete DELETE; 404 means already deleted
import type * as pulumi from "@pulumi/pulumi";
import { readerTokens, tokensFor } from "../../auth/identities";
import type { TokenSource } from "../../graph/client";
import { isGraphError } from "../../graph/errors";
import { notice } from "../../graph/log";
import type { ProviderContext } from "../../runtime";
import { graphRequest } from "../common/graphErrors";
import { definedOnly, isUnknown } from "../common/unknown";
import { withId } from "../common/targets";
import { outputsWith, setProperties } from "../common/properties";
import { questionRoute, questionsRoute } from "../common/virtualEventRoutes";
import { removeFromWebinar } from "../common/webinarStatus";
import { inputProperties, QuestionInputs, QuestionOutputs } from "./inputs";

export { check } from "./inputs";

export const customType = "#microsoft.graph.virtualEventRegistrationCustomQuestion";
export const predefinedType = "#microsoft.graph.virtualEventRegistrationPredefinedQuestion";

interface LiveQuestion {
  "@odata.type"?: string;
  id: string;
  displayName?: string;
  isRequired?: boolean;
  answerInputType?: string;
  answerChoices?: string[];
  label?: string;
}

const forbidden = "Graph refused the signed-in user: questions are written with the delegated permission VirtualEvent.ReadWrite by the webinar's organizer or a co-organizer.";

function targetOf(i: Partial<QuestionInputs>, id?: string): string {
  const what = i.label !== undefined ? `predefined "${i.label}"` : `"${i.displayName}"`;
  return withId(id, `(${what}) of webinar "${i.webinarId}"`);
}

export async function diff(_id: string, olds: Partial<QuestionOutputs>, news: Partial<QuestionInputs>): Promise<pulumi.dynamic.DiffResult> {
  const replaces = inputProperties.filter((p) => isUnknown(news[p]) || JSON.stringify(olds[p] ?? null) !== JSON.stringify(news[p] ?? null));
  if (replaces.length === 0) return { changes: false };
  // A webinar has one question per predefined label: the old one must go before the new one is made.
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: news.label !== undefined && olds.label === news.label && olds.webinarId === news.webinarId };
}

function body(inputs: QuestionInputs): Record<string, unknown> {
  return inputs.label !== undefined
    ? definedOnly({ "@odata.type": predefinedType, label: inputs.label, isRequired: inputs.isRequired })
    : definedOnly({ "@odata.type": customType, displayName: inputs.displayName, answerInputType: inputs.answerInputType, answerChoices: inputs.answerChoices, isRequired: inputs.isRequired });
}

/** The live question this resource describes (after a lost answer): same label, or same text and type. */
function matches(live: LiveQuestion, inputs: QuestionInputs): boolean {
  if (inputs.label !== undefined) return live.label === inputs.label;
  return live.label === undefined && live.displayName === inputs.displayName && live.answerInputType === inputs.answerInputType;
}

async function list(ctx: ProviderContext, tokens: TokenSource, inputs: Partial<QuestionInputs> & { webinarId: string }, operation: string): Promise<LiveQuestion[] | undefined> {
  try {
    const res = await graphRequest<{ value?: LiveQuestion[] }>(ctx, { method: "GET", route: questionsRoute(inputs.webinarId), operation, target: targetOf(inputs), tokens }, { forbidden });
    return res.body?.value ?? [];
  } catch (e) {
    if (isGraphError(e, 404)) return undefined; // no such webinar
    throw e;
  }
}

function outputsOf(inputs: QuestionInputs, live: LiveQuestion): QuestionOutputs {
  return outputsWith(inputs, live.id, { questionText: live.displayName });
}

export async function create(ctx: ProviderContext, inputs: QuestionInputs): Promise<pulumi.dynamic.CreateResult<QuestionOutputs>> {
  const tokens = await tokensFor(ctx, "delegated", "create the VirtualEventRegistrationQuestion");
  const post = () =>
    graphRequest<LiveQuestion>(ctx, {
      method: "POST",
      route: questionsRoute(inputs.webinarId),
      body: body(inputs),
      operation: "create the VirtualEventRegistrationQuestion",
      target: targetOf(inputs),
      tokens,
    }, {
      forbidden,
      notFound: `Graph found no webinar "${inputs.webinarId}" for this user: pass webinarId: webinar.id of a VirtualEventWebinar the signed-in user organizes.`,
      conflict: inputs.label !== undefined ? `The webinar already asks the predefined question "${inputs.label}"; a webinar has one of each.` : undefined,
    });
  try {
    const res = await post();
    return { id: res.body.id, outs: outputsOf(inputs, res.body) };
  } catch (e) {
    if (!isGraphError(e) || !e.ambiguous) throw e;
    // The answer was lost: a question may exist. Look before posting again (never two of it).
    const found = (await list(ctx, tokens, inputs, "look for the VirtualEventRegistrationQuestion after a lost answer"))?.find((q) => matches(q, inputs));
    if (found) {
      notice(`VirtualEventRegistrationQuestion ${targetOf(inputs, found.id)}: the create's answer was lost, but the question exists; this resource manages it.`);
      return { id: found.id, outs: outputsOf(inputs, found) };
    }
    const res = await post();
    return { id: res.body.id, outs: outputsOf(inputs, res.body) };
  }
}

export async function read(ctx: ProviderContext, id: string, props: Partial<QuestionOutputs>): Promise<pulumi.dynamic.ReadResult<QuestionOutputs>> {
  const webinarId = props.webinarId;
  if (typeof webinarId !== "string" || webinarId === "") throw new Error(`Could not read VirtualEventRegistrationQuestion "${id}": webinarId is missing from its state.`);
  const all = await list(ctx, readerTokens(ctx), { ...props, webinarId }, "read the VirtualEventRegistrationQuestion");
  const live = all?.find((q) => q.id === id);
  if (!live) return { id: "" }; // deleted outside Pulumi, or its webinar is gone: leaves the state
  const inputs = setProperties(props, inputProperties);
  // Live values become inputs, so a change made outside Pulumi shows as drift (a replacement).
  if (props.label === undefined) {
    if (typeof live.displayName === "string") inputs.displayName = live.displayName;
    if (typeof live.answerInputType === "string") inputs.answerInputType = live.answerInputType;
    if (props.answerChoices !== undefined && Array.isArray(live.answerChoices)) inputs.answerChoices = live.answerChoices;
  }
  if (props.isRequired !== undefined && typeof live.isRequired === "boolean") inputs.isRequired = live.isRequired;
  const cleaned = inputs as unknown as QuestionInputs;
  return { id, props: outputsOf(cleaned, live), inputs: cleaned as QuestionOutputs };
}

export async function remove(ctx: ProviderContext, id: string, props: Partial<QuestionOutputs>): Promise<void> {
  const webinarId = props.webinarId;
  if (typeof webinarId !== "string" || webinarId === "" || !id) return;
  const tokens = await tokensFor(ctx, "delegated", "delete the VirtualEventRegistrationQuestion");
  // A canceled webinar keeps its questions but takes no writes: they went with it.
  await removeFromWebinar(ctx, tokens, webinarId, () =>
    graphRequest(ctx, { method: "DELETE", route: questionRoute(webinarId, id), operation: "delete the VirtualEventRegistrationQuestion", target: targetOf(props, id), tokens }, { forbidden }),
  );
}
