// The benchmark's report writer and chart (bench/lib), on fixture numbers: the benchmark itself
// is not part of `npm test`, so this keeps BENCHMARKS.md's generator from rotting.
import { expect } from "chai";
import { lineChart, niceTicks } from "../../../bench/lib/chart";
import { deployChart, range, renderReport, verdicts } from "../../../bench/lib/report";
import type { BenchResults, PhaseCounts } from "../../../bench/lib/results";
import { median, pairedRatio, summarize } from "../../../bench/lib/stats";
import { estimateRunSeconds } from "../../../bench/rows/deploy";
import { mergeBase } from "../../../bench/lib/merge";

const phase = (p: PhaseCounts["phase"], graph: Record<string, number>, tokens: number): PhaseCounts => ({
  phase: p,
  command: `pulumi ${p}`,
  graph,
  tokenRequests: tokens,
  identityOther: tokens,
  connections: tokens ? 4 : 0,
  requests: 0,
  seconds: 3,
  exitCode: 0,
});

function fixture(): BenchResults {
  return {
    machine: {
      date: "2026-12-01T10:30:00Z",
      cpus: 2,
      cpuModel: "Test CPU",
      memoryGiB: 8,
      os: "Linux test",
      loadStart: [1, 2, 3],
      loadEnd: [2, 2, 2],
      node: "v22.23.3",
      pulumiCli: "v3.274.1",
      pulumiSdk: "3.276.0",
      packageVersion: "0.1.0",
      commit: "abc1234",
      quick: false,
      wallSeconds: 600,
    },
    deploy: {
      commands: { up: "pulumi up --yes --skip-preview --stack <stack>", destroy: "pulumi destroy --yes --skip-preview --stack <stack>" },
      parallelism: 8,
      points: [
        {
          n: 10,
          ours: { up: [5, 6, 7], destroy: [4, 4, 4] },
          baseline: { up: [5, 5, 5], destroy: [4, 4, 4] },
          oursTimeline: { up: [{ toFirstRequest: 3, requestSpan: 0.5 }], destroy: [{ toFirstRequest: 2, requestSpan: 0.25 }] },
        },
        { n: 500, ours: { up: [110, 130], destroy: [40, 44] }, baseline: { up: [100, 100], destroy: [40, 40] }, note: "2 runs instead of 3" },
      ],
      control: { n: 500, env: "PULUMI_SKIP_CHECKPOINTS=true", ours: { up: [50], destroy: [20] }, baseline: { up: [45], destroy: [20] } },
    },
    requests: {
      n: 10,
      parallelism: 8,
      clientConnections: 8,
      phases: [
        phase("create", { "POST registration": 10 }, 1),
        phase("no-change up", {}, 0),
        phase("refresh", { "GET registration": 10 }, 1),
        phase("destroy", { "GET registration": 10, "DELETE registration": 10 }, 1),
      ],
    },
    state: {
      n: 10,
      ours: { providerBytes: 1900, entryBytes: 2500, fileBytesPerResource: 2900 },
      baseline: { providerBytes: 600, entryBytes: 1200, fileBytesPerResource: 1500 },
    },
    throttle: { n: 200, writesPerSecond: 10, burst: 10, command: "pulumi up", exitCode: 0, seconds: 30, windowSeconds: 20, created: 200, throttled: 150, failures: 0, achievedPerSecond: 9.5 },
    client: {
      route: "/beta/users/{userId}/onlineMeetings/{meetingId}/registration",
      batches: 3,
      batchSize: 100,
      modes: [
        {
          concurrency: 1,
          clients: [
            { client: "provider GraphClient", usPerRequest: [110, 120, 130], cpuUsPerRequest: [60, 60, 60] },
            { client: "raw undici", usPerRequest: [100, 100, 100], cpuUsPerRequest: [50, 50, 50] },
            { client: "@microsoft/microsoft-graph-client", usPerRequest: [300, 300, 300], cpuUsPerRequest: [200, 200, 200] },
          ],
        },
      ],
    },
    rss: { n: 500, sampleMs: 250, ours: { up: [200 * 1024, 210 * 1024], destroy: [150 * 1024] }, baseline: { up: [180 * 1024], destroy: [140 * 1024] } },
    skipped: {},
  };
}

