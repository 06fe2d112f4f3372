#!/usr/bin/env node
// `npm run bench` (through scripts/launch.js, which makes the emulator's test CA trusted): builds
// dist/ (what the benchmark measures), then runs bench/main.ts through ts-node. Options: see bench/main.ts.
//   BENCH_QUICK=1 npm run bench           smoke run (N = 10, 50; one run)
//   npm run bench -- --only client        one part (client, requests, throttle, parallel, fleet, webinar, deploy),
//                                         merged into the results of the last run of the same mode
//   npm run bench -- --report-only        rewrite BENCHMARKS.md from bench/.results/latest.json
"use strict";
const { spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);

if (!args.includes("--no-build") && !args.includes("--report-only")) {
  const tsc = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(root, "tsconfig.json")], { stdio: "inherit" });
  if (tsc.status !== 0) {
    console.error("bench: the build failed (pass --no-build to measure the dist/ that exists)");
    process.exit(1);
  }
}
require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
require("./main")
  .main(args)
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
