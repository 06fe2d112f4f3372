// BENCHMARKS.md and its chart, written from one run's numbers (results.ts). Pure functions: the
// unit test feeds them fixture numbers.
import { lineChart } from "./chart";
import type { BenchResults, ClientTiming, DeployResult, FleetBenchResult, ParallelResult, PhaseCounts, WebinarBenchResult } from "./results";
import { fixedCostSection } from "./fixedCostSection";
import { median, pairedRatio, summarize, type Summary } from "./stats";

export interface Verdict {
  row: number;
  measurement: string;
  target: string;
  measured: string;
  /** undefined: report only, or not measured. */
  met?: boolean;
}

const fixed = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
const secs = (v: number) => fixed(v, v < 10 ? 2 : 1);
/** "12.3 (11.9–13.0)", or just "12.3" for a single value. */
export function range(s: Summary, fmt: (v: number) => string): string {
  if (s.n === 0) return "–";
  return s.n === 1 || s.min === s.max ? fmt(s.median) : `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}
const perResource = (count: number, n: number) => fixed(count / n, 2);
const kib = (bytes: number) => `${fixed(bytes / 1024, 2)} KiB`;
const mib = (k: number) => `${fixed(k / 1024, 1)} MiB`;
const mark = (met: boolean | undefined) => (met === undefined ? "report" : met ? "met" : "**missed**");

/** The four lines of the chart: median seconds against N with min–max whiskers. */
export function deployChart(deploy: DeployResult): string {
  const line = (name: string, color: string, dashed: boolean, pick: (p: DeployResult["points"][number]) => number[]) => ({
    name,
    color,
    dashed,
    points: deploy.points.map((p) => {
      const s = summarize(pick(p));
      return { x: p.n, y: s.median, yMin: s.min, yMax: s.max };
    }),
  });
  return lineChart(
    [
      line("ours: up", "#1f6feb", false, (p) => p.ours.up),
      line("baseline: up", "#1f6feb", true, (p) => p.baseline.up),
      line("ours: destroy", "#d1242f", false, (p) => p.ours.destroy),
      line("baseline: destroy", "#d1242f", true, (p) => p.baseline.destroy),
    ],
    { title: `pulumi up / destroy: wall time against N${deploy.backend && deploy.backend !== "file" ? `, state in ${deploy.backend}` : ""}`, xLabel: "N (resources)", yLabel: "seconds (median, min–max)" },
  );
}

function graphTotal(p: PhaseCounts): number {
  return Object.values(p.graph).reduce((a, b) => a + b, 0);
}

/** What each phase should send per resource, at the minimum. */
const minimum: Record<PhaseCounts["phase"], Record<string, number>> = {
  create: { "POST registration": 1 },
  "no-change up": {},
  refresh: { "GET registration": 1 },
  destroy: { "DELETE registration": 1 },
};

function phaseMeetsMinimum(p: PhaseCounts, n: number): boolean {
  const want = minimum[p.phase];
  const keys = new Set([...Object.keys(want), ...Object.keys(p.graph)]);
  return p.exitCode === 0 && [...keys].every((k) => (p.graph[k] ?? 0) === (want[k] ?? 0) * n);
}

export function verdicts(r: BenchResults): Verdict[] {
  const out: Verdict[] = [];
  // Issue 14's targets: what the provider adds to a deployment, ≤ 10 % at N = 10 (its fixed cost
  // weighs most there) and ≤ 5 % from N = 100 up, for up and destroy, on each backend.
  const limitAt = (n: number) => (n < 100 ? 1.1 : 1.05);
  for (const d of [r.deploy, r.deployAzblob]) {
    if (!d || !d.points.length) continue;
    const ratios = d.points.map((p) => ({ n: p.n, up: pairedRatio(p.ours.up, p.baseline.up).median, destroy: pairedRatio(p.ours.destroy, p.baseline.destroy).median }));
    const where = d.backend && d.backend !== "file" ? ` on ${d.backend}` : "";
    out.push({
      row: 1,
      measurement: `up / destroy time${where}, ours ÷ baseline (median of paired runs) at N = ${d.points.map((p) => p.n).join(", ")}`,
      target: "≤ 1.10 at N = 10; ≤ 1.05 from N = 100",
      measured: ratios.map((x) => `N = ${x.n}: up ${fixed(x.up, 2)}, destroy ${fixed(x.destroy, 2)}`).join("; "),
      met: ratios.every((x) => x.up <= limitAt(x.n) && x.destroy <= limitAt(x.n)),
    });
  }
  if (r.requests) {
    const { n, phases } = r.requests;
    const text = phases.map((p) => `${p.phase} ${Object.entries(p.graph).map(([k, v]) => `${perResource(v, n)} ${k.split(" ")[0]}`).join(" + ") || "0"}`).join("; ");
    out.push({ row: 2, measurement: `Graph requests per resource (N = ${n})`, target: "1 POST / 0 / 1 GET / 1 DELETE", measured: text, met: phases.every((p) => phaseMeetsMinimum(p, n)) });
    const maxTokens = Math.max(...phases.map((p) => p.tokenRequests));
    const maxConn = Math.max(...phases.map((p) => p.connections));
    out.push({
      row: 3,
      measurement: "token requests per deployment; TCP connections",
      target: `≤ 1 token; connections ≤ parallelism (${r.requests.parallelism})`,
      measured: `tokens ${phases.map((p) => p.tokenRequests).join("/")}; connections ${phases.map((p) => p.connections).join("/")}`,
      met: maxTokens <= 1 && maxConn <= r.requests.parallelism,
    });
  }
  if (r.state) {
    const s = r.state.ours;
    out.push({
      row: 4,
      measurement: "`__provider` bytes; state bytes per resource",
      target: "≤ 2 KiB; ≤ 3 KiB",
      measured: `${s.providerBytes} B; ${Math.round(s.fileBytesPerResource)} B (file ÷ N), ${Math.round(s.entryBytes)} B (entry)`,
      met: s.providerBytes <= 2048 && s.fileBytesPerResource <= 3072,
    });
  }
  if (r.throttle) {
    const t = r.throttle;
    const ratio = t.achievedPerSecond / t.writesPerSecond;
    out.push({
      row: 5,
      measurement: `throttled creates (R = ${t.writesPerSecond}/s, N = ${t.n}): achieved ÷ R; failures`,
      target: "≥ 0.9; 0",
      measured: `${fixed(ratio, 2)}; ${t.failures}`,
      met: ratio >= 0.9 && t.failures === 0,
    });
  }
  if (r.client) {
    const seq = r.client.modes.find((m) => m.concurrency === 1) ?? r.client.modes[0];
    const of = (name: string, pick: (c: ClientTiming) => number[]) => median(pick(seq.clients.find((c) => c.client === name) ?? { client: name, usPerRequest: [], cpuUsPerRequest: [] }));
    const ratio = of("provider GraphClient", (c) => c.usPerRequest) / of("raw undici", (c) => c.usPerRequest);
    const cpu = of("provider GraphClient", (c) => c.cpuUsPerRequest) / of("raw undici", (c) => c.cpuUsPerRequest);
    out.push({
      row: 6,
      measurement: `time per request, provider ÷ raw undici (concurrency ${seq.concurrency})`,
      target: "≤ 1.2",
      measured: `${fixed(ratio, 2)} wall (client CPU ${fixed(cpu, 2)})`,
      met: ratio <= 1.2,
    });
  }
  if (r.parallel && r.parallel.points.length) {
    const ps = r.parallel.points.filter((p) => p.parallel === undefined && p.n === undefined);
    const ratios = ps.map((p) => p.achievedPerSecond / r.parallel!.writesPerSecond);
    out.push({
      row: 8,
      measurement: `K = ${ps.map((p) => p.k).join(", ")} parallel stacks × ${r.parallel.n}, R = ${r.parallel.writesPerSecond}/s: achieved ÷ R; failures; token requests per stack`,
      target: "≥ 0.9; 0; 1",
      measured: `${ratios.map((x) => fixed(x, 2)).join(" / ")}; ${ps.map((p) => p.failures).join(" / ")}; ${ps.map((p) => fixed(p.tokenRequestsPerStack, 2)).join(" / ")}`,
      met: ratios.every((x) => x >= 0.9) && ps.every((p) => p.failures === 0 && p.tokenRequestsPerStack === 1),
    });
  }
  if (r.fleet) {
    const f = r.fleet;
    out.push({
      row: 9,
      measurement: `fleet program over ${f.events} events (concurrency ${f.concurrency}) vs a serial loop of pulumi up`,
      target: "report",
      measured: `${secs(f.fleet.upSeconds)} s vs ${secs(f.serial.upSeconds)} s (${fixed(f.fleet.upSeconds / f.serial.upSeconds, 2)}); failures ${f.fleet.failed} / ${f.serial.failures}`,
    });
  }
  if (r.webinar) {
    const w = r.webinar;
    const ratio = w.achievedPer30s / w.writesPer30s;
    out.push({
      row: 10,
      measurement: `webinar registrations (N = ${w.n}, budget ${w.writesPer30s} writes / 30 s): achieved ÷ budget; failures; writes, lookups per registration`,
      target: "≥ 0.9; 0; 1, ≤ 1",
      measured: `${fixed(ratio, 2)}; ${w.failures}; ${fixed(w.writesPerRegistration, 2)}, ${fixed(w.lookupsPerRegistration, 2)}`,
      met: ratio >= 0.9 && w.failures === 0 && w.writesPerRegistration === 1 && w.lookupsPerRegistration <= 1,
    });
  }
  if (r.rss) {
    const peak = Math.max(...r.rss.ours.up, ...r.rss.ours.destroy);
    const base = Math.max(...r.rss.baseline.up, ...r.rss.baseline.destroy);
    out.push({ row: 7, measurement: `peak RSS of the dynamic-provider host, N = ${r.rss.n}`, target: "report", measured: `${mib(peak)} (baseline ${mib(base)})` });
  }
  return out.sort((a, b) => a.row - b.row);
}

function machineSection(r: BenchResults): string[] {
  const m = r.machine;
  const load = (l?: number[]) => (l ? l.map((v) => v.toFixed(2)).join(" / ") : "–");
  return [
    "## Machine",
    "",
    "| | |",
    "|---|---|",
    `| date | ${m.date} |`,
    `| CPUs (nproc) | ${m.cpus} × ${m.cpuModel} |`,
    `| memory | ${fixed(m.memoryGiB, 1)} GiB |`,
    `| OS | ${m.os} |`,
    `| load average (1/5/15 min) at start / end | ${load(m.loadStart)} — ${load(m.loadEnd)} |`,
    `| Node | ${m.node} |`,
    `| Pulumi CLI | ${m.pulumiCli} |`,
    `| @pulumi/pulumi | ${m.pulumiSdk} |`,
    `| pulumi-msgraph-meetings | ${m.packageVersion} (commit ${m.commit}) |`,
    `| mode | ${m.quick ? "quick (BENCH_QUICK=1: smoke run, 1 run per point)" : "full"} |`,
    `| wall time of the whole run | ${m.wallSeconds === undefined ? "–" : `${fixed(m.wallSeconds / 60, 1)} min`} |`,
    ...Object.entries(r.remeasured ?? {}).map(
      ([part, x]) => `| part \`${part}\` measured later (\`--only ${part}\`) | ${x.date}, commit ${x.commit}, load ${load(x.loadStart)} — ${load(x.loadEnd)}, ${x.wallSeconds === undefined ? "–" : `${fixed(x.wallSeconds / 60, 1)} min`} |`,
    ),
    "",
  ];
}