describe("bench: statistics", () => {
  it("median, min–max and paired ratios", () => {
    expect(median([3, 1, 2])).to.equal(2);
    expect(median([4, 1, 3, 2])).to.equal(2.5);
    expect(summarize([5, 1, 9])).to.deep.equal({ median: 5, min: 1, max: 9, n: 3 });
    expect(summarize([]).n).to.equal(0);
    expect(pairedRatio([110, 120, 90], [100, 100, 100])).to.deep.equal({ median: 1.1, min: 0.9, max: 1.2, n: 3 });
    expect(range(summarize([2, 1, 3]), (v) => v.toFixed(1))).to.equal("2.0 (1.0–3.0)");
    expect(range(summarize([2]), (v) => v.toFixed(1))).to.equal("2.0");
  });

  it("extrapolates a paired run's time linearly from the last two Ns", () => {
    expect(estimateRunSeconds([], 500)).to.equal(undefined);
    expect(estimateRunSeconds([{ n: 10, seconds: 20 }], 100)).to.equal(200);
    expect(estimateRunSeconds([{ n: 10, seconds: 20 }, { n: 100, seconds: 40 }], 500)).to.be.closeTo(40 + (20 / 90) * 400, 1e-9);
  });
});

describe("bench: verdicts against the issue's targets", () => {
  it("judges each row from the numbers", () => {
    const v = verdicts(fixture());
    expect(v.map((x) => [x.row, x.met])).to.deep.equal([
      [1, false], // N = 10: up 5/5, 6/5, 7/5 → median 1.20 > 1.10; N = 500: up 110/100, 130/100 → 1.20 > 1.05
      [2, false], // destroy reads before deleting: 1 GET + 1 DELETE is not the minimum
      [3, true],
      [4, true],
      [5, true],
      [6, true],
      [7, undefined],
    ]);
    expect(v[0].measured).to.equal("N = 10: up 1.20, destroy 1.00; N = 500: up 1.20, destroy 1.05");
    expect(v[0].target).to.equal("≤ 1.10 at N = 10; ≤ 1.05 from N = 100");
    expect(v[5].measured).to.equal("1.20 wall (client CPU 1.20)");
    expect(v[6].measured).to.equal("210.0 MiB (baseline 180.0 MiB)");
  });
});

describe("bench: BENCHMARKS.md", () => {
  const md = renderReport(fixture(), { chartPath: "bench/deploy-time.svg", notes: "## Analysis\n\nWhy.\n" });

  it("has the machine, every section, the commands and the chart", () => {
    expect(md).to.contain("| CPUs (nproc) | 2 × Test CPU |");
    expect(md).to.contain("| Node | v22.23.3 |");
    for (const h of ["## Targets", "## 1. ", "## 2. ", "## 3. ", "## 4. ", "## 5. ", "## 6. ", "## 7. ", "## Analysis"]) expect(md).to.contain(h);
    expect(md).to.contain("pulumi up --yes --skip-preview --stack <stack>");
    expect(md).to.contain("![deployment time against N](bench/deploy-time.svg)");
    expect(md).to.contain("- N = 500: 2 runs instead of 3");
  });

  it("reports medians with min–max and per-resource request counts", () => {
    expect(md).to.contain("| 10 | 3 | 6.00 (5.00–7.00) | 5.00 | 1.20 (1.00–1.40) | 4.00 | 4.00 | 1.00 |");
    expect(md).to.contain("| 500 | 2 | 120.0 (110.0–130.0) | 100.0 | 1.20 (1.10–1.30) | 42.0 (40.0–44.0) | 40.0 | 1.05 (1.00–1.10) |");
    expect(md).to.contain("| destroy | `pulumi destroy` | 1.00 | 1.00 | 0.00 | 2.00 | no |");
    expect(md).to.contain("| create | `pulumi create` | 0.00 | 0.00 | 1.00 | 1.00 | yes |");
    expect(md).to.contain("| 10 | 3.00 | 0.50 | 2.00 | 0.25 |");
    expect(md).to.contain("`PULUMI_SKIP_CHECKPOINTS=true`");
    expect(md).to.contain("| 500 | 50.0 | 45.0 | 1.11 | 20.0 | 20.0 | 1.00 |");
    expect(md).to.contain("| 200 | 10 | 0 | 30.0 | 20.0 | 200 | 150 | 0 | 9.50 | 0.95 |");
  });
});

