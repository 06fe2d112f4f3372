// The one route builder of the meeting resources: every route hangs under the organizer, either
// /users/{userId} or /me (delegated tokens only). graph/route.ts encodes the values and refuses
// empty, "." and ".." ones.
import { route, Route } from "../../graph/route";

export type GraphVersion = "beta" | "v1.0";

/**
 * `/{version}/users/{userId}{template}`, or `/{version}/me{template}` when no user is named.
 * `template` is the rest of the path with {names} taken from `values`.
 */
export function userRoute(version: GraphVersion, userId: string | undefined, template: string, values: Record<string, string> = {}): Route {
  return userId === undefined ? route(`/${version}/me${template}`, values) : route(`/${version}/users/{userId}${template}`, { ...values, userId });
}

/** The full URL of a route on the configured Graph endpoint, for advice a user can act on (e.g. a DELETE to run). */
export function urlOf(graphEndpoint: string, r: Route): string {
  return `${graphEndpoint.replace(/\/+$/, "")}${r.path}`;
}
