// Ids and inputs the ExternalMeetingRegistrant unit tests share.
export const organizer = "16664f75-11dc-4870-bec6-38c1aaa81431";
export const tenant = "8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
export const person = "5b3c2d1e-1111-4222-8333-944455556666";
export const meetingId = Buffer.from(`1*${organizer}*0**19:meeting_NTg0NmQ3@thread.v2`).toString("base64").replace(/=+$/, "");
export const base = { meetingId, userId: organizer, registrantId: "crm-0042" };
