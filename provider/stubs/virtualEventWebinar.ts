// The virtualEventWebinar provider object, this module's module.exports: an installed package's state
// stores only require("pulumi-msgraph-meetings/stubs/virtualEventWebinar") (a permanent subpath; see
// provider/README.md). Written out rather than built by a shared function: from a source checkout the
// serializer copies this text, and inline kind and method names are its shortest form (under 2 KiB,
// test/unit/stub.test.ts).
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
const provider: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-msgraph-meetings/impl").configure(...a),
  check: (...a) => require("pulumi-msgraph-meetings/impl").webinar.check(...a),
  diff: (...a) => require("pulumi-msgraph-meetings/impl").webinar.diff(...a),
  create: (...a) => require("pulumi-msgraph-meetings/impl").webinar.create(...a),
  read: (...a) => require("pulumi-msgraph-meetings/impl").webinar.read(...a),
  update: (...a) => require("pulumi-msgraph-meetings/impl").webinar.update(...a),
  delete: (...a) => require("pulumi-msgraph-meetings/impl").webinar.delete(...a),
};
export = provider;
