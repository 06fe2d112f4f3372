// The check of a property that takes one of Graph's enum values: exact spelling only, with a message
// for near misses (letter case, spaces) and for Graph's "unknownFutureValue" placeholder.
import { isUnknown } from "./unknown";

export interface EnumOptions {
  /** What each value means, quoted in the message for an unknown value. */
  meanings?: Readonly<Record<string, string>>;
  /** Added to the near-miss message, e.g. "lower case, no spaces". */
  spelling?: string;
}

function listOf(values: readonly string[], meanings: Readonly<Record<string, string>> = {}): string {
  const quoted = values.map((v) => (meanings[v] ? `"${v}" (${meanings[v]})` : `"${v}"`));
  return quoted.length === 2 ? `${quoted[0]} or ${quoted[1]}` : `one of ${quoted.join(", ")}`;
}

/** undefined when absent, unknown (preview) or one of `allowed` spelt exactly; else why not and what to use. */
export function enumProblem(property: string, v: unknown, allowed: readonly string[], options: EnumOptions = {}): string | undefined {
  if (v === undefined || v === null || isUnknown(v)) return undefined;
  if (typeof v !== "string") return `${property} must be a string, not ${typeof v}.`;
  if (allowed.includes(v)) return undefined;
  if (v.toLowerCase() === "unknownfuturevalue") return `${property} "${v}" is Graph's placeholder for values added later, not a setting; use ${listOf(allowed)}.`;
  const near = allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase());
  if (near) return `${property} "${v}" must be written exactly "${near}"${options.spelling ? ` (${options.spelling})` : ""}.`;
  return `${property} "${v}" is not a value Graph knows; use ${listOf(allowed, options.meanings)}.`;
}
