// Microsoft's Python clients work against the emulator unchanged: MSAL Python and azure-identity get
// tokens from it (client secret; the emulator as authority, instance discovery off, its CA in
// REQUESTS_CA_BUNDLE), plain HTTP calls create/get/patch/filter/delete a meeting and drive a
// registration and its registrants (paged), and azure-core's RetryPolicy waits out a 429. The venv is
// made from PyPI once (test/support/pythonVenv.ts) and reused.
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { pythonVenv } from "../../support/pythonVenv";

const REQUIREMENTS = ["msal>=1.24,<2", "azure-identity>=1.15,<2", "requests>=2.31,<3"];
const SCRIPT = path.join(__dirname, "clients.py");

describe("integration: Microsoft's Python clients (MSAL Python, azure-identity, azure-core) against the emulator", function () {
  this.timeout(900_000); // the first run installs from PyPI
  let emu: EmulatorProcess;
  let python: string;

  before(() => {
    python = pythonVenv("msgraph-clients", REQUIREMENTS);
  });
  emulatorSuite({ config: { registrantPageSize: 1 } }, (started) => (emu = started));

  it("gets tokens, drives onlineMeetings, registration and registrants, and retries a 429", async () => {
    const organizer = emu.info.organizer.id;
    await emu.admin.addFault({ match: { method: "GET", path: "^/beta/users/[^/]+/onlineMeetings/[^/]+$" }, action: "status", status: 429, retryAfter: 1, count: 1 });
    await emu.admin.clearRequests();
    const stdout = execFileSync(python, [SCRIPT, JSON.stringify(emu.info)], {
      encoding: "utf8",
      env: { ...process.env, REQUESTS_CA_BUNDLE: emu.info.caFile },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    const out = JSON.parse(stdout.trim().split("\n").pop()!);
    expect(out.msal).to.deep.equal({ token_type: "Bearer", expires_in: 3599 });
    expect(out.azureIdentity.expires_on).to.be.a("number");
    expect(out.created.subject).to.equal("From Python");
    expect(out.got).to.equal("From Python");
    expect(out.patched).to.equal("Renamed from Python");
    expect(out.filtered).to.deep.equal([out.created.id]);
    expect(out.registration).to.equal("#microsoft.graph.externalMeetingRegistration");
    expect(out.registrantJoinWebUrl).to.equal(true);
    expect(out.registrants).to.deep.equal(["py-1", "py-2"]); // two pages of one
    expect(out.retried).to.deep.equal({ status: 200 });
    expect(out.deleted).to.equal(404);

    const log = await emu.admin.requests();
    const tokenCalls = log.filter((r) => r.path === `/${emu.info.tenantId}/oauth2/v2.0/token`);
    expect(tokenCalls.map((r) => r.status)).to.deep.equal([200, 200]); // MSAL, then azure-identity (cached after)
    expect(log.some((r) => r.path === `/${emu.info.tenantId}/v2.0/.well-known/openid-configuration` && r.status === 200)).to.equal(true);
    expect(log.some((r) => r.path.includes("/discovery/instance"))).to.equal(false);
    const retried = log.filter((r) => r.method === "GET" && r.path === `/beta/users/${organizer}/onlineMeetings/${out.created.id}`);
    expect(retried.map((r) => r.status)).to.deep.equal([429, 200]);
    expect((await emu.admin.state()).meetings.some((m) => m.id === out.created.id)).to.equal(false);
  });
});
