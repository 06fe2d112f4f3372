// Finding an anonymous registration by its email. Graph answers the application's create with 204
// and no body, and documents no way to find the new registration's id (contract: "undocumented").
// Three forms are tried, cheapest first, and the first that answers is remembered for the process,
// so a registration costs one write and one lookup:
//   key     GET {w}/registrations(email='…')          alternate key in the v1.0 metadata
//   filter  GET /beta{w}/registrations?$filter=email eq '…'
//   list    GET {w}/registrations, every page, matched here
// A form that is not served (400, 404 before it ever found anything, 405, 501) passes to the next.
import type { TokenSource } from "../../graph/client";
import { isGraphError } from "../../graph/errors";
import type { Route } from "../../graph/route";
import type { ProviderContext } from "../../runtime";
import { graphRequest } from "../common/graphErrors";
import { registrationByEmailRoute, registrationsByEmailFilterRoute, registrationsRoute } from "../common/virtualEventRoutes";

export interface LiveRegistration {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  status?: string;
  registrationDateTime?: string;
  externalRegistrationInformation?: { referrer?: string | null; registrationId?: string | null } | null;
}

export type LookupForm = "key" | "filter" | "list";
export const lookupForms: readonly LookupForm[] = ["key", "filter", "list"];

export interface LookupResult {
  /** The person's registration, preferring one that is not canceled and carries the external id. */
  found?: LiveRegistration;
  /** Whether "not found" can be trusted (the form is known to work): only then may a create post again. */
  conclusive: boolean;
  form?: LookupForm;
}

/** Pages read before giving up on a list. */
const maxPages = 500;

/** Per provider context: the form known to work, and whether the key form has ever found anything. */
const learned = new WeakMap<ProviderContext, { form?: LookupForm; keyFound?: boolean }>();

export function learnedForm(ctx: ProviderContext): LookupForm | undefined {
  return learned.get(ctx)?.form;
}

function remember(ctx: ProviderContext, form: LookupForm, found: boolean): void {
  const l = learned.get(ctx) ?? {};
  l.form = form;
  if (form === "key" && found) l.keyFound = true;
  learned.set(ctx, l);
}

/** A form Graph does not serve answers like this (codes vary and are undocumented). */
function notServed(e: unknown, allow404: boolean): boolean {
  return isGraphError(e) && ([400, 405, 501].includes(e.status) || (allow404 && e.status === 404));
}

export function pick(candidates: LiveRegistration[], email: string, externalId: string | undefined): LiveRegistration | undefined {
  const mine = candidates.filter((r) => typeof r.email === "string" && r.email.toLowerCase() === email.toLowerCase());
  const rank = (r: LiveRegistration) => (r.status !== "canceled" ? 2 : 0) + (externalId !== undefined && r.externalRegistrationInformation?.registrationId === externalId ? 1 : 0);
  return mine.sort((a, b) => rank(b) - rank(a))[0];
}

export async function findRegistration(
  ctx: ProviderContext,
  tokens: TokenSource,
  webinarId: string,
  email: string,
  externalId: string | undefined,
  target: string,
): Promise<LookupResult> {
  const known = learned.get(ctx);
  const order = known?.form ? [known.form, ...lookupForms.filter((f) => f !== known.form)] : lookupForms;
  const operation = "find the VirtualEventRegistration by email";
  for (const form of order) {
    try {
      if (form === "key") {
        let body: LiveRegistration & { value?: LiveRegistration[] };
        try {
          body = (await graphRequest<typeof body>(ctx, { method: "GET", route: registrationByEmailRoute(webinarId, email), operation, target, tokens })).body;
        } catch (e) {
          // 404 is "no such registration" only once this form has found one; before, it may be "no such route".
          if (isGraphError(e, 404) && known?.keyFound) return { conclusive: true, form };
          throw e;
        }
        const found = pick(Array.isArray(body?.value) ? body.value : body ? [body] : [], email, externalId);
        if (found) {
          remember(ctx, form, true);
          return { found, conclusive: true, form };
        }
        continue;
      }
      const first = form === "filter" ? registrationsByEmailFilterRoute(webinarId, email) : registrationsRoute(webinarId);
      const all = await listAll(ctx, tokens, first, operation, target);
      const found = pick(all, email, externalId);
      remember(ctx, form, found !== undefined);
      return { found, conclusive: true, form };
    } catch (e) {
      if (notServed(e, form !== "list")) continue;
      throw e;
    }
  }
  return { conclusive: false };
}

/** Every page of a registration list (@odata.nextLink only on the configured Graph origin: it gets the token). */
async function listAll(ctx: ProviderContext, tokens: TokenSource, first: Route, operation: string, target: string): Promise<LiveRegistration[]> {
  const all: LiveRegistration[] = [];
  const seen = new Set<string>();
  let next: Route | undefined = first;
  for (let page = 1; next; page++) {
    if (page > maxPages || seen.has(next.path)) throw new Error(`Could not ${operation} ${target}: Graph's registration list did not end after ${page - 1} pages.`);
    seen.add(next.path);
    const body: { value?: LiveRegistration[]; "@odata.nextLink"?: string } =
      (await graphRequest<{ value?: LiveRegistration[]; "@odata.nextLink"?: string }>(ctx, { method: "GET", route: next, operation, target, tokens })).body ?? {};
    all.push(...(body.value ?? []));
    const link = body["@odata.nextLink"];
    if (!link) break;
    const url = new URL(link, ctx.client.graphEndpoint);
    if (url.origin !== new URL(ctx.client.graphEndpoint).origin) {
      throw new Error(`Could not ${operation} ${target}: Graph's @odata.nextLink points to ${url.origin}, not to ${ctx.client.graphEndpoint}; refusing to send the access token there.`);
    }
    next = { template: `${first.template} (next page)`, path: url.pathname + url.search };
  }
  return all;
}
