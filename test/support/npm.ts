// npm as the suite runs it in child processes (npm pack, installs of the packed package into program
// directories). One home for the child environment, so every install keeps what the machine trusts:
// - the enclosing `npm run`'s npm_* variables are dropped (they would point the child at this
//   repository), except npm_config_cache;
// - NPM_CONFIG_GLOBALCONFIG (set by scripts/launch.js to the machine's global npmrc, with its
//   cafile, proxy and registry) and NODE_EXTRA_CA_CERTS (the machine's CAs plus the emulator's) stay;
// - Node 22 (node_modules/.bin) comes first on PATH, as for every other tool of this repository:
//   npm runs lifecycle scripts with the first `node` on PATH.
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "./paths";

/** Flags of every install: reuse the npm cache, and ask the registry only for what it lacks. */
export const NPM_INSTALL_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** The environment of a child npm, from `base` (default: this process's environment). */
export function npmEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(base)) {
    if (!k.startsWith("npm_") || k === "npm_config_cache") env[k] = v;
  }
  env.PATH = [path.join(REPO_ROOT, "node_modules", ".bin"), base.PATH ?? ""].join(path.delimiter);
  return env;
}

/** Runs npm in `cwd` with npmEnv(); returns its stdout, throws (with npm's stderr) on failure. */
export function npm(args: string[], cwd: string, base?: NodeJS.ProcessEnv): string {
  return execFileSync("npm", args, {
    cwd,
    env: npmEnv(base),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 300_000,
    shell: process.platform === "win32",
  });
}
