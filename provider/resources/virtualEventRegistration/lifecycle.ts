// VirtualEventRegistration's lifecycle against Graph (a webinar's registrations, application identity):
//   diff   any input change replaces, canceling first (Graph keys a webinar's registrations by email)
//   create POST an anonymous registration: Graph answers 204 with no body, so the id is found by
//          email (lookup.ts). A lost answer is never posted again blindly: the registration is looked
//          up first, and posted again only when a trusted lookup finds none. A 409 (already
//          registered) adopts the person's live registration.
//   read   GET by id; canceled (out of band) or gone leaves the state
//   delete Graph has no DELETE: POST {id}/cancel; already canceled or gone counts as deleted
import type * as pulumi from "@pulumi/pulumi";
import { tokensFor } from "../../auth/identities";
import type { TokenSource } from "../../graph/client";
import { isGraphError } from "../../graph/errors";
import { notice } from "../../graph/log";
import type { ProviderContext } from "../../runtime";
import { graphRequest } from "../common/graphErrors";
import { definedOnly, isUnknown } from "../common/unknown";
import { withId } from "../common/targets";
import { outputsWith, setProperties } from "../common/properties";
import { registrationRoute, registrationsRoute } from "../common/virtualEventRoutes";
import { inputProperties, RegistrationInputs, RegistrationOutputs, replacingProperties, splitImportId } from "./inputs";
import { findRegistration, LiveRegistration } from "./lookup";
import { removeFromWebinar } from "../common/webinarStatus";

export { check } from "./inputs";

const forbidden =
  "Graph refused the application: anonymous registrations need the application permission VirtualEventRegistration-Anon.ReadWrite.All (or the team-scoped .Chat one), admin-consented, and reads need an application access policy granted to the webinar's organizer (New-CsApplicationAccessPolicy / Grant-CsApplicationAccessPolicy; changes take up to 30 minutes).";

function targetOf(i: Partial<RegistrationInputs>, id?: string): string {
  const ext = i.externalRegistrationInformation?.registrationId;
  return withId(id, `for "${i.email}"${ext ? ` (external id "${ext}")` : ""} on webinar "${i.webinarId}"`);
}

export async function diff(_id: string, olds: Partial<RegistrationOutputs>, news: Partial<RegistrationInputs>): Promise<pulumi.dynamic.DiffResult> {
  const replaces = replacingProperties.filter((p) => isUnknown(news[p]) || JSON.stringify(olds[p] ?? null) !== JSON.stringify(news[p] ?? null));
  if (replaces.length === 0) return { changes: false };
  return { changes: true, replaces: [...replaces], deleteBeforeReplace: true };
}

function outputsOf(inputs: RegistrationInputs, live: LiveRegistration): RegistrationOutputs {
  return outputsWith(inputs, live.id, { status: live.status ?? "registered", registrationDateTime: live.registrationDateTime });
}

function body(inputs: RegistrationInputs): Record<string, unknown> {
  return definedOnly({
    firstName: inputs.firstName,
    lastName: inputs.lastName,
    email: inputs.email,
    preferredTimezone: inputs.preferredTimezone,
    preferredLanguage: inputs.preferredLanguage,
    externalRegistrationInformation: inputs.externalRegistrationInformation,
    registrationQuestionAnswers: inputs.registrationQuestionAnswers,
  });
}

async function lookup(ctx: ProviderContext, tokens: TokenSource, inputs: RegistrationInputs) {
  return findRegistration(ctx, tokens, inputs.webinarId, inputs.email, inputs.externalRegistrationInformation?.registrationId, targetOf(inputs));
}

/** The person's registration after a 204 (or a 409): found, and not canceled. */
async function registered(ctx: ProviderContext, tokens: TokenSource, inputs: RegistrationInputs, after: string): Promise<LiveRegistration> {
  const { found } = await lookup(ctx, tokens, inputs);
  if (!found) {
    throw new Error(
      `Could not find the VirtualEventRegistration ${targetOf(inputs)} ${after}: none of Graph's lookups (registrations(email='…'), the beta $filter, the list) shows a registration with that email. Run \`pulumi refresh\` and \`pulumi up\` again; if it persists, the webinar may not list anonymous registrations to this application (check its access policy).`,
    );
  }
  if (found.status === "canceled") {
    throw new Error(
      `Could not register ${targetOf(inputs)}: Graph keeps this person's earlier registration "${found.id}" as canceled and did not register them again (re-registering a canceled person is undocumented). Register them with another email, or on another webinar.`,
    );
  }
  return found;
}

