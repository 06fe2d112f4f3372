// A SIGKILL that lands while a self-managed backend rewrites the stack's checkpoint can leave it
// truncated: every command then fails with "failed to load checkpoint: EOF". The backend keeps the
// previous checkpoint beside it (<stack>.json.bak). For a file:// backend, recover puts that back
// with `pulumi stack import` (the CLI takes the lock and checks the snapshot), which loses at most
// the last step the killed run recorded: a create finished there is a pending create in the copy,
// and recover then looks it up in Graph like the others. Other backends (s3, azblob, gs) keep the
// .bak too; recover names it and stops.
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

/**
 * The deployment in <stack>.json.bak of a file:// backend, as `pulumi stack import` takes it (the
 * caller imports it, taking the lock like every write). Throws with what the user must do otherwise.
 */
export async function backupDeployment(cli: PulumiCli, cwd: string, stackName: string): Promise<{ file: string; deployment: Deployment }> {
  const who = await cli.run(["whoami", "--json"], undefined, { stack: false });
  const url = who.code === 0 ? ((JSON.parse(who.stdout) as { url?: string }).url ?? "") : "";
  const dir = fileBackendDir(url);
  const project = projectName(cwd);
  const name = stackName.split("/").pop()!;
  const candidates = dir && project ? [path.join(dir, ".pulumi", "stacks", project, `${name}.json`), path.join(dir, ".pulumi", "stacks", `${name}.json`)] : [];
  const file = candidates.find((f) => fs.existsSync(`${f}.bak`));
  if (!file) {
    throw new Error(
      `the stack's checkpoint is unreadable ("failed to load checkpoint"), and recover restores it only for a file:// backend. Put back the copy the backend keeps beside it (.pulumi/stacks/<project>/${name}.json.bak → ${name}.json), then run recover again.`,
    );
  }
  const backup = JSON.parse(fs.readFileSync(`${file}.bak`, "utf8")) as { checkpoint?: { latest?: Deployment["deployment"] } };
  if (!backup.checkpoint?.latest) throw new Error(`${file}.bak holds no deployment: restore the checkpoint from the backend's history (.pulumi/history) by hand.`);
  return { file: `${path.basename(file)}.bak`, deployment: { version: 3, deployment: backup.checkpoint.latest } };
}
