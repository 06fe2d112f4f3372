// The fault classes of the reliability suite and one run of each against a subject (subjects.ts: a
// stack of 20 meeting registrations, or a webinar and its registrations): a fresh emulator (seeded,
// state persisted), the subject's fixtures made beforehand, its stack driven by the real Pulumi CLI
// through the fault, then what a user would do next when the CLI stopped (the commands its errors
// name), and finally the emulator's GET /state compared with the Pulumi state.
// Used by test/reliability/faults*.test.ts (one run per class) and scripts/fault-runs.ts (K runs).
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulator, type EmulatorProcess, type FaultRuleInput } from "../emulator";
import type { EmulatorState } from "../adminClient";
import { runKillable } from "../processTree";
import type { PulumiProject, RunResult } from "../pulumiCli";
import type { Comparison } from "./meetingStack";
import { meetingSubject, type FaultSubject } from "./subjects";

/** Registrations per stack unless a run asks for another number. */
export const REGISTRATIONS = 20;

export interface FaultClass {
  id: string;
  /** The fault, as the RELIABILITY.md table names it. */
  title: string;
  /** Which command meets the fault: `pulumi up` creating the stack, or `pulumi destroy` of a created one. */
  command: "up" | "destroy";
  /** Fault rules added just before that command (seeded by the emulator's `seed`). */
  rules: FaultRuleInput[];
  /** What happens while the command runs. */
  during?: "restart-emulator" | "sigkill-cli" | "token-outage";
}

/** The fault classes, aimed at the subject's routes. */
export function faultClassesFor(subject: FaultSubject): FaultClass[] {
  const { registration, create, remove, resets } = subject.routes;
  return [
    {
      id: "429-storm",
      title: "429 storm with Retry-After (60% of registration calls, 40 times)",
      command: "up",
      rules: [{ match: { path: registration }, action: "status", status: 429, retryAfter: 1, probability: 0.6, count: 40 }],
    },
    {
      id: "5xx-retry-after",
      title: "503/504 burst with Retry-After (50% of registration calls, 30 times)",
      command: "up",
      rules: [
        { match: { path: registration }, action: "status", status: 503, retryAfter: 1, probability: 0.3, count: 15 },
        { match: { path: registration }, action: "status", status: 504, retryAfter: "1", probability: 0.3, count: 15 },
      ],
    },
    {
      id: "5xx-no-retry-after",
      title: "503/504 burst without Retry-After (50% of registration calls, 30 times)",
      command: "up",
      rules: [
        { match: { path: registration }, action: "status", status: 503, probability: 0.3, count: 15 },
        { match: { path: registration }, action: "status", status: 504, probability: 0.3, count: 15 },
      ],
    },
    {
      id: "connection-reset",
      title: `connection resets (30% of ${resets.name}, 25 times)`,
      command: "up",
      rules: [{ match: { path: resets.path }, action: "reset", probability: 0.3, count: 25 }],
    },
    {
      id: "post-dropped",
      title: "POST applied, response dropped (50% of creates, 10 times)",
      command: "up",
      rules: [{ match: { method: "POST", path: create }, action: "drop-after-commit", probability: 0.5, count: 10 }],
    },
    {
      id: "delete-dropped",
      title: `${remove.name} applied, response dropped (50% of deletes, 10 times; pulumi destroy)`,
      command: "destroy",
      rules: [{ match: { method: remove.method, path: remove.path }, action: "drop-after-commit", probability: 0.5, count: 10 }],
    },
    {
      id: "token-outage",
      // The outage starts at the first refused token request (see runFaultClass), not at the CLI's start.
      title: "token endpoint down (503) for 8 s from the deployment's first token request",
      command: "up",
      rules: [{ match: { path: "/oauth2/v2\\.0/token$" }, action: "status", status: 503, code: "temporarily_unavailable" }],
      during: "token-outage",
    },
    {
      id: "emulator-restart",
      title: "emulator restarted mid-deployment (state persisted, same port)",
      command: "up",
      rules: [{ match: { method: "POST", path: create }, action: "delay", delayMs: 400 }],
      during: "restart-emulator",
    },
    {
      id: "sigkill",
      title: "`pulumi up` killed with SIGKILL mid-deployment, then the user's recovery",
      command: "up",
      rules: [{ match: { method: "POST", path: create }, action: "delay", delayMs: 1000 }],
      during: "sigkill-cli",
    },
  ];
}

