// `npm run bench -- --only <parts>` on top of an earlier run: the earlier results with the parts
// about to be measured taken out (each with the fields it writes), and a note of when each was
// measured, so that the report rewritten from the whole says which machine and time each row has.
import type { BenchResults, MachineInfo } from "./results";

/** The result fields each part writes (the part's own name, and these). */
const alsoWrites: Record<string, (keyof BenchResults)[]> = { requests: ["state"], deploy: ["deployAzblob", "rss"], fixed: ["fixedCost"] };

export function mergeBase(earlier: BenchResults, parts: Iterable<string>, machine: MachineInfo): BenchResults {
  const merged: BenchResults = { ...earlier, skipped: { ...earlier.skipped }, remeasured: { ...earlier.remeasured } };
  for (const part of parts) {
    for (const key of [part as keyof BenchResults, ...(alsoWrites[part] ?? [])]) delete merged[key];
    delete merged.skipped![part];
    merged.remeasured![part] = machine;
  }
  return merged;
}
