// The package as users get it: `npm pack` of the repository (once per test run), a copy of it with a
// higher version (for the upgrade test), and examples installed from such a tarball into a
// temporary directory. Installs reuse the user's npm cache and never touch the network when the
// cache already has everything (--prefer-offline); npm runs as test/support/npm.ts sets it up.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { npm, NPM_INSTALL_FLAGS } from "./npm";
import { e2eRunDir, REPO_ROOT } from "./paths";

function readVersion(dir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version: string }).version;
}

let packed: string | undefined;

/**
 * `npm pack` of the repository into this run's directory; needs `npm run build` first (dist/ is what
 * ships). Lifecycle scripts are skipped: the build already ran.
 */
export function packPackage(): string {
  if (packed) return packed;
  if (!fs.existsSync(path.join(REPO_ROOT, "dist", "provider", "index.js"))) {
    throw new Error("dist/provider/index.js is missing: run `npm run build` before the e2e tests");
  }
  const dest = path.join(e2eRunDir(), "pack");
  fs.mkdirSync(dest, { recursive: true });
  const out = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", dest], REPO_ROOT);
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  packed = path.join(dest, filename);
  return packed;
}

/** A copy of the packed package whose package.json says `version` (default: patch + 1). */
export function packUpgradedPackage(version?: string): { tarball: string; version: string } {
  const base = packPackage();
  const work = fs.mkdtempSync(path.join(e2eRunDir(), "upgrade-"));
  execFileSync("tar", ["-xzf", base, "-C", work]);
  const pkgDir = path.join(work, "package");
  const pkgFile = path.join(pkgDir, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { version: string };
  const [major, minor, patch] = pkg.version.split(/[.-]/).map(Number);
  pkg.version = version ?? `${major}.${minor}.${patch + 1}`;
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");
  const out = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], pkgDir);
  const [{ filename }] = JSON.parse(out) as { filename: string }[];
  return { tarball: path.join(work, filename), version: pkg.version };
}

/**
 * Copies examples/<name> (its sources, not node_modules or stack files) to `dest` and installs it with
 * the package taken from `tarball`, as a user's `npm install` would. Returns `dest`.
 */
export function installExample(name: string, dest: string, tarball: string = packPackage()): string {
  const src = path.join(REPO_ROOT, "examples", name);
  fs.mkdirSync(dest, { recursive: true });
  fs.cpSync(src, dest, {
    recursive: true,
    filter: (from) => {
      const base = path.basename(from);
      return base !== "node_modules" && !/^Pulumi\..+\.yaml$/.test(base) && base !== "package-lock.json";
    },
  });
  const pkgFile = path.join(dest, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { dependencies?: Record<string, string> };
  pkg.dependencies = { ...pkg.dependencies, "pulumi-msgraph-meetings": "file:" + tarball };
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");
  npm(["install", ...NPM_INSTALL_FLAGS], dest);
  return dest;
}

/** Installs another tarball of the package into an installed example (the user's upgrade). */
export function upgradePackage(dir: string, tarball: string): string {
  npm(["install", ...NPM_INSTALL_FLAGS, "pulumi-msgraph-meetings@file:" + tarball], dir);
  return readVersion(path.join(dir, "node_modules", "pulumi-msgraph-meetings"));
}

/** Copies an installed example, node_modules included (much faster than a second install). */
export function copyInstalledExample(from: string, dest: string): string {
  fs.cpSync(from, dest, { recursive: true, verbatimSymlinks: true, filter: (p) => !/^Pulumi\..+\.yaml$/.test(path.basename(p)) });
  return dest;
}
