// The OnlineMeeting resource a program declares. URN type: pulumi-nodejs:dynamic/msgraph:OnlineMeeting.
// Docs: README.md beside this file.
import * as pulumi from "@pulumi/pulumi";
import { GraphResource, type ResourceKind } from "../common/resource";
import type { AllowedPresenters, AttendeeRole, LobbyScope, MeetingChatMode } from "./inputs";

export interface OnlineMeetingAttendeeArgs {
  /** The attendee's Entra object id. */
  userId?: pulumi.Input<string>;
  /** The attendee's userPrincipalName, when no object id is given. */
  upn?: pulumi.Input<string>;
  /** The attendee's tenant (people of another tenant). */
  tenantId?: pulumi.Input<string>;
  /** "attendee" (default), "presenter", "producer" or "coorganizer". */
  role?: pulumi.Input<AttendeeRole>;
}

export interface OnlineMeetingArgs {
  /** The organizer's object id or userPrincipalName. Omit to call /me (needs a delegated token). Changing it replaces the meeting. */
  userId?: pulumi.Input<string>;
  subject: pulumi.Input<string>;
  /** ISO 8601 with a zone, e.g. "2026-12-10T10:00:00+01:00". */
  startDateTime: pulumi.Input<string>;
  /** ISO 8601 with a zone; not before startDateTime. */
  endDateTime: pulumi.Input<string>;
  /** Your own key for the meeting: creation goes through createOrGet, so a retried create returns the same meeting. Changing it replaces the meeting. */
  externalId?: pulumi.Input<string>;
  /** The full list of attendees (the organizer is implied). */
  attendees?: pulumi.Input<pulumi.Input<OnlineMeetingAttendeeArgs>[]>;
  lobbyBypassSettings?: pulumi.Input<{ scope?: pulumi.Input<LobbyScope>; isDialInBypassEnabled?: pulumi.Input<boolean> }>;
  allowedPresenters?: pulumi.Input<AllowedPresenters>;
  allowMeetingChat?: pulumi.Input<MeetingChatMode>;
  allowAttendeeToEnableCamera?: pulumi.Input<boolean>;
  allowAttendeeToEnableMic?: pulumi.Input<boolean>;
  recordAutomatically?: pulumi.Input<boolean>;
  isEntryExitAnnounced?: pulumi.Input<boolean>;
  /** Whether joining by meeting id needs a passcode. Set at creation only: changing it replaces the meeting. */
  isPasscodeRequired?: pulumi.Input<boolean>;
}

/** Outputs always kept secret in the state: the dial-in passcode. */
export const onlineMeetingSecretOutputs = ["passcode"];

const kind: ResourceKind = {
  type: "OnlineMeeting",
  outputs: ["joinWebUrl", "joinMeetingId", "passcode", "chatThreadId", "creationDateTime", "expiryDateTime"],
  secretOutputs: onlineMeetingSecretOutputs,
};

export class OnlineMeeting extends GraphResource {
  // `declare`: a class field initializer would overwrite the outputs the base constructor sets.
  declare public readonly userId: pulumi.Output<string | undefined>;
  declare public readonly subject: pulumi.Output<string>;
  /** As the program wrote it (Graph's UTC form after a change made outside Pulumi). */
  declare public readonly startDateTime: pulumi.Output<string>;
  declare public readonly endDateTime: pulumi.Output<string>;
  declare public readonly externalId: pulumi.Output<string | undefined>;
  /** The join link of the meeting. */
  declare public readonly joinWebUrl: pulumi.Output<string>;
  /** The numeric id for joining by meeting id / dial-in. */
  declare public readonly joinMeetingId: pulumi.Output<string | undefined>;
  /** The passcode for joining by meeting id (when isPasscodeRequired). Secret. */
  declare public readonly passcode: pulumi.Output<string | undefined>;
  declare public readonly chatThreadId: pulumi.Output<string | undefined>;
  declare public readonly creationDateTime: pulumi.Output<string | undefined>;
  declare public readonly expiryDateTime: pulumi.Output<string | undefined>;

  constructor(name: string, args: OnlineMeetingArgs, opts?: pulumi.CustomResourceOptions) {
    super(kind, name, { ...args }, opts);
  }
}
