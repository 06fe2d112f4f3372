// Throughput of the emulator for a simple Graph call (GET .../registration with a valid app token)
// over keep-alive TLS. The emulator runs as its own process (one core: Node's event loop); this
// script is the client, on the other core. Bounded: ~5 s of load, then it stops the emulator.
//   npm run build && npm run bench:emulator -- [--seconds 5] [--connections 16]
//   (= node scripts/launch.js bench/emulator-throughput.ts …)
// Profile the emulator with BENCH_EMULATOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
import * as fs from "node:fs";
import { parseArgs } from "node:util";
import { Pool } from "undici";
import { startEmulator } from "../test/support/emulator";
import { graphRequest } from "../test/support/graphRequest";
import { fetchAppToken } from "../test/support/tokens";

const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
  },
});
const seconds = Math.min(30, Number(values.seconds));
const connections = Number(values.connections);

async function main(): Promise<void> {
  const nodeArgs = (process.env.BENCH_EMULATOR_NODE_ARGS ?? "").split(" ").filter(Boolean);
  const emu = await startEmulator({ nodeArgs });
  const info = emu.info;
  try {
    const token = await fetchAppToken(info);
    const base = `/beta/users/${info.organizer.id}/onlineMeetings`;
    const meeting = await graphRequest(info, token, "POST", base, { subject: "bench" });
    if (meeting.status !== 201) throw new Error(`creating the meeting: ${meeting.status} ${meeting.text}`);
    const regPath = `${base}/${meeting.body.id}/registration`;
    const reg = await graphRequest(info, token, "POST", regPath, { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "everyone" });
    if (reg.status !== 201) throw new Error(`creating the registration: ${reg.status} ${reg.text}`);

    const pool = new Pool(info.graphEndpoint, { connections, connect: { ca: fs.readFileSync(info.caFile, "utf8") }, pipelining: 1, keepAliveTimeout: 10_000 });
    const headers = { authorization: `Bearer ${token}` };
    let done = 0;
    let failed = 0;
    const warmupEnd = Date.now() + 500;
    let start = 0;
    let end = 0;
    const worker = async () => {
      for (;;) {
        const now = Date.now();
        if (start === 0 && now >= warmupEnd) {
          start = now;
          end = now + seconds * 1000;
        }
        if (end && now >= end) return;
        const res = await pool.request({ path: regPath, method: "GET", headers });
        await res.body.text();
        if (start) {
          if (res.statusCode === 200) done++;
          else failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: connections * 2 }, worker));
    const elapsed = (Date.now() - start) / 1000;
    await pool.close();
    const rate = Math.round(done / elapsed);
    console.log(JSON.stringify({ benchmark: "emulator GET registration (keep-alive TLS)", requests: done, failed, seconds: Number(elapsed.toFixed(2)), connections, requestsPerSecond: rate }));
    console.log(`${rate} req/s (${done} in ${elapsed.toFixed(1)} s, ${failed} failed, ${connections} connections)`);
    if (failed > 0) process.exitCode = 1;
  } finally {
    await emu.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
