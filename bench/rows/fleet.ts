// Row 9: E events (a meeting, its registration and the 3 registrants of examples/event-setup's CSV:
// 5 resources each), one stack per event in one Azure Blob backend (Azurite):
//   fleet   examples/event-fleet over a catalogue of the E events, `--concurrency C`: its wall time
//           (node start to exit), then an empty catalogue destroys them (timed too);
//   serial  examples/event-setup, one stack per event configured beforehand (not timed), then a shell
//           style loop of `pulumi up`, one stack after the other: the sum of the ups.
// Both installed from the packed package, same emulator, no write budget.
import * as path from "node:path";
import type { AzuriteProcess } from "../../test/support/azurite";
import type { EmulatorProcess } from "../../test/support/emulator";
import { e2eRunDir, REPO_ROOT } from "../../test/support/paths";
import { installExample } from "../../test/support/npmPack";
import { emulatorConfig } from "../../test/support/stackConfig";
import { PulumiProject } from "../../test/support/pulumiCli";
import { Fleet, type CatalogueEvent } from "../../test/support/eventFleet";
import { readRegistrants } from "../../examples/event-setup/registrants";
import { BenchProject } from "../lib/project";
import type { FleetBenchResult } from "../lib/results";

const PASSPHRASE = "bench-passphrase";
const START = "2030-02-01T10:00:00Z";
const END = "2030-02-01T11:00:00Z";

export interface FleetOptions {
  events: number;
  concurrency: number;
  log: (line: string) => void;
}

export async function fleetVersusSerial(emu: EmulatorProcess, azurite: AzuriteProcess, opts: FleetOptions): Promise<FleetBenchResult> {
  const info = emu.info;
  const registrants = readRegistrants(path.join(REPO_ROOT, "examples", "event-setup", "registrants.csv")).map((r) => r.registrantId);
  const ids = Array.from({ length: opts.events }, (_, i) => `e${i}`);

  // The fleet program.
  const fleet = Fleet.install(info, await azurite.backend("bench-fleet"), PASSPHRASE, "bench-event-fleet");
  const events: CatalogueEvent[] = ids.map((id) => ({ id, kind: "meeting", subject: `Event ${id}`, start: START, end: END, registration: { registrants: registrants.map((r) => ({ id: r })) } }));
  const catalogue = fleet.writeCatalogue(info.organizer.id, events, "bench-events.yaml");
  const empty = fleet.writeCatalogue(info.organizer.id, [], "bench-empty.yaml");
  const fleetArgs = ["--concurrency", String(opts.concurrency)];
  let t0 = Date.now();
  const up = await fleet.run(catalogue, fleetArgs, 60 * 60_000);
  const fleetUp = (Date.now() - t0) / 1000;
  opts.log(`fleet over ${opts.events} events, concurrency ${opts.concurrency}: ${fleetUp.toFixed(1)} s, exit ${up.code}`);
  t0 = Date.now();
  const down = await fleet.run(empty, fleetArgs, 60 * 60_000);
  const fleetDestroy = (Date.now() - t0) / 1000;
  opts.log(`fleet destroy: ${fleetDestroy.toFixed(1)} s, exit ${down.code}`);

  // The serial loop over the same events as event-setup stacks.
  const dir = installExample("event-setup", path.join(e2eRunDir(), "bench-event-setup"));
  const backend = await azurite.backend("bench-serial");
  const cli = new PulumiProject({ cwd: dir, backendUrl: backend.url, homeDir: path.join(e2eRunDir(), "pulumi-home"), passphrase: PASSPHRASE, caFile: info.caFile, env: backend.env });
  for (const id of ids) {
    await cli.stackInit(id);
    await cli.setConfigAll(id, [...emulatorConfig(info), ["organizerId", info.organizer.id], ["subject", `Event ${id}`], ["startDateTime", START], ["endDateTime", END]]);
    await cli.setConfig(id, "msgraph:clientSecret", info.app.clientSecret, { secret: true });
  }
  let serialUp = 0;
  let serialFailures = 0;
  for (const id of ids) {
    t0 = Date.now();
    const r = await cli.run(BenchProject.upArgs(id), { allowFailure: true, timeoutMs: 15 * 60_000 });
    serialUp += (Date.now() - t0) / 1000;
    if (r.code !== 0) serialFailures++;
  }
  opts.log(`serial loop of pulumi up over ${opts.events} stacks: ${serialUp.toFixed(1)} s, ${serialFailures} failed`);
  for (const id of ids) await cli.run(BenchProject.destroyArgs(id), { allowFailure: true, timeoutMs: 15 * 60_000 });

  return {
    events: opts.events,
    resourcesPerEvent: 2 + registrants.length,
    concurrency: opts.concurrency,
    commands: {
      fleet: `npm run fleet -- --catalogue <E events> --concurrency ${opts.concurrency}`,
      serial: `for s in <E stacks>; do ${BenchProject.commandText(BenchProject.upArgs("$s"))}; done`,
    },
    fleet: {
      upSeconds: fleetUp,
      destroySeconds: fleetDestroy,
      exitCode: up.code ?? -1,
      failed: (up.results ?? []).filter((r) => r.error).length + (down.results ?? []).filter((r) => r.error).length,
      stackSeconds: (up.results ?? []).map((r) => r.seconds),
    },
    serial: { upSeconds: serialUp, failures: serialFailures },
  };
}
