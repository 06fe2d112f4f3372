// A suite of dynamic-provider host tests as mocha hooks: the emulator the hosts talk to, the engine
// stand-in they report to, and the program directory they run in (the package installed from its
// `npm pack` tarball); every host started through the suite is stopped after it.
import { startEmulator, type EmulatorProcess } from "./emulator";
import { startDynamicHost, type DynamicHost, type StartDynamicHostOptions } from "./dynamicProviderHost";
import { installProgramDir } from "./dynamicProviderHostProgram";
import { startFakeEngine, type FakeEngine } from "./fakeEngine";
import { emulatorStackConfig } from "./stackConfig";

export interface DynamicHostSuite {
  emu: EmulatorProcess;
  engine: FakeEngine;
  /** The program directory (installProgramDir()). */
  dir: string;
  /** The stack config a user would set for this emulator (client secret included). */
  stack: Record<string, string>;
  /** Starts a host in the program directory, reporting to the engine; stopped after the suite. */
  startHost(options?: Pick<StartDynamicHostOptions, "env" | "nodeArgs">): Promise<DynamicHost>;
}

/** before(): emulator, engine and program directory, then `use`; after(): every host, the engine, the emulator. */
export function dynamicHostSuite(use: (suite: DynamicHostSuite) => void | Promise<void>): void {
  const hosts: DynamicHost[] = [];
  let emu: EmulatorProcess | undefined;
  let engine: FakeEngine | undefined;
  before(async () => {
    emu = await startEmulator();
    engine = await startFakeEngine();
    const dir = installProgramDir();
    const started = { emu, engine };
    await use({
      ...started,
      dir,
      stack: emulatorStackConfig(emu.info) as Record<string, string>,
      async startHost(options = {}) {
        const host = await startDynamicHost({ programDir: dir, engineAddress: started.engine.address, ...options });
        hosts.push(host);
        return host;
      },
    });
  });
  after(async () => {
    for (const h of hosts) await h.stop();
    await engine?.stop();
    await emu?.stop();
  });
}
