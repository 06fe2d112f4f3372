// Runs the mocha suite the way CI does; started by scripts/launch.js (`npm test`), which makes the
// emulator's test CA trusted before this process starts. Ends with the line CI reads:
// "N passed, N failed" (", N skipped" when tests were skipped), from the counts mocha's runner
// reports (scripts/lib/countingReporter.ts). A run that crashed before reporting counts as failed.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { RunCounts } from "./lib/countingReporter";

interface MochaConfig {
  require: string[];
  timeout: number;
  exit?: boolean;
}

const root = path.resolve(__dirname, "..");
const mocha = path.join(root, "node_modules", "mocha", "bin", "mocha.js");
const reporter = path.join(__dirname, "lib", "countingReporter.ts");
/** A folder named on the command line stands for the test files below it (mocha alone would take every .ts there, fixtures too). */
function testFilesIn(arg: string): string[] {
  if (arg.startsWith("-") || !fs.existsSync(arg) || !fs.statSync(arg).isDirectory()) return [arg];
  return (fs.readdirSync(arg, { recursive: true }) as string[])
    .filter((f) => /\.test\.[jt]s$/.test(f))
    .sort()
    .map((f) => path.join(arg, f));
}

// Mocha adds .mocharc.json's spec globs to files named on the command line; when files or folders
// are named, run just those (with the same loader and timeout) instead of the whole suite.
const args = process.argv.slice(2).flatMap(testFilesIn);
const namesFiles = args.some((a) => !a.startsWith("-") && /\.test\.[jt]s$/.test(a));
const config = JSON.parse(fs.readFileSync(path.join(root, ".mocharc.json"), "utf8")) as MochaConfig;
const mochaArgs = namesFiles
  ? ["--no-config", ...config.require.flatMap((r) => ["--require", r]), "--extension", "ts", "--timeout", String(config.timeout), ...(config.exit ? ["--exit"] : []), ...args]
  : args;

const countsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "msgraph-test-")), "counts.json");
// The reporter is TypeScript: ts-node is registered in mocha's process itself (node --require)
// so that mocha can require it whatever its config says (mocha loads --require modules before the
// reporter, but with --no-config and no --require it would have none). ts-node registers once: the
// config's own require of the same module is then a cache hit.
const child = spawn(process.execPath, ["--require", "ts-node/register/transpile-only", mocha, "--reporter", reporter, ...mochaArgs], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, MSGRAPH_TEST_COUNTS_FILE: countsFile },
});
for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
child.on("close", (code, signal) => {
  let counts: RunCounts | undefined;
  try {
    counts = JSON.parse(fs.readFileSync(countsFile, "utf8")) as RunCounts;
  } catch {
    counts = undefined; // mocha died before its run ended
  }
  fs.rmSync(path.dirname(countsFile), { recursive: true, force: true });
  const passed = counts?.passes ?? 0;
  const failed = counts?.failures ?? 0;
  const crashed = code !== 0 && failed === 0;
  const pending = counts?.pending ?? 0;
  console.log(`${passed} passed, ${crashed ? 1 : failed} failed${pending ? `, ${pending} skipped` : ""}`);
  process.exit(code ?? (signal ? 1 : 0));
});
