// The ExternalMeetingRegistration resource a program declares. URN type:
// pulumi-nodejs:dynamic/msgraph:ExternalMeetingRegistration. Docs: README.md beside this file.
import * as pulumi from "@pulumi/pulumi";
import { GraphResource, type ResourceKind } from "../common/resource";
import type { AllowedRegistrant } from "./inputs";

export interface ExternalMeetingRegistrationArgs {
  /** The onlineMeeting's id (opaque; as Graph returns it when the meeting is created). */
  meetingId: pulumi.Input<string>;
  /** The organizer's object id or userPrincipalName. Omit to call /me (needs a delegated token). */
  userId?: pulumi.Input<string>;
  /** Who may register: "everyone" (default) or "organization". */
  allowedRegistrant?: pulumi.Input<AllowedRegistrant>;
  /**
   * Take over the meeting's existing registration with this id (the one a "meeting already has an
   * external registration" error names) instead of creating one. Used only when the resource is
   * created; changing or removing it later changes nothing. The `import` resource option does the
   * same (the class turns it into adoptId).
   */
  adoptId?: pulumi.Input<string>;
}

const kind: ResourceKind = { type: "ExternalMeetingRegistration", importAsAdoptId: true };

export class ExternalMeetingRegistration extends GraphResource {
  // `declare`: a class field initializer would overwrite the outputs the base constructor sets.
  /** The onlineMeeting's id. (`id` is the registration's Graph id.) */
  declare public readonly meetingId: pulumi.Output<string>;
  /** The organizer, as given; undefined when the registration was made through /me. */
  declare public readonly userId: pulumi.Output<string | undefined>;
  /** Who may register, as Graph reports it. */
  declare public readonly allowedRegistrant: pulumi.Output<AllowedRegistrant>;

  constructor(name: string, args: ExternalMeetingRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(kind, name, { meetingId: args.meetingId, userId: args.userId, allowedRegistrant: args.allowedRegistrant, adoptId: args.adoptId }, opts);
  }
}
