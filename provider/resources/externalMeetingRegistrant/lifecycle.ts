// ExternalMeetingRegistrant's lifecycle against Graph (beta registrants of a meeting's registration):
//   diff   any input change replaces, deleting first (a registrant id is unique per meeting)
//   create POST; Graph answers 200 with the registrant's personal joinWebUrl (the only time it does)
//   read   the list route, every page (@odata.nextLink); joinWebUrl is null there, so the stored one
//          is kept; a registrant gone from the list (or whose registration or meeting is gone) leaves the state
//   delete DELETE by id; 404 means already deleted (also when the registration went first)
import type * as pulumi from "@pulumi/pulumi";
import type { GraphResponse } from "../../graph/client";
import { isGraphError } from "../../graph/errors";
import { appPermissionNote, explainRetirement } from "../common/retiredRegistrationApi";
import { notice } from "../../graph/log";
import type { Route } from "../../graph/route";
import { graphRequest } from "../common/graphErrors";
import { assertStoredIds } from "../common/ids";
import { urlOf, userRoute } from "../common/routes";
import { meetingTarget } from "../common/targets";
import type { ProviderContext } from "../../runtime";
import { definedOnly, isUnknown } from "../common/unknown";
import { outputsWith, setProperties } from "../common/properties";
import { inputProperties, RegistrantInputs, RegistrantOutputs } from "./inputs";

export { check } from "./inputs";

export const odataType = "#microsoft.graph.externalMeetingRegistrant";

/** Pages read before giving up (a registration with more registrants than this is not one Graph serves). */
const maxPages = 500;

interface LiveRegistrant {
  id: string;
  tenantId?: string | null;
  userId?: string | null;
  joinWebUrl?: string | null;
}

function registrantsRoute(meetingId: string, userId: string | undefined): Route {
  return userRoute("beta", userId, "/onlineMeetings/{meetingId}/registration/registrants", { meetingId });
}

function registrantRoute(meetingId: string, userId: string | undefined, registrantId: string): Route {
  return userRoute("beta", userId, "/onlineMeetings/{meetingId}/registration/registrants/{registrantId}", { meetingId, registrantId });
}

function targetOf(i: Partial<RegistrantInputs>): string {
  return `"${i.registrantId}" ${meetingTarget(i.meetingId, i.userId)}`;
}

export async function diff(_id: string, olds: Partial<RegistrantOutputs>, news: Partial<RegistrantInputs>): Promise<pulumi.dynamic.DiffResult> {
  const replaces = inputProperties.filter((p) => isUnknown(news[p]) || (olds[p] ?? undefined) !== (news[p] ?? undefined));
  if (replaces.length === 0) return { changes: false };
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: true };
}

function outputsOf(inputs: RegistrantInputs, id: string, joinWebUrl: string | undefined): RegistrantOutputs {
  return outputsWith(inputs, id, { joinWebUrl });
}

