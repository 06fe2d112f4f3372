// Where the Pulumi CLI is: the one lookup for tests, the benchmark and `npm start` (scripts/demo.ts).
// Its own module, importing nothing but paths.ts, so the demo can load it without the rest of the
// CLI runner.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./paths";

let cachedBinDir: string | undefined;

/**
 * The directory holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`,
 * from scripts/pulumi-bin.sh (which builds the pinned CLI on first use, reporting its progress on
 * stderr, and is instant afterwards). PULUMI_BIN_DIR overrides it.
 */
export function pulumiBinDir(): string {
  if (cachedBinDir) return cachedBinDir;
  const fromEnv = process.env.PULUMI_BIN_DIR;
  const dir = fromEnv ? path.resolve(fromEnv) : runPulumiBinScript();
  for (const exe of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
    if (!fs.existsSync(path.join(dir, exe))) throw new Error(`Pulumi bin dir ${dir} has no ${exe}`);
  }
  cachedBinDir = dir;
  return dir;
}

function runPulumiBinScript(): string {
  try {
    return execFileSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-bin.sh")], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
      timeout: 45 * 60_000,
    }).trim();
  } catch (e) {
    const err = e as { status?: number | null; signal?: string | null };
    const how = err.status != null ? `exit ${err.status}` : `killed by ${err.signal ?? "an error"}`;
    throw new Error(`scripts/pulumi-bin.sh failed (${how}); see its messages above`, { cause: e });
  }
}
