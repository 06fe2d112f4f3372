#!/usr/bin/env node
// `npm run bench`: builds dist/ (what the benchmark measures), makes sure the emulator's test CA
// exists and is trusted (NODE_EXTRA_CA_CERTS is read only when Node starts, so this script re-runs
// itself with it set), then runs bench/main.ts through ts-node. Options: see bench/main.ts.
//   BENCH_QUICK=1 npm run bench           smoke run (N = 10, 50; one run)
//   npm run bench -- --only client        one part (client, requests, throttle, parallel, fleet, deploy)
//   npm run bench -- --report-only        rewrite BENCHMARKS.md from bench/.results/latest.json
"use strict";
const { spawn, spawnSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);

if (!process.env.BENCH_CHILD) {
  if (!args.includes("--no-build") && !args.includes("--report-only")) {
    const tsc = spawnSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(root, "tsconfig.json")], { stdio: "inherit" });
    if (tsc.status !== 0) {
      console.error("bench: the build failed (pass --no-build to measure the dist/ that exists)");
      process.exit(1);
    }
  }
  const caDir = process.env.MSGRAPH_TEST_CA_DIR || path.join(root, ".test-tmp", "ca");
  const { ensureCa } = require(path.join(root, "dist", "emulator", "tls.js"));
  const { caFile } = ensureCa(caDir);
  const child = spawn(process.execPath, [__filename, ...args], {
    stdio: "inherit",
    env: { ...process.env, BENCH_CHILD: "1", NODE_EXTRA_CA_CERTS: caFile, MSGRAPH_TEST_CA_DIR: caDir },
  });
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
  require("./main")
    .main(args)
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
