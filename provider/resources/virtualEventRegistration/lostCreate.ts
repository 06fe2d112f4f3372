// `msgraph-meetings recover`: what a lost create of a VirtualEventRegistration may have made. Graph
// keys a webinar's registrations by email, so the candidate is the person's live registration on
// the webinar, found as the create finds it after its 204 (lookup.ts); it is adopted when it carries
// the external id the create asked for and no other resource of the stack holds it.
import { tokensFor } from "../../auth/identities";
import type { LostCreateFinder } from "../common/lostCreate";
import { check } from "./inputs";
import { read } from "./lifecycle";
import { findRegistration } from "./lookup";

export const findLostCreate: LostCreateFinder = async (ctx, recorded, held) => {
  const checked = check({}, recorded);
  if (checked.failures?.length) return { adopt: false, why: `its recorded inputs are not valid (${checked.failures.map((f) => f.reason).join(" ")}), so Graph was not asked.` };
  const inputs = checked.inputs!;
  const externalId = inputs.externalRegistrationInformation?.registrationId;
  const person = `"${inputs.email}" on webinar "${inputs.webinarId}"`;
  const tokens = await tokensFor(ctx, "application", "find the VirtualEventRegistration for recover");
  const { found, conclusive } = await findRegistration(ctx, tokens, inputs.webinarId, inputs.email, externalId, `for ${person}`);
  if (!found || found.status === "canceled") {
    const why = conclusive ? "the killed run's POST made none" : "no lookup form answered, so this is not certain";
    return { adopt: false, why: `Graph shows no live registration of ${person} (${why}). The next \`pulumi up\` registers the person; if Graph holds one after all, it answers 409 and the create takes that one over.` };
  }
  if (externalId !== undefined && found.externalRegistrationInformation?.registrationId !== externalId) {
    return {
      adopt: false,
      why: `the live registration "${found.id}" of ${person} has external id "${found.externalRegistrationInformation?.registrationId ?? "(none)"}", not "${externalId}": not what this create asked for. The next \`pulumi up\` meets Graph's 409 and says what to do.`,
    };
  }
  if (held.some((h) => h.id === found.id)) return { adopt: false, why: `the registration "${found.id}" of ${person} is already held by another resource of this stack.` };
  // The same outputs a refresh stores: the kind's own read, given the id as refresh would.
  const result = await read(ctx, found.id, { ...inputs, id: found.id });
  if (!result.id || !result.props) return { adopt: false, why: `the registration "${found.id}" of ${person} was gone or canceled when read again.` };
  return { adopt: true, id: result.id, outputs: result.props as unknown as Record<string, unknown>, note: `the person's registration${externalId ? `, external id "${externalId}"` : ""}` };
};