function deploySection(d: DeployResult, chartPath: string, heading = "## 1. Deployment time against N"): string[] {
  const cell = (v: number[]) => range(summarize(v), secs);
  const ratio = (a: number[], b: number[]) => range(pairedRatio(a, b), (v) => fixed(v, 2));
  const rows = d.points.map(
    (p) =>
      `| ${p.n} | ${Math.min(p.ours.up.length, p.baseline.up.length)} | ${cell(p.ours.up)} | ${cell(p.baseline.up)} | ${ratio(p.ours.up, p.baseline.up)} | ${cell(p.ours.destroy)} | ${cell(p.baseline.destroy)} | ${ratio(p.ours.destroy, p.baseline.destroy)} |`,
  );
  const notes = d.points.filter((p) => p.note).map((p) => `- N = ${p.n}: ${p.note}`);
  const tl = (p: DeployResult["points"][number], op: "up" | "destroy", key: "toFirstRequest" | "requestSpan" | "emulatorCpuSeconds") =>
    cell((p.oursTimeline?.[op] ?? []).flatMap((t) => (t[key] === undefined ? [] : [t[key]!])));
  const withCpu = d.points.some((p) => p.oursTimeline?.up.some((t) => t.emulatorCpuSeconds !== undefined));
  const timeline = d.points
    .filter((p) => p.oursTimeline && p.oursTimeline.up.length)
    .map(
      (p) =>
        `| ${p.n} | ${tl(p, "up", "toFirstRequest")} | ${tl(p, "up", "requestSpan")} | ${tl(p, "destroy", "toFirstRequest")} | ${tl(p, "destroy", "requestSpan")} |` +
        (withCpu ? ` ${tl(p, "up", "emulatorCpuSeconds")} | ${tl(p, "destroy", "emulatorCpuSeconds")} |` : ""),
    );
  return [
    heading,
    "",
    "One project (bench/program, installed from the `npm pack` tarball) with two stacks: *ours* declares N",
    "`ExternalMeetingRegistration`s on N meetings created beforehand with plain Graph calls; *baseline* declares",
    "N no-op dynamic resources (a `create` that returns its inputs) with the same inputs. Runs are paired and",
    "interleaved (ours/baseline, then baseline/ours, …); the ratio is the median of the per-run ratios.",
    "",
    "```",
    d.commands.up,
    d.commands.destroy,
    "```",
    "",
    `Engine parallelism: ${d.parallelism} (the CLI's default, 4 × cores). Seconds, median (min–max):`,
    "",
    "| N | runs | ours up | baseline up | up ratio | ours destroy | baseline destroy | destroy ratio |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
    "",
    ...(notes.length ? [...notes, ""] : []),
    `![deployment time against N](${chartPath})`,
    "",
    ...controlLines(d),
    ...(timeline.length
      ? [
          "Where *ours* spends its time, from the emulator's request log: command start → the provider's first request",
          "(CLI and program start, the dynamic-provider host loading the package, MSAL's metadata and token requests), and",
          `first → last request (the resource operations)${withCpu ? "; and the CPU time the emulator (Graph's side, here on the same 2 cores) used during the command" : ""}. Seconds, median (min–max):`,
          "",
          `| N | up: to first request | up: request span | destroy: to first request | destroy: request span |${withCpu ? " up: emulator CPU | destroy: emulator CPU |" : ""}`,
          `|---:|---:|---:|---:|---:|${withCpu ? "---:|---:|" : ""}`,
          ...timeline,
          "",
        ]
      : []),
  ];
}

