// The package's own name and version, read from its package.json at run time (not compiled in), so
// the User-Agent always names the version that is actually installed.
import * as fs from "node:fs";
import * as path from "node:path";

export const packageName = "pulumi-msgraph-meetings";

let cachedVersion: string | undefined;

/** Walks up from this file (provider/ in the sources, dist/provider/ when built) to our package.json. */
export function packageVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, "package.json");
    try {
      const pkg = JSON.parse(fs.readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === packageName && typeof pkg.version === "string") {
        cachedVersion = pkg.version;
        return cachedVersion;
      }
    } catch {
      // not here: keep walking up
    }
    dir = path.dirname(dir);
  }
  cachedVersion = "0.0.0-unknown";
  return cachedVersion;
}

export function userAgent(): string {
  return `${packageName}/${packageVersion()}`;
}
