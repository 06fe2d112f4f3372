// One webinar, declared: a Teams webinar (published), two registration questions, and one
// registration per attendee of an external system (attendees.csv). The webinar and its questions
// are written as the organizer (the delegated identity: msgraph:userAccessToken, device code or the
// Azure CLI); the registrations by the application (msgraph:clientId + a credential), which
// registers each person anonymously and keeps the external system's id on the registration.
// `pulumi destroy` CANCELS the registrations and the webinar: Graph cannot delete them.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { VirtualEventRegistration, VirtualEventRegistrationQuestion, VirtualEventWebinar, type WebinarAudience } from "pulumi-msgraph-meetings";
import { readAttendees } from "./attendees";

const config = new pulumi.Config();
const timeZone = config.get("timeZone") ?? "UTC";

const webinar = new VirtualEventWebinar("webinar", {
  displayName: config.get("displayName") ?? "Launch review",
  description: { contentType: "text", content: "What ships in January" },
  startDateTime: { dateTime: config.require("startDateTime"), timeZone },
  endDateTime: { dateTime: config.require("endDateTime"), timeZone },
  audience: config.get<WebinarAudience>("audience") ?? "everyone",
  settings: { isAttendeeEmailNotificationEnabled: false },
  externalEventId: config.get("externalEventId") ?? "crm-event-7",
  published: config.getBoolean("published") ?? true,
});

const company = new VirtualEventRegistrationQuestion("company", {
  webinarId: webinar.id,
  displayName: "Company",
  answerInputType: "text",
  isRequired: false,
});
new VirtualEventRegistrationQuestion("job-title", { webinarId: webinar.id, label: "jobTitle" });

const rows = readAttendees(path.resolve(config.get("attendeesFile") ?? "attendees.csv"));
const registrations = rows.map(
  (row) =>
    new VirtualEventRegistration(`registration-${row.registrationId}`, {
      webinarId: webinar.id,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      preferredTimezone: timeZone,
      preferredLanguage: "en-us",
      externalRegistrationInformation: { referrer: "CRM", registrationId: row.registrationId },
      registrationQuestionAnswers: row.company ? [{ questionId: company.id, value: row.company }] : undefined,
    }),
);

export const webinarId = webinar.id;
export const status = webinar.status;
export const registrationWebUrl = webinar.registrationWebUrl;
export const joinWebUrl = pulumi.secret(webinar.joinWebUrl);
/** external registration id → Graph's registration id and status. */
export const registered = pulumi.output(Object.fromEntries(registrations.map((r, i) => [rows[i].registrationId, pulumi.all([r.id, r.status]).apply(([id, s]) => ({ id, status: s }))])));
