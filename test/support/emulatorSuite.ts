// The mocha hooks of a suite on one emulator (a module of its own: emulator.ts also serves the
// benchmark and the scripts, which run without mocha).
//
//   let emu: EmulatorProcess;
//   emulatorSuite({ config: { registrantPageSize: 2 } }, (started) => (emu = started));
import { startEmulator, type EmulatorProcess, type StartEmulatorOptions } from "./emulator";

/**
 * before() starts an emulator with `options` and hands it to `use` (which may make tokens and
 * fixtures on it); after() stops it (dispose(): a `tempDataDir` goes too).
 */
export function emulatorSuite(options: StartEmulatorOptions, use: (emu: EmulatorProcess) => unknown): void {
  let started: EmulatorProcess | undefined;
  before(async () => {
    started = await startEmulator(options);
    await use(started);
  });
  after(() => started?.dispose());
}
