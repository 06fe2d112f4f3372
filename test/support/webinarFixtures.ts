// A published webinar made with plain Graph calls (not through the provider), for tests and the
// benchmark: the organizer's delegated token from the emulator's public client (device code,
// approved at once on loopback), then POST the draft and publish it. Audience "everyone":
// anonymous people may register.
import { deviceCodeToken, graphRequest, type EmulatorInfo } from "./emulator";

export async function createPublishedWebinar(info: EmulatorInfo, displayName = "published webinar"): Promise<string> {
  const token = await deviceCodeToken(info);
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const made = await graphRequest(info, token, "POST", "/v1.0/solutions/virtualEvents/webinars", {
    displayName,
    startDateTime: { dateTime: `${day}T16:00:00`, timeZone: "UTC" },
    endDateTime: { dateTime: `${day}T17:00:00`, timeZone: "UTC" },
    audience: "everyone",
    settings: { isAttendeeEmailNotificationEnabled: false },
  });
  if (made.status !== 201) throw new Error(`creating the webinar: ${made.status} ${made.text}`);
  const id = String(made.body.id);
  const published = await graphRequest(info, token, "POST", `/v1.0/solutions/virtualEvents/webinars/${encodeURIComponent(id)}/publish`);
  if (published.status !== 204) throw new Error(`publishing the webinar: ${published.status} ${published.text}`);
  return id;
}
