// The numbers one `npm run bench` produces: what the rows measure, what the report and the chart
// are written from, and what bench/.results/latest.json holds (so a report can be rewritten from a
// saved run: `npm run bench -- --report-only`).

export interface MachineInfo {
  /** ISO time the run started. */
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  /** 1/5/15-minute load averages when the run started and ended (the machine is shared). */
  loadStart: number[];
  loadEnd?: number[];
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
  packageVersion: string;
  commit: string;
  /** BENCH_QUICK=1: smaller N, one run. */
  quick: boolean;
  wallSeconds?: number;
}

/** Seconds of each run, in run order; ours and baseline runs are paired by index. */
export interface StackTimes {
  up: number[];
  destroy: number[];
}

/** Where the time of one of our commands went, from the emulator's request log (seconds). */
export interface RequestTimeline {
  /** Command start to the first request the provider sent (CLI, program, host start, package load). */
  toFirstRequest: number;
  /** First to last request the provider sent. */
  requestSpan: number;
  /** CPU seconds the emulator used during the command (on the cores the deployment runs on; Graph's own work). */
  emulatorCpuSeconds?: number;
}

export interface DeployPoint {
  n: number;
  ours: StackTimes;
  baseline: StackTimes;
  /** Per run of ours, in run order. */
  oursTimeline?: { up: RequestTimeline[]; destroy: RequestTimeline[] };
  /** Why this N has fewer runs than planned, when it does. */
  note?: string;
}

/** A diagnostic pair of runs with different engine settings (e.g. no per-step checkpoints). */
export interface DeployControl {
  n: number;
  /** The environment that differs, e.g. PULUMI_SKIP_CHECKPOINTS=true. */
  env: string;
  ours: StackTimes;
  baseline: StackTimes;
}

export interface DeployResult {
  /** Where the state lived: "file" (file:// backend) or "azblob (Azurite)"; absent in older results (file). */
  backend?: string;
  commands: { up: string; destroy: string };
  /** The engine's --parallel default on this machine (4 × GOMAXPROCS). */
  parallelism: number;
  points: DeployPoint[];
  control?: DeployControl;
  /** Why the control was not run, when it was not. */
  controlSkipped?: string;
}

export type Phase = "create" | "no-change up" | "refresh" | "destroy";

export interface PhaseCounts {
  phase: Phase;
  command: string;
  /** Graph requests by "METHOD route" (e.g. "POST registration"), from the emulator's request log. */
  graph: Record<string, number>;
  /** Token-endpoint requests (emulator /stats). */
  tokenRequests: number;
  /** Other identity-platform requests (OpenID metadata, instance discovery). */
  identityOther: number;
  /** TCP connections that carried a Graph or identity request (emulator /stats). */
  connections: number;
  requests: number;
  seconds: number;
  exitCode: number;
}

export interface RequestsResult {
  n: number;
  parallelism: number;
  /** Sockets per origin of the provider's Graph client. */
  clientConnections: number;
  phases: PhaseCounts[];
}

export interface StateSizes {
  /** UTF-8 bytes of the `__provider` text (plaintext, from `stack export --show-secrets`). */
  providerBytes: number;
  /** Bytes of one resource's entry as stored (`pulumi stack export`), median over the stack. */
  entryBytes: number;
  /** Bytes of the stack's state file on disk divided by N. */
  fileBytesPerResource: number;
}

export interface StateResult {
  n: number;
  ours: StateSizes;
  baseline: StateSizes;
}

/** One `pulumi up` of N creates under an emulator write budget, from the request log. */
export interface BudgetedCreates {
  n: number;
  command: string;
  exitCode: number;
  /** Wall time of the `pulumi up`. */
  seconds: number;
  /** First POST to the last successful one (request log). */
  windowSeconds: number;
  /** POSTs Graph accepted. */
  created: number;
  /** 429s (row 10: on every registration call, writes and lookups). */
  throttled: number;
  /** Resources missing from the state plus failed operations the CLI reported. */
  failures: number;
}

export interface ThrottleResult extends BudgetedCreates {
  writesPerSecond: number;
  /** The emulator's bucket lets this many writes through at once. */
  burst: number;
  /** (created − burst) / window: the sustained rate. */
  achievedPerSecond: number;
}

