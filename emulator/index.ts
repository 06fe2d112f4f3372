// In-process use of the emulator (bench, demos, embedding): startEmulator → { info, close() }.
import * as path from "node:path";
import { DEFAULT_CONFIG, mergeConfig, loadConfigFile, type EmulatorConfig } from "./config";
import { defaultCaDir, ensureCa, issueServerCertificate } from "./tls";
import { EmulatorServer } from "./server";

export type { EmulatorConfig } from "./config";
export { DEFAULT_CONFIG } from "./config";
export { ensureCa, defaultCaDir } from "./tls";

/** The ready line: everything a client needs to talk to the emulator. */
export interface EmulatorInfo {
  graphEndpoint: string;
  authorityHost: string;
  tenantId: string;
  caFile: string;
  adminEndpoint: string;
  adminToken: string;
  organizer: { id: string; userPrincipalName: string };
  app: { clientId: string; clientSecret: string };
  /** The seeded public client: device-code sign-in of the organizer, delegated VirtualEvent.ReadWrite and OnlineMeetings.ReadWrite. */
  publicClient: { clientId: string };
}

export interface StartOptions {
  host?: string; // default 127.0.0.1
  port?: number; // default 0 (any free port)
  /** Persist state here (and keep the CA in <dataDir>/tls unless caDir is given). */
  dataDir?: string;
  caDir?: string;
  /** JSON config file; `config` is applied over it. */
  configFile?: string;
  config?: Partial<EmulatorConfig>;
  /** Where logs go (default: stderr). */
  log?: (message: string) => void;
}

export interface RunningEmulator {
  info: EmulatorInfo;
  server: EmulatorServer;
  close(): Promise<void>;
}

export function resolveCaDir(options: { caDir?: string; dataDir?: string }): string {
  if (options.caDir) return path.resolve(options.caDir);
  if (options.dataDir) return path.join(path.resolve(options.dataDir), "tls");
  return defaultCaDir();
}

export async function startEmulator(options: StartOptions = {}): Promise<RunningEmulator> {
  const log = options.log ?? ((m: string) => process.stderr.write(`[msgraph-emulator] ${m}\n`));
  let config = options.configFile ? loadConfigFile(options.configFile) : { ...DEFAULT_CONFIG };
  if (options.config) config = mergeConfig(config, options.config);
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir) (await import("node:fs")).mkdirSync(dataDir, { recursive: true });
  const ca = ensureCa(resolveCaDir({ caDir: options.caDir, dataDir }));
  const tls = await issueServerCertificate(ca, options.host ? [options.host] : []);
  const server = new EmulatorServer({ host: options.host ?? "127.0.0.1", port: options.port ?? 0, dataDir, config, tls, log });
  await server.start();
  const { tenant, organizer, app, publicClient } = server.store.defaults();
  const origin = server.origin;
  const info: EmulatorInfo = {
    graphEndpoint: origin,
    authorityHost: origin,
    tenantId: tenant.id,
    caFile: ca.caFile,
    adminEndpoint: `${origin}/_emulator`,
    adminToken: server.store.adminToken,
    organizer: { id: organizer.id, userPrincipalName: organizer.userPrincipalName },
    app: { clientId: app.clientId, clientSecret: app.secrets[0] },
    publicClient: { clientId: publicClient.clientId },
  };
  log(`listening on ${origin} (data: ${dataDir ?? "in memory"}, CA: ${ca.caFile})`);
  return { info, server, close: () => server.close() };
}
