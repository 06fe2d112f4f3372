// The virtualEventRegistrationQuestion provider object, this module's module.exports: an installed
// package's state stores only
// require("pulumi-msgraph-meetings/stubs/virtualEventRegistrationQuestion") (a permanent subpath; see
// provider/README.md). Written out rather than built by a shared function: from a source checkout the
// serializer copies this text, and inline kind and method names are its shortest form (under 2 KiB,
// test/unit/stub.test.ts).
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
const provider: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-msgraph-meetings/impl").configure(...a),
  check: (...a) => require("pulumi-msgraph-meetings/impl").virtualEventRegistrationQuestion.check(...a),
  diff: (...a) => require("pulumi-msgraph-meetings/impl").virtualEventRegistrationQuestion.diff(...a),
  create: (...a) => require("pulumi-msgraph-meetings/impl").virtualEventRegistrationQuestion.create(...a),
  read: (...a) => require("pulumi-msgraph-meetings/impl").virtualEventRegistrationQuestion.read(...a),
  delete: (...a) => require("pulumi-msgraph-meetings/impl").virtualEventRegistrationQuestion.delete(...a),
};
export = provider;
