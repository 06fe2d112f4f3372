// The inline Pulumi program of a `kind: meeting` event: the online meeting, its external
// registration and one registrant per catalogue entry (the same shape as examples/event-setup).
import * as pulumi from "@pulumi/pulumi";
import { ExternalMeetingRegistrant, ExternalMeetingRegistration, OnlineMeeting } from "pulumi-msgraph-meetings";
import type { MeetingEvent } from "../catalogue";

export function meetingProgram(event: MeetingEvent, eventHash: string): () => Promise<Record<string, unknown>> {
  return async () => {
    const meeting = new OnlineMeeting(
      "meeting",
      {
        userId: event.organizerId,
        subject: event.subject,
        startDateTime: event.start,
        endDateTime: event.end,
        isPasscodeRequired: event.isPasscodeRequired,
      },
      { additionalSecretOutputs: ["joinWebUrl"] },
    );
    const registration = new ExternalMeetingRegistration("registration", {
      meetingId: meeting.id,
      userId: event.organizerId,
      allowedRegistrant: event.allowedRegistrant,
    });
    const registrants = event.registrants.map(
      (r) =>
        new ExternalMeetingRegistrant(`registrant-${r.id}`, {
          meetingId: registration.meetingId,
          userId: event.organizerId,
          registrantId: r.id,
          registrantTenantId: r.tenantId,
          registrantUserId: r.userId,
          registrationId: registration.id,
          allowedRegistrant: registration.allowedRegistrant,
        }),
    );
    return {
      meetingId: meeting.id,
      registrationId: registration.id,
      registrantJoinUrls: pulumi.secret(pulumi.output(Object.fromEntries(registrants.map((r, i) => [event.registrants[i].id, r.joinWebUrl])))),
      // Resolves only once every resource exists, so a failed run leaves the old hash (or none) and
      // the next run updates this event again.
      fleetEventHash: pulumi.all([meeting.id, registration.id, ...registrants.map((r) => r.id)]).apply(() => eventHash),
    };
  };
}
