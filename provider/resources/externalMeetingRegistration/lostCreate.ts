// `msgraph-meetings recover`: what a lost create of an ExternalMeetingRegistration may have made. A
// meeting holds at most one registration, so the meeting's registration is the only candidate; it
// is adopted when it is what the create asked for (external, same allowedRegistrant) and no other
// resource of the stack holds it. The provider's own create adopts the same one after a lost answer.
import { isGraphError } from "../../graph/errors";
import type { LostCreateFinder } from "../common/lostCreate";
import { check } from "./inputs";
import { defaultAllowedRegistrant } from "./inputs";
import { getRegistration, read, teamsRegistration } from "./lifecycle";

export const findLostCreate: LostCreateFinder = async (ctx, recorded, held) => {
  const checked = check({}, recorded);
  if (checked.failures?.length) return { adopt: false, why: `its recorded inputs are not valid (${checked.failures.map((f) => f.reason).join(" ")}), so Graph was not asked.` };
  const inputs = checked.inputs!;
  const wanted = inputs.allowedRegistrant ?? defaultAllowedRegistrant;
  let live: Awaited<ReturnType<typeof getRegistration>>;
  try {
    live = await getRegistration(ctx, inputs.meetingId, inputs.userId, "read the meeting's registration for recover");
  } catch (e) {
    // Graph shows a Teams-hosted registration to the organizer's own token only: a 403 to this
    // identity means the registration is not one its POST made.
    if (isGraphError(e) && e.status === 403) {
      return { adopt: false, why: "Graph refuses to show the meeting's registration to this identity (403), so it is not one this resource's POST made with it (a Teams-hosted registration answers so). The next `pulumi up` says what to do." };
    }
    throw e;
  }
  if (!live) return { adopt: false, why: "the meeting has no registration: the killed run's POST made none. The next `pulumi up` creates it." };
  if (live["@odata.type"] === teamsRegistration) {
    return { adopt: false, why: `the meeting's registration "${live.id}" is Teams-hosted, not one this resource makes. The next \`pulumi up\` says how to remove it.` };
  }
  if (live.allowedRegistrant !== undefined && live.allowedRegistrant !== wanted) {
    return {
      adopt: false,
      why: `the meeting's registration "${live.id}" has allowedRegistrant "${live.allowedRegistrant}", not "${wanted}": not what this create asked for. The next \`pulumi up\` reports it (409) and says how to adopt or remove it.`,
    };
  }
  const holder = held.find((h) => h.id === live.id);
  if (holder) return { adopt: false, why: `the meeting's registration "${live.id}" is already held by another resource of this stack.` };
  // The same outputs a refresh stores: the kind's own read, given the id as refresh would.
  const result = await read(ctx, live.id, { ...inputs, id: live.id });
  if (!result.id || !result.props) return { adopt: false, why: `the meeting's registration "${live.id}" was gone when read again.` };
  return { adopt: true, id: result.id, outputs: result.props as unknown as Record<string, unknown>, note: `the meeting's registration, allowedRegistrant "${wanted}"` };
};
