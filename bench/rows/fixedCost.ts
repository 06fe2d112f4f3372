// Row 11: what the provider's fixed cost per deployment is made of, in the real dynamic-provider host
// (@pulumi/pulumi/cmd/dynamic-provider, Node 22) of the installed bench program, driven over gRPC as
// the engine drives it. Each sample is a fresh host (a deployment starts one), given the __provider
// and inputs the engine stored for two resources of a real `pulumi up`, then: Configure, check ×2,
// create ×2. Variants, rotated every sample so the machine's load hits them alike:
//   baseline     the no-op provider of row 1
//   ours         ExternalMeetingRegistration, default config (configure gets the deployment's token)
//   ours, no token check  msgraph:verifyCredentials=false: configure resolves config only, the first create gets the token
//   ours, compile cache   as ours, with NODE_COMPILE_CACHE (Node's on-disk code cache) warmed by one earlier host
// The first check of a host loads the provider (and runs its configure); the first create of ours
// opens the Graph connection. Differences between them and the second calls, and between variants,
// are the parts of the fixed cost.
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { trustBundle } from "../../emulator/trust";
import { startDynamicHost, type DynamicHost, type Props } from "../../test/support/dynamicProviderHost";
import type { EmulatorProcess } from "../../test/support/emulator";
import { startFakeEngine } from "../../test/support/fakeEngine";
import { e2eRunDir } from "../../test/support/paths";
import { dynamicResources, type StateResource } from "../../test/support/pulumiCli";
import { emulatorStackConfig } from "../../test/support/stackConfig";
import { BenchProject } from "../lib/project";
import type { FixedCostResult, FixedCostSample, FixedCostVariant } from "../lib/results";
import type { Stacks } from "./requests";

export const FIXED_COST_VARIANTS: { name: FixedCostVariant; stack: "ours" | "baseline"; config?: Record<string, string>; compileCache?: boolean }[] = [
  { name: "baseline", stack: "baseline" },
  { name: "ours", stack: "ours" },
  { name: "ours, no token check", stack: "ours", config: { "msgraph:verifyCredentials": "false" } },
  { name: "ours, compile cache", stack: "ours", compileCache: true },
];

/** The two resources a real `pulumi up` of the stack stored: their URNs and inputs (with __provider). */
async function storedResources(bench: BenchProject, stack: string): Promise<StateResource[]> {
  await bench.setCount(stack, 2);
  await bench.timed(BenchProject.upArgs(stack));
  const resources = dynamicResources(await bench.project.stackExport(stack));
  await bench.timed(BenchProject.destroyArgs(stack));
  if (resources.length !== 2 || resources.some((r) => typeof r.inputs?.__provider !== "string")) throw new Error(`row 11: ${stack} stored ${resources.length} resources, not 2 with __provider`);
  return resources;
}

async function timedMs<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [performance.now() - t0, r];
}

export async function fixedCost(emu: EmulatorProcess, stacks: Stacks, samples: number, log: (line: string) => void): Promise<FixedCostResult> {
  const { bench } = stacks;
  const stored = { ours: await storedResources(bench, stacks.ours), baseline: await storedResources(bench, stacks.baseline) };
  const engine = await startFakeEngine();
  const cacheDir = fs.mkdtempSync(path.join(e2eRunDir(), "compile-cache-"));
  const baseEnv = { NODE_EXTRA_CA_CERTS: trustBundle(emu.info.caFile) };
  const results: Record<string, FixedCostSample[]> = {};

  async function sample(v: (typeof FIXED_COST_VARIANTS)[number]): Promise<FixedCostSample> {
    const [startMs, host] = await timedMs(() =>
      startDynamicHost({ programDir: bench.dir, engineAddress: engine.address, env: { ...baseEnv, ...(v.compileCache ? { NODE_COMPILE_CACHE: cacheDir } : {}) } }),
    );
    const created: { id: string; urn: string; properties: Props }[] = [];
    try {
      const [configureMs] = await timedMs(() => host.configure({ ...(emulatorStackConfig(emu.info) as Record<string, string>), ...v.config }, ["msgraph:clientSecret"]));
      const checkMs: number[] = [];
      const createMs: number[] = [];
      const checked: Props[] = [];
      for (const r of stored[v.stack]) {
        const [ms, c] = await timedMs(() => host.check(r.urn, {}, r.inputs!));
        if (c.failures.length) throw new Error(`row 11: check of ${r.urn} failed: ${JSON.stringify(c.failures)}`);
        checkMs.push(ms);
        checked.push(c.inputs);
      }
      for (const [i, r] of stored[v.stack].entries()) {
        const [ms, c] = await timedMs(() => host.create(r.urn, checked[i]));
        createMs.push(ms);
        created.push({ ...c, urn: r.urn });
      }
      return { startMs, configureMs, checkMs, createMs };
    } finally {
      // ours: remove the registrations again, so the next sample creates on the same meetings
      if (v.stack === "ours") for (const c of created) await host.delete(c.id, c.urn, c.properties);
      await stopQuietly(host);
    }
  }

  try {
    // One host fills the compile cache before anything is measured (a pipeline that sets
    // NODE_COMPILE_CACHE pays this once per cache directory).
    await sample(FIXED_COST_VARIANTS.find((v) => v.compileCache)!);
    for (let s = 0; s < samples; s++) {
      const k = s % FIXED_COST_VARIANTS.length;
      const order = [...FIXED_COST_VARIANTS.slice(k), ...FIXED_COST_VARIANTS.slice(0, k)];
      for (const v of order) (results[v.name] ??= []).push(await sample(v));
      const last = (n: FixedCostVariant) => results[n].at(-1)!;
      log(`row 11 sample ${s + 1}/${samples}: first check ms ${order.map((v) => `${v.name} ${last(v.name).checkMs[0].toFixed(0)}`).join(", ")}`);
    }
  } finally {
    await engine.stop();
  }
  return { samples, command: "startDynamicHost(bench program) → Configure → Check × 2 → Create × 2 per sample (bench/rows/fixedCost.ts)", variants: results as FixedCostResult["variants"] };
}

async function stopQuietly(host: DynamicHost): Promise<void> {
  await host.stop().catch(() => undefined);
}