function controlLines(d: DeployResult): string[] {
  if (d.controlSkipped) return [`Control run with PULUMI_SKIP_CHECKPOINTS=true not made: ${d.controlSkipped}`, ""];
  const c = d.control;
  if (!c) return [];
  const ratio = (a: number[], b: number[]) => range(pairedRatio(a, b), (v) => fixed(v, 2));
  const cell = (v: number[]) => range(summarize(v), secs);
  return [
    `Control (diagnosis, not a target): N = ${c.n} once more with \`${c.env}\` — the engine then writes the state once at`,
    "the end instead of after every step (the file backend rewrites the whole state file per step; unsafe for real use):",
    "",
    "| N | ours up | baseline up | up ratio | ours destroy | baseline destroy | destroy ratio |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    `| ${c.n} | ${cell(c.ours.up)} | ${cell(c.baseline.up)} | ${ratio(c.ours.up, c.baseline.up)} | ${cell(c.ours.destroy)} | ${cell(c.baseline.destroy)} | ${ratio(c.ours.destroy, c.baseline.destroy)} |`,
    "",
  ];
}

function requestsSection(r: NonNullable<BenchResults["requests"]>): string[] {
  const keys = [...new Set(r.phases.flatMap((p) => Object.keys(p.graph)))].sort();
  const head = `| phase | command | ${keys.join(" | ")}${keys.length ? " | " : ""}Graph total / resource | minimum? |`;
  const rows = r.phases.map(
    (p) =>
      `| ${p.phase} | \`${p.command}\` | ${keys.map((k) => perResource(p.graph[k] ?? 0, r.n)).join(" | ")}${keys.length ? " | " : ""}${perResource(graphTotal(p), r.n)} | ${phaseMeetsMinimum(p, r.n) ? "yes" : "no"} |`,
  );
  const conn = r.phases.map((p) => `| ${p.phase} | ${p.tokenRequests} | ${p.identityOther} | ${p.connections} | ${p.requests} | ${secs(p.seconds)} |`);
  return [
    "## 2. Graph requests per resource (happy path)",
    "",
    `N = ${r.n} registrations, one stack taken through create → no-change up → refresh → destroy; counts from`,
    "the emulator's request log (`GET /_emulator/requests`, cleared before each command), per resource:",
    "",
    head,
    `|---|---|${keys.map(() => "---:|").join("")}---:|---|`,
    ...rows,
    "",
    "## 3. Token requests and TCP connections per deployment",
    "",
    `Emulator \`/stats\` (reset before each command). The engine's parallelism is ${r.parallelism}; the provider's`,
    `Graph client keeps at most ${r.clientConnections} sockets per origin.`,
    "",
    "| phase | token requests | other identity requests (OpenID metadata) | TCP connections | all requests | seconds |",
    "|---|---:|---:|---:|---:|---:|",
    ...conn,
    "",
  ];
}