/** The meeting subject's classes (the first table of RELIABILITY.md). */
export const faultClasses: FaultClass[] = faultClassesFor(meetingSubject);

export interface FaultRunResult {
  fault: string;
  seed: number;
  /** The faulted command ended well (exit 0) and the stack matched at once. */
  convergedAtOnce: boolean;
  /** After the user's recovery (if any was needed), emulator and state match. */
  converged: boolean;
  comparison: Comparison;
  /** The commands run after the faulted one, in order (what a user had to do). */
  recovery: string[];
  /** Requests a fault rule fired on during the faulted command (the restart class: its restart counts). */
  faultsFired: number;
  /** Graph writes (not GET, not token requests) made while `msgraph-meetings recover` ran; undefined when it did not run. */
  recoverWrites?: number;
  /** First error lines the CLI printed, for the record. */
  errors: string[];
  durationMs: number;
}

export interface RunOptions {
  seed: number;
  /** What the stack holds (default: the meeting registrations). */
  subject?: FaultSubject;
  /** Registrations in the stack (default REGISTRATIONS). */
  registrations?: number;
  /** Progress lines (the script prints them). */
  log?: (line: string) => void;
}

/** Error lines of a CLI run: "error: Could not …" joined with the fix line after it (the provider's text). */
function errorLines(r: RunResult): string[] {
  const lines = `${r.stdout}\n${r.stderr}`.split("\n").map((l) => l.trim());
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (/^(error: )?Could not /.test(l)) out.push(`${l.replace(/^error: /, "")} | ${lines[i + 1] ?? ""}`);
    else if (/^error: /.test(l) && l !== "error: update failed" && !/^error: (Could not|update failed)/.test(l)) out.push(l);
  });
  return [...new Set(out)].slice(0, 8);
}

async function registrationsAtLeast(emu: EmulatorProcess, n: number, count: (state: EmulatorState) => number, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const state = await emu.admin.state().catch(() => undefined);
    if (state && count(state) >= n) return;
    await sleep(100);
  }
  throw new Error(`fewer than ${n} registrations after ${timeoutMs} ms`);
}

/** Resolves when the emulator has applied a fault rule to a request whose path contains `pathPart`. */
async function firstFaultOn(emu: EmulatorProcess, pathPart: string, timeoutMs = 150_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const requests = await emu.admin.requests().catch(() => []);
    if (requests.some((r) => r.path.includes(pathPart) && (r.faults ?? []).length > 0)) return;
    await sleep(100);
  }
  throw new Error(`no request to ${pathPart} met a fault within ${timeoutMs} ms`);
}

/**
 * `npx msgraph-meetings recover [--stack <stack>]` in the program's directory with the environment of
 * the CLI calls, as the README tells a user to run it after a killed `pulumi up` (no stack: the
 * current one).
 */
export function recoverCommand(project: PulumiProject, stack?: string): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["msgraph-meetings", "recover", ...(stack ? ["--stack", stack] : [])], { cwd: project.opts.cwd, env: project.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ stdout, stderr, code }));
  });
}

