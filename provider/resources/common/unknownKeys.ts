// check's answer to a property a resource does not take: the near miss by letter case when there
// is one ("did you mean"), else what the resource does take.
import { definedOnly } from "./unknown";

export interface NamedFailure {
  property: string;
  reason: string;
}

/** `where` prefixes nested properties ("attendees[0]"); `takes` ends the message for a stranger. */
export function unknownKeys(where: string, o: Record<string, unknown>, known: readonly string[], takes: string): NamedFailure[] {
  const out: NamedFailure[] = [];
  // undefined = not passed (the host never sends one; a program-side mock may).
  for (const key of Object.keys(definedOnly(o))) {
    if (key.startsWith("__") || known.includes(key)) continue;
    const near = known.find((p) => p.toLowerCase() === key.toLowerCase());
    const property = where ? `${where}.${key}` : key;
    out.push({ property, reason: near ? `unknown property "${key}"; did you mean "${near}"?` : `unknown property "${key}"; ${takes}.` });
  }
  return out;
}