/** Row 10: N webinar registrations in one `pulumi up` under Microsoft's virtual-event write limit. */
export interface WebinarBenchResult extends BudgetedCreates {
  /** The emulator's write budget per app per sliding 30 s (virtualEventsWritesPer30s). */
  writesPer30s: number;
  /** (created − budget) ÷ window × 30: the sustained writes per 30 s once the first window's budget was spent. */
  achievedPer30s: number;
  /** Accepted registration POSTs ÷ N. */
  writesPerRegistration: number;
  /** Successful GETs on the webinar's registrations (the lookups after each 204) ÷ N. */
  lookupsPerRegistration: number;
}

/** One K of row 8: K stacks updated at once under one write budget. */
export interface ParallelPoint {
  k: number;
  /** The engine's --parallel for each process, when not its default (a diagnostic point, outside the target). */
  parallel?: number;
  /** Registrations per stack, when not the row's N (a diagnostic point, outside the target). */
  n?: number;
  /** Wall time from the K processes' start to the last one's end. */
  seconds: number;
  exitCodes: number[];
  created: number;
  throttled: number;
  /** First POST to the last successful one, all stacks together. */
  windowSeconds: number;
  /** (created − burst) / window. */
  achievedPerSecond: number;
  /** Registrations missing from the states plus processes that failed. */
  failures: number;
  /** Token-endpoint requests ÷ K. */
  tokenRequestsPerStack: number;
}

export interface ParallelResult {
  /** Registrations per stack. */
  n: number;
  writesPerSecond: number;
  burst: number;
  backend: string;
  command: string;
  points: ParallelPoint[];
}

/** Row 9: the fleet program against a serial loop of `pulumi up`, same events. */
export interface FleetBenchResult {
  events: number;
  resourcesPerEvent: number;
  concurrency: number;
  commands: { fleet: string; serial: string };
  fleet: { upSeconds: number; destroySeconds: number; exitCode: number; failed: number; stackSeconds: number[] };
  serial: { upSeconds: number; failures: number };
}

export interface ClientTiming {
  client: string;
  /** Wall-clock microseconds per request, one value per batch. */
  usPerRequest: number[];
  /** CPU microseconds of this process per request (the client's own work), one value per batch. */
  cpuUsPerRequest: number[];
}

export interface ClientMode {
  concurrency: number;
  clients: ClientTiming[];
}

export interface ClientResult {
  route: string;
  batches: number;
  batchSize: number;
  modes: ClientMode[];
}

export interface RssResult {
  n: number;
  sampleMs: number;
  /** Peak RSS (VmHWM, KiB) of the dynamic-provider host per command. */
  ours: { up: number[]; destroy: number[] };
  baseline: { up: number[]; destroy: number[] };
}

/** Row 11's variants of one fresh dynamic-provider host (bench/rows/fixedCost.ts). */
export type FixedCostVariant = "baseline" | "ours" | "ours, no token check" | "ours, compile cache";

/** Milliseconds of one fresh host: start (spawn → port), the Configure RPC, then check and create of two resources, in order. */
export interface FixedCostSample {
  startMs: number;
  configureMs: number;
  checkMs: number[];
  createMs: number[];
}

/** Row 11: the provider's fixed cost per deployment in the real dynamic-provider host. */
export interface FixedCostResult {
  samples: number;
  command: string;
  /** Samples per variant, paired by index (one rotation of the variants per index). */
  variants: Record<FixedCostVariant, FixedCostSample[]>;
}

export interface BenchResults {
  machine: MachineInfo;
  deploy?: DeployResult;
  /** Row 1 again with the stacks in an Azure Blob backend (Azurite). */
  deployAzblob?: DeployResult;
  requests?: RequestsResult;
  state?: StateResult;
  throttle?: ThrottleResult;
  client?: ClientResult;
  rss?: RssResult;
  parallel?: ParallelResult;
  fleet?: FleetBenchResult;
  webinar?: WebinarBenchResult;
  fixedCost?: FixedCostResult;
  /**
   * Parts measured by a later `--only` run and merged into these results (the machine above is the
   * first run's), with the machine and time of that run.
   */
  remeasured?: Record<string, MachineInfo>;
  /** Rows that could not run, with the reason. */
  skipped?: Record<string, string>;
}
