// Runs the real Pulumi CLI the way the end-to-end tests need it: offline (file backend or Azurite, no update
// check, no plugin downloads), non-interactive, with a private PULUMI_HOME, Node 22 first on PATH
// (the language host and the dynamic-provider host run `node` from PATH), the emulator's CA trusted,
// and TypeScript programs transpiled without type checking.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { trustBundle } from "../../emulator/trust";
import { REPO_ROOT } from "./paths";
import { pulumiBinDir } from "./pulumiBin";

export interface PulumiOptions {
  /** The Pulumi project directory (holds Pulumi.yaml). */
  cwd: string;
  /** Directory of the file backend (created if missing). Give this or backendUrl. */
  backendDir?: string;
  /**
   * Any other backend URL instead, e.g. Azurite's `azblob://…` (test/support/azurite.ts); what it
   * needs (AZURE_STORAGE_ACCOUNT/KEY: the AZURE_* variables of this process are dropped) goes in env.
   */
  backendUrl?: string;
  /** PULUMI_HOME (created if missing); keep it private to the test run. */
  homeDir: string;
  /** Passphrase of the passphrase secrets provider. */
  passphrase: string;
  /** CA file the Node processes (program, provider) must trust besides the machine's, e.g. the emulator's. */
  caFile?: string;
  /** Extra environment entries (win over the defaults). */
  env?: Record<string, string>;
}

export interface RunOptions {
  /** Text written to the CLI's stdin (e.g. a secret for `config set`), instead of argv. */
  input?: string;
  /** Do not throw when the exit code is non-zero. */
  allowFailure?: boolean;
  /** Kill the CLI after this long (default 170 s, under the tests' 180 s). */
  timeoutMs?: number;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Inherited variables that would change what the CLI or the provider does (AZURE_*: credential fallbacks). */
const DROPPED_ENV = /^(PULUMI_|AZURE_|MSGRAPH_|NODE_OPTIONS$|NODE_EXTRA_CA_CERTS$|TS_NODE_|npm_)/;

/** The environment of every CLI call for these options. */
export function pulumiEnv(opts: PulumiOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!DROPPED_ENV.test(k)) env[k] = v;
  if (!opts.backendDir === !opts.backendUrl) throw new Error("PulumiOptions: give exactly one of backendDir and backendUrl");
  if (opts.backendDir) fs.mkdirSync(opts.backendDir, { recursive: true });
  fs.mkdirSync(opts.homeDir, { recursive: true });
  Object.assign(env, {
    PATH: [pulumiBinDir(), path.join(REPO_ROOT, "node_modules", ".bin"), process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: path.resolve(opts.homeDir),
    PULUMI_BACKEND_URL: opts.backendUrl ?? "file://" + path.resolve(opts.backendDir!),
    PULUMI_CONFIG_PASSPHRASE: opts.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    NO_COLOR: "1",
  });
  // The machine's own trust (NODE_EXTRA_CA_CERTS) stays, with the emulator's CA added to it.
  if (opts.caFile) env.NODE_EXTRA_CA_CERTS = trustBundle(path.resolve(opts.caFile));
  else if (process.env.NODE_EXTRA_CA_CERTS) env.NODE_EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
  Object.assign(env, opts.env ?? {});
  return env;
}

export class PulumiCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: RunResult,
  ) {
    super(
      `pulumi ${args.join(" ")} exited with ${result.code}\n--- stdout (tail)\n${result.stdout.slice(-4000)}\n--- stderr (tail)\n${result.stderr.slice(-4000)}`,
    );
  }
}

/** One Pulumi project driven through the CLI; every call names its stack explicitly. */
export class PulumiProject {
  readonly env: NodeJS.ProcessEnv;

  constructor(readonly opts: PulumiOptions) {
    this.env = pulumiEnv(opts);
  }

  /** Runs `pulumi <args> --non-interactive --color never`. Throws PulumiCommandError on failure. */
  run(args: string[], runOpts: RunOptions = {}): Promise<RunResult> {
    const fullArgs = [...args, "--non-interactive", "--color", "never"];
    const timeoutMs = runOpts.timeoutMs ?? 170_000;
    return new Promise((resolve, reject) => {
      const child = spawn(path.join(pulumiBinDir(), "pulumi"), fullArgs, {
        cwd: this.opts.cwd,
        env: this.env,
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => {
        stderr += `\n[test helper] killed after ${timeoutMs} ms`;
        child.kill("SIGKILL");
      }, timeoutMs);
      child.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        const result = { stdout, stderr, code };
        if (code !== 0 && !runOpts.allowFailure) reject(new PulumiCommandError(args, result));
        else resolve(result);
      });
      child.stdin.end(runOpts.input ?? "");
    });
  }

  stackInit(stack: string): Promise<RunResult> {
    return this.run(["stack", "init", stack, "--secrets-provider", "passphrase"]);
  }

  /** Sets one config value; secrets go through stdin so they never appear in a process list. */
  setConfig(stack: string, key: string, value: string, opts: { secret?: boolean } = {}): Promise<RunResult> {
    if (opts.secret) return this.run(["config", "set", key, "--secret", "--stack", stack], { input: value });
    return this.run(["config", "set", key, value, "--plaintext", "--stack", stack]);
  }

  /** Sets several plain-text config values in one CLI call. */
  setConfigAll(stack: string, values: [string, string][]): Promise<RunResult> {
    return this.run(["config", "set-all", "--stack", stack, ...values.flatMap(([k, v]) => ["--plaintext", `${k}=${v}`])]);
  }

  preview(stack: string, extra: string[] = [], runOpts?: RunOptions): Promise<RunResult> {
    return this.run(["preview", "--stack", stack, "--diff", ...extra], runOpts);
  }

  up(stack: string, extra: string[] = [], runOpts?: RunOptions): Promise<RunResult> {
    return this.run(["up", "--yes", "--skip-preview", "--stack", stack, "--diff", ...extra], runOpts);
  }

  refresh(stack: string, extra: string[] = [], runOpts?: RunOptions): Promise<RunResult> {
    return this.run(["refresh", "--yes", "--skip-preview", "--stack", stack, ...extra], runOpts);
  }

  destroy(stack: string, extra: string[] = [], runOpts?: RunOptions): Promise<RunResult> {
    return this.run(["destroy", "--yes", "--skip-preview", "--stack", stack, ...extra], runOpts);
  }

  /** `pulumi stack export --show-secrets`: the deployment as JSON text (secrets decrypted). */
  async stackExportText(stack: string): Promise<string> {
    return (await this.run(["stack", "export", "--show-secrets", "--stack", stack])).stdout;
  }

  /** `pulumi stack export --show-secrets`, parsed. */
  async stackExport(stack: string): Promise<StackExport> {
    return JSON.parse(await this.stackExportText(stack)) as StackExport;
  }

  /** `pulumi stack output --json --show-secrets`, parsed. */
  async stackOutputs(stack: string): Promise<Record<string, unknown>> {
    return JSON.parse((await this.run(["stack", "output", "--json", "--show-secrets", "--stack", stack])).stdout);
  }
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  custom?: boolean;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface StackExport {
  version: number;
  deployment: { resources?: StateResource[] };
}

/** Resources of an export whose type starts with `pulumi-nodejs:dynamic` (the dynamic resources). */
export function dynamicResources(exported: StackExport): StateResource[] {
  return (exported.deployment.resources ?? []).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic"));
}