function stateSection(s: NonNullable<BenchResults["state"]>): string[] {
  const row = (name: string, v: typeof s.ours) => `| ${name} | ${v.providerBytes} | ${Math.round(v.entryBytes)} | ${Math.round(v.fileBytesPerResource)} (${kib(v.fileBytesPerResource)}) |`;
  return [
    "## 4. State size per resource",
    "",
    `After \`pulumi up\` of N = ${s.n}. \`__provider\`: the plaintext from \`pulumi stack export --show-secrets\`;`,
    "entry: one resource's JSON as stored (`pulumi stack export`, no secrets shown); file ÷ N: the stack's file",
    "in the backend divided by N.",
    "",
    "| stack | `__provider` bytes | entry bytes | state file bytes ÷ N |",
    "|---|---:|---:|---:|",
    row("ours", s.ours),
    row("baseline (no-op)", s.baseline),
    "",
  ];
}

function throttleSection(t: NonNullable<BenchResults["throttle"]>): string[] {
  return [
    "## 5. Creates under Graph throttling",
    "",
    `The emulator's write budget set to R = ${t.writesPerSecond} writes/s (\`PUT /_emulator/throttle\`; token bucket, burst`,
    `${t.burst}; a write over budget gets 429 with an integer \`Retry-After\`), then N = ${t.n} creates:`,
    "",
    "```",
    t.command,
    "```",
    "",
    "Achieved rate = (creates − burst) ÷ (time from the first POST to the last 201), from the request log.",
    "",
    "| N | R | exit code | up seconds | POST window seconds | created | 429s | failures | achieved /s | achieved ÷ R |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${t.n} | ${t.writesPerSecond} | ${t.exitCode} | ${secs(t.seconds)} | ${secs(t.windowSeconds)} | ${t.created} | ${t.throttled} | ${t.failures} | ${fixed(t.achievedPerSecond, 2)} | ${fixed(t.achievedPerSecond / t.writesPerSecond, 2)} |`,
    "",
  ];
}

