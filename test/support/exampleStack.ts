// What the end-to-end test files share within one mocha process: the run directory, one PULUMI_HOME,
// one npm-packed tarball and one install of examples/basic-registration (copied, never reinstalled,
// when a test needs its own), and a way to set up a stack of that example against an emulator.
import * as fs from "node:fs";
import * as path from "node:path";
import { e2eRunDir, installExample, copyInstalledExample } from "./npmPack";
import { emulatorConfig, PulumiProject, pulumiBinDir } from "./pulumiCli";
import { PlainGraph } from "./plainGraph";

export const PASSPHRASE = "e2e-test-passphrase";

/** The subset of the emulator helper's `info` the e2e tests use. */
export interface EmulatorInfo {
  graphEndpoint: string;
  authorityHost: string;
  tenantId: string;
  caFile: string;
  organizer: { id: string; userPrincipalName: string };
  app: { clientId: string; clientSecret: string };
}

let basicInstall: string | undefined;

/** examples/basic-registration installed from the packed tarball, once per process. */
export function installedBasicExample(): string {
  if (!basicInstall) basicInstall = installExample("basic-registration", path.join(e2eRunDir(), "basic-registration"));
  return basicInstall;
}

/** A private copy of the installed example (own node_modules, own stack files). */
export function copyOfBasicExample(name: string): string {
  const dest = path.join(e2eRunDir(), name);
  if (fs.existsSync(dest)) throw new Error(`${dest} exists already`);
  return copyInstalledExample(installedBasicExample(), dest);
}

/** The CLI for a project dir, with a file backend of its own and the run's PULUMI_HOME. */
export function projectFor(dir: string, info: EmulatorInfo, backendName: string): PulumiProject {
  pulumiBinDir();
  return new PulumiProject({
    cwd: dir,
    backendDir: path.join(e2eRunDir(), "backends", backendName),
    homeDir: path.join(e2eRunDir(), "pulumi-home"),
    passphrase: PASSPHRASE,
    caFile: info.caFile,
  });
}

/** Creates a stack configured for the emulator (client secret as a config secret unless told otherwise). */
export async function initStack(
  project: PulumiProject,
  stack: string,
  info: EmulatorInfo,
  program: { meetingId: string; allowedRegistrant?: string; importId?: string; clientSecretInConfig?: boolean; appInConfig?: boolean },
): Promise<void> {
  await project.stackInit(stack);
  // appInConfig false: the tenant and app come from AZURE_TENANT_ID / AZURE_CLIENT_ID, as in CI.
  const plain: [string, string][] = [
    ...emulatorConfig(info, program.appInConfig === false ? null : info.app.clientId),
    ["organizerId", info.organizer.id],
    ["meetingId", program.meetingId],
  ];
  if (program.allowedRegistrant) plain.push(["allowedRegistrant", program.allowedRegistrant]);
  if (program.importId) plain.push(["importId", program.importId]);
  await project.setConfigAll(stack, plain);
  if (program.clientSecretInConfig !== false && program.appInConfig !== false) await project.setConfig(stack, "msgraph:clientSecret", info.app.clientSecret, { secret: true });
}

export function plainGraph(info: EmulatorInfo): PlainGraph {
  return new PlainGraph(info);
}
