// A SIGKILL that lands while a self-managed backend rewrites the stack's checkpoint can leave it
// unreadable: every command then fails with "failed to load checkpoint: EOF". With a file://
// backend the checkpoint itself is written to a temporary file and renamed into place, so it stays
// whole; its metadata file beside it (<stack>.json.attrs, gocloud.dev fileblob) is not: it is
// truncated first and written after, and a kill in between leaves it empty, which every read of the
// stack (even `pulumi stack import`) fails on. The Pulumi CLI cannot repair that, so recover does:
// it removes an .attrs file that is not JSON (fileblob then uses defaults, which is all Pulumi
// needs). Should the checkpoint itself be unreadable, recover puts back the copy the backend keeps
// beside it (<stack>.json.bak) with `pulumi stack import` (the CLI takes the lock and checks the
// snapshot); that loses at most the killed run's last recorded step, and a create finished there is
// then a pending create that recover looks up in Graph like the others. For s3/azblob/gs backends
// recover names the files and stops.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Deployment } from "./deployment";
import type { PulumiCli } from "./pulumiCli";

export function isTruncatedCheckpoint(stderr: string): boolean {
  return /failed to load checkpoint/i.test(stderr);
}

/** The directory of a file:// backend URL (file://~ is the home directory), or undefined for any other backend. */
export function fileBackendDir(url: string): string | undefined {
  if (!url.startsWith("file://")) return undefined;
  let p = decodeURIComponent(url.slice("file://".length).replace(/\?.*$/, ""));
  if (p === "~" || p.startsWith("~/")) p = path.join(os.homedir(), p.slice(1));
  if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1); // file:///C:/state on Windows
  return path.resolve(p);
}

/** The `name:` of the project's Pulumi.yaml (a top-level scalar, so one line is enough). */
export function projectName(cwd: string): string | undefined {
  for (const file of ["Pulumi.yaml", "Pulumi.yml"]) {
    const f = path.join(cwd, file);
    if (!fs.existsSync(f)) continue;
    const m = /^name:\s*["']?([^"'#\r\n]+?)["']?\s*(#.*)?$/m.exec(fs.readFileSync(f, "utf8"));
    return m?.[1];
  }
  return undefined;
}

/** The project's stacks directory in a file:// backend, or undefined for another backend. */
async function stacksDir(cli: PulumiCli, cwd: string): Promise<string | undefined> {
  const who = await cli.run(["whoami", "--json"], undefined, { stack: false });
  const url = who.code === 0 ? ((JSON.parse(who.stdout) as { url?: string }).url ?? "") : "";
  const dir = fileBackendDir(url);
  const project = projectName(cwd);
  return dir && project ? path.join(dir, ".pulumi", "stacks", project) : undefined;
}

/**
 * Without a stack name (the CLI cannot even name the current stack while its checkpoint is
 * unreadable): removes every checkpoint .attrs of the project that is not JSON. Returns their names.
 */
export async function repairProjectAttrs(cli: PulumiCli, cwd: string): Promise<string[]> {
  const dir = await stacksDir(cli, cwd);
  if (!dir || !fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json.attrs"))
    .map((f) => path.join(dir, f.slice(0, -".attrs".length)))
    .filter(removeBrokenAttrs)
    .map((f) => `${path.basename(f)}.attrs`);
}

/** The stack's checkpoint file in a file:// backend (project layout, then the old flat one). Throws for other backends. */
export async function checkpointFile(cli: PulumiCli, cwd: string, stackName: string): Promise<string> {
  const projectDir = await stacksDir(cli, cwd);
  const name = stackName.split("/").pop()!;
  const candidates = projectDir ? [path.join(projectDir, `${name}.json`), path.join(projectDir, "..", `${name}.json`)] : [];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) {
    throw new Error(
      `the stack's checkpoint is unreadable ("failed to load checkpoint"), and recover repairs it only for a file:// backend. In the backend, .pulumi/stacks/<project>/${name}.json.attrs is probably empty: delete it (or put back ${name}.json.bak as ${name}.json), then run recover again.`,
    );
  }
  return file;
}

/** Removes <file>.attrs when it is not JSON (what a kill mid-write leaves); true if it did. */
export function removeBrokenAttrs(file: string): boolean {
  const attrs = `${file}.attrs`;
  if (!fs.existsSync(attrs)) return false;
  try {
    JSON.parse(fs.readFileSync(attrs, "utf8"));
    return false;
  } catch {
    fs.rmSync(attrs);
    return true;
  }
}

/**
 * The deployment in <stack>.json.bak, as `pulumi stack import` takes it (the caller imports it,
 * taking the lock like every write).
 */
export function backupDeployment(file: string): { file: string; deployment: Deployment } {
  if (!fs.existsSync(`${file}.bak`)) throw new Error(`the stack's checkpoint ${file} is unreadable and there is no ${path.basename(file)}.bak beside it: restore it from the backend's history (.pulumi/history) by hand.`);
  const backup = JSON.parse(fs.readFileSync(`${file}.bak`, "utf8")) as { checkpoint?: { latest?: Deployment["deployment"] } };
  if (!backup.checkpoint?.latest) throw new Error(`${file}.bak holds no deployment: restore the checkpoint from the backend's history (.pulumi/history) by hand.`);
  return { file: `${path.basename(file)}.bak`, deployment: { version: 3, deployment: backup.checkpoint.latest } };
}