function clientSection(c: NonNullable<BenchResults["client"]>): string[] {
  const lines = [
    "## 6. Graph client overhead",
    "",
    `\`GET ${c.route}\` against the emulator over keep-alive TLS, in the benchmark process. ${c.batches} batches of`,
    `${c.batchSize} requests per client, the clients interleaved batch by batch (short batches, so that the shared machine's`,
    "slow spells fall on every client alike); microseconds per request, median of the batches (min–max).",
    "*provider GraphClient*: the provider's client (undici Agent, or EnvHttpProxyAgent when a proxy is set, + retry",
    "interceptor + attempt counter, cached token from @azure/identity); *raw undici*: `undici.request` on an Agent",
    "with the provider's headers (a fresh `client-request-id` each), body parsed as JSON; *@microsoft/microsoft-graph-client*: `Client.init` with a",
    "token callback, `.api(path).version(\"beta\").get()` (its default middleware chain, Node's fetch). Wall",
    "time includes the emulator's share (the same for every client) and the shared machine's noise; client CPU",
    "time (`process.cpuUsage` over the batch) is the client's own work.",
    "",
  ];
  for (const mode of c.modes) {
    const rawClient = mode.clients.find((x) => x.client === "raw undici");
    const raw = median(rawClient?.usPerRequest ?? []);
    const rawCpu = median(rawClient?.cpuUsPerRequest ?? []);
    lines.push(
      `Concurrency ${mode.concurrency} (requests in flight):`,
      "",
      "| client | µs per request (wall) | ÷ raw undici | client CPU µs per request | ÷ raw undici |",
      "|---|---:|---:|---:|---:|",
    );
    for (const x of mode.clients) {
      const us = (v: number) => fixed(v, 0);
      lines.push(`| ${x.client} | ${range(summarize(x.usPerRequest), us)} | ${fixed(median(x.usPerRequest) / raw, 2)} | ${range(summarize(x.cpuUsPerRequest), us)} | ${fixed(median(x.cpuUsPerRequest) / rawCpu, 2)} |`);
    }
    lines.push("");
  }
  return lines;
}

