// `npm run azurite`: a local Azure Blob state backend for the Pulumi CLI. Starts Azurite (blob service
// only, loopback, telemetry off) with a workspace and port, creates the container, prints one JSON
// line on stdout and runs until Ctrl-C (SIGINT/SIGTERM):
//   {"backendUrl":"azblob://pulumi-state?localemu=true&domain=127.0.0.1:<port>&protocol=http",
//    "env":{"AZURE_STORAGE_ACCOUNT":"devstoreaccount1","AZURE_STORAGE_KEY":"…"},"location":"…","blobEndpoint":"…"}
// Options: --port N (default: a free one), --location DIR (default: a new temp dir; pass one to keep
// the state across runs), --container NAME (default pulumi-state).
// The key is Azurite's well-known development key (public), not a secret.
// Started by scripts/launch.js (`npm run azurite`), which runs it through ts-node.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startAzurite } from "../test/support/azurite";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: "string", default: "0" }, location: { type: "string" }, container: { type: "string", default: "pulumi-state" } },
  });
  const location = values.location ? path.resolve(values.location) : undefined;
  const az = await startAzurite({ port: Number(values.port), location });
  const backend = await az.backend(values.container);
  process.stdout.write(JSON.stringify({ backendUrl: backend.url, env: backend.env, location: az.location, blobEndpoint: az.blobEndpoint }) + "\n");
  process.stderr.write(
    `azurite: blob service at ${az.blobEndpoint}, workspace ${az.location}. In another shell:\n` +
      `  export PULUMI_BACKEND_URL='${backend.url}'\n` +
      Object.entries(backend.env).map(([k, v]) => `  export ${k}='${v}'\n`).join("") +
      `  pulumi login && pulumi stack init dev\nCtrl-C stops it.\n`,
  );
  let stopping = false;
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      void az.stop().then(() => {
        // A temp workspace of our own goes with the process; a --location stays.
        if (!location) fs.rmSync(az.location, { recursive: true, force: true });
        process.exit(0);
      });
    });
  }
  setInterval(() => {}, 1 << 30); // the child is unref'd: keep this process alive until a signal
}

main().catch((err: Error) => {
  console.error(`azurite: ${err.message}`);
  process.exit(1);
});
