#!/usr/bin/env node
// msgraph-emulator: the local Microsoft Graph + Entra ID emulator. Prints one JSON ready line on
// stdout; logs go to stderr. `msgraph-emulator trust` prints a CA bundle for NODE_EXTRA_CA_CERTS: what
// the shell already trusts there plus the emulator's CA (`ca` prints the CA file alone).
import { parseArgs } from "node:util";
import { ensureCa } from "./tls";
import { trustBundle } from "./trust";
import { resolveCaDir, startEmulator } from "./index";
import type { EmulatorConfig } from "./config";

const USAGE = `usage: msgraph-emulator [--host 127.0.0.1] [--port 0] [--data-dir DIR] [--config FILE] [--ca-dir DIR] [--profile seed|current|retired]
       msgraph-emulator trust [--ca-dir DIR] [--data-dir DIR]   print a CA bundle for NODE_EXTRA_CA_CERTS:
                          the current NODE_EXTRA_CA_CERTS plus the emulator's CA (created if needed)
       msgraph-emulator ca [--ca-dir DIR] [--data-dir DIR]      print the CA file path alone`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "0" },
      "data-dir": { type: "string" },
      config: { type: "string" },
      "ca-dir": { type: "string" },
      profile: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return;
  }
  if (positionals[0] === "ca") {
    process.stdout.write(ensureCa(resolveCaDir({ caDir: values["ca-dir"], dataDir: values["data-dir"] })).caFile + "\n");
    return;
  }
  if (positionals[0] === "trust") {
    const { caFile } = ensureCa(resolveCaDir({ caDir: values["ca-dir"], dataDir: values["data-dir"] }));
    process.stdout.write(trustBundle(caFile) + "\n");
    return;
  }
  if (positionals.length > 0) throw new Error(`unknown command ${positionals[0]}\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535`);
  const emulator = await startEmulator({
    host: values.host,
    port,
    dataDir: values["data-dir"],
    caDir: values["ca-dir"],
    configFile: values.config,
    config: values.profile === undefined ? undefined : { profile: values.profile as EmulatorConfig["profile"] },
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[msgraph-emulator] ${signal}: shutting down\n`);
    emulator.close().then(
      () => process.exit(0),
      (err) => {
        process.stderr.write(`[msgraph-emulator] shutdown failed: ${err}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.stdout.write(JSON.stringify(emulator.info) + "\n");
}

main().catch((err) => {
  process.stderr.write(`[msgraph-emulator] ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