function parallelSection(p: ParallelResult): string[] {
  return [
    "## 8. Parallel stacks under one write budget",
    "",
    `K stacks of N = ${p.n} registrations (bench/program, disjoint meetings), state in one ${p.backend} backend, each`,
    `stack's \`pulumi up\` its own process, all started at once; the emulator limits the app's writes to R = ${p.writesPerSecond}/s`,
    `(burst ${p.burst}) across all of them, as a tenant's Graph throttling does to parallel pipelines:`,
    "",
    "```",
    p.command,
    "```",
    "",
    "Wall time: the start to the last process's end. Achieved rate = (creates − burst) ÷ (first POST → last 201), all",
    "stacks together. Failures: registrations missing from the states plus failed processes. Token requests: emulator",
    "`/stats` ÷ K.",
    ...(p.points.some((x) => x.parallel !== undefined || x.n !== undefined)
      ? ["Rows with `--parallel P` (the engine's parallelism raised) or another N are diagnostics, outside the target."]
      : []),
    "",
    "| K | wall seconds | exit codes | created | 429s | POST window seconds | achieved /s | achieved ÷ R | failures | token requests per stack |",
    "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ...p.points.map(
      (x) =>
        `| ${x.k}${x.n === undefined ? "" : `, N = ${x.n}`}${x.parallel === undefined ? "" : `, \`--parallel ${x.parallel}\``} | ${secs(x.seconds)} | ${x.exitCodes.join(" ")} | ${x.created} | ${x.throttled} | ${secs(x.windowSeconds)} | ${fixed(x.achievedPerSecond, 2)} | ${fixed(x.achievedPerSecond / p.writesPerSecond, 2)} | ${x.failures} | ${fixed(x.tokenRequestsPerStack, 2)} |`,
    ),
    "",
  ];
}

function fleetSection(f: FleetBenchResult): string[] {
  const per = summarize(f.fleet.stackSeconds);
  return [
    "## 9. The fleet program against a serial loop",
    "",
    `${f.events} events, each a meeting, its registration and ${f.resourcesPerEvent - 2} registrants (${f.resourcesPerEvent} resources), one stack`,
    "per event in one Azure Blob backend (Azurite). *fleet*: examples/event-fleet (Automation API, inline programs), node",
    "start to exit; *serial*: examples/event-setup, one configured stack per event (set up beforehand, not timed), then",
    "`pulumi up` of one stack after the other (the sum of the ups). No write budget.",
    "",
    "```",
    f.commands.fleet,
    f.commands.serial,
    "```",
    "",
    "| | up seconds | ÷ serial | failures | per stack (fleet: median, min–max) | destroy seconds |",
    "|---|---:|---:|---:|---:|---:|",
    `| fleet, concurrency ${f.concurrency} | ${secs(f.fleet.upSeconds)} | ${fixed(f.fleet.upSeconds / f.serial.upSeconds, 2)} | ${f.fleet.failed} | ${range(per, secs)} | ${secs(f.fleet.destroySeconds)} |`,
    `| serial loop of \`pulumi up\` | ${secs(f.serial.upSeconds)} | 1.00 | ${f.serial.failures} | ${secs(f.serial.upSeconds / f.events)} (mean) | – |`,
    "",
  ];
}

