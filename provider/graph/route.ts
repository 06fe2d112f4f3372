// A Graph path built from a template: the template (with {names}) is what logs and errors show,
// the path has every value URL-encoded as one segment (meeting ids are opaque and may hold + or =).

export interface Route {
  /** e.g. /beta/users/{userId}/onlineMeetings/{meetingId}/registration */
  template: string;
  /** e.g. /beta/users/16664f75-.../onlineMeetings/MSpk...%3D/registration */
  path: string;
}

export function route(template: string, values: Record<string, string> = {}): Route {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`route ${template}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  return { template, path };
}

/** `/users/{userId}` when a user is named, else `/me` (delegated tokens only). */
export function userRoot(userId: string | undefined): { template: string; values: Record<string, string> } {
  return userId === undefined ? { template: "/me", values: {} } : { template: "/users/{userId}", values: { userId } };
}
