// The benchmark's Pulumi project (bench/program) as a user has it: copied to this run's temp
// directory, installed with the package from its `npm pack` tarball, driven by the real CLI
// (test/support/pulumiCli.ts: file backend or an azblob:// one in Azurite, private PULUMI_HOME, offline,
// transpile-only TypeScript).
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { AzuriteBackend } from "../../test/support/azurite";
import type { EmulatorInfo } from "../../test/support/emulator";
import { npm, NPM_INSTALL_FLAGS } from "../../test/support/npm";
import { e2eRunDir, REPO_ROOT } from "../../test/support/paths";
import { packPackage } from "../../test/support/npmPack";
import { PulumiProject } from "../../test/support/pulumiCli";
import { initEmulatorStack } from "../../test/support/stackConfig";
import { HostRssSampler } from "./rss";

export type Mode = "registration" | "noop" | "webinar";

/** Where the stacks' state lives: a file backend directory, or an Azure Blob container (Azurite). */
export type Backend = { kind: "file"; dir: string } | ({ kind: "azblob" } & AzuriteBackend);

export interface Timed {
  seconds: number;
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak VmHWM (KiB) of the dynamic-provider host, when sampled. */
  peakRssKiB?: number;
}

const PASSPHRASE = "bench-passphrase";
/** A deployment of 500 resources on a busy 2-core machine can take minutes. */
const COMMAND_TIMEOUT_MS = 15 * 60_000;

function npmInstall(dir: string): void {
  npm(["install", ...NPM_INSTALL_FLAGS], dir);
}

export class BenchProject {
  readonly project: PulumiProject;
  private readonly variants = new Map<string, PulumiProject>();

  private constructor(
    readonly dir: string,
    readonly backend: Backend,
    private readonly info: EmulatorInfo,
    readonly meetingsFile: string,
  ) {
    this.project = this.cli();
  }

  /** The same installed program and meetings, with its stacks in another backend. */
  withBackend(backend: Backend): BenchProject {
    return new BenchProject(this.dir, backend, this.info, this.meetingsFile);
  }

  /** The CLI on this project, with extra environment variables (e.g. PULUMI_SKIP_CHECKPOINTS). */
  private cli(env?: Record<string, string>): PulumiProject {
    const key = JSON.stringify(env ?? {});
    let p = this.variants.get(key);
    if (!p) {
      const where = this.backend.kind === "file" ? { backendDir: this.backend.dir } : { backendUrl: this.backend.url };
      const backendEnv = this.backend.kind === "azblob" ? this.backend.env : {};
      p = new PulumiProject({ cwd: this.dir, ...where, homeDir: path.join(e2eRunDir(), "pulumi-home"), passphrase: PASSPHRASE, caFile: this.info.caFile, env: { ...backendEnv, ...env } });
      this.variants.set(key, p);
    }
    return p;
  }

  /** Packs the package, installs bench/program with it, and writes the meeting ids for the program. */
  static install(info: EmulatorInfo, meetingIds: string[]): BenchProject {
    const tarball = packPackage();
    const dir = path.join(e2eRunDir(), "bench-program");
    fs.cpSync(path.join(REPO_ROOT, "bench", "program"), dir, { recursive: true, filter: (p) => !/node_modules|Pulumi\..+\.yaml$/.test(p) });
    const pkgFile = path.join(dir, "package.json");
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { dependencies: Record<string, string> };
    pkg.dependencies["pulumi-msgraph-meetings"] = "file:" + tarball;
    fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2) + "\n");
    npmInstall(dir);
    const meetingsFile = path.join(e2eRunDir(), "meetings.json");
    fs.writeFileSync(meetingsFile, JSON.stringify(meetingIds));
    return new BenchProject(dir, { kind: "file", dir: path.join(e2eRunDir(), "backend") }, info, meetingsFile);
  }

  /** stack init + config; `meetingsFile` overrides the project's (stacks on disjoint meetings). */
  async initStack(stack: string, mode: Mode, count: number, meetingsFile = this.meetingsFile): Promise<void> {
    await initEmulatorStack(this.project, stack, this.info, [
      ["mode", mode],
      ["count", String(count)],
      ["meetingsFile", meetingsFile],
      ["organizerId", this.info.organizer.id],
    ]);
  }

  async setCount(stack: string, count: number): Promise<void> {
    await this.project.setConfig(stack, "count", String(count));
  }

  static upArgs = (stack: string) => ["up", "--yes", "--skip-preview", "--stack", stack];
  static refreshArgs = (stack: string) => ["refresh", "--yes", "--skip-preview", "--stack", stack];
  static destroyArgs = (stack: string) => ["destroy", "--yes", "--skip-preview", "--stack", stack];
  /** The command line as the report shows it (PulumiProject.run appends the last two flags). */
  static commandText = (args: string[]) => `pulumi ${args.join(" ")} --non-interactive --color never`;

  /** Runs one CLI command and times it; throws on failure unless allowFailure. */
  async timed(args: string[], opts: { rss?: boolean; allowFailure?: boolean; env?: Record<string, string> } = {}): Promise<Timed> {
    const sampler = opts.rss ? new HostRssSampler() : undefined;
    sampler?.start();
    const t0 = performance.now();
    try {
      const r = await this.cli(opts.env).run(args, { allowFailure: opts.allowFailure, timeoutMs: COMMAND_TIMEOUT_MS });
      return { seconds: (performance.now() - t0) / 1000, code: r.code, stdout: r.stdout, stderr: r.stderr, peakRssKiB: sampler?.stop() };
    } finally {
      sampler?.stop();
    }
  }

  /** The stack's state file in the file backend. */
  stateFile(stack: string): string {
    if (this.backend.kind !== "file") throw new Error("stateFile: the stacks are not in a file backend");
    const root = path.join(this.backend.dir, ".pulumi", "stacks");
    const found = fs
      .readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((p) => path.basename(p) === `${stack}.json`)
      .map((p) => path.join(root, p));
    if (found.length !== 1) throw new Error(`state file of stack ${stack}: found ${found.length} under ${root}`);
    return found[0];
  }
}
