// The machine and versions a run measured, for the report's header.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { MachineInfo } from "./results";

const ROOT = path.resolve(__dirname, "..", "..");

function tryRun(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: env ?? process.env }).trim();
  } catch {
    return "unknown";
  }
}

const version = (file: string) => (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;

export function machineInfo(opts: { quick: boolean; pulumiBin?: string }): MachineInfo {
  const cpus = os.cpus();
  const pulumi = opts.pulumiBin ? path.join(opts.pulumiBin, "pulumi") : undefined;
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    cpus: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    loadStart: os.loadavg(),
    node: process.version,
    pulumiCli: pulumi ? tryRun(pulumi, ["version"], { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" }) : "not available",
    pulumiSdk: version(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json")),
    packageVersion: version(path.join(ROOT, "package.json")),
    commit: tryRun("git", ["rev-parse", "--short", "HEAD"]),
    quick: opts.quick,
  };
}
