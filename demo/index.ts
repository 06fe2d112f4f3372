// The demo stack: one registration on an existing online meeting. scripts/demo.js creates the
// meeting on the emulator and sets `meetingId` and `organizerId`; set them (and the msgraph:* keys)
// yourself to run the same program against a real tenant.
import * as pulumi from "@pulumi/pulumi";
import { ExternalMeetingRegistration, type AllowedRegistrant } from "pulumi-msgraph-meetings";

const config = new pulumi.Config();

const registration = new ExternalMeetingRegistration("demo-registration", {
  userId: config.require("organizerId"),
  meetingId: config.require("meetingId"),
  allowedRegistrant: config.get<AllowedRegistrant>("allowedRegistrant") ?? "everyone",
});

export const registrationId = registration.id;
export const meetingId = registration.meetingId;
export const allowedRegistrant = registration.allowedRegistrant;
