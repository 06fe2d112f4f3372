// Rows 1 and 7: `pulumi up` (create) and `pulumi destroy` of N registrations against N no-op
// dynamic resources, paired and interleaved (ours/baseline, then baseline/ours, …) so the load of a
// shared machine hits both alike. At the largest N the dynamic-provider host's peak RSS is sampled.
// Runs at an N are cut to what the time budget allows (estimated from the smaller Ns), and the
// report says so.
import type { EmulatorProcess } from "../../test/support/emulator";
import { cpuSeconds, EMULATOR_PROCESS } from "../lib/cpu";
import { BenchProject } from "../lib/project";
import type { DeployControl, DeployPoint, DeployResult, RequestTimeline, RssResult } from "../lib/results";
import { median } from "../lib/stats";
import type { Stacks } from "./requests";

export interface DeployOptions {
  ns: number[];
  /** Planned runs at each N (same order as ns). */
  runs: number[];
  /** Seconds left for this part; runs at an N are reduced to fit. */
  budgetSeconds: number;
  /** Sample the host's RSS at this N. */
  rssN?: number;
  /** At this N, one more paired run with the engine's per-step checkpoints off (PULUMI_SKIP_CHECKPOINTS). */
  controlN?: number;
  parallelism: number;
  /** Label of the backend the stacks live in (the report's heading), e.g. "azblob (Azurite)". */
  backend?: string;
  log: (line: string) => void;
}

/** Seconds of one paired run (up + destroy of both stacks) at n, extrapolated linearly from the last two measured Ns. */
export function estimateRunSeconds(measured: { n: number; seconds: number }[], n: number): number | undefined {
  if (measured.length === 0) return undefined;
  if (measured.length === 1) return (measured[0].seconds * n) / measured[0].n;
  const [a, b] = measured.slice(-2);
  const slope = (b.seconds - a.seconds) / (b.n - a.n);
  return Math.max(b.seconds, b.seconds + slope * (n - b.n));
}

async function timeline(emu: EmulatorProcess, startedAt: number): Promise<RequestTimeline | undefined> {
  const times = (await emu.admin.requests()).map((e) => Date.parse(e.at));
  if (times.length === 0) return undefined;
  return { toFirstRequest: (times[0] - startedAt) / 1000, requestSpan: (times[times.length - 1] - times[0]) / 1000 };
}

export async function deployScaling(emu: EmulatorProcess, stacks: Stacks, opts: DeployOptions): Promise<{ deploy: DeployResult; rss?: RssResult }> {
  const { bench, ours, baseline } = stacks;
  const started = Date.now();
  const perRun = new Map<number, number[]>();
  const measured = () => [...perRun].map(([n, s]) => ({ n, seconds: median(s) }));
  const points: DeployPoint[] = [];
  const sampleMs = 250;
  const rss: RssResult | undefined = opts.rssN ? { n: opts.rssN, sampleMs, ours: { up: [], destroy: [] }, baseline: { up: [], destroy: [] } } : undefined;

  for (const [k, n] of opts.ns.entries()) {
    await bench.setCount(ours, n);
    await bench.setCount(baseline, n);
    const point: DeployPoint = { n, ours: { up: [], destroy: [] }, baseline: { up: [], destroy: [] }, oursTimeline: { up: [], destroy: [] } };
    const sample = n === opts.rssN;
    const planned = opts.runs[k];
    let runs = planned;
    const estimate = estimateRunSeconds(measured(), n);
    const left = opts.budgetSeconds - (Date.now() - started) / 1000;
    if (estimate !== undefined && estimate * runs > left) {
      runs = Math.max(1, Math.floor(left / estimate));
      if (runs < planned) point.note = `${runs} run${runs > 1 ? "s" : ""} instead of ${planned}: one paired run (up + destroy of both stacks) was estimated at ${Math.round(estimate)} s and ${Math.round(left)} s of the time budget were left.`;
    }
    for (let r = 0; r < runs; r++) {
      const t0 = Date.now();
      const order: [string, "ours" | "baseline"][] = r % 2 === 0 ? [[ours, "ours"], [baseline, "baseline"]] : [[baseline, "baseline"], [ours, "ours"]];
      for (const op of ["up", "destroy"] as const) {
        for (const [stack, which] of order) {
          const args = op === "up" ? BenchProject.upArgs(stack) : BenchProject.destroyArgs(stack);
          if (which === "ours") await emu.admin.clearRequests();
          const startedAt = Date.now();
          const cpuBefore = cpuSeconds(EMULATOR_PROCESS);
          const res = await bench.timed(args, { rss: sample });
          point[which][op].push(res.seconds);
          const cpuAfter = cpuSeconds(EMULATOR_PROCESS);
          const t = which === "ours" ? await timeline(emu, startedAt) : undefined;
          if (t && cpuBefore !== undefined && cpuAfter !== undefined) t.emulatorCpuSeconds = cpuAfter - cpuBefore;
          if (t) point.oursTimeline![op].push(t);
          if (sample && res.peakRssKiB !== undefined) rss![which][op].push(res.peakRssKiB);
          opts.log(`${opts.backend ? `[${opts.backend}] ` : ""}N=${n} run ${r + 1}/${runs} ${which} ${op}: ${res.seconds.toFixed(1)} s${res.peakRssKiB ? `, host peak RSS ${(res.peakRssKiB / 1024).toFixed(0)} MiB` : ""}`);
        }
      }
      perRun.set(n, [...(perRun.get(n) ?? []), (Date.now() - t0) / 1000]);
    }
    points.push(point);
  }
  const deploy: DeployResult = {
    backend: opts.backend,
    commands: { up: BenchProject.commandText(BenchProject.upArgs("<stack>")), destroy: BenchProject.commandText(BenchProject.destroyArgs("<stack>")) },
    parallelism: opts.parallelism,
    points,
  };
  if (opts.controlN !== undefined) {
    const n = opts.controlN;
    const estimate = perRun.has(n) ? median(perRun.get(n)!) : estimateRunSeconds(measured(), n);
    const left = opts.budgetSeconds - (Date.now() - started) / 1000;
    if (estimate !== undefined && estimate > left) {
      deploy.controlSkipped = `a paired run at N = ${n} was estimated at ${Math.round(estimate)} s and ${Math.round(left)} s of the time budget were left.`;
    } else {
      // The file backend rewrites the whole state after every step (journaling is Pulumi Cloud only), so
      // bigger per-resource state costs O(N²) bytes; this run shows the time without that.
      const env = { PULUMI_SKIP_CHECKPOINTS: "true" };
      const control: DeployControl = { n, env: "PULUMI_SKIP_CHECKPOINTS=true", ours: { up: [], destroy: [] }, baseline: { up: [], destroy: [] } };
      await bench.setCount(ours, n);
      await bench.setCount(baseline, n);
      for (const op of ["up", "destroy"] as const) {
        for (const [stack, which] of [[ours, "ours"], [baseline, "baseline"]] as const) {
          const res = await bench.timed(op === "up" ? BenchProject.upArgs(stack) : BenchProject.destroyArgs(stack), { env });
          control[which][op].push(res.seconds);
          opts.log(`control N=${n} ${control.env} ${which} ${op}: ${res.seconds.toFixed(1)} s`);
        }
      }
      deploy.control = control;
    }
  }
  return { deploy, rss };
}
