// A registration on an existing Teams online meeting: who may register for it ("everyone" or
// "organization"). Point it at a tenant with the msgraph:* config keys (see README.md).
import * as pulumi from "@pulumi/pulumi";
import { ExternalMeetingRegistration, type AllowedRegistrant } from "pulumi-msgraph-meetings";

const config = new pulumi.Config();

// Adopt a registration that already exists instead of creating one: set `importId` to its
// resource id once, run `pulumi up`, then remove the key.
const importId = config.get("importId");

const registration = new ExternalMeetingRegistration(
  "registration",
  {
    userId: config.require("organizerId"),
    meetingId: config.require("meetingId"),
    allowedRegistrant: config.get<AllowedRegistrant>("allowedRegistrant") ?? "everyone",
  },
  importId ? { import: importId } : {},
);

export const registrationId = registration.id;
export const meetingId = registration.meetingId;
export const allowedRegistrant = registration.allowedRegistrant;
