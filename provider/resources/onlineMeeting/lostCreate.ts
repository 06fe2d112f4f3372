// `msgraph-meetings recover`: what a lost create of an OnlineMeeting may have made. Graph has no
// request that finds a meeting by anything but its id (which the lost answer carried) or its join
// URL, so there is nothing to read: the pending create is cleared. With externalId that is safe: the
// next `pulumi up` creates through createOrGet, which returns the meeting the lost POST made. Without
// it, that meeting (if the POST got that far) stays in the organizer's calendar, held by no stack.
import type { LostCreateFinder } from "../common/lostCreate";

export const findLostCreate: LostCreateFinder = async (_ctx, recorded) => {
  if (typeof recorded.externalId === "string" && recorded.externalId !== "") {
    return {
      adopt: false,
      why: `nothing to read (Graph finds a meeting only by its id). The next \`pulumi up\` creates it with createOrGet, which returns the meeting the killed run's POST made, if it made one (externalId "${recorded.externalId}").`,
    };
  }
  return {
    adopt: false,
    why: "nothing to read (Graph finds a meeting only by its id, which the lost answer carried). If the killed run's POST was applied, that meeting is in the organizer's calendar and no stack holds it: delete it there. Set externalId so that a create can be repeated safely.",
  };
};
