// The benchmark run behind `npm run bench` (scripts/launch.js trusts the CA and starts bench/run.ts under
// ts-node, which builds dist/ and calls main()). One emulator process serves every part; the parts run one after another:
//   client    row 6: Graph client overhead (in this process)
//   requests  rows 2–4: requests, tokens, connections, state size at one N
//   throttle  row 5: creates under a write budget
//   parallel  row 8: K = 1, 2, 4, 8 stacks × 100 registrations at once under one write budget (Azurite backend)
//   fleet     row 9: examples/event-fleet over 50 events against a serial loop of `pulumi up` (Azurite backend)
//   webinar   row 10: N = 100 webinar registrations under Microsoft's 15 writes / 30 s limit (emulator switch)
//   fixed     row 11: the provider's fixed cost per deployment, in parts, in the real dynamic-provider host
//   deploy    rows 1 and 7: up/destroy time against N vs the baseline, host peak RSS, on the file backend
//             and again on an Azure Blob backend (Azurite) (last: it gets whatever is left of the time budget)
// Writes BENCHMARKS.md + bench/deploy-time.svg + bench/deploy-time-azblob.svg (a quick run: bench/.results/ instead) and the raw
// numbers to bench/.results/latest.json.
// Flags: --only client,requests,throttle,parallel,fleet,webinar,fixed,deploy   --report-only   --out FILE   --no-build (run.ts)
// --only merges: the parts it runs replace theirs in the existing results file (latest.json, quick.json or the
// --out directory's results.json, when one of the same mode exists), the others are kept, and the report is
// rewritten from the whole; the machine table names when each such part was measured.
// Env: BENCH_QUICK=1 (N = 10, 50; one run), BENCH_BUDGET_MINUTES (default 110; a full run needs about that: one paired
// run at N = 2000 rewrites a multi-megabyte checkpoint per step), BENCH_NS + BENCH_RUNS
// (other Ns, e.g. "500" and "1", for experiments; pair with --out).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startAzurite, type AzuriteProcess } from "../test/support/azurite";
import { startEmulator, type EmulatorProcess } from "../test/support/emulator";
import { e2eRunDir, REPO_ROOT } from "../test/support/paths";
import { pulumiBinDir } from "../test/support/pulumiBin";
import { machineInfo } from "./lib/machine";
import { createMeetings } from "../test/support/meetingFixtures";
import { BenchProject } from "./lib/project";
import { deployChart, renderReport, verdicts } from "./lib/report";
import { mergeBase } from "./lib/merge";
import type { BenchResults } from "./lib/results";
import { clientBenchmark } from "./rows/client";
import { deployScaling } from "./rows/deploy";
import { fixedCost } from "./rows/fixedCost";
import { fleetVersusSerial } from "./rows/fleet";
import { parallelStacks } from "./rows/parallel";
import { requestsAndState, type Stacks } from "./rows/requests";
import { throttledCreates } from "./rows/throttle";
import { webinarRegistrations } from "./rows/webinar";

const PARTS = ["client", "requests", "throttle", "parallel", "fleet", "webinar", "fixed", "deploy"] as const;
type Part = (typeof PARTS)[number];

/** The provider's Graph client: sockets per origin (provider/graph/client.ts default). */
const CLIENT_CONNECTIONS = 8;

interface Plan {
  quick: boolean;
  ns: number[];
  /** Runs at each N. */
  runs: number[];
  requestsN: number;
  throttle: { n: number; writesPerSecond: number };
  /** extra: diagnostic points with the engine's --parallel raised (row 8's K = 1 explanation). */
  parallel: { ks: number[]; n: number; writesPerSecond: number; extra?: { k: number; parallel?: number; n?: number }[] };
  fleet: { events: number; concurrency: number };
  /** Registrations under the virtual-event limit (15 writes / 30 s): enough windows for a sustained rate. */
  webinar: { n: number };
  /** Fresh dynamic-provider hosts per variant of row 11. */
  fixedSamples: number;
  client: { batches: number; batchSize: number; concurrencies: number[] };
  budgetSeconds: number;
}

