#!/usr/bin/env node
// msgraph-meetings: commands for a program that uses pulumi-msgraph-meetings, run with `npx` in the
// program's directory, with the environment `pulumi up` runs with.
//   msgraph-meetings recover [--stack NAME]   after a killed `pulumi up` (see recover/recover.ts)
// Not part of the provider: nothing under provider/cli is loaded by the resources or serialized into a stack.
import { parseArgs } from "node:util";
import { recover } from "./recover/recover";
import { PulumiCli } from "./recover/pulumiCli";

const USAGE = `usage: msgraph-meetings recover [--stack NAME]

  After \`pulumi up\` was killed (CI timeout, SIGKILL, lost runner): removes the dead run's lock,
  adopts each resource whose create the run started and Graph shows it made, clears the other
  pending creates, and refreshes the stack. Then \`pulumi up\` converges.
  Run it in the program's directory with the same environment as \`pulumi up\` (backend, passphrase,
  credentials), never while another update of the stack runs. Running it twice is harmless.`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { stack: { type: "string", short: "s" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals.length === 0) {
    process.stdout.write(USAGE + "\n");
    return values.help ? 0 : 2;
  }
  if (positionals[0] !== "recover" || positionals.length > 1) {
    process.stderr.write(`msgraph-meetings: unknown command "${positionals.join(" ")}"\n${USAGE}\n`);
    return 2;
  }
  const cwd = process.cwd();
  const cli = new PulumiCli({ cwd, env: process.env, stack: values.stack });
  await recover({ cli, cwd, log: (line) => process.stdout.write(line + "\n") });
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    // Every error here says what went wrong and what to do (RecoverError, PulumiCliError, ConfigError,
    // GraphError, credential errors, all scrubbed of secrets): its message, not a stack trace.
    process.stderr.write(`msgraph-meetings recover: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
