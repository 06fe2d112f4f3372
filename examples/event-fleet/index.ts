// event-fleet: one Pulumi stack per event of a YAML catalogue, in a shared backend.
//
//   npm run fleet -- [--catalogue events.yaml] [--concurrency 4] [--all] [--refresh]
//                    [--prefix event-] [--project event-fleet] [--summary-json FILE]
//
// The backend, passphrase and Graph credentials come from the environment, as for the pulumi CLI:
// PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE, and the msgraph fallbacks (AZURE_TENANT_ID,
// AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE, MSGRAPH_GRAPH_ENDPOINT, …).
// Exit code: 0 every stack converged, 1 at least one failed (see the table), 2 bad catalogue or options.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { CatalogueError, readCatalogue } from "./catalogue";
import { runFleet, summaryTable } from "./fleet";

/** The backend URL without its query (which may carry settings a log should not show). */
function backendName(url: string | undefined): string {
  if (!url) return "(the CLI's login)";
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

function usage(message: string): never {
  process.stderr.write(`event-fleet: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        catalogue: { type: "string", default: "events.yaml" },
        concurrency: { type: "string", default: "4" },
        prefix: { type: "string", default: "event-" },
        project: { type: "string", default: "event-fleet" },
        all: { type: "boolean", default: false },
        refresh: { type: "boolean", default: false },
        "secrets-provider": { type: "string" },
        "work-dir": { type: "string", default: path.join(__dirname, ".fleet") },
        "summary-json": { type: "string" },
      },
    }));
  } catch (err) {
    usage((err as Error).message);
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) usage(`--concurrency must be a whole number >= 1, not "${values.concurrency}"`);
  const workDir = path.resolve(values["work-dir"]!);
  try {
    // The dynamic-provider host loads the provider from its working directory (the stack's work dir).
    require.resolve("pulumi-msgraph-meetings/package.json", { paths: [workDir] });
  } catch {
    usage(`--work-dir ${workDir} is not inside a directory where pulumi-msgraph-meetings is installed; the provider is loaded from there. Use a directory under ${__dirname}`);
  }
  const catalogueFile = path.resolve(values.catalogue!);
  if (!fs.existsSync(catalogueFile)) usage(`no catalogue at ${catalogueFile} (pass --catalogue FILE)`);

  let events;
  try {
    events = readCatalogue(catalogueFile);
  } catch (err) {
    if (err instanceof CatalogueError) usage(err.message);
    throw err;
  }
  const log = (line: string) => process.stdout.write(line + "\n");
  log(`fleet: ${events.length} event${events.length === 1 ? "" : "s"} in ${path.basename(catalogueFile)}, ${concurrency} at a time, backend ${backendName(process.env.PULUMI_BACKEND_URL)}`);
  const started = Date.now();
  const results = await runFleet(events, {
    project: values.project!,
    stackPrefix: values.prefix!,
    concurrency,
    workDir,
    all: values.all!,
    refresh: values.refresh!,
    secretsProvider: values["secrets-provider"],
    progress: log,
  });
  const failed = results.filter((r) => r.error);
  log("");
  log(summaryTable(results));
  log("");
  log(`fleet: ${results.length - failed.length} of ${results.length} stacks converged in ${((Date.now() - started) / 1000).toFixed(1)} s${failed.length ? `; ${failed.length} failed: ${failed.map((r) => r.stack).join(", ")}` : ""}`);
  if (values["summary-json"]) fs.writeFileSync(values["summary-json"], JSON.stringify(results, null, 2) + "\n");
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`event-fleet: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
