// Whether a webinar is over for good (canceled, or gone): its questions and registrations went with
// it, so deleting them is done even when Graph refuses writes on a canceled webinar (undocumented;
// the emulator's webinarCanceledWrites switch). Used by the deletes of questions and registrations.
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
