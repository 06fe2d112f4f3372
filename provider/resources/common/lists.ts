// The check of a property that takes a list of objects (attendees, co-organizers, answers): nothing
// to say when it is absent or unknown (preview), one failure when it is not a list, else each
// item's problems; an item unknown during preview passes, one that is not an object is named.
import { isUnknown } from "./unknown";
import type { NamedFailure } from "./unknownKeys";

export interface ListShape {
  /** What each item looks like, in the message for a value that is not a list: "<property> must be a list of <list>." */
  list: string;
  /** The same, in the message for an item that is not an object: "<property>[i] must be <item>." */
  item: string;
}

export function objectListProblems(
  property: string,
  v: unknown,
  shape: ListShape,
  itemProblems: (item: Record<string, unknown>, where: string, index: number) => NamedFailure[],
): NamedFailure[] {
  if (v === undefined || v === null || isUnknown(v)) return [];
  if (!Array.isArray(v)) return [{ property, reason: `${property} must be a list of ${shape.list}.` }];
  const out: NamedFailure[] = [];
  v.forEach((item, i) => {
    const where = `${property}[${i}]`;
    if (isUnknown(item)) return;
    if (!item || typeof item !== "object" || Array.isArray(item)) out.push({ property: where, reason: `${where} must be ${shape.item}.` });
    else out.push(...itemProblems(item as Record<string, unknown>, where, i));
  });
  return out;
}
