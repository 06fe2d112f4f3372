// Row 6: the provider's Graph client against a raw undici loop and against
// @microsoft/microsoft-graph-client, on the same route of the emulator (GET registration), in this
// process. Needs NODE_EXTRA_CA_CERTS = the emulator's CA at process start (npm run bench starts it through scripts/launch.js):
// the provider's client and Node's fetch trust the CA only that way, as in production.
import { Client } from "@microsoft/microsoft-graph-client";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { Agent, request } from "undici";
import type { EmulatorProcess } from "../../test/support/emulator";
import { fetchAppToken } from "../../test/support/tokens";
import { graphRequest } from "../../test/support/graphRequest";
import { emulatorStackConfig } from "../../test/support/stackConfig";
import type { ClientResult, ClientTiming } from "../lib/results";
// The shipped build, as a program loads it.
import { resolveConfig } from "../../dist/provider/config";
import { route } from "../../dist/provider/graph/route";
import { createProviderContext } from "../../dist/provider/runtime";

export interface ClientOptions {
  batches: number;
  batchSize: number;
  concurrencies: number[];
}

type OneRequest = () => Promise<void>;

/** Wall and CPU (this process: the client's own work) microseconds per request of one batch. */
async function timeBatch(one: OneRequest, size: number, concurrency: number): Promise<{ wall: number; cpu: number }> {
  let next = 0;
  const worker = async () => {
    while (next < size) {
      next++;
      await one();
    }
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpu0);
  return { wall: ((performance.now() - t0) * 1000) / size, cpu: (cpu.user + cpu.system) / size };
}

export async function clientBenchmark(emu: EmulatorProcess, opts: ClientOptions): Promise<ClientResult> {
  const info = emu.info;
  const token = await fetchAppToken(info);
  const users = `/users/${info.organizer.id}/onlineMeetings`;
  const meeting = await graphRequest(info, token, "POST", `/beta${users}`, { subject: "bench: client" });
  if (meeting.status !== 201) throw new Error(`creating the meeting: ${meeting.status} ${meeting.text}`);
  const reg = await graphRequest(info, token, "POST", `/beta${users}/${meeting.body.id}/registration`, {
    "@odata.type": "#microsoft.graph.externalMeetingRegistration",
    allowedRegistrant: "everyone",
  });
  if (reg.status !== 201) throw new Error(`creating the registration: ${reg.status} ${reg.text}`);
  const template = "/beta/users/{userId}/onlineMeetings/{meetingId}/registration";
  const graphRoute = route(template, { userId: info.organizer.id, meetingId: meeting.body.id });

  // 1. The provider's client, configured the way the dynamic-provider host configures it.
  const stackConfig = emulatorStackConfig(info);
  const ctx = createProviderContext(resolveConfig((k) => stackConfig[k], {}));
  const provider: OneRequest = async () => {
    const res = await ctx.client.request<{ id: string }>({ method: "GET", route: graphRoute, operation: "read the registration" });
    if (!res.body.id) throw new Error("provider client: no id");
  };

  // 2. Raw undici: the provider's header set (a fresh client-request-id each), the body parsed as JSON.
  const agent = new Agent({ connections: 8, keepAliveTimeout: 10_000 });
  const url = `${info.graphEndpoint}${graphRoute.path}`;
  const raw: OneRequest = async () => {
    const headers = { authorization: `Bearer ${token}`, accept: "application/json", "user-agent": "bench", "client-request-id": randomUUID() };
    const res = await request(url, { method: "GET", headers, dispatcher: agent });
    const body = (await res.body.json()) as { id?: string };
    if (res.statusCode !== 200 || !body.id) throw new Error(`raw undici: ${res.statusCode}`);
  };

  // 3. Microsoft's Graph JS SDK (its default middleware: auth, retry, redirect, telemetry; global fetch).
  const sdk = Client.init({
    authProvider: (done) => done(null, token),
    baseUrl: info.graphEndpoint,
    defaultVersion: "beta",
    customHosts: new Set([new URL(info.graphEndpoint).hostname]),
  });
  const sdkPath = graphRoute.path.replace(/^\/beta/, "");
  const graphSdk: OneRequest = async () => {
    const body = (await sdk.api(sdkPath).get()) as { id?: string };
    if (!body.id) throw new Error("graph sdk: no id");
  };

  const clients: [string, OneRequest][] = [
    ["provider GraphClient", provider],
    ["raw undici", raw],
    ["@microsoft/microsoft-graph-client", graphSdk],
  ];
  const result: ClientResult = { route: template, batches: opts.batches, batchSize: opts.batchSize, modes: [] };
  try {
    for (const concurrency of opts.concurrencies) {
      const timings: ClientTiming[] = clients.map(([client]) => ({ client, usPerRequest: [], cpuUsPerRequest: [] }));
      for (const [, one] of clients) await timeBatch(one, opts.batchSize, concurrency); // warm-up: connections, JIT
      for (let b = 0; b < opts.batches; b++) {
        // Rotate the order every batch so no client always runs right after another.
        for (let k = 0; k < clients.length; k++) {
          const i = (b + k) % clients.length;
          const t = await timeBatch(clients[i][1], opts.batchSize, concurrency);
          timings[i].usPerRequest.push(t.wall);
          timings[i].cpuUsPerRequest.push(t.cpu);
        }
      }
      result.modes.push({ concurrency, clients: timings });
    }
  } finally {
    await ctx.client.close();
    await agent.close();
  }
  return result;
}
