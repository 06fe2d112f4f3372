// The property sets a lifecycle hands back: the inputs it keeps (from check's `news`, or from the
// state on read) and the outputs (inputs, Graph's id and what Graph returned), without unset values
// (the host's protobuf Struct conversion throws on undefined).
import { definedOnly } from "./unknown";

/** The `properties` of `o` that are set (neither undefined nor null). */
export function setProperties(o: Record<string, unknown>, properties: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of properties) if (o[key] !== undefined && o[key] !== null) out[key] = o[key];
  return out;
}

/** A resource's outputs: its inputs, its id, then what Graph returned; undefined values dropped. */
export function outputsWith<T>(inputs: object, id: string, fromGraph: Record<string, unknown> = {}): T {
  return definedOnly({ ...(inputs as Record<string, unknown>), id, ...fromGraph }) as T;
}
