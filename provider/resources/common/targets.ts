// How messages name what a call was about: the organizer (/users/{userId} or /me), the meeting, the object's id.

/** `of user "…"`, or `of the signed-in user (/me)` when no user is named. */
export function organizerOf(userId: string | undefined): string {
  return userId === undefined ? "of the signed-in user (/me)" : `of user "${userId}"`;
}

/** `for meeting "…" of user "…"`. */
export function meetingTarget(meetingId: string | undefined, userId: string | undefined): string {
  return `for meeting "${meetingId}" ${organizerOf(userId)}`;
}

/** `"<id>" <about>`, or `<about>` alone before the object has an id. */
export function withId(id: string | undefined, about: string): string {
  return [id ? `"${id}"` : "", about].filter(Boolean).join(" ");
}
