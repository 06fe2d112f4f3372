// The externalMeetingRegistration provider object, this module's module.exports: an installed
// package's state stores only require("pulumi-msgraph-meetings/stubs/externalMeetingRegistration") (a
// permanent subpath; see provider/README.md). Written out rather than built by a shared function: from
// a source checkout the serializer copies this text, and inline kind and method names are its shortest
// form (under 2 KiB, test/unit/stub.test.ts).
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
const provider: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-msgraph-meetings/impl").configure(...a),
  check: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.check(...a),
  diff: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.diff(...a),
  create: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.create(...a),
  read: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.read(...a),
  delete: (...a) => require("pulumi-msgraph-meetings/impl").externalMeetingRegistration.delete(...a),
};
export = provider;
