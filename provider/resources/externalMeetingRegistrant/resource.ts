// The ExternalMeetingRegistrant resource a program declares. URN type:
// pulumi-nodejs:dynamic/msgraph:ExternalMeetingRegistrant. Docs: README.md beside this file.
import * as pulumi from "@pulumi/pulumi";
import { GraphResource, type ResourceKind } from "../common/resource";
import type { AllowedRegistrant } from "../externalMeetingRegistration/inputs";

export interface ExternalMeetingRegistrantArgs {
  /** The onlineMeeting's id (e.g. registration.meetingId). */
  meetingId: pulumi.Input<string>;
  /** The organizer's object id or userPrincipalName. Omit to call /me (needs a delegated token). */
  userId?: pulumi.Input<string>;
  /** The registrant's id in your registration system (unique per meeting). */
  registrantId: pulumi.Input<string>;
  /** The registrant's Entra tenant id: required, with registrantUserId, when the registration allows only the organization. */
  registrantTenantId?: pulumi.Input<string>;
  /** The registrant's Entra object id. */
  registrantUserId?: pulumi.Input<string>;
  /** The ExternalMeetingRegistration's id (registration.id): orders the registrant after it and replaces it when the registration is replaced (Graph deletes a registration's registrants with it). */
  registrationId?: pulumi.Input<string>;
  /** The registration's allowedRegistrant (registration.allowedRegistrant): lets check demand the Entra ids before anything is sent. */
  allowedRegistrant?: pulumi.Input<AllowedRegistrant>;
}

/** Outputs always kept secret in the state: the personal join link. */
export const externalMeetingRegistrantSecretOutputs = ["joinWebUrl"];

const kind: ResourceKind = { type: "ExternalMeetingRegistrant", outputs: ["joinWebUrl"], secretOutputs: externalMeetingRegistrantSecretOutputs };

export class ExternalMeetingRegistrant extends GraphResource {
  // `declare`: a class field initializer would overwrite the outputs the base constructor sets.
  declare public readonly meetingId: pulumi.Output<string>;
  declare public readonly userId: pulumi.Output<string | undefined>;
  declare public readonly registrantId: pulumi.Output<string>;
  declare public readonly registrantTenantId: pulumi.Output<string | undefined>;
  declare public readonly registrantUserId: pulumi.Output<string | undefined>;
  declare public readonly registrationId: pulumi.Output<string | undefined>;
  /** The registrant's personal join link (secret). Graph returns it only at creation. */
  declare public readonly joinWebUrl: pulumi.Output<string | undefined>;

  constructor(name: string, args: ExternalMeetingRegistrantArgs, opts?: pulumi.CustomResourceOptions) {
    const { meetingId, userId, registrantId, registrantTenantId, registrantUserId, registrationId, allowedRegistrant } = args;
    super(kind, name, { meetingId, userId, registrantId, registrantTenantId, registrantUserId, registrationId, allowedRegistrant }, opts);
  }
}