describe("bench: the SVG chart", () => {
  it("ticks are 1/2/5 steps covering the maximum", () => {
    expect(niceTicks(500)).to.deep.equal([0, 100, 200, 300, 400, 500]);
    expect(niceTicks(130)).to.deep.equal([0, 50, 100, 150]);
    expect(niceTicks(0)).to.deep.equal([0, 1]);
  });

  it("draws one polyline per series with a point per N, inside the plot", () => {
    const svg = deployChart(fixture().deploy!);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).to.equal(true);
    expect(svg.trimEnd().endsWith("</svg>")).to.equal(true);
    const lines = [...svg.matchAll(/<polyline [^>]*points="([^"]+)"/g)].map((m) => m[1].split(" ").map((p) => p.split(",").map(Number)));
    expect(lines).to.have.length(4);
    for (const pts of lines) {
      expect(pts).to.have.length(2);
      for (const [x, y] of pts) {
        expect(x).to.be.within(60, 640 - 170);
        expect(y).to.be.within(36, 360 - 48);
      }
    }
    expect(svg).to.contain("ours: up").and.to.contain("baseline: destroy");
  });

  it("escapes text", () => {
    const svg = lineChart([{ name: "a<b&c", color: "#000", points: [{ x: 1, y: 1 }] }], { title: 'T"', xLabel: "x", yLabel: "y" });
    expect(svg).to.contain("a&lt;b&amp;c").and.to.contain("T&quot;");
  });
});

describe("bench: the scale rows (Azure Blob backend, parallel stacks, fleet)", () => {
  function scaled(): BenchResults {
    const r = fixture();
    r.deployAzblob = { ...r.deploy!, backend: "azblob (Azurite)" };
    r.parallel = {
      n: 100,
      writesPerSecond: 20,
      burst: 20,
      backend: "azblob (Azurite)",
      command: "K × pulumi up",
      points: [
        { k: 1, seconds: 10, exitCodes: [0], created: 100, throttled: 30, windowSeconds: 4.4, achievedPerSecond: 18.2, failures: 0, tokenRequestsPerStack: 1 },
        { k: 2, seconds: 12, exitCodes: [0, 1], created: 190, throttled: 80, windowSeconds: 10, achievedPerSecond: 17, failures: 11, tokenRequestsPerStack: 1 },
      ],
    };
    r.fleet = {
      events: 50,
      resourcesPerEvent: 5,
      concurrency: 4,
      commands: { fleet: "npm run fleet", serial: "for s …" },
      fleet: { upSeconds: 100, destroySeconds: 60, exitCode: 0, failed: 0, stackSeconds: [7, 8, 9] },
      serial: { upSeconds: 400, failures: 0 },
    };
    return r;
  }

  it("judges row 1 per backend, row 8 on every K, and reports row 9", () => {
    const met = fixture();
    for (const p of met.deploy!.points) p.ours = { up: p.baseline.up.map((x) => x * (p.n < 100 ? 1.1 : 1.05)), destroy: p.baseline.destroy };
    expect(verdicts(met).find((x) => x.row === 1)!.met, "at the limits: 1.10 at N = 10, 1.05 at N = 500").to.equal(true);
    met.deploy!.points[1].ours.up = met.deploy!.points[1].baseline.up.map((x) => x * 1.06);
    expect(verdicts(met).find((x) => x.row === 1)!.met, "1.06 at N = 500").to.equal(false);
    const v = verdicts(scaled());
    expect(v.filter((x) => x.row === 1).map((x) => x.measurement)).to.deep.equal(["up / destroy time, ours ÷ baseline (median of paired runs) at N = 10, 500", "up / destroy time on azblob (Azurite), ours ÷ baseline (median of paired runs) at N = 10, 500"]);
    const row8 = v.find((x) => x.row === 8)!;
    expect(row8.measured).to.equal("0.91 / 0.85; 0 / 11; 1.00 / 1.00");
    expect(row8.met).to.equal(false);
    const row9 = v.find((x) => x.row === 9)!;
    expect([row9.measured, row9.met]).to.deep.equal(["100.0 s vs 400.0 s (0.25); failures 0 / 0", undefined]);
  });

  it("writes sections 1b, 8 and 9 with the Azure Blob backend's chart", () => {
    const md = renderReport(scaled(), { chartPath: "bench/deploy-time.svg", azblobChartPath: "bench/deploy-time-azblob.svg" });
    for (const h of ["## 1b. Deployment time against N, state in azblob (Azurite)", "## 8. Parallel stacks under one write budget", "## 9. The fleet program against a serial loop"]) expect(md).to.contain(h);
    expect(md).to.contain("![deployment time against N](bench/deploy-time-azblob.svg)");
    expect(md).to.contain("| 2 | 12.0 | 0 1 | 190 | 80 | 10.0 | 17.00 | 0.85 | 11 | 1.00 |");
    expect(md).to.contain("| fleet, concurrency 4 | 100.0 | 0.25 | 0 | 8.00 (7.00–9.00) | 60.0 |");
    expect(deployChart(scaled().deployAzblob!)).to.contain("state in azblob (Azurite)");
  });
});

