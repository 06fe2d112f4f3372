// A create that made its object but failed a later step (e.g. a webinar posted, then publish
// failed): thrown with the object's id and outputs, the dynamic-provider host reports an
// initialization failure (ErrorResourceInitFailed), so the engine keeps the object in the state
// instead of forgetting it, and the next `pulumi up` finishes the job through diff and update.
import { definedOnly } from "./unknown";

export class PartialCreateError extends Error {
  override readonly name = "PartialCreateError";
  /** Read by the host: the created object's id, its outputs, and why it is not complete. */
  readonly id: string;
  readonly properties: Record<string, unknown>;
  readonly reasons: string[];

  constructor(message: string, id: string, outputs: Record<string, unknown>, inputs: Record<string, unknown>) {
    super(message);
    this.id = id;
    // The host adds __provider to a successful create's outputs, but not to these: without it the
    // engine could not run this resource's update or delete.
    this.properties = definedOnly({ ...outputs, __provider: inputs.__provider });
    this.reasons = [message];
  }
}