export async function create(ctx: ProviderContext, inputs: RegistrantInputs): Promise<pulumi.dynamic.CreateResult<RegistrantOutputs>> {
  const { meetingId, userId, registrantId } = inputs;
  const removeExisting = `DELETE ${urlOf(ctx.client.graphEndpoint, registrantRoute(meetingId, userId, registrantId))}`;
  const withIds = inputs.registrantTenantId !== undefined;
  let res: GraphResponse<LiveRegistrant>;
  try {
    res = await graphRequest<LiveRegistrant>(
      ctx,
      {
        method: "POST",
        route: registrantsRoute(meetingId, userId),
        body: definedOnly({ "@odata.type": odataType, id: registrantId, tenantId: inputs.registrantTenantId, userId: inputs.registrantUserId }),
        operation: "create the ExternalMeetingRegistrant",
        target: targetOf(inputs),
      },
      {
        userId,
        appForbidden: appPermissionNote,
        notFound: `The meeting has no registration (or Graph found no meeting "${meetingId}" under this organizer): create its ExternalMeetingRegistration first, and pass registrationId: registration.id so that Pulumi creates the registrant after it.`,
        badRequest: withIds
          ? "Check registrantTenantId and registrantUserId: they must be the registrant's Entra tenant id and object id."
          : 'If the registration allows only the organization (allowedRegistrant "organization"), Graph requires the registrant\'s Entra ids: set registrantTenantId and registrantUserId (pass allowedRegistrant: registration.allowedRegistrant and check says so before anything is sent).',
        conflict: `A registrant with id "${registrantId}" is already registered for this meeting (registrant ids are unique per meeting, and Graph returns the join link only at creation, so it cannot be adopted). Use another registrantId, or delete the existing one (${removeExisting}) and run \`pulumi up\` again.`,
        ambiguous: `The registrant may have been created before the answer was lost; its join link is returned only at creation. Run \`pulumi up\` again: if Graph answers 409, delete the registrant (${removeExisting}) and run it once more.`,
      },
    );
  } catch (e) {
    return explainRetirement(ctx, e, meetingId, userId, {
      alsoPossible: "The meeting has no registration (create its ExternalMeetingRegistration first, and pass registrationId: registration.id).",
      statuses: new Set([404, 410]), // a 400 here is about the registrant's ids
    });
  } finally {
    forgetListing(ctx, meetingId, userId); // the meeting's registrants changed (or may have)
  }
  const joinWebUrl = typeof res.body?.joinWebUrl === "string" ? res.body.joinWebUrl : undefined;
  return { id: registrantId, outs: outputsOf(inputs, res.body?.id ?? registrantId, joinWebUrl) };
}

/**
 * One listing per meeting serves every registrant read that starts within a few seconds (a refresh
 * reads all of a meeting's registrants at once): N registrants cost one paged list, not N. Creating
 * or deleting a registrant of that meeting drops its entry.
 */
const listingTtlMs = 5_000;
const listings = new WeakMap<ProviderContext, Map<string, { at: number; list: Promise<LiveRegistrant[] | undefined> }>>();

function listingKey(meetingId: string, userId: string | undefined): string {
  return JSON.stringify([meetingId, userId ?? null]);
}

function forgetListing(ctx: ProviderContext, meetingId: string, userId: string | undefined): void {
  listings.get(ctx)?.delete(listingKey(meetingId, userId));
}

function sharedListing(ctx: ProviderContext, inputs: Partial<RegistrantInputs> & { meetingId: string }, operation: string): Promise<LiveRegistrant[] | undefined> {
  let byMeeting = listings.get(ctx);
  if (!byMeeting) listings.set(ctx, (byMeeting = new Map()));
  const key = listingKey(inputs.meetingId, inputs.userId);
  const hit = byMeeting.get(key);
  if (hit && Date.now() - hit.at < listingTtlMs) return hit.list;
  const list = listRegistrants(ctx, inputs, operation);
  byMeeting.set(key, { at: Date.now(), list });
  list.catch(() => byMeeting!.get(key)?.list === list && byMeeting!.delete(key)); // a failure is not shared with later reads
  return list;
}

/** Every registrant of the meeting's registration, following @odata.nextLink; undefined when there is no registration (or meeting). */
async function listRegistrants(ctx: ProviderContext, inputs: Partial<RegistrantInputs> & { meetingId: string }, operation: string): Promise<LiveRegistrant[] | undefined> {
  const first = registrantsRoute(inputs.meetingId, inputs.userId);
  const all: LiveRegistrant[] = [];
  let next: Route | undefined = first;
  const seen = new Set<string>();
  for (let page = 1; next; page++) {
    if (page > maxPages || seen.has(next.path)) throw new Error(`Could not ${operation} ${targetOf(inputs)}: Graph's registrant list did not end after ${page - 1} pages (its @odata.nextLink repeats or never ends).`);
    seen.add(next.path);
    let body: { value?: LiveRegistrant[]; "@odata.nextLink"?: string };
    try {
      body = (await graphRequest<typeof body>(ctx, { method: "GET", route: next, operation, target: targetOf(inputs) }, { userId: inputs.userId, appForbidden: appPermissionNote })).body ?? {};
    } catch (e) {
      if (isGraphError(e, 404)) return undefined; // no registration, or no meeting
      throw e;
    }
    all.push(...(body.value ?? []));
    next = body["@odata.nextLink"] ? nextPage(ctx, first, body["@odata.nextLink"], operation, inputs) : undefined;
  }
  return all;
}

