// `msgraph-meetings recover`: after a `pulumi up` was killed (CI timeout, SIGKILL, lost runner),
// put the stack back in a state the next `pulumi up` converges from, without code edits:
//   1. read the state (`pulumi stack export`); repair a checkpoint the kill left unreadable
//   2. for each pending create, ask its kind what the lost POST may have made (Graph reads only,
//      with the package's own client and the stack's msgraph:* config): adopt what matches, clear the rest
//   3. write that back (`pulumi stack import`), removing the killed run's lock first (`pulumi cancel`)
//      unless its holder still runs on this machine
//   4. `pulumi refresh`: the provider re-reads every resource (the adopted ones too) and the pending
//      updates and deletes the kill left go; with nothing adopted it also clears the pending creates
// Nothing is written before every Graph read succeeded. Running it again is harmless.
import * as path from "node:path";
import { resolveConfig } from "../../config";
import type { HeldResource, LostCreateFinder } from "../../resources/common/lostCreate";
import { createProviderContext, type ProviderContext } from "../../runtime";
import { backupDeployment, checkpointFile, isTruncatedCheckpoint, removeBrokenAttrs, repairProjectAttrs } from "./checkpoint";
import { cannotAdopt, heldOfType, pendingCreates, withAdopted, type Deployment } from "./deployment";
import { lostCreateFinders } from "./kinds";
import { describeHolder, isLockError, liveHolder, lockHolders, type LockHolder } from "./locks";
import { PulumiCliError, type CliResult, type PulumiCli } from "./pulumiCli";

export interface RecoverOptions {
  cli: PulumiCli;
  /** The program's directory (where Pulumi.yaml is). */
  cwd: string;
  /** One line per thing done. */
  log: (line: string) => void;
  /** The environment the msgraph:* fallbacks are read from (the same as `pulumi up`'s). */
  env?: NodeJS.ProcessEnv;
  /** Kinds by URN type (tests add their own). */
  finders?: Readonly<Record<string, LostCreateFinder>>;
  /** Holder liveness (tests). */
  liveHolder?: (holders: readonly LockHolder[]) => LockHolder | undefined;
  /** Builds the Graph context from the resolved config (tests shorten retries). */
  context?: (lookup: (key: string) => unknown, env: NodeJS.ProcessEnv) => ProviderContext;
}

export interface RecoverSummary {
  adopted: number;
  cleared: number;
  lockRemoved: boolean;
  restored: boolean;
}

/** A failure that says what to do; printed as it is. */
export class RecoverError extends Error {
  override readonly name = "RecoverError";
}

const pad = (word: string) => word.padEnd(9);