describe("bench: row 10, webinar registrations under the virtual-event limit", () => {
  const webinar = (over: Partial<NonNullable<BenchResults["webinar"]>> = {}): BenchResults => ({
    ...fixture(),
    webinar: {
      n: 100,
      writesPer30s: 15,
      command: 'PUT /_emulator/config {"virtualEventsThrottle":true}; pulumi up',
      exitCode: 0,
      seconds: 200,
      windowSeconds: 180,
      created: 100,
      throttled: 40,
      failures: 0,
      achievedPer30s: 14.17,
      writesPerRegistration: 1,
      lookupsPerRegistration: 1,
      ...over,
    },
  });

  it("is met at ≥ 0.9 of the budget, no failure, 1 write and at most 1 lookup per registration", () => {
    const row = (r: BenchResults) => verdicts(r).find((x) => x.row === 10)!;
    expect([row(webinar()).measured, row(webinar()).met]).to.deep.equal(["0.94; 0; 1.00, 1.00", true]);
    expect(row(webinar({ achievedPer30s: 13 })).met).to.equal(false);
    expect(row(webinar({ failures: 1 })).met).to.equal(false);
    expect(row(webinar({ writesPerRegistration: 1.02 })).met).to.equal(false);
    expect(row(webinar({ lookupsPerRegistration: 1.5 })).met).to.equal(false);
  });

  it("writes section 10 with its command and numbers", () => {
    const md = renderReport(webinar(), { chartPath: "bench/deploy-time.svg" });
    expect(md).to.contain("## 10. Webinar registrations under Microsoft's virtual-event limit");
    expect(md).to.contain('PUT /_emulator/config {"virtualEventsThrottle":true}; pulumi up');
    expect(md).to.contain("| 100 | 15 | 0 | 200.0 | 180.0 | 100 | 40 | 0 | 14.17 | 0.94 | 1.00 | 1.00 |");
  });
});

describe("bench: --only merges into the earlier run's results", () => {
  it("takes out the parts measured again (with the fields they write), keeps the rest, and says when each was measured", () => {
    const earlier: BenchResults = { ...fixture(), skipped: { fleet: "no Azurite" } };
    const later = { ...fixture().machine, date: "2026-12-05T06:00:00Z", commit: "def5678", loadEnd: [1, 1, 1], wallSeconds: 300 };
    const merged = mergeBase(earlier, ["requests", "fleet", "webinar"], later);
    expect(merged.requests).to.equal(undefined);
    expect(merged.state).to.equal(undefined);
    expect(merged.deploy).to.deep.equal(earlier.deploy);
    expect(merged.throttle).to.deep.equal(earlier.throttle);
    expect(merged.machine).to.deep.equal(earlier.machine);
    expect(merged.skipped).to.deep.equal({});
    expect(Object.keys(merged.remeasured!)).to.deep.equal(["requests", "fleet", "webinar"]);
    expect(earlier.requests, "the earlier results are not changed").to.not.equal(undefined);
    const md = renderReport(merged, { chartPath: "bench/deploy-time.svg" });
    expect(md).to.contain("| date | 2026-12-01T10:30:00Z |");
    expect(md).to.contain("| part `webinar` measured later (`--only webinar`) | 2026-12-05T06:00:00Z, commit def5678, load 1.00 / 2.00 / 3.00 — 1.00 / 1.00 / 1.00, 5.0 min |");
  });
});

