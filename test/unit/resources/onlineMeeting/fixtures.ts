// Ids and inputs the OnlineMeeting unit tests share.
export const organizer = "16664f75-11dc-4870-bec6-38c1aaa81431";
export const tenant = "8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
export const alice = "5b3c2d1e-1111-4222-8333-944455556666";
export const base = { userId: organizer, subject: "Launch", startDateTime: "2026-12-10T10:00:00+01:00", endDateTime: "2026-12-10T11:00:00+01:00" };
