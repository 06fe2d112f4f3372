#!/usr/bin/env node
// Builds both packages (`npm run build`, and scripts/launch.js when dist/ is missing): the provider
// (tsconfig.json -> dist/provider), the emulator (emulator/tsconfig.json -> emulator/dist), then the
// provider's stubs: one module per resource kind, dist/provider/stubs/<kind>.js, whose module.exports
// is the provider object Pulumi serializes into every resource's state.
//
// Why the stubs are written here, from one template, and not compiled from one source file per kind:
// - Installed under node_modules, the serializer stores only require("pulumi-msgraph-meetings/stubs/<kind>");
//   from a source checkout it copies the stub's text into state. A shared factory in TypeScript would
//   capture its arguments in every method and make that copy larger (2152-2218 B against 1861-2104 B,
//   test/unit/stub.test.ts); the inline text per kind is the smallest form, and writing it here keeps
//   it in one place: adding a kind to provider/impl.ts is all a stub needs.
// - The kinds are impl.ts's exports (every one that has `check`), so a stub and the implementation
//   it calls cannot disagree on a name; `update` is in a stub only where the kind updates in place.
// JavaScript, like launch.js: it runs with plain node before dist/ exists.
"use strict";
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const impl = "pulumi-msgraph-meetings/impl";

/** The text of a kind's stub: each method loads the implementation by package name when called. */
function stubText(kind, methods) {
  const lines = [
    `// Written by scripts/build.js (the ${kind} resource kind's provider object); do not edit.`,
    `"use strict";`,
    `module.exports = {`,
    `  configure: (...a) => require("${impl}").configure(...a),`,
  ];
  for (const method of ["check", "diff", "create", "read", "update", "delete"]) {
    if (methods.includes(method)) lines.push(`  ${method}: (...a) => require("${impl}").${kind}.${method}(...a),`);
  }
  lines.push(`};`, ``);
  return lines.join("\n");
}

const stubTypes = [
  `// Written by scripts/build.js; do not edit.`,
  `import type * as pulumi from "@pulumi/pulumi";`,
  `declare const provider: pulumi.dynamic.ResourceProvider;`,
  `export = provider;`,
  ``,
].join("\n");

function compile() {
  const tsc = path.join(root, "node_modules", "typescript", "bin", "tsc");
  for (const project of ["tsconfig.json", path.join("emulator", "tsconfig.json")]) {
    execFileSync(process.execPath, [tsc, "-p", path.join(root, project)], { stdio: "inherit" });
  }
}

/** Writes dist/provider/stubs/<kind>.{js,d.ts} for every kind impl.js exports. */
function writeStubs() {
  const dir = path.join(root, "dist", "provider", "stubs");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exports = require(path.join(root, "dist", "provider", "impl.js"));
  const kinds = Object.keys(exports).filter((name) => typeof exports[name]?.check === "function");
  for (const kind of kinds) {
    const methods = Object.keys(exports[kind]).filter((m) => typeof exports[kind][m] === "function");
    fs.writeFileSync(path.join(dir, `${kind}.js`), stubText(kind, methods));
    fs.writeFileSync(path.join(dir, `${kind}.d.ts`), stubTypes);
  }
}

function build() {
  compile();
  writeStubs();
}

module.exports = { build };

if (require.main === module) build();
