// Ids, times and inputs the VirtualEventWebinar unit tests share.
export const tenant = "8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
export const user = "5b3c2d1e-1111-4222-8333-944455556666";
export const webinarId = `a1b2c3d4-0000-4000-8000-000000000001@${tenant}`;
export const start = { dateTime: "2030-01-20T16:00:00", timeZone: "UTC" };
export const end = { dateTime: "2030-01-20T17:00:00", timeZone: "UTC" };
export const base = { displayName: "Launch review", startDateTime: start, endDateTime: end, audience: "everyone" as const };
