// This module's module.exports is the provider object that pulumi.dynamic.Resource serializes into
// __provider. Because the module lives in the installed package (node_modules) and has a public
// subpath in package.json "exports", the closure serializer stores only a require() of that
// subpath (a few hundred bytes) instead of the object's text. The methods load the
// implementation lazily by package name, so loading this module costs nothing and old state runs
// the installed version's code. The subpath is permanent: existing state requires it.
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
const provider: pulumi.dynamic.ResourceProvider = {
  configure: (...a) => require("pulumi-msgraph-meetings/impl").configure(...a),
  check: (...a) => require("pulumi-msgraph-meetings/impl").webinarQuestion.check(...a),
  diff: (...a) => require("pulumi-msgraph-meetings/impl").webinarQuestion.diff(...a),
  create: (...a) => require("pulumi-msgraph-meetings/impl").webinarQuestion.create(...a),
  read: (...a) => require("pulumi-msgraph-meetings/impl").webinarQuestion.read(...a),
  delete: (...a) => require("pulumi-msgraph-meetings/impl").webinarQuestion.delete(...a),
};
export = provider;
