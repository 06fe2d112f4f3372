// Converges the backend's event stacks on the catalogue: `up` for new and changed events, `destroy`
// and `stack rm` for stacks whose event left the catalogue, at most `concurrency` at once. Each stack
// has a work directory of its own (.fleet/<stack>: its Pulumi.<stack>.yaml and CLI workspace file), so
// parallel runs never share a local file; they share only the backend, whose stack locks keep two
// runs of one stack apart. One stack's failure is recorded and the others go on.
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, PulumiCommand, Stack, type ProjectSettings, type PulumiFn } from "@pulumi/pulumi/automation";
import type { FleetEvent } from "./catalogue";
import { eventHash, programFor } from "./programs";

export type Action = "create" | "update" | "unchanged" | "destroy";

export interface StackResult {
  event: string;
  stack: string;
  action: Action;
  /** Resources created, updated, replaced or deleted. */
  changed: number;
  seconds: number;
  /** Why the stack did not converge (the CLI's error lines); absent when it did. */
  error?: string;
}

export interface FleetOptions {
  /** Project name of every event stack (the backend groups stacks by project). */
  project: string;
  /** Stack name = prefix + event id; only stacks with this prefix are the fleet's to destroy. */
  stackPrefix: string;
  concurrency: number;
  /** Where each stack's work directory goes. It must be inside the directory that has node_modules. */
  workDir: string;
  /** `up` every event, even those whose stack already holds the catalogue's version. */
  all: boolean;
  /** Refresh from Graph before each up (implies all). */
  refresh: boolean;
  /** Secrets provider of new stacks (default: the CLI's, passphrase on a self-managed backend). */
  secretsProvider?: string;
  /** One line per stack as it starts and ends. */
  progress: (line: string) => void;
}

interface Task {
  event: string;
  stack: string;
  run: () => Promise<Omit<StackResult, "event" | "stack" | "seconds">>;
}

/** Runs the fleet; never throws for one stack's failure (see each result's error). */
export async function runFleet(events: FleetEvent[], opts: FleetOptions): Promise<StackResult[]> {
  const pulumiCommand = await PulumiCommand.get({ skipVersionCheck: process.env.PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK === "true" });
  const projectSettings: ProjectSettings = { name: opts.project, runtime: "nodejs" };
  const workspace = async (stack: string, program: PulumiFn) => {
    const workDir = path.join(opts.workDir, stack);
    fs.mkdirSync(workDir, { recursive: true });
    return LocalWorkspace.create({ workDir, projectSettings, program, pulumiCommand, secretsProvider: opts.secretsProvider });
  };

  const existing = new Set(
    (await (await workspace("_list", async () => {})).listStacks())
      .map((s) => s.name.split("/").pop()!)
      .filter((name) => name.startsWith(opts.stackPrefix)),
  );

  const tasks: Task[] = events.map((event) => {
    const stack = opts.stackPrefix + event.id;
    return {
      event: event.id,
      stack,
      run: async () => {
        const ws = await workspace(stack, programFor(event));
        if (!existing.has(stack)) {
          const s = await Stack.create(stack, ws);
          return { action: "create", changed: changedOf((await s.up({ color: "never" })).summary.resourceChanges, "create") };
        }
        const s = await Stack.select(stack, ws);
        if (!opts.all && !opts.refresh && (await s.outputs()).fleetEventHash?.value === eventHash(event)) return { action: "unchanged", changed: 0 };
        return { action: "update", changed: changedOf((await s.up({ color: "never", refresh: opts.refresh })).summary.resourceChanges, "update") };
      },
    };
  });
  const wanted = new Set(tasks.map((t) => t.stack));
  for (const stack of [...existing].filter((s) => !wanted.has(s)).sort()) {
    tasks.push({
      event: stack.slice(opts.stackPrefix.length),
      stack,
      run: async () => {
        // No program runs for a destroy: the state's resources are deleted by the providers stored in it.
        const ws = await workspace(stack, async () => {});
        const s = await Stack.select(stack, ws);
        const changed = changedOf((await s.destroy({ color: "never" })).summary.resourceChanges, "destroy");
        await ws.removeStack(stack);
        return { action: "destroy", changed };
      },
    });
  }

  const results: StackResult[] = new Array(tasks.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      const t = tasks[i];
      const planned: Action = !existing.has(t.stack) ? "create" : wanted.has(t.stack) ? "update" : "destroy";
      opts.progress(`fleet: ${t.stack}: ${planned === "update" ? "checking" : planned}…`);
      const t0 = Date.now();
      try {
        const r = await t.run();
        results[i] = { event: t.event, stack: t.stack, ...r, seconds: (Date.now() - t0) / 1000 };
      } catch (err) {
        results[i] = { event: t.event, stack: t.stack, action: planned, changed: 0, seconds: (Date.now() - t0) / 1000, error: errorSummary(err) };
      }
      const r = results[i];
      done++;
      opts.progress(
        `[${done}/${tasks.length}] ${r.stack} ${r.action} ${r.error ? "FAILED" : "ok"}: ${r.changed} changed in ${r.seconds.toFixed(1)} s${r.error ? `\n    ${r.error}` : ""}`,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, tasks.length) }, worker));
  return results;
}

/**
 * Resources created, updated, replaced or deleted, not counting the stack itself (the engine's
 * summary counts its root `pulumi:pulumi:Stack` resource, created by the first up and deleted by destroy).
 */
function changedOf(changes: Record<string, number> | undefined, action: Action): number {
  const total = Object.entries(changes ?? {})
    .filter(([op]) => op !== "same")
    .reduce((sum, [, n]) => sum + n, 0);
  return action === "create" || action === "destroy" ? Math.max(0, total - 1) : total;
}

/** The CLI's own error lines (`error: …`) of an Automation API failure, else its first line. */
export function errorSummary(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const all = [...new Set(text.split("\n").map((l) => l.trim()).filter((l) => /^error: /.test(l)))];
  // "error: update failed" only says that something else failed: keep it only when it is alone.
  const specific = all.filter((l) => !/^error: (update|destroy|preview|refresh) failed$/.test(l));
  const lines = specific.length ? specific : all;
  const summary = lines.length ? lines.join(" | ") : text.split("\n")[0];
  return summary.length > 600 ? summary.slice(0, 597) + "..." : summary;
}

/** The summary table: event, stack, action, resources changed, seconds, error. */
export function summaryTable(results: StackResult[]): string {
  const header = ["event", "stack", "action", "changed", "seconds", "error"];
  const rows = results.map((r) => [r.event, r.stack, r.action, String(r.changed), r.seconds.toFixed(1), r.error ? truncate(r.error, 100) : ""]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

const truncate = (s: string, n: number) => (s.length > n ? s.slice(0, n - 3) + "..." : s);
