// The last step of a Graph route: the handler of the request's method on the addressed target, from
// a table per route family (graph/routes.ts, graph/virtualEvents/routes.ts), or Graph's 405.
import { GraphEnvelopeError, type HandlerResult } from "./errors";

type Handler<Req, T> = (req: Req, target: T) => HandlerResult;

/** For each target kind, the handler of each method it takes. */
export type MethodTable<Req, T extends { kind: string }> = { [K in T["kind"]]: Readonly<Record<string, Handler<Req, Extract<T, { kind: K }>>>> };

export function dispatch<Req extends { method: string }, T extends { kind: string }>(table: MethodTable<Req, T>, req: Req, target: T): HandlerResult {
  const methods = table[target.kind as T["kind"]] as Readonly<Record<string, Handler<Req, T>>>;
  // Own keys only: a method named like an Object.prototype member ("constructor") is not a handler.
  if (Object.hasOwn(methods, req.method)) return methods[req.method](req, target);
  throw new GraphEnvelopeError(405, "MethodNotAllowed", `The HTTP method '${req.method}' is not supported for this resource.`);
}
