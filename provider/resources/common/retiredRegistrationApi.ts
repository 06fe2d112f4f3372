// Microsoft retired the beta meeting-registration API ("will stop returning data on December 12,
// 2024") without documenting what it answers afterwards: 404, 410 or a 400 are all plausible. When a
// registration or registrant write on a meeting that exists is refused that way, the user is told
// what happened and where to go (the webinar resources), instead of "meeting not found".
// Decisions use statuses and a probe of the meeting (the onlineMeetings API is alive), never the
// text of Graph's message.
import { isGraphError } from "../../graph/errors";
import { explained } from "./graphErrors";
import { userRoute } from "./routes";
import type { ProviderContext } from "../../runtime";

/** Where users are sent: the migration guide shipped with the package (the README's deprecation box points there too). */
export const MIGRATION_GUIDE = "docs/migrating-to-webinars.md";

/** What happened and what to do, as the fix of a refused registration call. */
export const retirement =
  `Microsoft retired the meeting registration API (its pages say it "will stop returning data on December 12, 2024"; what it answers since is undocumented). ` +
  `Nothing was created. Move to the virtual-event webinar resources (VirtualEventWebinar, VirtualEventRegistration): see ${MIGRATION_GUIDE} in pulumi-msgraph-meetings.`;

/** Said last in the fix of a 403 to an application token on a registration route. */
export const appPermissionNote =
  `Microsoft's current pages list application permissions as "Not supported" for the meeting registration API (older pages listed OnlineMeetings.ReadWrite.All): ` +
  `where the tenant follows them, use a delegated identity (a user's token in msgraph:accessToken, without userId), or move to the webinar resources (${MIGRATION_GUIDE}).`;

/** Statuses a retired API plausibly answers with. */
const RETIRED_STATUSES = new Set([400, 404, 410]);

/** Whether the organizer's meeting exists (GET /v1.0{u}/onlineMeetings/{id} answers 200). */
async function meetingExists(ctx: ProviderContext, meetingId: string, userId: string | undefined): Promise<boolean> {
  try {
    await ctx.client.request({
      method: "GET",
      route: userRoute("v1.0", userId, "/onlineMeetings/{meetingId}", { meetingId }),
      operation: "check that the online meeting exists",
    });
    return true;
  } catch (e) {
    if (isGraphError(e)) return false;
    throw e;
  }
}

/**
 * Rethrows `e` with the retirement explained when it is a refusal a retired API gives (410 always;
 * 400/404 when the meeting exists) from a registration route. `alsoPossible` names the other
 * explanation of a 404 when one remains (e.g. "the meeting has no registration"). Calls whose 400s
 * are ordinary validation errors (registrants) pass `statuses` without 400.
 */
export async function explainRetirement(
  ctx: ProviderContext,
  e: unknown,
  meetingId: string,
  userId: string | undefined,
  options: { alsoPossible?: string; statuses?: ReadonlySet<number> } = {},
): Promise<never> {
  const { alsoPossible, statuses = RETIRED_STATUSES } = options;
  if (!isGraphError(e) || !statuses.has(e.status)) throw e;
  if (e.status !== 410 && !(await meetingExists(ctx, meetingId, userId))) throw e;
  const fix =
    alsoPossible && e.status === 404
      ? `${alsoPossible} Or the registration API itself refused the call: ${retirement}`
      : `The meeting exists, so the registration API itself refused the call: ${retirement}`;
  throw explained(e, { userId, notFound: fix, badRequest: fix, gone: fix });
}
