// Row 5: the emulator limits this app's writes to R per second (token bucket, 429 + Retry-After);
// one `pulumi up` creates N registrations. From the request log: how fast creates got through
// once the initial burst was spent, how many 429s it took, and whether every resource was created.
import type { EmulatorProcess } from "../../test/support/emulator";
import { dynamicResources } from "../../test/support/pulumiCli";
import { BenchProject } from "../lib/project";
import type { ThrottleResult } from "../lib/results";
import type { Stacks } from "./requests";

export async function throttledCreates(emu: EmulatorProcess, stacks: Stacks, n: number, writesPerSecond: number): Promise<ThrottleResult> {
  const { bench, ours } = stacks;
  await bench.setCount(ours, n);
  await emu.admin.clearRequests();
  await emu.admin.throttle(writesPerSecond);
  const args = BenchProject.upArgs(ours);
  let run;
  try {
    run = await bench.timed(args, { allowFailure: true });
  } finally {
    await emu.admin.throttle(0);
  }
  const posts = (await emu.admin.requests()).filter((e) => e.method === "POST" && /\/registration$/i.test(e.path));
  const ok = posts.filter((e) => e.status === 201);
  const first = posts.length ? Date.parse(posts[0].at) : NaN;
  const last = ok.length ? Date.parse(ok[ok.length - 1].at) : NaN;
  const windowSeconds = (last - first) / 1000;
  const burst = Math.max(1, writesPerSecond);
  const inState = dynamicResources(await bench.project.stackExport(ours)).length;
  await bench.timed(BenchProject.destroyArgs(ours));
  return {
    n,
    writesPerSecond,
    burst,
    command: `PUT /_emulator/throttle {"writesPerSecond":${writesPerSecond}}; ${BenchProject.commandText(args)}`,
    exitCode: run.code ?? -1,
    seconds: run.seconds,
    windowSeconds,
    created: ok.length,
    throttled: posts.filter((e) => e.status === 429).length,
    failures: n - inState,
    achievedPerSecond: windowSeconds > 0 ? (ok.length - burst) / windowSeconds : NaN,
  };
}
