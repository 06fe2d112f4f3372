// `msgraph-meetings recover`: what a lost create of an ExternalMeetingRegistrant may have made. The
// client chooses a registrant's id (registrantId, unique per meeting), so the candidate is the
// meeting's registrant with that id; it is adopted when its Entra ids are the ones asked for and no
// other resource of the stack holds it. Its join link cannot be recovered: Graph returns it only in
// the answer to the create, which the killed run lost.
import type { LostCreateFinder } from "../common/lostCreate";
import { check } from "./inputs";
import { read } from "./lifecycle";

const sameId = (a: unknown, b: unknown) => (typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : a === b);

export const findLostCreate: LostCreateFinder = async (ctx, recorded, held) => {
  const checked = check({}, recorded);
  if (checked.failures?.length) return { adopt: false, why: `its recorded inputs are not valid (${checked.failures.map((f) => f.reason).join(" ")}), so Graph was not asked.` };
  const inputs = checked.inputs!;
  const { registrantId } = inputs;
  const holder = held.find((h) => h.id === registrantId && h.outputs.meetingId === inputs.meetingId && h.outputs.userId === inputs.userId);
  if (holder) return { adopt: false, why: `registrant "${registrantId}" of this meeting is already held by another resource of this stack.` };
  // The kind's own read, given the id as refresh would: it lists the meeting's registrants.
  const found = await read(ctx, registrantId, { ...inputs, id: registrantId });
  if (!found.id || !found.props) return { adopt: false, why: `the meeting has no registrant "${registrantId}": the killed run's POST made none. The next \`pulumi up\` creates it.` };
  for (const key of ["registrantTenantId", "registrantUserId"] as const) {
    if (!sameId(found.inputs?.[key], inputs[key])) {
      return {
        adopt: false,
        why: `the meeting's registrant "${registrantId}" has ${key} "${found.inputs?.[key] ?? "(none)"}", not "${inputs[key] ?? "(none)"}": not what this create asked for. The next \`pulumi up\` reports it (409) and says how to remove it.`,
      };
    }
  }
  return {
    adopt: true,
    id: found.id,
    outputs: found.props as unknown as Record<string, unknown>,
    note: `registrant "${registrantId}" of the meeting, without its join link (Graph returns it only to the create; \`pulumi up --replace <urn>\` makes a new registrant with one)`,
  };
};