describe("bench: row 8's diagnostic points with the engine's --parallel raised", () => {
  it("lists them in the table but leaves them out of the target", () => {
    const r = fixture();
    const point = { seconds: 8, exitCodes: [0], created: 100, throttled: 16, windowSeconds: 4.4, failures: 0, tokenRequestsPerStack: 1 };
    r.parallel = {
      n: 100, writesPerSecond: 20, burst: 20, backend: "azblob (Azurite)", command: "K × pulumi up",
      points: [{ k: 1, ...point, achievedPerSecond: 17.4 }, { k: 1, parallel: 32, ...point, achievedPerSecond: 19.6 }],
    };
    const row8 = verdicts(r).find((x) => x.row === 8)!;
    expect([row8.measurement.startsWith("K = 1 parallel stacks"), row8.measured, row8.met]).to.deep.equal([true, "0.87; 0; 1.00", false]);
    const md = renderReport(r, { chartPath: "bench/deploy-time.svg" });
    expect(md).to.contain("| 1, `--parallel 32` | 8.00 | 0 | 100 | 16 | 4.40 | 19.60 | 0.98 | 0 | 1.00 |");
    expect(md).to.contain("Rows with `--parallel P` (the engine's parallelism raised) or another N are diagnostics");
    r.parallel.points.push({ k: 1, n: 400, ...point, achievedPerSecond: 19 });
    expect(verdicts(r).find((x) => x.row === 8)!.measured, "another N is outside the target too").to.equal("0.87; 0; 1.00");
    expect(renderReport(r, { chartPath: "x.svg" })).to.contain("| 1, N = 400 | 8.00 |");
  });
});

describe("bench: row 11, the fixed cost per deployment in parts", () => {
  const sample = (startMs: number, firstCheck: number, firstCreate: number, secondCreate: number) => ({ startMs, configureMs: 15, checkMs: [firstCheck, 3], createMs: [firstCreate, secondCreate] });
  function withFixedCost(): BenchResults {
    const r = fixture();
    r.fixedCost = {
      samples: 2,
      command: "startDynamicHost → Configure → Check × 2 → Create × 2",
      variants: {
        baseline: [sample(480, 5, 6, 5), sample(500, 7, 6, 5)],
        ours: [sample(490, 330, 25, 12), sample(510, 350, 27, 13)],
        "ours, no token check": [sample(470, 300, 60, 12), sample(520, 310, 70, 12)],
        "ours, compile cache": [sample(530, 380, 24, 11), sample(540, 360, 26, 12)],
      },
    };
    return r;
  }

  it("writes each variant's timings and the parts as paired differences, next to row 1's difference at N = 10", () => {
    const md = renderReport(withFixedCost(), { chartPath: "bench/deploy-time.svg" });
    expect(md).to.contain("## 11. The provider's fixed cost per deployment");
    expect(md).to.contain("| ours | 500 (490–510) | 15 | 340 (330–350) | 3 | 26 (25–27) | 13 (12–13) |");
    // loading: 300 − 5, 310 − 7; the token: 330 − 300, 350 − 310; the connection: (25 − 12) − (6 − 5), (27 − 13) − (6 − 5)
    expect(md).to.contain("(no token): first check, *ours, no token check* − *baseline* | 299 (295–303) |");
    expect(md).to.contain("first check, *ours* − *ours, no token check* | 35 (30–40) |");
    expect(md).to.contain("less the same of *baseline* | 13 (12–13) |");
    // all of it: (330 + 25 − 12) − (5 + 6 − 5) = 337, (350 + 27 − 13) − (7 + 6 − 5) = 356
    expect(md).to.contain("*ours* − *baseline* | 347 (337–356) |");
    // row 1 at N = 10: ours up 5, 6, 7 against 5, 5, 5 s
    expect(md).to.contain("| row 1, file backend | 1000 (0–2000) |");
    expect(md).to.contain("| row 1b, azblob (Azurite) | not measured |");
  });

  it("is a part of its own for --only (fixed writes fixedCost)", () => {
    const merged = mergeBase(withFixedCost(), ["fixed"], fixture().machine);
    expect(merged.fixedCost).to.equal(undefined);
    expect(merged.deploy).to.not.equal(undefined);
  });
});

describe("bench: row 1's timeline with the emulator's CPU time", () => {
  it("adds the emulator's CPU columns when the run measured them", () => {
    const r = fixture();
    r.deploy!.points[0].oursTimeline = { up: [{ toFirstRequest: 3, requestSpan: 0.5, emulatorCpuSeconds: 0.42 }], destroy: [{ toFirstRequest: 2, requestSpan: 0.25, emulatorCpuSeconds: 0.3 }] };
    const md = renderReport(r, { chartPath: "bench/deploy-time.svg" });
    expect(md).to.contain("| N | up: to first request | up: request span | destroy: to first request | destroy: request span | up: emulator CPU | destroy: emulator CPU |");
    expect(md).to.contain("| 10 | 3.00 | 0.50 | 2.00 | 0.25 | 0.42 | 0.30 |");
    expect(renderReport(fixture(), { chartPath: "x.svg" })).to.not.contain("emulator CPU");
  });
});
