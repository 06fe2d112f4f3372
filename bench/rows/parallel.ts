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
  /** At least max(ks) × n meeting ids; stack i uses slice i. */
  meetingIds: string[];
  log: (line: string) => void;
}

export async function parallelStacks(emu: EmulatorProcess, bench: BenchProject, opts: ParallelOptions): Promise<ParallelResult> {
  const { n, writesPerSecond } = opts;
  const maxK = Math.max(...opts.ks);
  if (opts.meetingIds.length < maxK * n) throw new Error(`parallel row: ${maxK} × ${n} meetings needed, ${opts.meetingIds.length} made`);
  const stacks = Array.from({ length: maxK }, (_, i) => `par-${i}`);
  for (const [i, stack] of stacks.entries()) {
    const file = path.join(e2eRunDir(), `meetings-par-${i}.json`);
    fs.writeFileSync(file, JSON.stringify(opts.meetingIds.slice(i * n, (i + 1) * n)));
    await bench.initStack(stack, "registration", n, file);
  }
  const burst = Math.max(1, writesPerSecond);
  const points: ParallelPoint[] = [];
  for (const k of opts.ks) {
    const mine = stacks.slice(0, k);
    await emu.admin.clearRequests();
    await emu.admin.resetStats();
    await emu.admin.throttle(writesPerSecond);
    const t0 = Date.now();
    let runs;
    try {
      runs = await Promise.all(mine.map((s) => bench.timed(BenchProject.upArgs(s), { allowFailure: true })));
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
    opts.log(`K=${k}: ${seconds.toFixed(1)} s, ${point.created} created, ${point.throttled} 429s, achieved ${point.achievedPerSecond.toFixed(2)}/s of ${writesPerSecond}, failures ${point.failures}, tokens/stack ${point.tokenRequestsPerStack}`);
    await Promise.all(mine.map((s) => bench.timed(BenchProject.destroyArgs(s), { allowFailure: true })));
  }
  return {
    n,
    writesPerSecond,
    burst,
    backend: "azblob (Azurite)",
    command: `PUT /_emulator/throttle {"writesPerSecond":${writesPerSecond}}; K × ${BenchProject.commandText(BenchProject.upArgs("par-<i>"))}, all started at once`,
    points,
  };
}
