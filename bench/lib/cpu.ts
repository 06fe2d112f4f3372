// CPU seconds used so far by the processes below this one whose command line matches: on this
// machine the emulator serves Graph on the same cores as the engine, the CLI and the provider host,
// so what it uses there is part of the measured deployment time that a deployment against Microsoft
// Graph does not pay. From /proc/<pid>/stat (Linux); undefined where there is no /proc.
import * as fs from "node:fs";
import { commandLine, descendants } from "../../test/support/processTree";

/** USER_HZ, the unit of /proc's utime and stime: 100 on every Linux architecture Node supports. */
const TICKS_PER_SECOND = 100;

function cpuTicks(pid: number, match: RegExp): number | undefined {
  const cmdline = commandLine(pid);
  if (cmdline === undefined || !match.test(cmdline)) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

export function cpuSeconds(match: RegExp): number | undefined {
  if (!fs.existsSync("/proc/self/stat")) return undefined;
  let ticks: number | undefined;
  for (const pid of descendants(process.pid)) {
    const t = cpuTicks(pid, match);
    if (t !== undefined) ticks = (ticks ?? 0) + t;
  }
  return ticks === undefined ? undefined : ticks / TICKS_PER_SECOND;
}

/** The bench's emulator process (test/support/emulator.ts starts emulator/dist/cli.js). */
export const EMULATOR_PROCESS = /emulator[/\\]dist[/\\]cli\.js/;
