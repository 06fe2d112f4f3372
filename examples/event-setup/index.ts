// One event, declared: a Teams online meeting, its external registration, and the registrants of
// registrants.csv. Pulumi creates them in that order and destroys them in reverse. Point it at a
// tenant (or the emulator) with the msgraph:* config keys (see README.md).
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ExternalMeetingRegistrant, ExternalMeetingRegistration, OnlineMeeting, type AllowedRegistrant } from "pulumi-msgraph-meetings";
import { readRegistrants } from "./registrants";

const config = new pulumi.Config();
const organizerId = config.require("organizerId");

const meeting = new OnlineMeeting(
  "meeting",
  {
    userId: organizerId,
    subject: config.get("subject") ?? "Product launch",
    startDateTime: config.require("startDateTime"),
    endDateTime: config.require("endDateTime"),
    isPasscodeRequired: config.getBoolean("isPasscodeRequired") ?? false,
    allowedPresenters: "organizer",
    allowMeetingChat: "limited",
  },
  // The meeting's join link admits anyone to the lobby: keep it encrypted in the state too
  // (the passcode always is).
  { additionalSecretOutputs: ["joinWebUrl"] },
);

const registration = new ExternalMeetingRegistration("registration", {
  meetingId: meeting.id,
  userId: organizerId,
  allowedRegistrant: config.get<AllowedRegistrant>("allowedRegistrant") ?? "everyone",
});

const rows = readRegistrants(path.resolve(config.get("registrantsFile") ?? "registrants.csv"));
const registrants = rows.map(
  (row) =>
    new ExternalMeetingRegistrant(`registrant-${row.registrantId}`, {
      meetingId: registration.meetingId,
      userId: organizerId,
      registrantId: row.registrantId,
      registrantTenantId: row.tenantId,
      registrantUserId: row.userId,
      // Ties each registrant to this registration: replaced with it (Graph deletes a registration's
      // registrants with it), and check can demand Entra ids when only the organization may register.
      registrationId: registration.id,
      allowedRegistrant: registration.allowedRegistrant,
    }),
);

export const meetingId = meeting.id;
export const meetingJoinUrl = pulumi.secret(meeting.joinWebUrl);
export const registrationId = registration.id;
/** registrantId → that person's own join link. */
export const registrantJoinUrls = pulumi.secret(pulumi.output(Object.fromEntries(registrants.map((r, i) => [rows[i].registrantId, r.joinWebUrl]))));
