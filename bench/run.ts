// `npm run bench` (through scripts/launch.js, which makes the emulator's test CA trusted and runs this
// file through ts-node): builds dist/ (what the benchmark measures; scripts/build.js, as npm run build), then runs bench/main.ts.
// Options: see bench/main.ts.
//   BENCH_QUICK=1 npm run bench           smoke run (N = 10, 50; one run)
//   npm run bench -- --only client        one part (client, requests, throttle, parallel, fleet, webinar, deploy),
//                                         merged into the results of the last run of the same mode
//   npm run bench -- --report-only        rewrite BENCHMARKS.md from bench/.results/latest.json
import { spawnSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);

if (!args.includes("--no-build") && !args.includes("--report-only")) {
  const build = spawnSync(process.execPath, [path.join(root, "scripts", "build.js")], { stdio: "inherit" });
  if (build.status !== 0) {
    console.error("bench: the build failed (pass --no-build to measure the dist/ that exists)");
    process.exit(1);
  }
}
// Loaded after the build: what main.ts imports from dist/ must be the fresh build.
import("./main")
  .then(({ main }) => main(args))
  .catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
