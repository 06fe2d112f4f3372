// Opt-in: Microsoft's Graph beta SDK for Python (msgraph-beta-sdk, several hundred MB installed, so
// not in CI) against the emulator: token acquisition through azure-identity, onlineMeeting
// create/get/patch/list-by-filter/delete, registration get/delete with the SDK's typed models,
// registrants create/list with its page iterator, and its retry handler on a 429.
//
//   npm run build && node scripts/launch.js scripts/python-graph-sdk.ts
//
// Makes (once) a venv from PyPI under .test-tmp/python, starts the emulator in-process with the test
// CA and a page size of 2, runs scripts/python/graph_sdk.py, checks what the emulator saw, and prints
// one line "python-graph-sdk: ok …" or the failure (exit 1). Record the date and result in emulator/README.md.
import { execFile, execFileSync } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { startEmulator } from "msgraph-emulator";
import { pythonVenv } from "../test/support/pythonVenv";

interface SdkRun {
  created: { id: string; subject: string };
  got: string;
  patched: string;
  filtered: string[];
  registrationCreate: number;
  registration: { odataType: string };
  registrants: string[];
  registrantJoinWebUrls: string[];
}

const root = path.resolve(__dirname, "..");

async function main(): Promise<void> {
  const python = pythonVenv("msgraph-beta-sdk", ["msgraph-beta-sdk>=1.0,<2", "azure-identity>=1.15,<2"]);
  const version = execFileSync(python, ["-c", "from importlib.metadata import version; print(version('msgraph-beta-sdk'))"], { encoding: "utf8" }).trim();
  const emu = await startEmulator({ caDir: process.env.MSGRAPH_TEST_CA_DIR || path.join(root, ".test-tmp", "ca"), config: { registrantPageSize: 2 }, log: () => {} });
  try {
    const { info, server } = emu;
    server.faults.add({ match: { method: "GET", path: "^/beta/users/[^/]+/onlineMeetings/[^/]+$" }, action: "status", status: 429, retryAfter: 1, count: 1 });
    // Asynchronously: the emulator runs in this process and must keep answering.
    const { stdout } = await promisify(execFile)(python, [path.join(__dirname, "python", "graph_sdk.py"), JSON.stringify(info)], {
      encoding: "utf8",
      env: { ...process.env, REQUESTS_CA_BUNDLE: info.caFile },
      timeout: 300_000,
    });
    const out = JSON.parse(stdout.trim().split("\n").pop() ?? "") as SdkRun;
    const log = server.requests.list();
    const retried = log.filter((r) => r.method === "GET" && r.path === `/beta/users/${info.organizer.id}/onlineMeetings/${out.created.id}`).map((r) => r.status);
    const checks = {
      created: out.created.subject === "From the Graph SDK for Python",
      got: out.got === "From the Graph SDK for Python",
      patched: out.patched === "Renamed by the SDK",
      filtered: JSON.stringify(out.filtered) === JSON.stringify([out.created.id]),
      registration: out.registrationCreate === 201 && out.registration.odataType === "#microsoft.graph.externalMeetingRegistration",
      registrants: JSON.stringify(out.registrants) === JSON.stringify(["sdk-1", "sdk-2", "sdk-3"]) && out.registrantJoinWebUrls.every(Boolean),
      retried429: JSON.stringify(retried.slice(0, 2)) === JSON.stringify([429, 200]),
      deleted: !server.store.meetings.has(out.created.id),
    };
    const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([k]) => k);
    console.log(JSON.stringify({ msgraphBetaSdk: version, ...out, retried }, null, 1));
    if (failed.length) {
      console.log(`python-graph-sdk: FAILED ${failed.join(", ")} (msgraph-beta-sdk ${version})`);
      process.exitCode = 1;
    } else {
      console.log(`python-graph-sdk: ok, msgraph-beta-sdk ${version}: ${Object.keys(checks).join(", ")}`);
    }
  } finally {
    await emu.close();
  }
}

main().catch((err: { stderr?: string | Buffer; stack?: string }) => {
  console.error(`python-graph-sdk: ${err?.stderr ? err.stderr.toString() : (err?.stack ?? String(err))}`);
  process.exit(1);
});
