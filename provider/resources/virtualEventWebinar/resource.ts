// The VirtualEventWebinar resource a program declares. URN type:
// pulumi-nodejs:dynamic/msgraph:VirtualEventWebinar. Docs: README.md beside this file.
import * as pulumi from "@pulumi/pulumi";
import { GraphResource, type ResourceKind } from "../common/resource";
import type { CreatedBy, WebinarAudience } from "./inputs";

export interface DateTimeTimeZoneArgs {
  /** Local time without offset, e.g. "2027-01-20T16:00:00". */
  dateTime: pulumi.Input<string>;
  /** A Windows zone name ("Pacific Standard Time", "UTC") or an IANA name ("Europe/Berlin"). */
  timeZone: pulumi.Input<string>;
}

export interface VirtualEventWebinarArgs {
  /** The webinar's title. */
  displayName: pulumi.Input<string>;
  description?: pulumi.Input<{ contentType: pulumi.Input<"text" | "html">; content: pulumi.Input<string> }>;
  /** In the future; before endDateTime. */
  startDateTime: pulumi.Input<DateTimeTimeZoneArgs>;
  endDateTime: pulumi.Input<DateTimeTimeZoneArgs>;
  /** Who may attend: "everyone" or "organization". A change replaces the webinar. */
  audience: pulumi.Input<WebinarAudience>;
  /** Co-organizers: Entra object ids and tenant ids (the full list). */
  coOrganizers?: pulumi.Input<pulumi.Input<{ id: pulumi.Input<string>; tenantId: pulumi.Input<string> }>[]>;
  settings?: pulumi.Input<{ isAttendeeEmailNotificationEnabled?: pulumi.Input<boolean> }>;
  /** Your system's id of the event (at most 256 characters), set with setExternalEventInformation after create. */
  externalEventId?: pulumi.Input<string>;
  /** Publish the webinar (default false). One-way: Graph cannot unpublish. */
  published?: pulumi.Input<boolean>;
  /**
   * Take over this existing webinar ({guid}@{tenantGuid}) instead of creating one; used only at
   * creation. The `import` resource option does the same (the class turns it into adoptId).
   */
  adoptId?: pulumi.Input<string>;
}

/** Outputs always kept secret in the state: the session's join link. */
export const virtualEventWebinarSecretOutputs = ["joinWebUrl"];

const kind: ResourceKind = {
  type: "VirtualEventWebinar",
  outputs: ["status", "registrationWebUrl", "capacity", "isManualApprovalEnabled", "isWaitlistEnabled", "joinWebUrl", "createdBy"],
  secretOutputs: virtualEventWebinarSecretOutputs,
  importAsAdoptId: true,
};

export class VirtualEventWebinar extends GraphResource {
  // `declare`: a class field initializer would overwrite the outputs the base constructor sets.
  declare public readonly displayName: pulumi.Output<string>;
  declare public readonly audience: pulumi.Output<WebinarAudience>;
  declare public readonly externalEventId: pulumi.Output<string | undefined>;
  declare public readonly published: pulumi.Output<boolean | undefined>;
  /** "draft", "published" (or "canceled", which leaves the state on refresh). */
  declare public readonly status: pulumi.Output<string>;
  /** Where people register (the registration configuration's registrationWebUrl). */
  declare public readonly registrationWebUrl: pulumi.Output<string | undefined>;
  declare public readonly capacity: pulumi.Output<number | undefined>;
  declare public readonly isManualApprovalEnabled: pulumi.Output<boolean | undefined>;
  declare public readonly isWaitlistEnabled: pulumi.Output<boolean | undefined>;
  /** The session's join link (secret). */
  declare public readonly joinWebUrl: pulumi.Output<string | undefined>;
  declare public readonly createdBy: pulumi.Output<CreatedBy | undefined>;

  constructor(name: string, args: VirtualEventWebinarArgs, opts?: pulumi.CustomResourceOptions) {
    super(kind, name, { ...args }, opts);
  }
}
