// In-process use of the emulator (bench, demos, embedding): startEmulator → { info, close() }.
import * as path from "node:path";
import { DEFAULT_CONFIG, mergeConfig, loadConfigFile, type EmulatorConfig, type Profile } from "./config";
import { isLoopbackHost } from "./bind";
import { defaultCaDir, ensureCa, issueServerCertificate } from "./tls";
import { EmulatorServer } from "./server";

export type { EmulatorConfig } from "./config";
export { DEFAULT_CONFIG } from "./config";
export { ensureCa, defaultCaDir } from "./tls";
export { trustBundle } from "./trust";

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
  /** Which documentation the registration routes follow: seed, current or retired (config `profile`). */
  profile: Profile;
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
  const host = options.host ?? "127.0.0.1";
  const ca = ensureCa(resolveCaDir({ caDir: options.caDir, dataDir }), [host]);
  const tls = await issueServerCertificate(ca, [host]);
  if (!isLoopbackHost(host) && config.autoApproveDeviceCodes) {
    // Anyone who can reach the port could sign in as the organizer with a known client id.
    config = { ...config, autoApproveDeviceCodes: false };
  }
  const server = new EmulatorServer({ host, port: options.port ?? 0, dataDir, config, tls, log });
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
    profile: server.config.profile,
  };
  const listening = server.listenAddress;
  log(`listening on ${listening} (data: ${dataDir ?? "in memory"}, CA: ${ca.caFile}, profile: ${server.config.profile})`);
  if (!isLoopbackHost(host)) {
    log(
      `WARNING: listening on ${listening}, which is not a loopback address: other machines can reach this emulator. ` +
        `Device codes are no longer approved automatically (approve them with POST /_emulator/device-codes/{code}/approve). Use --host 127.0.0.1 unless you need remote access.`,
    );
  }
  return { info, server, close: () => server.close() };
}
