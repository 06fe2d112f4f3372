// Where the suite's files live: the repository root and .test-tmp/ (git-ignored), with the temp
// directories tests, the benchmark and the scripts make there.
import * as fs from "node:fs";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const TEST_TMP = path.join(REPO_ROOT, ".test-tmp");

/** A fresh temp directory under .test-tmp (removed by the caller or left for inspection). */
export function tempDir(prefix = "emu-"): string {
  fs.mkdirSync(TEST_TMP, { recursive: true });
  return fs.mkdtempSync(path.join(TEST_TMP, prefix));
}

/** Removes a temp dir made by tempDir() (best effort; only under .test-tmp). */
export function removeDir(dir: string | undefined): void {
  if (dir && dir.includes(".test-tmp")) fs.rmSync(dir, { recursive: true, force: true });
}

let runDir: string | undefined;

/**
 * A fresh directory for this test process under .test-tmp/, removed when the process exits
 * (set KEEP_E2E_TMP=1 to keep it for a post-mortem).
 */
export function e2eRunDir(): string {
  if (runDir) return runDir;
  const dir = tempDir("e2e-");
  runDir = dir;
  process.on("exit", () => {
    if (!process.env.KEEP_E2E_TMP) fs.rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}
