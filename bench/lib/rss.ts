// Peak RSS of the dynamic-provider host: while a CLI command runs, every `intervalMs` find the
// processes below this one (the CLI is our child, the host its grandchild) whose command line runs
// @pulumi/pulumi's cmd/dynamic-provider, and keep the largest VmHWM (the kernel's high-water mark,
// so a peak between samples still counts as long as the process is seen once more before it exits).
import * as fs from "node:fs";
import { commandLine, descendants } from "../../test/support/processTree";

function hwmKiB(pid: number, match: RegExp): number | undefined {
  const cmdline = commandLine(pid);
  if (cmdline === undefined || !match.test(cmdline)) return undefined;
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export class HostRssSampler {
  private timer?: NodeJS.Timeout;
  private peak = 0;
  private seen = new Set<number>();

  constructor(
    readonly intervalMs = 250,
    private readonly match = /cmd[/\\]dynamic-provider/,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  private sample(): void {
    for (const pid of descendants(process.pid)) {
      const kib = hwmKiB(pid, this.match);
      if (kib === undefined) continue;
      this.seen.add(pid);
      this.peak = Math.max(this.peak, kib);
    }
  }

  /** Stops sampling; the peak VmHWM in KiB, or undefined if no host process was seen. */
  stop(): number | undefined {
    clearInterval(this.timer);
    return this.seen.size ? this.peak : undefined;
  }
}
