// Whether a webinar is over for good (canceled, or gone): its questions and registrations went with
// it, so deleting them is done even when Graph refuses writes on a canceled webinar (undocumented;
// the emulator's webinarCanceledWrites switch). removeFromWebinar is the delete of both kinds.
import type { TokenSource } from "../../graph/client";
import { isGraphError } from "../../graph/errors";
import type { ProviderContext } from "../../runtime";
import { webinarRoute } from "./virtualEventRoutes";

export async function webinarIsCanceled(ctx: ProviderContext, tokens: TokenSource, webinarId: string): Promise<boolean> {
  try {
    const res = await ctx.client.request<{ status?: string; value?: { status?: string } }>({
      method: "GET",
      route: webinarRoute(webinarId),
      operation: "read the webinar after a refused write",
      target: `"${webinarId}"`,
      tokens,
    });
    return (res.body?.status ?? res.body?.value?.status) === "canceled";
  } catch (e) {
    if (isGraphError(e, 404)) return true;
    return false; // the refusal stands on its own
  }
}

/**
 * Deletes a webinar's question or registration with `send`: done when Graph answers 404 (it is gone,
 * or its webinar is), or when a refusal (4xx) leaves it done after all: `doneAnyway` (e.g. the
 * registration is canceled already) or the webinar canceled. Any other failure is thrown.
 */
export async function removeFromWebinar(ctx: ProviderContext, tokens: TokenSource, webinarId: string, send: () => Promise<unknown>, doneAnyway: () => Promise<boolean> = async () => false): Promise<void> {
  try {
    await send();
  } catch (e) {
    if (isGraphError(e, 404)) return;
    if (!isGraphError(e) || e.status < 400 || e.status >= 500) throw e;
    if (await doneAnyway()) return;
    if (await webinarIsCanceled(ctx, tokens, webinarId)) return;
    throw e;
  }
}
