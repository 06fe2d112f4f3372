// The demo stack behind `npm start` (scripts/demo.ts): two of the examples side by side, as a user
// would copy them.
// - examples/basic-registration: a registration on the organizer's online meeting (the beta API the
//   seed emulator still serves; Microsoft retired it, see docs/migrating-to-webinars.md);
// - examples/webinar: what replaces it on Graph v1.0, a published webinar whose attendees come from
//   an external system's list (demo/attendees.csv: one person).
// scripts/demo.ts sets their config (meetingId, organizerId, the webinar's times, attendeesFile and the
// msgraph:* keys) for the emulator; set them yourself to run the same program against a tenant.
export * from "../examples/basic-registration";
export * from "../examples/webinar";
