// Rows 2, 3 and 4: one stack of N registrations taken through create, a no-change up, refresh and
// destroy, counting Graph and identity requests (emulator request log) and tokens/connections
// (emulator /stats) per command; after the create, the state's size. The baseline stack is sized
// the same way for comparison.
import * as fs from "node:fs";
import type { EmulatorProcess } from "../../test/support/emulator";
import { dynamicResources, type StackExport } from "../../test/support/pulumiCli";
import { providerText } from "../../test/support/observations";
import { BenchProject } from "../lib/project";
import { countGraph } from "../lib/requestLog";
import type { Phase, PhaseCounts, RequestsResult, StateResult, StateSizes } from "../lib/results";
import { median } from "../lib/stats";

export interface Stacks {
  bench: BenchProject;
  ours: string;
  baseline: string;
}

async function phase(emu: EmulatorProcess, bench: BenchProject, name: Phase, args: string[]): Promise<PhaseCounts> {
  await emu.admin.clearRequests();
  await emu.admin.resetStats();
  const run = await bench.timed(args);
  const counts = countGraph(await emu.admin.requests());
  const stats = await emu.admin.stats();
  return {
    phase: name,
    command: BenchProject.commandText(args),
    graph: counts.graph,
    tokenRequests: stats.tokenRequests,
    identityOther: counts.identity,
    connections: stats.connections,
    requests: stats.requests,
    seconds: run.seconds,
    exitCode: run.code ?? -1,
  };
}

async function stateSizes(bench: BenchProject, stack: string, n: number): Promise<StateSizes> {
  const plain = dynamicResources(await bench.project.stackExport(stack));
  const stored = dynamicResources(JSON.parse((await bench.project.run(["stack", "export", "--stack", stack])).stdout) as StackExport);
  if (plain.length !== n || stored.length !== n) throw new Error(`stack ${stack}: ${plain.length} dynamic resources in the state, expected ${n}`);
  const providerBytes = median(plain.map((r) => Buffer.byteLength(providerText(r.inputs?.__provider ?? r.outputs?.__provider))));
  return {
    providerBytes,
    entryBytes: median(stored.map((r) => Buffer.byteLength(JSON.stringify(r)))),
    fileBytesPerResource: fs.statSync(bench.stateFile(stack)).size / n,
  };
}

export async function requestsAndState(emu: EmulatorProcess, stacks: Stacks, n: number, clientConnections: number, parallelism: number): Promise<{ requests: RequestsResult; state: StateResult }> {
  const { bench, ours, baseline } = stacks;
  await bench.setCount(ours, n);
  await bench.setCount(baseline, n);
  const phases: PhaseCounts[] = [];
  phases.push(await phase(emu, bench, "create", BenchProject.upArgs(ours)));
  const oursState = await stateSizes(bench, ours, n);
  phases.push(await phase(emu, bench, "no-change up", BenchProject.upArgs(ours)));
  phases.push(await phase(emu, bench, "refresh", BenchProject.refreshArgs(ours)));
  phases.push(await phase(emu, bench, "destroy", BenchProject.destroyArgs(ours)));

  await bench.timed(BenchProject.upArgs(baseline));
  const baseState = await stateSizes(bench, baseline, n);
  await bench.timed(BenchProject.destroyArgs(baseline));
  return { requests: { n, parallelism, clientConnections, phases }, state: { n, ours: oursState, baseline: baseState } };
}
