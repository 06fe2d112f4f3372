// Row 10: N anonymous webinar registrations (VirtualEventRegistration) in one `pulumi up` under
// Microsoft's documented limit for virtual events, 15 writes per 30 s per app (the emulator's
// `virtualEventsThrottle` switch: a sliding window, 429 + Retry-After beyond it). Graph answers each
// create 204 without a body, so the provider finds the id by a lookup: from the request log, how
// close the creates came to the budget, and what each registration cost (target: 1 write, at most
// 1 lookup).
import type { EmulatorProcess } from "../../test/support/emulator";
import { dynamicResources } from "../../test/support/pulumiCli";
import { createPublishedWebinar } from "../../test/support/webinarFixtures";
import { BenchProject } from "../lib/project";
import type { WebinarBenchResult } from "../lib/results";

/** Every call on a webinar's registrations: the create, the lookups (key, filter, list), reads, cancels. */
const registrationCall = /\/registrations([(/?]|$)/;
const isCreate = (e: { method: string; path: string }) => e.method === "POST" && /\/registrations$/.test(e.path);

export async function webinarRegistrations(emu: EmulatorProcess, bench: BenchProject, n: number): Promise<WebinarBenchResult> {
  const webinarId = await createPublishedWebinar(emu.info, "bench webinar");
  const stack = "webinar";
  await bench.initStack(stack, "webinar", n);
  await bench.project.setConfig(stack, "webinarId", webinarId);
  const config = await emu.admin.config();
  const writesPer30s = config.virtualEventsWritesPer30s;
  await emu.admin.clearRequests();
  // Turning the switch on starts every window afresh: the webinar's own writes above do not count.
  await emu.admin.setConfig({ virtualEventsThrottle: true });
  const args = BenchProject.upArgs(stack);
  let run;
  try {
    run = await bench.timed(args, { allowFailure: true });
  } finally {
    await emu.admin.setConfig({ virtualEventsThrottle: false });
  }
  const log = (await emu.admin.requests()).filter((e) => registrationCall.test(e.path));
  const posts = log.filter(isCreate);
  const ok = posts.filter((e) => e.status === 204 || e.status === 201);
  const lookups = log.filter((e) => e.method === "GET" && e.status === 200);
  const first = posts.length ? Date.parse(posts[0].at) : NaN;
  const last = ok.length ? Date.parse(ok[ok.length - 1].at) : NaN;
  const windowSeconds = (last - first) / 1000;
  const inState = dynamicResources(await bench.project.stackExport(stack)).length;
  // Cancel the registrations (destroy) without the limit: not part of the row.
  await bench.timed(BenchProject.destroyArgs(stack));
  return {
    n,
    writesPer30s,
    command: `PUT /_emulator/config {"virtualEventsThrottle":true}; ${BenchProject.commandText(args)}`,
    exitCode: run.code ?? -1,
    seconds: run.seconds,
    windowSeconds,
    created: ok.length,
    throttled: log.filter((e) => e.status === 429).length,
    failures: n - inState + (run.code === 0 ? 0 : 1),
    achievedPer30s: windowSeconds > 0 ? ((ok.length - writesPer30s) / windowSeconds) * 30 : NaN,
    writesPerRegistration: ok.length / n,
    lookupsPerRegistration: lookups.length / n,
  };
}