function plan(): Plan {
  const quick = process.env.BENCH_QUICK === "1";
  const budgetSeconds = Number(process.env.BENCH_BUDGET_MINUTES || 110) * 60;
  const p: Plan = quick
    ? {
        quick, ns: [10, 50], runs: [1, 1], requestsN: 10, throttle: { n: 50, writesPerSecond: 10 },
        parallel: { ks: [1, 2], n: 10, writesPerSecond: 10 }, fleet: { events: 3, concurrency: 3 }, webinar: { n: 45 }, fixedSamples: 2,
        client: { batches: 3, batchSize: 200, concurrencies: [1, 8] }, budgetSeconds,
      }
    : {
        quick, ns: [10, 100, 500, 1000, 2000], runs: [5, 3, 3, 1, 1], requestsN: 100, throttle: { n: 200, writesPerSecond: 10 },
        parallel: { ks: [1, 2, 4, 8], n: 100, writesPerSecond: 20, extra: [{ k: 1, parallel: 32 }, { k: 1, n: 400 }] }, fleet: { events: 50, concurrency: 4 }, webinar: { n: 100 }, fixedSamples: 12,
        client: { batches: 60, batchSize: 75, concurrencies: [1, 8] }, budgetSeconds,
      };
  // For experiments: BENCH_NS=500 BENCH_RUNS=1 npm run bench -- --only deploy --out /tmp/b.md
  if (process.env.BENCH_NS) {
    p.ns = process.env.BENCH_NS.split(",").map(Number);
    p.runs = p.ns.map(() => Number(process.env.BENCH_RUNS || 1));
  }
  return p;
}

/** What a part needs besides the emulator; one source for which parts the missing CLI skips, and which share the bench project and Azurite. */
interface Needs {
  /** The Pulumi CLI (every part but the in-process client row). */
  cli: boolean;
  /** The bench project (bench/program, installed once and shared), with this many meetings for its registrations. */
  benchMeetings?: number;
  /** The shared Azure Blob backend (Azurite). */
  azurite?: boolean;
}

function needsOf(p: Plan): Record<Part, Needs> {
  const parallelMeetings = Math.max(
    ...p.parallel.ks.map((k) => k * p.parallel.n),
    ...(p.parallel.extra ?? []).map((e) => e.k * (e.n ?? p.parallel.n)),
  );
  return {
    client: { cli: false },
    requests: { cli: true, benchMeetings: p.requestsN },
    throttle: { cli: true, benchMeetings: p.throttle.n },
    parallel: { cli: true, benchMeetings: parallelMeetings, azurite: true },
    fleet: { cli: true, azurite: true }, // examples/event-fleet, its own program and meetings
    webinar: { cli: true, benchMeetings: 0 },
    fixed: { cli: true, benchMeetings: 2 },
    deploy: { cli: true, benchMeetings: Math.max(...p.ns), azurite: true },
  };
}

const log = (line: string) => process.stderr.write(`bench ${new Date().toISOString().slice(11, 19)} ${line}\n`);

interface Outputs {
  report: string;
  chart: string;
  json: string;
}

function outputs(quick: boolean, out?: string): Outputs {
  const results = path.join(REPO_ROOT, "bench", ".results");
  if (out) {
    const dir = path.dirname(path.resolve(out));
    return { report: path.resolve(out), chart: path.join(dir, "deploy-time.svg"), json: path.join(dir, "results.json") };
  }
  if (quick) return { report: path.join(results, "BENCHMARKS.quick.md"), chart: path.join(results, "deploy-time.svg"), json: path.join(results, "quick.json") };
  return { report: path.join(REPO_ROOT, "BENCHMARKS.md"), chart: path.join(REPO_ROOT, "bench", "deploy-time.svg"), json: path.join(results, "latest.json") };
}

/** The Azure Blob backend's chart, beside the file backend's. */
const azblobChart = (out: Outputs) => path.join(path.dirname(out.chart), "deploy-time-azblob.svg");

