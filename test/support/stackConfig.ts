// The msgraph:* stack config that points the provider at an emulator, in the three forms the suite,
// the benchmark and the scripts use: key/value pairs for `pulumi config set-all`, a record for a
// provider context or a dynamic-provider host's configure, and a whole stack set up through the CLI.
import type { EmulatorInfo } from "../../emulator/index";
import type { PulumiProject } from "./pulumiCli";

type EmulatorTarget = Pick<EmulatorInfo, "graphEndpoint" | "authorityHost" | "tenantId"> & { app: { clientId: string; clientSecret?: string } };

/**
 * The plain-text msgraph:* keys: endpoints, tenant and (unless null) the app's client id. The
 * credential itself is set separately, as a secret.
 */
export function emulatorConfig(info: EmulatorTarget, clientId: string | null = info.app.clientId): [string, string][] {
  const keys: [string, string][] = [
    ["msgraph:graphEndpoint", info.graphEndpoint],
    ["msgraph:authorityHost", info.authorityHost],
  ];
  if (clientId !== null) keys.push(["msgraph:tenantId", info.tenantId], ["msgraph:clientId", clientId]);
  return keys;
}

/** The whole stack config a user would set (client secret included), as one record; `overrides` win (undefined removes a key's value). */
export function emulatorStackConfig(info: EmulatorInfo, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { ...Object.fromEntries(emulatorConfig(info)), "msgraph:clientSecret": info.app.clientSecret, ...overrides };
}

export interface InitStackOptions {
  /** false: the tenant and app come from AZURE_TENANT_ID / AZURE_CLIENT_ID (as in CI), not config. */
  appInConfig?: boolean;
  /** false: no msgraph:clientSecret in config (a credential from the environment or a file instead). */
  clientSecretInConfig?: boolean;
}

/** `pulumi stack init` + the msgraph:* keys for this emulator + the program's own `keys`, the client secret as a config secret. */
export async function initEmulatorStack(project: PulumiProject, stack: string, info: EmulatorInfo, keys: [string, string][], options: InitStackOptions = {}): Promise<void> {
  const inConfig = options.appInConfig !== false;
  await project.stackInit(stack);
  await project.setConfigAll(stack, [...emulatorConfig(info, inConfig ? info.app.clientId : null), ...keys]);
  if (options.clientSecretInConfig !== false && inConfig) await project.setConfig(stack, "msgraph:clientSecret", info.app.clientSecret, { secret: true });
}
