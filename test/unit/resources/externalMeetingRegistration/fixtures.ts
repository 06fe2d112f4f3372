// Ids the ExternalMeetingRegistration unit tests share.
export const organizer = "16664f75-11dc-4870-bec6-38c1aaa81431";
export const thread = "19:meeting_NTg0NmQ3NTctZDVkZC00YzRhLThmNmEtOGQ3NTQyNTQzM2Y1@thread.v2";
export const meetingId = Buffer.from(`1*${organizer}*0**${thread}`).toString("base64").replace(/=+$/, "");
