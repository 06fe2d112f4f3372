// OData $select on GET answers: only the named properties (plus the @odata.* annotations) are
// returned, and the context URL names them, as Graph does
// (learn.microsoft.com/graph/query-parameters#select-parameter). Names are matched case-insensitively;
// a name the entity does not have is a 400.
import { badRequest, type HandlerResult } from "./errors";

export function applySelect(result: HandlerResult, select: string | null): HandlerResult {
  if (select === null || result.status !== 200 || result.body === null || typeof result.body !== "object") return result;
  const names = select
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) return result;
  const body = result.body as Record<string, unknown>;
  if (Array.isArray(body.value)) {
    const value = body.value.map((item) => pick(item as Record<string, unknown>, names));
    return { ...result, body: { ...body, "@odata.context": contextWithSelect(body["@odata.context"], names, false), value } };
  }
  const picked = pick(body, names);
  return { ...result, body: { ...picked, "@odata.context": contextWithSelect(body["@odata.context"], names, true) } };
}

function pick(entity: Record<string, unknown>, names: string[]): Record<string, unknown> {
  const byLower = new Map(Object.keys(entity).map((k) => [k.toLowerCase(), k]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entity)) if (k.startsWith("@odata.")) out[k] = v;
  for (const name of names) {
    const key = byLower.get(name.toLowerCase());
    if (key === undefined) {
      const type = typeof entity["@odata.type"] === "string" ? String(entity["@odata.type"]).replace(/^#/, "") : "microsoft.graph.entity";
      throw badRequest(`Could not find a property named '${name}' on type '${type}'.`);
    }
    out[key] = entity[key];
  }
  return out;
}

/** `…/onlineMeetings/$entity` → `…/onlineMeetings(subject,id)/$entity`; a collection's context gets the list at its end. */
function contextWithSelect(context: unknown, names: string[], entity: boolean): unknown {
  if (typeof context !== "string") return context;
  const list = `(${names.join(",")})`;
  if (entity && context.endsWith("/$entity")) return `${context.slice(0, -"/$entity".length)}${list}/$entity`;
  return `${context}${list}`;
}
