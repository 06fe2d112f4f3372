// The emulator's request log reduced to what rows 2, 3 and 5 count.
import { isGraphPath } from "../../test/support/adminClient";
import type { RequestLogEntry } from "../../test/support/emulator";

export type RequestKind = { graph: string } | { token: true } | { identity: true };

/** "GET registration", "POST meeting", …; the token endpoint; other identity-platform calls. */
export function classify(entry: RequestLogEntry): RequestKind {
  if (/\/oauth2\/v2\.0\/token$/i.test(entry.path)) return { token: true };
  if (!isGraphPath(entry.path)) return { identity: true };
  const resource = /\/registrants(\/[^/]+)?$/i.test(entry.path) ? "registrant" : /\/registration$/i.test(entry.path) ? "registration" : "meeting";
  return { graph: `${entry.method} ${resource}` };
}

export function countGraph(entries: RequestLogEntry[]): { graph: Record<string, number>; token: number; identity: number } {
  const graph: Record<string, number> = {};
  let token = 0;
  let identity = 0;
  for (const e of entries) {
    const k = classify(e);
    if ("graph" in k) graph[k.graph] = (graph[k.graph] ?? 0) + 1;
    else if ("token" in k) token++;
    else identity++;
  }
  return { graph, token, identity };
}
