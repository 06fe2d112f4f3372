// Row 8: K stacks of N registrations, each in its own `pulumi up` process started at once, state in
// one Azure Blob backend (Azurite), under one write budget R for the app (the emulator's token bucket:
// what a tenant's Graph throttling does to parallel pipelines). Per K: wall time until the last process
// ends, the achieved write rate ÷ R (from the request log, as row 5), failures (resources missing from
// the states plus failed processes) and token requests per stack (emulator /stats ÷ K). Each K ends
// with an unthrottled destroy of its stacks.
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorProcess } from "../../test/support/emulator";
import { e2eRunDir } from "../../test/support/paths";
import { dynamicResources } from "../../test/support/pulumiCli";
import { BenchProject } from "../lib/project";
import type { ParallelPoint, ParallelResult } from "../lib/results";

export interface ParallelOptions {
  ks: number[];
  /** Registrations per stack. */
  n: number;
  writesPerSecond: number;
  /** Diagnostic points after the Ks: K stacks with the engine's --parallel raised, or of another size n. */
  extra?: { k: number; parallel?: number; n?: number }[];
  /** At least max(ks) × n meeting ids; stack i uses slice i. */
  meetingIds: string[];
  log: (line: string) => void;
}

export async function parallelStacks(emu: EmulatorProcess, bench: BenchProject, opts: ParallelOptions): Promise<ParallelResult> {
  const { writesPerSecond } = opts;
  const runsOf: { k: number; n: number; parallel?: number }[] = [...opts.ks.map((k) => ({ k, n: opts.n })), ...(opts.extra ?? []).map((e) => ({ ...e, n: e.n ?? opts.n }))];
  for (const { k, n } of runsOf) if (opts.meetingIds.length < k * n) throw new Error(`parallel row: ${k} × ${n} meetings needed, ${opts.meetingIds.length} made`);
  // One set of stacks per stack size; every run removes its registrations, so the sets share the meetings.
  const stacksOf = new Map<number, string[]>();
  for (const { k, n } of runsOf) {
    const stacks = stacksOf.get(n) ?? [];
    for (let i = stacks.length; i < k; i++) {
      const stack = n === opts.n ? `par-${i}` : `par-n${n}-${i}`;
      const file = path.join(e2eRunDir(), `meetings-${stack}.json`);
      fs.writeFileSync(file, JSON.stringify(opts.meetingIds.slice(i * n, (i + 1) * n)));
      await bench.initStack(stack, "registration", n, file);
      stacks.push(stack);
    }
    stacksOf.set(n, stacks);
  }
  const burst = Math.max(1, writesPerSecond);
  const points: ParallelPoint[] = [];
  for (const { k, n, parallel } of runsOf) {
    const mine = stacksOf.get(n)!.slice(0, k);
    const upArgs = (s: string) => [...BenchProject.upArgs(s), ...(parallel === undefined ? [] : ["--parallel", String(parallel)])];
    await emu.admin.clearRequests();
    await emu.admin.resetStats();
    await emu.admin.throttle(writesPerSecond);
    const t0 = Date.now();
    let runs;
    try {
      runs = await Promise.all(mine.map((s) => bench.timed(upArgs(s), { allowFailure: true })));
    } finally {
      await emu.admin.throttle(0);
    }
    const seconds = (Date.now() - t0) / 1000;
    const posts = (await emu.admin.requests()).filter((e) => e.method === "POST" && /\/registration$/i.test(e.path));
    const ok = posts.filter((e) => e.status === 201);
    const first = posts.length ? Date.parse(posts[0].at) : NaN;
    const last = ok.length ? Date.parse(ok[ok.length - 1].at) : NaN;
    const windowSeconds = (last - first) / 1000;
    let missing = 0;
    for (const s of mine) missing += n - dynamicResources(await bench.project.stackExport(s)).length;
    const stats = await emu.admin.stats();
    const point: ParallelPoint = {
      k,
      ...(parallel === undefined ? {} : { parallel }),
      ...(n === opts.n ? {} : { n }),
      seconds,
      exitCodes: runs.map((r) => r.code ?? -1),
      created: ok.length,
      throttled: posts.filter((e) => e.status === 429).length,
      windowSeconds,
      achievedPerSecond: windowSeconds > 0 ? (ok.length - burst) / windowSeconds : NaN,
      failures: missing + runs.filter((r) => r.code !== 0).length,
      tokenRequestsPerStack: stats.tokenRequests / k,
    };
    points.push(point);
    opts.log(`K=${k}${n === opts.n ? "" : ` N=${n}`}${parallel === undefined ? "" : ` --parallel ${parallel}`}: ${seconds.toFixed(1)} s, ${point.created} created, ${point.throttled} 429s, achieved ${point.achievedPerSecond.toFixed(2)}/s of ${writesPerSecond}, failures ${point.failures}, tokens/stack ${point.tokenRequestsPerStack}`);
    await Promise.all(mine.map((s) => bench.timed(BenchProject.destroyArgs(s), { allowFailure: true })));
  }
  return {
    n: opts.n,
    writesPerSecond,
    burst,
    backend: "azblob (Azurite)",
    command: `PUT /_emulator/throttle {"writesPerSecond":${writesPerSecond}}; K × ${BenchProject.commandText(BenchProject.upArgs("par-<i>"))}, all started at once`,
    points,
  };
}
