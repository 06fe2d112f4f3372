// A Graph path built from a template: the template (with {names}) is what logs and errors show,
// the path has every value URL-encoded as one segment (meeting ids are opaque and may hold + or =).
// encodeURIComponent leaves "." and ".." as they are, and every URL parser, proxy and server treats
// those as "this" and "the parent": `…/registrants/..` is `…/registration`. So a value that is
// empty, "." or ".." is refused here, whoever the caller is: no value can address a parent resource.

export interface Route {
  /** e.g. /beta/users/{userId}/onlineMeetings/{meetingId}/registration */
  template: string;
  /** e.g. /beta/users/16664f75-.../onlineMeetings/MSpk...%3D/registration */
  path: string;
}

/** Values that cannot be one path segment: they would collapse into, or climb out of, the route. */
export function isDotSegment(value: string): boolean {
  return value === "" || value === "." || value === "..";
}

export class RouteValueError extends Error {
  override readonly name = "RouteValueError";
}

export function route(template: string, values: Record<string, string> = {}): Route {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new RouteValueError(`route ${template}: no value for {${name}}`);
    if (typeof value !== "string" || isDotSegment(value)) {
      throw new RouteValueError(`route ${template}: {${name}} is ${JSON.stringify(value)}, which is not an id (an empty, "." or ".." segment would address another resource); nothing was sent.`);
    }
    return encodeURIComponent(value);
  });
  return { template, path };
}
