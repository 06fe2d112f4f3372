// A process and everything under it, as a CI timeout or a lost runner ends it: the Pulumi CLI run
// that a test SIGKILLs mid-way (the fault suite's `sigkill` class, the concurrency suite's killed
// stack), and the process tree the benchmark samples for the provider host's memory and the emulator's
// CPU time (matched by command line). Linux (/proc).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "./pulumiBin";
import type { PulumiProject, RunResult } from "./pulumiCli";

/** Every live descendant of `root`, from the parent ids in /proc/<pid>/stat (Linux). */
export function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const walk = (pid: number) => {
    for (const [child, parent] of parentOf) if (parent === pid) (found.push(child), walk(child));
  };
  walk(root);
  return found;
}

/**
 * The command line of process `pid`, its arguments joined by spaces (from /proc/<pid>/cmdline,
 * where they are NUL-separated); undefined where it cannot be read (exited, or no /proc).
 */
export function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return undefined;
  }
}

/** `pulumi <args>` in its own process group, killed (the whole tree) with SIGKILL when `killWhen` resolves. */
export function runKillable(project: PulumiProject, args: string[], killWhen: Promise<unknown>): Promise<RunResult & { killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(pulumiBinDir(), "pulumi"), [...args, "--non-interactive", "--color", "never"], {
      cwd: project.opts.cwd,
      env: project.env,
      detached: true, // its own group: the language host and the provider host die with it, as under a CI kill
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code, killed }));
    void killWhen.then(() => {
      if (child.exitCode === null && child.pid) {
        killed = true;
        // The CLI starts each plugin in a process group of its own (it kills them itself on a
        // normal exit), so the group kill misses them: collect the whole tree first.
        const tree = descendants(child.pid);
        process.kill(-child.pid, "SIGKILL");
        for (const pid of tree) {
          try {
            process.kill(pid, "SIGKILL");
          } catch {
            // already gone
          }
        }
      }
    });
  });
}
