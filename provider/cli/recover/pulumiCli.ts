// The Pulumi CLI as `msgraph-meetings recover` runs it: the `pulumi` on PATH (the one `pulumi up`
// runs), in the program's directory, with this process's environment (backend, passphrase, PULUMI_HOME
// and the msgraph/Azure variables the program's provider would see). Never interactive, no colour.
// Output of commands that print secrets (`--show-secrets`) is parsed here and never shown.
import { spawn } from "node:child_process";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export class PulumiCliError extends Error {
  constructor(
    readonly command: string,
    readonly result: CliResult,
  ) {
    // stderr only: stdout may hold what --show-secrets printed.
    super(`\`${command}\` failed (exit ${result.code}): ${result.stderr.trim() || "no message"}`);
  }
}

export interface PulumiCliOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** --stack for every command; undefined: the current stack. */
  stack?: string;
  /** The executable (default: `pulumi` from PATH). */
  executable?: string;
}

export class PulumiCli {
  constructor(readonly opts: PulumiCliOptions) {}

  /** How a user would type it, for messages (never with stdin or output). */
  describe(args: string[]): string {
    return ["pulumi", ...args, ...(this.opts.stack ? ["--stack", this.opts.stack] : [])].join(" ");
  }

  /**
   * Runs `pulumi <args> [--stack S] --non-interactive --color never` (no --stack for commands that
   * take none, e.g. whoami); resolves whatever the exit code.
   */
  run(args: string[], input?: string, opts: { stack?: boolean } = {}): Promise<CliResult> {
    const stack = opts.stack !== false && this.opts.stack ? ["--stack", this.opts.stack] : [];
    const full = [...args, ...stack, "--non-interactive", "--color", "never"];
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.executable ?? "pulumi", full, { cwd: this.opts.cwd, env: this.opts.env, stdio: ["pipe", "pipe", "pipe"], windowsHide: true });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      child.on("error", (e: NodeJS.ErrnoException) =>
        reject(e.code === "ENOENT" ? new Error("the Pulumi CLI (`pulumi`) is not on PATH: run recover where `pulumi up` runs, with the same PATH.") : e),
      );
      child.on("close", (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input ?? "");
    });
  }

  /** Runs and throws PulumiCliError unless it exits 0. */
  async ok(args: string[], input?: string): Promise<CliResult> {
    const r = await this.run(args, input);
    if (r.code !== 0) throw new PulumiCliError(this.describe(args), r);
    return r;
  }
}