export async function recover(opts: RecoverOptions): Promise<RecoverSummary> {
  const { cli, log } = opts;
  const env = opts.env ?? process.env;
  const finders = opts.finders ?? lostCreateFinders;
  const summary: RecoverSummary = { adopted: 0, cleared: 0, lockRemoved: false, restored: false };
  const stackName = cli.opts.stack ?? (await currentStack(cli, opts.cwd, log, summary));
  log(`msgraph-meetings recover: stack "${stackName}"`);

  /** A write that takes the stack's lock: a dead run's lock is removed (once) and the write retried. */
  const write = async (args: string[], input?: string): Promise<CliResult> => {
    let r = await cli.run(args, input);
    if (r.code !== 0 && isLockError(r.stderr) && !summary.lockRemoved) {
      const holders = lockHolders(r.stderr);
      const live = (opts.liveHolder ?? liveHolder)(holders);
      if (live) {
        throw new RecoverError(
          `the stack is locked by an update that is still running on this machine (${describeHolder(live)}): let it finish or stop it, then run recover again. Nothing was changed.`,
        );
      }
      await cli.ok(["cancel", "--yes"]);
      summary.lockRemoved = true;
      log(`${pad("lock")} removed the killed run's lock${holders.length ? ` (${holders.map(describeHolder).join("; ")})` : ""} with \`pulumi cancel\``);
      r = await cli.run(args, input);
    }
    if (r.code !== 0) throw new PulumiCliError(cli.describe(args), r);
    return r;
  };

  // 1. The state, as exported (secrets encrypted: what goes back) and shown (plain: what Graph is asked about).
  let exported = await cli.run(["stack", "export"]);
  if (exported.code !== 0 && isTruncatedCheckpoint(exported.stderr)) {
    const file = await checkpointFile(cli, opts.cwd, stackName);
    if (removeBrokenAttrs(file)) {
      summary.restored = true;
      log(`${pad("repaired")} the checkpoint's metadata file the kill left empty (${path.basename(file)}.attrs, removed; the checkpoint itself was whole)`);
      exported = await cli.run(["stack", "export"]);
    }
    if (exported.code !== 0 && isTruncatedCheckpoint(exported.stderr)) {
      const backup = backupDeployment(file);
      await write(["stack", "import"], JSON.stringify(backup.deployment));
      summary.restored = true;
      log(`${pad("restored")} the checkpoint the kill left unreadable, from ${backup.file} (pulumi stack import)`);
      exported = await cli.run(["stack", "export"]);
    }
  }
  if (exported.code !== 0) throw new PulumiCliError(cli.describe(["stack", "export"]), exported);
  const encrypted = JSON.parse(exported.stdout) as Deployment;
  const shown = JSON.parse((await cli.ok(["stack", "export", "--show-secrets"])).stdout) as Deployment;
  const pending = pendingCreates(shown);

  const foreign = pending.filter((p) => !p.engineOnly && !finders[p.type]);
  if (foreign.length > 0) {
    throw new RecoverError(
      `pending creates of resources this package does not manage: ${foreign.map((p) => `${p.name} (${p.type})`).join(", ")}. ` +
        "Recover would drop them from the state with the rest, so it changed nothing. Resolve them first (`pulumi refresh` run interactively asks what each became), then run recover again.",
    );
  }

  // 2. Graph, read only.
  const adopted: { urn: string; id: string; outputs: Record<string, unknown> }[] = [];
  const lines: string[] = [];
  if (pending.length > 0) {
    // Built on first use: a stack whose only pending creates are the engine's own needs no credential.
    let ctx: ProviderContext | undefined;
    const graph = async () => (ctx ??= await graphContext(cli, env, opts.context));
    try {
      const held = new Map<string, HeldResource[]>();
      for (const p of pending) {
        const kind = p.type.slice(p.type.lastIndexOf(":") + 1);
        if (p.engineOnly) {
          // Killed while the engine registered a provider or component: nothing was made in the cloud.
          lines.push(`${pad("cleared")} ${p.name} (${kind}): a provider or component holds nothing in the cloud; the next \`pulumi up\` registers it again.`);
          continue;
        }
        const blocked = cannotAdopt(encrypted, p.urn);
        if (!held.has(p.type)) held.set(p.type, heldOfType(shown, p.type));
        const found = blocked ? { adopt: false as const, why: `${blocked}.` } : await finders[p.type](await graph(), p.inputs, held.get(p.type)!);
        if (found.adopt) {
          adopted.push({ urn: p.urn, id: found.id, outputs: found.outputs });
          held.get(p.type)!.push({ id: found.id, outputs: found.outputs });
          lines.push(`${pad("adopted")} ${p.name} (${kind}) id "${found.id}": ${found.note}.`);
        } else {
          lines.push(`${pad("cleared")} ${p.name} (${kind}): ${found.why}`);
        }
      }
    } finally {
      await (ctx as ProviderContext | undefined)?.client.close();
    }
  }

  // 3. The state edit (a dead run's lock goes first), 4. the refresh.
  if (adopted.length > 0) await write(["stack", "import"], JSON.stringify(withAdopted(encrypted, shown, adopted)));
  for (const line of lines) log(line);
  summary.adopted = adopted.length;
  summary.cleared = pending.length - adopted.length;
  const refreshArgs = ["refresh", "--yes", "--skip-preview", ...(adopted.length === 0 && pending.length > 0 ? ["--clear-pending-creates"] : [])];
  await write(refreshArgs);
  log(`${pad("refreshed")} every resource from Graph (\`${cli.describe(refreshArgs)}\`)`);
  if (pending.length === 0 && !summary.lockRemoved && !summary.restored) log("nothing to recover: no pending create, no lock.");
  log(`done: ${summary.adopted} adopted, ${summary.cleared} cleared. Run \`pulumi up\`: it creates what was cleared and leaves what was adopted.`);
  return summary;
}

/** The current stack's name; an unreadable checkpoint .attrs (which stops even this) is repaired first. */
async function currentStack(cli: PulumiCli, cwd: string, log: (line: string) => void, summary: RecoverSummary): Promise<string> {
  let r = await cli.run(["stack", "--show-name"]);
  if (r.code !== 0 && isTruncatedCheckpoint(r.stderr)) {
    for (const f of await repairProjectAttrs(cli, cwd)) {
      summary.restored = true;
      log(`${pad("repaired")} the checkpoint's metadata file the kill left empty (${f}, removed; the checkpoint itself was whole)`);
    }
    r = await cli.run(["stack", "--show-name"]);
  }
  if (r.code !== 0) {
    if (isTruncatedCheckpoint(r.stderr)) throw new RecoverError("the current stack's checkpoint is unreadable and the CLI cannot name the stack: run `npx msgraph-meetings recover --stack <name>`.");
    throw new PulumiCliError(cli.describe(["stack", "--show-name"]), r);
  }
  return r.stdout.trim();
}

/** The package's Graph client, configured as the provider would be: msgraph:* stack config, then the environment. */
async function graphContext(cli: PulumiCli, env: NodeJS.ProcessEnv, build?: RecoverOptions["context"]): Promise<ProviderContext> {
  // --show-secrets: the credential is a secret key. The output stays in this process.
  const r = await cli.ok(["config", "--json", "--show-secrets"]);
  const entries = JSON.parse(r.stdout) as Record<string, { value?: unknown; objectValue?: unknown }>;
  const lookup = (key: string) => entries[key]?.objectValue ?? entries[key]?.value;
  if (build) return build(lookup, env);
  return createProviderContext(resolveConfig(lookup, env));
}