export async function create(ctx: ProviderContext, inputs: RegistrationInputs): Promise<pulumi.dynamic.CreateResult<RegistrationOutputs>> {
  const tokens = await tokensFor(ctx, "application", "register the person (VirtualEventRegistration)");
  if (inputs.adoptId !== undefined) return adopt(ctx, tokens, inputs, inputs.adoptId);
  const post = () =>
    graphRequest<LiveRegistration | undefined>(ctx, {
      method: "POST",
      route: registrationsRoute(inputs.webinarId),
      body: body(inputs),
      operation: "create the VirtualEventRegistration",
      target: targetOf(inputs),
      tokens,
    }, {
      forbidden,
      notFound: `Graph found no webinar "${inputs.webinarId}" for this application: pass webinarId: webinar.id of a published VirtualEventWebinar whose organizer granted the app an application access policy.`,
      badRequest: "Graph rejected the registration: check that the webinar is published (not a draft or canceled), that its audience is \"everyone\" (anonymous people cannot register for an organization-only webinar), and that every required question is answered.",
    });
  let res;
  try {
    res = await post();
  } catch (e) {
    if (isGraphError(e, 409)) {
      // Already registered (by an earlier run whose answer was lost, or out of band): the person's live registration is this resource's.
      const live = await registered(ctx, tokens, inputs, "after Graph answered 409 (already registered)");
      notice(`VirtualEventRegistration ${targetOf(inputs, live.id)}: the person was already registered; this resource now manages that registration.`);
      return { id: live.id, outs: outputsOf(inputs, live) };
    }
    if (!isGraphError(e) || !e.ambiguous) throw e;
    // The answer was lost: the registration may exist. Look before posting again, never blindly.
    const seen = await lookup(ctx, tokens, inputs);
    if (seen.found && seen.found.status !== "canceled") {
      notice(`VirtualEventRegistration ${targetOf(inputs, seen.found.id)}: the create's answer was lost, but the registration exists; it was not posted again.`);
      return { id: seen.found.id, outs: outputsOf(inputs, seen.found) };
    }
    if (!seen.conclusive) {
      throw new Error(`${(e as Error).message}\nNo lookup could tell whether the registration was made, so it was not posted again (that could register the person twice). Run \`pulumi up\` again.`);
    }
    res = await post();
  }
  const direct = res.body && typeof res.body === "object" && typeof res.body.id === "string" ? res.body : undefined;
  // A delegated-style 201 carries the registration; the application's 204 carries nothing.
  const live = direct ?? (await registered(ctx, tokens, inputs, "after Graph accepted it (204, no body)"));
  return { id: live.id, outs: outputsOf(inputs, live) };
}

async function get(ctx: ProviderContext, tokens: TokenSource, webinarId: string, id: string, operation: string, inputs: Partial<RegistrationInputs>): Promise<LiveRegistration> {
  const res = await graphRequest<LiveRegistration>(ctx, { method: "GET", route: registrationRoute(webinarId, id), operation, target: targetOf(inputs, id), tokens }, { forbidden });
  return res.body;
}

/** adoptId (the `import` option, "{webinarId}/{registrationId}"): take over a live registration of this person. */
async function adopt(ctx: ProviderContext, tokens: TokenSource, inputs: RegistrationInputs, adoptId: string): Promise<pulumi.dynamic.CreateResult<RegistrationOutputs>> {
  const parts = splitImportId(adoptId)!;
  const fail = (why: string) => new Error(`Could not import VirtualEventRegistration "${adoptId}": ${why}`);
  let live: LiveRegistration;
  try {
    live = await get(ctx, tokens, parts.webinarId, parts.registrationId, "read the VirtualEventRegistration to import", inputs);
  } catch (e) {
    if (isGraphError(e, 404)) throw fail(`webinar "${parts.webinarId}" has no registration "${parts.registrationId}".`);
    throw e;
  }
  if (live.status === "canceled") throw fail("it is canceled. Remove the import option to register the person again.");
  if (typeof live.email === "string" && live.email.toLowerCase() !== inputs.email.toLowerCase()) throw fail(`it is the registration of "${live.email}", not of "${inputs.email}". Set email: "${live.email}" or import another registration.`);
  return { id: live.id, outs: outputsOf(inputs, live) };
}

export async function read(ctx: ProviderContext, id: string, props: Partial<RegistrationOutputs>): Promise<pulumi.dynamic.ReadResult<RegistrationOutputs>> {
  const webinarId = props.webinarId;
  if (typeof webinarId !== "string" || webinarId === "") {
    throw new Error(`Could not read VirtualEventRegistration "${id}": webinarId is missing. To import a registration, declare the resource with its inputs and the option { import: "{webinarId}/${id}" }.`);
  }
  let live: LiveRegistration;
  try {
    live = await get(ctx, ctx.client.tokenSource, webinarId, id, "read the VirtualEventRegistration", props);
  } catch (e) {
    if (isGraphError(e, 404)) return { id: "" }; // gone, or its webinar is: leaves the state
    throw e;
  }
  if (live.status === "canceled") {
    notice(`VirtualEventRegistration ${targetOf(props, id)} was canceled outside Pulumi: it leaves the state.`);
    return { id: "" };
  }
  const cleaned = setProperties(props, inputProperties) as unknown as RegistrationInputs;
  return { id, props: outputsOf(cleaned, live), inputs: cleaned as RegistrationOutputs };
}

export async function remove(ctx: ProviderContext, id: string, props: Partial<RegistrationOutputs>): Promise<void> {
  const webinarId = props.webinarId;
  if (typeof webinarId !== "string" || webinarId === "" || !id) return;
  const tokens = await tokensFor(ctx, "application", "cancel (delete) the VirtualEventRegistration");
  await removeFromWebinar(
    ctx,
    tokens,
    webinarId,
    () =>
      graphRequest(ctx, {
        method: "POST",
        route: registrationRoute(webinarId, id, "/cancel"),
        operation: "cancel (delete) the VirtualEventRegistration",
        target: targetOf(props, id),
        tokens,
        // One end state: repeating a cancel after a lost answer is harmless.
        idempotent: true,
      }, { forbidden }),
    // Canceling twice is undocumented: a refusal is fine when the registration is canceled already.
    async () => (await get(ctx, tokens, webinarId, id, "read the VirtualEventRegistration after a refused cancel", props).catch(() => undefined))?.status === "canceled",
  );
}