function webinarSection(w: WebinarBenchResult): string[] {
  return [
    "## 10. Webinar registrations under Microsoft's virtual-event limit",
    "",
    `N = ${w.n} \`VirtualEventRegistration\`s (anonymous people, the application's token) on one published webinar made`,
    `beforehand with plain Graph calls, in one \`pulumi up\`; the emulator enforces Microsoft's documented limit for these`,
    `routes, ${w.writesPer30s} writes per app in any 30 s (\`virtualEventsThrottle\`; 429 + \`Retry-After\` beyond it). Graph answers`,
    "each create 204 without a body, so the provider finds the new id by a lookup (a read: 750 per 30 s).",
    "",
    "```",
    w.command,
    "```",
    "",
    `Achieved = (creates − ${w.writesPer30s}, the first window's budget) ÷ (first POST → last 204) × 30 s, from the request log.`,
    "Writes and lookups per registration: accepted POSTs and successful GETs on the registrations ÷ N (429s apart).",
    "",
    "| N | budget / 30 s | exit code | up seconds | POST window seconds | created | 429s | failures | achieved / 30 s | achieved ÷ budget | writes / registration | lookups / registration |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| ${w.n} | ${w.writesPer30s} | ${w.exitCode} | ${secs(w.seconds)} | ${secs(w.windowSeconds)} | ${w.created} | ${w.throttled} | ${w.failures} | ${fixed(w.achievedPer30s, 2)} | ${fixed(w.achievedPer30s / w.writesPer30s, 2)} | ${fixed(w.writesPerRegistration, 2)} | ${fixed(w.lookupsPerRegistration, 2)} |`,
    "",
  ];
}

function rssSection(r: NonNullable<BenchResults["rss"]>): string[] {
  const cell = (v: number[]) => range(summarize(v), mib);
  return [
    "## 7. Peak RSS of the dynamic-provider host",
    "",
    `N = ${r.n}. The \`node …/cmd/dynamic-provider\` process the engine starts (found under the CLI's process`,
    `tree), \`VmHWM\` from /proc/<pid>/status sampled every ${r.sampleMs} ms; median (min–max) over the runs of row 1.`,
    "",
    "| stack | up | destroy |",
    "|---|---:|---:|",
    `| ours | ${cell(r.ours.up)} | ${cell(r.ours.destroy)} |`,
    `| baseline (no-op) | ${cell(r.baseline.up)} | ${cell(r.baseline.destroy)} |`,
    "",
  ];
}

export interface ReportOptions {
  /** Path of the chart relative to BENCHMARKS.md. */
  chartPath: string;
  /** Path of the Azure Blob backend's chart relative to BENCHMARKS.md. */
  azblobChartPath?: string;
  /** Hand-written analysis appended verbatim (bench/notes.md). */
  notes?: string;
}

export function renderReport(r: BenchResults, opts: ReportOptions): string {
  const v = verdicts(r);
  const lines: string[] = [
    "# Benchmarks",
    "",
    "What the provider costs per resource and how it scales, measured against the bundled emulator with the",
    "real Pulumi CLI. Written by `npm run bench` (bench/run.ts); do not edit by hand — the analysis at the end",
    "comes from bench/notes.md. `BENCH_QUICK=1 npm run bench` is a smoke run (N = 10, 50; one run).",
    "",
    ...machineSection(r),
    "## Targets",
    "",
    "| # | measurement | target | measured | |",
    "|---:|---|---|---|---|",
    ...v.map((x) => `| ${x.row} | ${x.measurement} | ${x.target} | ${x.measured} | ${mark(x.met)} |`),
    "",
  ];
  if (r.skipped && Object.keys(r.skipped).length) {
    lines.push("Not measured in this run:", "", ...Object.entries(r.skipped).map(([k, why]) => `- ${k}: ${why}`), "");
  }
  if (r.deploy) lines.push(...deploySection(r.deploy, opts.chartPath));
  if (r.deployAzblob) lines.push(...deploySection(r.deployAzblob, opts.azblobChartPath ?? "deploy-time-azblob.svg", `## 1b. Deployment time against N, state in ${r.deployAzblob.backend ?? "azblob"}`));
  if (r.requests) lines.push(...requestsSection(r.requests));
  if (r.state) lines.push(...stateSection(r.state));
  if (r.throttle) lines.push(...throttleSection(r.throttle));
  if (r.client) lines.push(...clientSection(r.client));
  if (r.rss) lines.push(...rssSection(r.rss));
  if (r.parallel) lines.push(...parallelSection(r.parallel));
  if (r.fleet) lines.push(...fleetSection(r.fleet));
  if (r.webinar) lines.push(...webinarSection(r.webinar));
  if (r.fixedCost) lines.push(...fixedCostSection(r.fixedCost, r.deploy, r.deployAzblob));
  if (opts.notes) lines.push(opts.notes.trim(), "");
  return lines.join("\n");
}