/** The route of an @odata.nextLink; only ever on the Graph origin we were configured with (it gets our token). */
function nextPage(ctx: ProviderContext, first: Route, link: string, operation: string, inputs: Partial<RegistrantInputs>): Route {
  let url: URL;
  try {
    url = new URL(link, ctx.client.graphEndpoint);
  } catch {
    throw new Error(`Could not ${operation} ${targetOf(inputs)}: Graph returned an @odata.nextLink that is not a URL.`);
  }
  if (url.origin !== new URL(ctx.client.graphEndpoint).origin) {
    throw new Error(`Could not ${operation} ${targetOf(inputs)}: Graph's @odata.nextLink points to ${url.origin}, not to ${ctx.client.graphEndpoint}; refusing to send the access token there.`);
  }
  return { template: `${first.template} (next page)`, path: url.pathname + url.search };
}

export async function read(ctx: ProviderContext, id: string, props: Partial<RegistrantOutputs>): Promise<pulumi.dynamic.ReadResult<RegistrantOutputs>> {
  const importing = props.id === undefined;
  const { meetingId } = props;
  if (typeof meetingId !== "string" || meetingId === "") {
    throw new Error(`Could not read ExternalMeetingRegistrant "${id}": meetingId is missing. To import a registrant, declare the resource with its meetingId, userId and registrantId and the option { import: "${id}" }.`);
  }
  const registrantId = props.registrantId ?? id;
  assertStoredIds(`${importing ? "import" : "read"} ExternalMeetingRegistrant "${id}"`, { meetingId, userId: props.userId, registrantId });
  const list = await sharedListing(ctx, { ...props, meetingId, registrantId }, importing ? "import the ExternalMeetingRegistrant" : "read the ExternalMeetingRegistrant");
  const live = list?.find((r) => r.id === registrantId);
  if (!live) {
    if (importing) throw new Error(`Could not import ExternalMeetingRegistrant "${id}": the registration of meeting "${meetingId}" has no registrant with that id.`);
    return { id: "" }; // deleted outside Pulumi, or its registration/meeting is gone: leaves the state
  }
  if (importing) notice(`imported registrant "${registrantId}" without its join link: Graph returns a registrant's joinWebUrl only when it is created.`);
  const inputs = setProperties(props, inputProperties);
  inputs.registrantId = registrantId;
  // Live Entra ids win over stored ones, so a change made outside Pulumi shows as drift; ids the
  // user never set are not compared.
  for (const [key, value] of [["registrantTenantId", live.tenantId], ["registrantUserId", live.userId]] as const) {
    const stored = inputs[key];
    if (typeof stored === "string" && typeof value === "string" && stored.toLowerCase() !== value.toLowerCase()) inputs[key] = value;
  }
  const cleaned = inputs as unknown as RegistrantInputs;
  // The list has joinWebUrl null: keep the one create stored.
  return { id, props: outputsOf(cleaned, live.id, props.joinWebUrl), inputs: cleaned as RegistrantOutputs };
}

export async function remove(ctx: ProviderContext, id: string, props: Partial<RegistrantOutputs>): Promise<void> {
  const { meetingId, userId } = props;
  const registrantId = props.registrantId ?? id;
  if (typeof meetingId !== "string" || meetingId === "" || !registrantId) return;
  assertStoredIds(`delete ExternalMeetingRegistrant "${id}"`, { meetingId, userId, registrantId });
  try {
    await graphRequest(
      ctx,
      { method: "DELETE", route: registrantRoute(meetingId, userId, registrantId), operation: "delete the ExternalMeetingRegistrant", target: targetOf({ ...props, registrantId }) },
      { userId, appForbidden: appPermissionNote },
    );
  } catch (e) {
    if (isGraphError(e, 404)) return; // already deleted, or went with its registration or meeting
    throw e;
  } finally {
    forgetListing(ctx, meetingId, userId);
  }
}
