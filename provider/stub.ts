// The provider objects that Pulumi serializes into every resource's `__provider` (and so into the
// state). Each method only requires the implementation by package name at call time, so the text
// captures no config, environment or secret, stays the same across package versions (an upgrade
// causes no diff), and delete/refresh of old state run the installed version's code.
// Keep these bodies free of any name from this module: the serializer would copy it into state.
// One object per resource kind; test/unit/stub.test.ts holds their serialized text to a golden copy.
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
export const externalMeetingRegistrationProvider: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-msgraph-meetings/impl").configure(...a),
  check: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.check(...a),
  diff: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.diff(...a),
  create: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.create(...a),
  read: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.read(...a),
  delete: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.delete(...a),
};

export const onlineMeetingProvider: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-msgraph-meetings/impl").configure(...a),
  check: (...a) => require("pulumi-msgraph-meetings/impl").meeting.check(...a),
  diff: (...a) => require("pulumi-msgraph-meetings/impl").meeting.diff(...a),
  create: (...a) => require("pulumi-msgraph-meetings/impl").meeting.create(...a),
  read: (...a) => require("pulumi-msgraph-meetings/impl").meeting.read(...a),
  update: (...a) => require("pulumi-msgraph-meetings/impl").meeting.update(...a),
  delete: (...a) => require("pulumi-msgraph-meetings/impl").meeting.delete(...a),
};

export const externalMeetingRegistrantProvider: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-msgraph-meetings/impl").configure(...a),
  check: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistrant.check(...a),
  diff: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistrant.diff(...a),
  create: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistrant.create(...a),
  read: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistrant.read(...a),
  delete: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistrant.delete(...a),
};