/** One run of one fault class, start to finish. Leaves nothing running. */
export async function runFaultClass(fault: FaultClass, opts: RunOptions): Promise<FaultRunResult> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const emu = await startEmulator({ tempDataDir: "faults-", config: { seed: opts.seed } });
  try {
    const subject = opts.subject ?? meetingSubject;
    const n = opts.registrations ?? REGISTRATIONS;
    const stack = `${subject.name === "meetings" ? "" : `${subject.name}-`}${fault.id}-${opts.seed}`;
    const prepared = await subject.prepare(emu, stack, n);
    const { project } = prepared;
    const recovery: string[] = [];
    const errors: string[] = [];
    let recoverWrites: number | undefined;
    const expectRegistered = fault.command === "up";

    if (fault.command === "destroy") {
      await project.up(stack);
      log(`  ${fault.id}: created the stack cleanly; destroying under the fault`);
    }
    for (const rule of fault.rules) await emu.admin.addFault(rule);

    const args = fault.command === "up" ? ["up", "--yes", "--skip-preview", "--stack", stack] : ["destroy", "--yes", "--skip-preview", "--stack", stack];
    let trigger: Promise<unknown> = new Promise(() => undefined);
    let sideTask: Promise<unknown> = Promise.resolve();
    // Mid-deployment: after 6 of 20 registrations (restart: 5), or the same share of a smaller stack.
    if (fault.during === "sigkill-cli") trigger = registrationsAtLeast(emu, Math.min(6, Math.ceil(n / 3)), prepared.liveCount);
    if (fault.during === "restart-emulator") {
      sideTask = registrationsAtLeast(emu, Math.min(5, Math.ceil(n / 4)), prepared.liveCount).then(async () => {
        const port = new URL(emu.info.graphEndpoint).port;
        await emu.restart();
        if (new URL(emu.info.graphEndpoint).port !== port) throw new Error("the emulator came back on another port");
        log(`  ${fault.id}: emulator restarted on port ${port}`);
      });
    }
    // The outage lasts 8 s from the first refused token request, not from the CLI's start: on a busy
    // machine the program alone can take longer than that to reach its first token request.
    if (fault.during === "token-outage") sideTask = firstFaultOn(emu, "/token").then(() => sleep(8_000)).then(() => emu.admin.clearFaults());

    const first = await runKillable(project, args, trigger);
    await sideTask;
    // The log of a restarted emulator starts afresh: the restart is the fault there.
    const faultsFired = (await emu.admin.requests()).filter((r) => (r.faults ?? []).length > 0).length + (fault.during === "restart-emulator" ? 1 : 0);
    await emu.admin.clearFaults();
    errors.push(...errorLines(first));
    // A killed run is never converged (its lock and pending creates are left); its checkpoint may
    // even be unreadable, which recover handles: compare only after recovery.
    let comparison: Comparison | undefined = first.killed ? undefined : await prepared.compare(expectRegistered);
    const convergedAtOnce = first.code === 0 && comparison?.converged === true;
    log(`  ${fault.id}: faulted ${fault.command} exited ${first.killed ? "killed" : first.code}; ${comparison ? (comparison.converged ? "converged" : comparison.details.join("; ")) : "recovering"}`);

    // What the user does next, as the CLI's and the provider's messages say.
    const step = async (what: string, run: () => Promise<RunResult>) => {
      recovery.push(what);
      const r = await run();
      errors.push(...errorLines(r));
      log(`  ${fault.id}: ${what} → ${r.code}`);
      return r;
    };
    if (!convergedAtOnce) {
      if (first.killed) {
        // The package's one documented command: lock, pending creates (adopted or cleared), refresh.
        const before = (await emu.admin.requests()).length;
        const r = await step("npx msgraph-meetings recover", () => recoverCommand(project, stack));
        log(r.stdout.trimEnd().replace(/^/gm, `  ${fault.id}:   `));
        if (r.code !== 0) errors.push(`recover failed: ${r.stderr.trim()}`);
        // Recover reads Graph and never writes to it (token requests aside).
        recoverWrites = (await emu.admin.requests()).slice(before).filter((q) => q.method !== "GET" && !/\/oauth2\//.test(q.path)).length;
      } else {
        await step("pulumi refresh", () => project.refresh(stack, [], { allowFailure: true }));
      }
      const rerun = () => (fault.command === "up" ? project.up(stack, [], { allowFailure: true }) : project.destroy(stack, [], { allowFailure: true }));
      let again = await step(`pulumi ${fault.command}`, rerun);
      // A registration whose POST was applied but never recorded answers 409 with the adoptId to set.
      const adopt: Record<string, string> = {};
      for (let round = 0; round < 3 && again.code !== 0 && fault.command === "up"; round++) {
        const found = prepared.adoptions(again);
        if (Object.keys(found).every((k) => adopt[k] === found[k])) break;
        Object.assign(adopt, found);
        await project.setConfig(stack, "adoptIds", JSON.stringify(adopt));
        again = await step(`set adoptId on ${Object.keys(found).length} resource(s) as the 409 errors say, pulumi up`, rerun);
      }
      comparison = await prepared.compare(expectRegistered);
    }
    if (!comparison) throw new Error("unreachable: a killed run is always recovered");
    return { fault: fault.id, seed: opts.seed, faultsFired, convergedAtOnce, converged: comparison.converged, comparison, recovery, errors, recoverWrites, durationMs: Date.now() - started };
  } finally {
    await emu.dispose();
  }
}
