// What a Graph handler gets: the authenticated caller, the organizer the path names, and the state.
import type { AccessTokenClaims, User } from "../types";
import type { EmulatorConfig } from "../config";
import type { Store } from "../store";
import { badRequest } from "./errors";

export type GraphVersion = "beta" | "v1.0";

export interface GraphRequest {
  method: string;
  version: GraphVersion;
  /** Path as requested, without the query (used for @odata.nextLink). */
  pathname: string;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  claims: AccessTokenClaims;
  /** The organizer named by /me or /users/{id or UPN}. */
  user: User;
  /** https origin of the emulator (the Graph root). */
  origin: string;
  config: EmulatorConfig;
  store: Store;
}

/** `{origin}/{version}/$metadata#users('{organizerId}')` — Graph names users(...) even for /me. */
export function contextBase(req: GraphRequest): string {
  return `${req.origin}/${req.version}/$metadata#users('${req.user.id}')`;
}

/** The body as a JSON object, or a 400 like Graph's for anything else. */
export function objectBody(req: GraphRequest): Record<string, unknown> {
  const b = req.body;
  if (b === undefined) throw badRequest("Empty Payload. JSON content expected.");
  if (b === null || typeof b !== "object" || Array.isArray(b)) throw badRequest("Invalid request body: a JSON object is expected.");
  return b as Record<string, unknown>;
}
