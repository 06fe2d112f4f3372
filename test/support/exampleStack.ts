// What the end-to-end test files share within one mocha process: the run directory, one PULUMI_HOME,
// one npm-packed tarball and one install of examples/basic-registration (copied, never reinstalled,
// when a test needs its own), and a way to set up a stack of that example against an emulator.
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { e2eRunDir } from "./paths";
import { installExample, copyInstalledExample } from "./npmPack";
import { pulumiBinDir } from "./pulumiBin";
import { PulumiProject } from "./pulumiCli";
import { startEmulator, type EmulatorInfo, type EmulatorProcess, type StartEmulatorOptions } from "./emulator";
import { PlainGraph } from "./plainGraph";
import { initEmulatorStack, type InitStackOptions } from "./stackConfig";

export const PASSPHRASE = "e2e-test-passphrase";

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

/** Creates a stack of the basic example configured for the emulator (client secret as a config secret unless told otherwise). */
export async function initStack(
  project: PulumiProject,
  stack: string,
  info: EmulatorInfo,
  program: { meetingId: string; allowedRegistrant?: string; importId?: string } & InitStackOptions,
): Promise<void> {
  const keys: [string, string][] = [
    ["organizerId", info.organizer.id],
    ["meetingId", program.meetingId],
  ];
  if (program.allowedRegistrant) keys.push(["allowedRegistrant", program.allowedRegistrant]);
  if (program.importId) keys.push(["importId", program.importId]);
  await initEmulatorStack(project, stack, info, keys, program);
}

export interface ExampleRun {
  emulator: EmulatorProcess;
  info: EmulatorInfo;
  /** The installed example's directory. */
  dir: string;
  /** The CLI for it, with a file backend named after the test. */
  project: PulumiProject;
  /** Plain Graph calls as the seeded app ("behind Pulumi's back"). */
  graph: PlainGraph;
}

/**
 * Mocha hooks of an end-to-end suite: before() starts an emulator (with `options`), installs the
 * example (`install`: first use may build the CLI and installs from the tarball, hence its long
 * timeout), sets up the CLI for it with the file backend `backend`, and hands all that to `use`
 * (which may set up stacks); after() stops the emulator.
 */
export function exampleRun(backend: string, install: () => string, use: (run: ExampleRun) => void | Promise<void>, options: StartEmulatorOptions = {}): void {
  let emulator: EmulatorProcess | undefined;
  before(async function () {
    this.timeout(45 * 60_000);
    emulator = await startEmulator(options);
    const info = emulator.info;
    const dir = install();
    await use({ emulator, info, dir, project: projectFor(dir, info, backend), graph: new PlainGraph(info) });
  });
  after(async () => {
    await emulator?.stop();
  });
}

/**
 * The test that an installed example type-checks against the declarations in the packed package:
 * the e2e runs transpile only, so this is where API drift between package and example shows.
 */
export function itTypeChecksAgainstThePackage(dir: () => string): void {
  it("the example type-checks against the declarations in the packed package", () => {
    const tsc = path.join(dir(), "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "--noEmit", "-p", dir()], { cwd: dir(), encoding: "utf8" });
    expect(r.stdout + r.stderr).to.equal("");
    expect(r.status).to.equal(0);
  });
}
