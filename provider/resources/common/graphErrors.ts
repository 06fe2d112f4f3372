// How a resource tells a failed Graph call: the client's GraphError carries the facts, and the
// resource that made the call knows what a status means for it (a 404 on a registrant POST is a
// missing registration; a 409 on a registration POST is an existing one to adopt). `graphRequest`
// sends a request and, when it fails, throws the GraphError again with the message built from the
// resource's fixes; `explained` does the same for an error caught earlier.
import type { GraphRequest, GraphResponse } from "../../graph/client";
import { describeGraphError, genericFix, GraphError, isGraphError, mayHaveBeenApplied } from "../../graph/errors";
import type { ProviderContext } from "../../runtime";

/** What a failure of one call means, as the resource that makes it knows. Each replaces the generic fix for its status. */
export interface GraphFixes {
  /** What a 404 means for this call and how to fix it. */
  notFound?: string;
  /** What a 409 means for this call and how to fix it. */
  conflict?: string;
  /** What a 400 (other than /me with an app token) means for this call. */
  badRequest?: string;
  /** What a 403 means for this call and how to fix it (replaces the online-meeting access-policy fix). */
  forbidden?: string;
  /** What to do when the request may have been applied (no answer, or 5xx, to a POST). */
  ambiguous?: string;
  /** What a 410 means for this call and how to fix it. */
  gone?: string;
  /** Said last when an application token gets 403 (e.g. an API whose current docs support no application permission). */
  appForbidden?: string;
  /** The user the call acts for: named in the access-policy fix, and a 404 then says which tenant was asked. */
  userId?: string;
}

/** `ctx.client.request`, whose failure carries the resource's fix. */
export async function graphRequest<T = unknown>(ctx: ProviderContext, req: GraphRequest, fixes: GraphFixes = {}): Promise<GraphResponse<T>> {
  try {
    return await ctx.client.request<T>(req);
  } catch (e) {
    throw explained(e, fixes);
  }
}

/** A GraphError told again with `fixes`; any other error as it is. */
export function explained(e: unknown, fixes: GraphFixes): unknown {
  return isGraphError(e) ? new GraphError(e, describeGraphError(e, resourceFix(e, fixes))) : e;
}

function isMeRoute(route: string): boolean {
  return /^\/(beta|v1\.0)\/me(\/|$)/.test(route);
}

/** The fix line of a failed call of a resource: its own fix for the status, else the generic one. */
export function resourceFix(e: GraphError, fixes: GraphFixes): string {
  const generic = genericFix(e, fixes.ambiguous ?? mayHaveBeenApplied);
  if (e.code === "ResponseTooLarge" || e.status === 0) return generic;
  switch (e.status) {
    case 400:
      if (isMeRoute(e.route) && e.tokenKind === "app") {
        return "userId is not set, so the call went to /me, which works only with a delegated (signed-in user) token; this token is an application token. Set userId to the organizer's object id or userPrincipalName.";
      }
      return fixes.badRequest ?? generic;
    case 403:
      return fixes.forbidden ?? onlineMeetingForbidden(e, fixes);
    case 404: {
      // A user of another tenant looks exactly like a missing one: say which tenant was asked.
      const tenant = e.tokenTenantId && fixes.userId !== undefined ? ` The token is for tenant "${e.tokenTenantId}": userId must name a user of that tenant.` : "";
      return (fixes.notFound ?? generic) + tenant;
    }
    case 409:
      return fixes.conflict ?? generic;
    case 410:
      return fixes.gone ?? generic;
    default:
      return generic;
  }
}

/** A 403 on a user's online meetings: the permission, and for an app the Teams application access policy. */
function onlineMeetingForbidden(e: GraphError, fixes: GraphFixes): string {
  const webinar = " A meeting created as a webinar also answers 403: registration can be enabled only on a plain online meeting.";
  if (e.tokenKind === "app") {
    const app = e.appId ? `"${e.appId}"` : "<clientId>";
    const user = fixes.userId ? `"${fixes.userId}"` : "<organizer>";
    return (
      `This is an application token: Graph lets an app act on a user's meetings only when the app has OnlineMeetings.ReadWrite.All and a Teams application access policy names the app and is granted to that user. ` +
      `In Teams PowerShell: New-CsApplicationAccessPolicy -Identity pulumi-meetings -AppIds ${app}; Grant-CsApplicationAccessPolicy -PolicyName pulumi-meetings -Identity ${user}. Policy changes take up to 30 minutes to apply.` +
      webinar +
      (fixes.appForbidden ? ` ${fixes.appForbidden}` : "")
    );
  }
  return `The signed-in user needs the delegated permission OnlineMeetings.ReadWrite (consented) and must be the meeting's organizer.${webinar}`;
}
