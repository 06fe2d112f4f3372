// The VirtualEventRegistration resource a program declares. URN type:
// pulumi-nodejs:dynamic/msgraph:VirtualEventRegistration. Docs: README.md beside this file.
import * as pulumi from "@pulumi/pulumi";
import { GraphResource, type ResourceKind } from "../common/resource";

export interface VirtualEventRegistrationArgs {
  /** The webinar's id (webinar.id). */
  webinarId: pulumi.Input<string>;
  firstName: pulumi.Input<string>;
  lastName: pulumi.Input<string>;
  /** The person's email: Graph keys a webinar's registrations by it. */
  email: pulumi.Input<string>;
  /** A Windows or IANA zone name. */
  preferredTimezone: pulumi.Input<string>;
  /** A language tag, e.g. "en-us". */
  preferredLanguage: pulumi.Input<string>;
  /** The external system's id of this registration (each at most 256 characters). */
  externalRegistrationInformation?: pulumi.Input<{ referrer?: pulumi.Input<string>; registrationId?: pulumi.Input<string> }>;
  /** Answers to the webinar's registration questions. */
  registrationQuestionAnswers?: pulumi.Input<
    pulumi.Input<{ questionId: pulumi.Input<string>; value?: pulumi.Input<string>; booleanValue?: pulumi.Input<boolean>; multiChoiceValues?: pulumi.Input<pulumi.Input<string>[]> }>[]
  >;
  /** "{webinarId}/{registrationId}": take over this registration instead of registering; the `import` option does the same. */
  adoptId?: pulumi.Input<string>;
}

const kind: ResourceKind = { type: "VirtualEventRegistration", outputs: ["status", "registrationDateTime"], importAsAdoptId: true };

export class VirtualEventRegistration extends GraphResource {
  // `declare`: a class field initializer would overwrite the outputs the base constructor sets.
  declare public readonly webinarId: pulumi.Output<string>;
  declare public readonly email: pulumi.Output<string>;
  /** "registered", "waitlisted", "pendingApproval", "rejectedByOrganizer". */
  declare public readonly status: pulumi.Output<string>;
  declare public readonly registrationDateTime: pulumi.Output<string | undefined>;

  constructor(name: string, args: VirtualEventRegistrationArgs, opts?: pulumi.CustomResourceOptions) {
    super(kind, name, { ...args }, opts);
  }
}
