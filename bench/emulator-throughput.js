#!/usr/bin/env node
// Throughput of the emulator for a simple Graph call (GET .../registration with a valid app token)
// over keep-alive TLS. The emulator runs as its own process (one core: Node's event loop); this
// script is the client, on the other core. Bounded: ~5 s of load, then it stops the emulator.
//   npm run build && node bench/emulator-throughput.js [--seconds 5] [--connections 16]
// Profile the emulator with BENCH_EMULATOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { parseArgs } = require("node:util");
const { Pool, request, Agent } = require("undici");

const root = path.resolve(__dirname, "..");
const { values } = parseArgs({
  options: {
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "16" },
  },
});
const seconds = Math.min(30, Number(values.seconds));
const connections = Number(values.connections);

function startEmulator() {
  const caDir = process.env.MSGRAPH_TEST_CA_DIR || path.join(root, ".test-tmp", "ca");
  const nodeArgs = (process.env.BENCH_EMULATOR_NODE_ARGS || "").split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, "emulator", "dist", "cli.js"), "--port", "0", "--ca-dir", caDir], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
      const nl = out.indexOf("\n");
      if (nl >= 0) resolve({ child, info: JSON.parse(out.slice(0, nl)) });
    });
    child.on("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
}

async function json(res) {
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${res.statusCode}: ${text}`);
  return JSON.parse(text);
}

async function main() {
  const { child, info } = await startEmulator();
  const ca = fs.readFileSync(info.caFile, "utf8");
  const setup = new Agent({ connect: { ca } });
  try {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: info.app.clientId,
      client_secret: info.app.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    });
    const { access_token: token } = await json(
      await request(`${info.authorityHost}/${info.tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        dispatcher: setup,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
      }),
    );
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const base = `/beta/users/${info.organizer.id}/onlineMeetings`;
    const meeting = await json(
      await request(`${info.graphEndpoint}${base}`, { method: "POST", dispatcher: setup, headers: auth, body: JSON.stringify({ subject: "bench" }) }),
    );
    const regPath = `${base}/${meeting.id}/registration`;
    await json(
      await request(`${info.graphEndpoint}${regPath}`, {
        method: "POST",
        dispatcher: setup,
        headers: auth,
        body: JSON.stringify({ "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "everyone" }),
      }),
    );

    const pool = new Pool(info.graphEndpoint, { connections, connect: { ca }, pipelining: 1, keepAliveTimeout: 10_000 });
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
        if (start) res.statusCode === 200 ? done++ : failed++;
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
    await setup.close();
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
