// examples/event-fleet as a user runs it: installed from the packed package, started with its own
// `ts-node`, the real CLI on PATH, the backend (Azurite) and the Graph credentials in the
// environment (the provider's fallbacks: no stack config). Shared by the e2e test and the benchmark.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { e2eRunDir } from "./paths";
import { installExample } from "./npmPack";
import { PulumiProject } from "./pulumiCli";
import type { AzuriteBackend } from "./azurite";
import type { EmulatorInfo } from "./emulator";

export interface FleetResult {
  event: string;
  stack: string;
  action: "create" | "update" | "unchanged" | "destroy";
  changed: number;
  seconds: number;
  error?: string;
}

export interface FleetRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The --summary-json file, when the run got that far. */
  results?: FleetResult[];
}

/** A catalogue event as written to the YAML (see examples/event-fleet/catalogue.ts). */
export interface CatalogueEvent {
  id: string;
  kind?: string;
  organizerId?: string;
  subject: string;
  start: string;
  end: string;
  registration?: { allowedRegistrant?: string; registrants?: { id: string; tenantId?: string; userId?: string }[] };
}

export class Fleet {
  private runs = 0;

  private constructor(
    readonly dir: string,
    /** The CLI for `pulumi stack ls` etc. on the same backend, project dir = the example. */
    readonly cli: PulumiProject,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Installs the example once into this run's directory and prepares its environment. */
  static install(info: EmulatorInfo, backend: AzuriteBackend, passphrase: string, name = "event-fleet"): Fleet {
    const dir = installExample("event-fleet", path.join(e2eRunDir(), name));
    const cli = new PulumiProject({
      cwd: dir,
      backendUrl: backend.url,
      homeDir: path.join(e2eRunDir(), "pulumi-home"),
      passphrase,
      caFile: info.caFile,
      env: {
        ...backend.env,
        AZURE_TENANT_ID: info.tenantId,
        AZURE_CLIENT_ID: info.app.clientId,
        AZURE_CLIENT_SECRET: info.app.clientSecret,
        MSGRAPH_GRAPH_ENDPOINT: info.graphEndpoint,
        AZURE_AUTHORITY_HOST: info.authorityHost,
      },
    });
    return new Fleet(dir, cli, cli.env);
  }

  /** Writes a catalogue file (organizerId as the default organizer) and returns its path. */
  writeCatalogue(organizerId: string, events: CatalogueEvent[], file = `events-${this.runs + 1}.yaml`): string {
    const p = path.join(this.dir, file);
    fs.writeFileSync(p, stringify({ organizerId, events }));
    return p;
  }

  /** `npm run fleet -- --catalogue FILE …` (as node + ts-node, without npm's own start-up). */
  run(catalogue: string, args: string[] = [], timeoutMs = 600_000): Promise<FleetRun> {
    const summary = path.join(this.dir, `summary-${++this.runs}.json`);
    const argv = ["-r", "ts-node/register/transpile-only", "index.ts", "--catalogue", catalogue, "--summary-json", summary, ...args];
    return new Promise((resolve, reject) => {
      const child = spawn("node", argv, { cwd: this.dir, env: this.env, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        const results = fs.existsSync(summary) ? (JSON.parse(fs.readFileSync(summary, "utf8")) as FleetResult[]) : undefined;
        resolve({ code, stdout, stderr, results });
      });
    });
  }

  /** Stack names of the example's project in the backend. */
  async stacks(): Promise<string[]> {
    const out = (await this.cli.run(["stack", "ls", "--all", "--json"])).stdout;
    return (JSON.parse(out) as { name: string }[])
      .filter((s) => !s.name.includes("/") || s.name.includes("/event-fleet/"))
      .map((s) => s.name.split("/").pop()!)
      .sort();
  }
}