function write(results: BenchResults, out: Outputs): void {
  fs.mkdirSync(path.dirname(out.json), { recursive: true });
  fs.writeFileSync(out.json, JSON.stringify(results, null, 2) + "\n");
  const notesFile = path.join(REPO_ROOT, "bench", "notes.md");
  const notes = fs.existsSync(notesFile) && !results.machine.quick ? fs.readFileSync(notesFile, "utf8") : undefined;
  const rel = (file: string) => path.relative(path.dirname(out.report), file).split(path.sep).join("/");
  fs.mkdirSync(path.dirname(out.report), { recursive: true });
  fs.writeFileSync(out.report, renderReport(results, { chartPath: rel(out.chart), azblobChartPath: rel(azblobChart(out)), notes }));
  if (results.deploy) fs.writeFileSync(out.chart, deployChart(results.deploy));
  if (results.deployAzblob) fs.writeFileSync(azblobChart(out), deployChart(results.deployAzblob));
}

/** The results a partial run merges into: the output's results file, when it exists and is of the same mode. */
function earlierResults(out: Outputs, quick: boolean): BenchResults | undefined {
  if (!fs.existsSync(out.json)) return undefined;
  const r = JSON.parse(fs.readFileSync(out.json, "utf8")) as BenchResults;
  return r.machine?.quick === quick ? r : undefined;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { only: { type: "string" }, "report-only": { type: "boolean" }, out: { type: "string" }, "no-build": { type: "boolean" } },
  });
  const p = plan();
  const out = outputs(p.quick, values.out);
  if (values["report-only"]) {
    const results = JSON.parse(fs.readFileSync(out.json, "utf8")) as BenchResults;
    write(results, out);
    log(`wrote ${out.report} from ${out.json}`);
    return;
  }
  const parts = new Set<Part>(values.only ? (values.only.split(",") as Part[]) : PARTS);
  for (const part of parts) if (!PARTS.includes(part)) throw new Error(`--only: unknown part "${part}" (${PARTS.join(", ")})`);

  const needs = needsOf(p);
  const started = Date.now();
  const skipped: Record<string, string> = {};
  let binDir: string | undefined;
  try {
    binDir = pulumiBinDir();
  } catch (e) {
    const why = `the Pulumi CLI is not usable: ${(e as Error).message.split("\n")[0]}`;
    for (const part of PARTS) if (needs[part].cli && parts.delete(part)) skipped[part] = why;
  }
  const machine = machineInfo({ quick: p.quick, pulumiBin: binDir });
  const earlier = values.only ? earlierResults(out, p.quick) : undefined;
  const results: BenchResults = earlier ? mergeBase(earlier, parts, machine) : { machine, skipped };
  if (earlier) {
    // A part that cannot run now keeps its earlier numbers.
    for (const [part, why] of Object.entries(skipped)) log(`${part} not measured: ${why}`);
    log(`merging ${[...parts].join(", ")} into ${out.json} (measured ${results.machine.date})`);
  }
  const parallelism = results.machine.cpus * 4;

  const emu: EmulatorProcess = await startEmulator();
  log(`emulator at ${emu.info.graphEndpoint}; parts: ${[...parts].join(", ") || "none"}${p.quick ? " (quick)" : ""}`);
  // The shared Azure Blob backend of rows 1b, 8 and 9.
  let azurite: AzuriteProcess | undefined;
  if ([...parts].some((part) => needs[part].azurite)) {
    azurite = await startAzurite({ location: path.join(e2eRunDir(), "azurite") });
    log(`Azurite at ${azurite.blobEndpoint}`);
  }
  const fleetRow = async () => {
    log(`row 9: the fleet program over ${p.fleet.events} events vs a serial loop (Azurite backend)`);
    results.fleet = await fleetVersusSerial(emu, azurite!, { ...p.fleet, log });
    write(results, out);
  };
  try {
    if (parts.has("client")) {
      log("row 6: Graph client overhead");
      results.client = await clientBenchmark(emu, p.client);
      write(results, out);
    }
    if ([...parts].some((part) => needs[part].benchMeetings !== undefined)) {
      // Rows run one after another and each removes its registrations, so they share the meetings.
      const meetings = Math.max(0, ...[...parts].map((part) => needs[part].benchMeetings ?? 0));
      log(`creating ${meetings} meetings; installing bench/program from the packed package`);
      const meetingIds = await createMeetings(emu.info, meetings, { concurrency: 8, subject: "bench meeting" });
      const bench = BenchProject.install(emu.info, meetingIds);
      const stacks: Stacks = { bench, ours: "ours", baseline: "baseline" };
      await bench.initStack(stacks.ours, "registration", 0);
      await bench.initStack(stacks.baseline, "noop", 0);

      if (parts.has("requests")) {
        log(`rows 2-4: requests and state at N = ${p.requestsN}`);
        Object.assign(results, await requestsAndState(emu, stacks, p.requestsN, CLIENT_CONNECTIONS, parallelism));
        write(results, out);
      }
      if (parts.has("throttle")) {
        log(`row 5: N = ${p.throttle.n} creates at ${p.throttle.writesPerSecond} writes/s`);
        results.throttle = await throttledCreates(emu, stacks, p.throttle.n, p.throttle.writesPerSecond);
        write(results, out);
      }
      if (parts.has("parallel")) {
        const { ks, n, writesPerSecond, extra } = p.parallel;
        log(`row 8: K = ${ks.join(", ")} stacks × ${n} registrations at ${writesPerSecond} writes/s (Azurite backend)`);
        const az = bench.withBackend({ kind: "azblob", ...(await azurite!.backend("bench-parallel")) });
        results.parallel = await parallelStacks(emu, az, { ks, n, writesPerSecond, extra, meetingIds, log });
        write(results, out);
      }
      if (parts.has("fleet")) await fleetRow();
      if (parts.has("webinar")) {
        log(`row 10: N = ${p.webinar.n} webinar registrations under the virtual-event limit`);
        results.webinar = await webinarRegistrations(emu, bench, p.webinar.n);
        write(results, out);
      }
      if (parts.has("fixed")) {
        log(`row 11: the fixed cost per deployment, ${p.fixedSamples} fresh hosts per variant`);
        results.fixedCost = await fixedCost(emu, stacks, p.fixedSamples, log);
        write(results, out);
      }
      if (parts.has("deploy")) {
        // Half of what is left for the file backend, the rest for Azurite (each cuts its runs to fit).
        const left = () => p.budgetSeconds - (Date.now() - started) / 1000 - 30;
        const deployOpts = { ns: p.ns, runs: p.runs, controlN: p.ns[p.ns.length - 1], parallelism, log };
        log(`rows 1 and 7: N = ${p.ns.join(", ")}, ${p.runs.join("/")} runs, ${Math.round(left())} s of budget left (half for the file backend)`);
        const r = await deployScaling(emu, stacks, { ...deployOpts, budgetSeconds: left() / 2, rssN: p.ns[p.ns.length - 1], backend: "file" });
        results.deploy = r.deploy;
        results.rss = r.rss;
        write(results, out);
        log(`row 1b: the same on an Azure Blob backend (Azurite), ${Math.round(left())} s of budget left`);
        const az = bench.withBackend({ kind: "azblob", ...(await azurite!.backend("bench-deploy")) });
        const azStacks: Stacks = { bench: az, ours: "ours", baseline: "baseline" };
        await az.initStack(azStacks.ours, "registration", 0);
        await az.initStack(azStacks.baseline, "noop", 0);
        results.deployAzblob = (await deployScaling(emu, azStacks, { ...deployOpts, budgetSeconds: left(), backend: "azblob (Azurite)" })).deploy;
      }
    } else if (parts.has("fleet")) {
      await fleetRow();
    }
  } finally {
    await emu.stop();
    await azurite?.stop();
    // This run's machine: the results' own, or (a merged partial run) the one its parts name.
    machine.loadEnd = (await import("node:os")).loadavg();
    machine.wallSeconds = (Date.now() - started) / 1000;
    write(results, out);
  }
  for (const v of verdicts(results)) log(`row ${v.row}: ${v.measured} (target ${v.target}) ${v.met === undefined ? "" : v.met ? "met" : "MISSED"}`);
  log(`wrote ${path.relative(REPO_ROOT, out.report)} and ${path.relative(REPO_ROOT, out.json)}`);
}
