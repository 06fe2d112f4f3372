// Runs the real emulator (node emulator/dist/cli.js) as a subprocess, parses its ready line, and
// gives typed access to its admin API (adminClient.ts). Build first (`npm run build`).
//
//   const emu = await startEmulator({ config: { registrantPageSize: 2 } });
//   after(() => emu.stop());
// (or, for a suite on one emulator, its mocha hooks: emulatorSuite.ts)
//   const token = await appToken(emu.info);                                  // tokens.ts
//   const res = await graphRequest(emu.info, token, "GET", "/v1.0/users");    // graphRequest.ts
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { Agent } from "undici";
import type { EmulatorInfo } from "../../emulator/index";
import type { EmulatorConfig } from "../../emulator/config";
import type { FaultRuleInput } from "../../emulator/faults";
import type { RequestLogEntry } from "../../emulator/requestLog";
import { AdminClient } from "./adminClient";
import { agentFor } from "./graphRequest";
import { removeDir, REPO_ROOT, TEST_TMP, tempDir } from "./paths";

export type { EmulatorInfo, FaultRuleInput, RequestLogEntry };

const CLI = path.join(REPO_ROOT, "emulator", "dist", "cli.js");

export interface StartEmulatorOptions {
  /** Written to a temp JSON file and passed as --config. */
  config?: Partial<EmulatorConfig>;
  /** Persist state there (--data-dir). Without it the emulator keeps state in memory only. */
  dataDir?: string;
  /** Persist state in a fresh directory under .test-tmp named with this prefix; dispose() removes it. */
  tempDataDir?: string;
  /** Extra CLI arguments. */
  args?: string[];
  /** Extra environment variables for the emulator process. */
  env?: Record<string, string>;
  /** Node options placed before the CLI script (e.g. --cpu-prof for the benchmark). */
  nodeArgs?: string[];
}

export interface EmulatorProcess {
  /** The ready line of the current process (changes after restart() if the port had to change). */
  readonly info: EmulatorInfo;
  readonly admin: AdminClient;
  /** An undici dispatcher trusting the emulator's CA. */
  readonly dispatcher: Agent;
  readonly dataDir: string | undefined;
  /** The process's stderr so far (logs), for assertions and debugging. */
  stderr(): string;
  /** SIGTERM and wait for a clean exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** Sends a signal and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops (SIGTERM) if running and starts again with the same data dir, config and, if possible, port. */
  restart(): Promise<EmulatorInfo>;
  /** stop(), then removes the data dir made for `tempDataDir` (an after() hook's one call). */
  dispose(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** The CA directory every test emulator shares (scripts/launch.js creates it and trusts it). */
export function testCaDir(): string {
  return process.env.MSGRAPH_TEST_CA_DIR || path.join(TEST_TMP, "ca");
}

interface Running {
  child: ChildProcess;
  info: EmulatorInfo;
  exited: Promise<number | null>;
}

function spawnEmulator(args: string[], options: StartEmulatorOptions, log: { text: string }): Promise<Running> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...options.env } });
  live.add(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => (live.delete(child), resolve(code))));
  child.stderr!.on("data", (c: Buffer) => {
    log.text = (log.text + c.toString()).slice(-64_000);
  });
  return new Promise<Running>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`emulator not ready after 30 s; stderr:\n${log.text}`));
    }, 30_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      // A test that forgets stop() must not keep mocha alive: the child is killed at exit anyway.
      child.unref();
      (child.stdout as unknown as { unref?: () => void }).unref?.();
      (child.stderr as unknown as { unref?: () => void }).unref?.();
      try {
        resolve({ child, info: JSON.parse(out.slice(0, nl)) as EmulatorInfo, exited });
      } catch (err) {
        reject(new Error(`bad ready line ${out.slice(0, nl)}: ${err}`));
      }
    };
    child.stdout!.on("data", onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before it was ready; stderr:\n${log.text}`));
    });
  });
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorProcess> {
  const baseArgs = ["--ca-dir", testCaDir()];
  const madeDataDir = options.tempDataDir === undefined ? undefined : tempDir(options.tempDataDir);
  const dataDir = options.dataDir ?? madeDataDir;
  if (dataDir) baseArgs.push("--data-dir", dataDir);
  if (options.config) {
    const file = path.join(tempDir("cfg-"), "config.json");
    fs.writeFileSync(file, JSON.stringify(options.config));
    baseArgs.push("--config", file);
  }
  baseArgs.push(...(options.args ?? []));
  const log = { text: "" };
  // --port 0 first, so a --port in options.args wins (the CLI takes the last value).
  let current = await spawnEmulator(["--port", "0", ...baseArgs], options, log);
  const dispatcher = agentFor(current.info.caFile);
  const running = () => current.child.exitCode === null && current.child.signalCode === null;

  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (running()) {
      current.child.ref(); // keep the event loop alive until the exit is seen
      current.child.kill(signal);
    }
    return current.exited;
  };
  const emu: EmulatorProcess = {
    get info() {
      return current.info;
    },
    admin: new AdminClient(() => current.info, () => dispatcher),
    dispatcher,
    dataDir,
    stderr: () => log.text,
    stop: () => kill("SIGTERM"),
    kill,
    async restart() {
      await kill("SIGTERM");
      const port = new URL(current.info.graphEndpoint).port;
      try {
        current = await spawnEmulator([...baseArgs, "--port", port], options, log);
      } catch {
        current = await spawnEmulator([...baseArgs, "--port", "0"], options, log); // port taken meanwhile
      }
      return current.info;
    },
    async dispose() {
      await kill("SIGTERM");
      removeDir(madeDataDir);
    },
  };
  return emu;
}

