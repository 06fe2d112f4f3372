// The emulator as a process: the ready line, the `ca` subcommand, clean shutdown, persistence across
// a restart and after SIGKILL, and the admin API's authentication and seeding routes.
import { expect } from "chai";
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { request } from "undici";
import { agentFor, graphRequest } from "../../support/graphRequest";
import { appToken } from "../../support/tokens";
import { removeDir, tempDir } from "../../support/paths";
import { startEmulator, testCaDir, type EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";

const CLI = path.resolve(__dirname, "..", "..", "..", "emulator", "dist", "cli.js");
const MEETING = { subject: "persist", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" };
const REGISTRATION = { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "everyone" };

describe("emulator: process, persistence and admin API", function () {
  describe("ready line and shutdown", () => {
    it("prints exactly one JSON line on stdout, logs on stderr, exits 0 on SIGTERM and SIGINT", async () => {
      for (const signal of ["SIGTERM", "SIGINT"] as const) {
        const child = spawn(process.execPath, [CLI, "--port", "0", "--ca-dir", testCaDir()], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        child.stderr.on("data", (c) => (err += c));
        const ready = new Promise<void>((resolve) =>
          child.stdout.on("data", (c) => {
            out += c;
            if (out.includes("\n")) resolve();
          }),
        );
        const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
        await ready;
        const info = JSON.parse(out.split("\n")[0]);
        expect(Object.keys(info)).to.deep.equal(["graphEndpoint", "authorityHost", "tenantId", "caFile", "adminEndpoint", "adminToken", "organizer", "app", "publicClient", "profile"]);
        expect(info.graphEndpoint).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
        expect(info.authorityHost).to.equal(info.graphEndpoint);
        expect(info.adminEndpoint).to.equal(`${info.graphEndpoint}/_emulator`);
        expect(info.caFile).to.equal(path.join(testCaDir(), "ca.pem"));
        expect(Object.keys(info.organizer)).to.deep.equal(["id", "userPrincipalName"]);
        expect(Object.keys(info.app)).to.deep.equal(["clientId", "clientSecret"]);
        child.kill(signal);
        expect(await exit).to.equal(0);
        expect(out.trim().split("\n")).to.have.length(1);
        expect(err).to.contain("listening on");
        expect(err).to.not.contain(info.app.clientSecret);
        expect(err).to.not.contain(info.adminToken);
      }
    });

    it("`msgraph-emulator ca` prints the CA file, creating it in --ca-dir or <data-dir>/tls", () => {
      const dir = tempDir("ca-");
      try {
        const caFile = execFileSync(process.execPath, [CLI, "ca", "--ca-dir", path.join(dir, "ca")]).toString().trim();
        expect(caFile).to.equal(path.join(dir, "ca", "ca.pem"));
        expect(fs.readFileSync(caFile, "utf8")).to.match(/^-----BEGIN CERTIFICATE-----/);
        const again = execFileSync(process.execPath, [CLI, "ca", "--ca-dir", path.join(dir, "ca")]).toString().trim();
        expect(again).to.equal(caFile);
        const fromData = execFileSync(process.execPath, [CLI, "ca", "--data-dir", path.join(dir, "data")]).toString().trim();
        expect(fromData).to.equal(path.join(dir, "data", "tls", "ca.pem"));
      } finally {
        removeDir(dir);
      }
    });

    it("startEmulator() from the msgraph-emulator package runs in-process and closes", async () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startEmulator: startInProcess } = require("msgraph-emulator") as typeof import("../../../emulator/index");
      const logs: string[] = [];
      const emu = await startInProcess({ caDir: testCaDir(), config: { registrantPageSize: 3 }, log: (m) => logs.push(m) });
      try {
        expect(emu.info.graphEndpoint).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
        expect(emu.server.config.registrantPageSize).to.equal(3);
        const token = await appToken(emu.info);
        const res = await graphRequest(emu.info, token, "POST", `/beta/users/${emu.info.organizer.id}/onlineMeetings`, MEETING);
        expect(res.status).to.equal(201);
        expect(logs.join("\n")).to.contain("listening on");
      } finally {
        await emu.close();
      }
    });

    it("rejects an unknown config key", async () => {
      const err = await startEmulator({ config: { registrantPagesize: 3 } as never }).catch((e: Error) => e);
      expect(err).to.be.instanceOf(Error);
      expect(String(err)).to.contain("unknown or read-only config key: registrantPagesize");
    });
  });

  describe("persistence", () => {
    let emu: EmulatorProcess;
    emulatorSuite({ tempDataDir: "data-" }, (started) => (emu = started));

    it("keeps directory, meetings, registrations and registrants across a restart (same port, same secrets)", async () => {
      const token = await appToken(emu.info);
      const u = `/beta/users/${emu.info.organizer.id}/onlineMeetings`;
      const m = (await graphRequest(emu.info, token, "POST", u, MEETING)).body;
      expect((await graphRequest(emu.info, token, "POST", `${u}/${m.id}/registration`, REGISTRATION)).status).to.equal(201);
      const reg = await graphRequest(emu.info, token, "POST", `${u}/${m.id}/registration/registrants`, { "@odata.type": "#microsoft.graph.externalMeetingRegistrant", id: "p1" });
      expect(reg.status).to.equal(200);
      const user = await emu.admin.addUser({ userPrincipalName: "kept@contoso.example" });
      const before = await emu.admin.state();
      const oldInfo = emu.info;

      const info = await emu.restart();
      expect(info.graphEndpoint).to.equal(oldInfo.graphEndpoint);
      expect(info.tenantId).to.equal(oldInfo.tenantId);
      expect(info.app).to.deep.equal(oldInfo.app);
      expect(info.adminToken).to.equal(oldInfo.adminToken);
      expect(await emu.admin.state()).to.deep.equal(before);
      expect((await emu.admin.state()).users.map((x) => x.id)).to.include(user.id);
      // tokens issued before the restart still verify: the signing key is persisted too
      const get = await graphRequest(emu.info, token, "GET", `${u}/${m.id}/registration/registrants`);
      expect(get.status).to.equal(200);
      expect(get.body.value.map((r: { id: string }) => r.id)).to.deep.equal(["p1"]);
    });

    it("keeps every acknowledged write after SIGKILL", async () => {
      const token = await appToken(emu.info);
      const u = `/beta/users/${emu.info.organizer.id}/onlineMeetings`;
      const ids = await Promise.all([1, 2, 3, 4, 5].map(async () => (await graphRequest(emu.info, token, "POST", u, MEETING)).body.id as string));
      const del = await graphRequest(emu.info, token, "DELETE", `${u}/${ids[0]}`);
      expect(del.status).to.equal(204);
      await emu.kill("SIGKILL");
      await emu.restart();
      const kept = (await emu.admin.state()).meetings.map((m) => m.id);
      expect(kept).to.include.members(ids.slice(1));
      expect(kept).to.not.include(ids[0]);
      const raw = fs.readdirSync(emu.dataDir!).filter((f) => f.endsWith(".tmp"));
      expect(raw, "no torn temp files are left behind").to.deep.equal([]);
    });
  });

  describe("admin API", () => {
    let emu: EmulatorProcess;
    emulatorSuite({}, (started) => (emu = started));

    it("answers 401 without the admin token, and with a wrong one", async () => {
      for (const authorization of [undefined, "Bearer wrong", `Basic ${emu.info.adminToken}`]) {
        const res = await request(`${emu.info.adminEndpoint}/state`, {
          dispatcher: agentFor(emu.info.caFile),
          headers: authorization ? { authorization } : {},
        });
        expect(res.statusCode).to.equal(401);
        const body = (await res.body.json()) as { error: { code: string } };
        expect(body.error.code).to.equal("Unauthorized");
      }
    });

    it("logs Graph and token requests in arrival order (not admin calls), and counts them in /stats", async () => {
      await emu.admin.clearRequests();
      await emu.admin.resetStats();
      const token = await appToken(emu.info);
      const path1 = `/beta/users/${emu.info.organizer.id}/onlineMeetings`;
      await graphRequest(emu.info, token, "POST", path1, MEETING, { "client-request-id": "c-1" });
      await graphRequest(emu.info, token, "GET", `${path1}?$filter=${encodeURIComponent("JoinWebUrl eq 'x'")}`);
      const log = await emu.admin.requests();
      const tail = log.slice(-2);
      expect(tail.map((r) => [r.method, r.path, r.status])).to.deep.equal([
        ["POST", path1, 201],
        ["GET", path1, 200],
      ]);
      expect(tail[0].clientRequestId).to.equal("c-1");
      expect(tail[0].requestId).to.match(/^[0-9a-f-]{36}$/);
      expect(Date.parse(tail[0].at)).to.be.a("number");
      expect(log.some((r) => r.path.endsWith("/oauth2/v2.0/token"))).to.equal(true);
      expect(log.some((r) => r.path.startsWith("/_emulator"))).to.equal(false);
      const stats = await emu.admin.stats();
      expect(stats.tokenRequests).to.equal(1);
      expect(stats.requests).to.equal(log.length);
      expect(stats.connections).to.be.at.least(1).and.at.most(stats.requests);
      await emu.admin.clearRequests();
      expect(await emu.admin.requests()).to.deep.equal([]);
    });

    it("seeds users, apps (secret returned once, redacted in /state) and policies", async () => {
      const user = await emu.admin.addUser({ userPrincipalName: "new.user@contoso.example", displayName: "New User" });
      expect(user).to.include({ tenantId: emu.info.tenantId, userPrincipalName: "new.user@contoso.example", displayName: "New User" });
      const app = await emu.admin.addApp({ displayName: "ci app", roles: ["OnlineMeetings.ReadWrite.All"] });
      expect(app.secrets).to.have.length(1);
      const policy = await emu.admin.addPolicy({ appId: app.clientId, userIds: [user.id] });
      expect(policy.userIds).to.deep.equal([user.id]);
      const state = await emu.admin.state();
      const listed = state.apps.find((a) => a.clientId === app.clientId)!;
      expect(listed).to.not.have.property("secrets");
      expect(listed.secretCount).to.equal(1);
      expect(JSON.stringify(state)).to.not.contain(app.secrets[0]);
      const token = await appToken(emu.info, { clientId: app.clientId, clientSecret: app.secrets[0] });
      expect((await graphRequest(emu.info, token, "POST", `/beta/users/${user.userPrincipalName}/onlineMeetings`, MEETING)).status).to.equal(201);
      const dup = await emu.admin.addUser({ userPrincipalName: "NEW.user@contoso.example" }).catch((e) => e);
      expect(dup.status).to.equal(409);
      const bad = await emu.admin.addPolicy({ appId: app.clientId, userIds: [] }).catch((e) => e);
      expect(bad.status).to.equal(400);
    });

    it("PUT /config changes switches at runtime and rejects bad values", async () => {
      const cfg = await emu.admin.setConfig({ registrantPageSize: 7 });
      expect(cfg.registrantPageSize).to.equal(7);
      expect(cfg).to.not.have.property("adminToken");
      for (const patch of [{ registrantPageSize: 0 }, { missingPolicyErrorCode: "Nope" }, { requestLogLimit: 5 }, { bogus: 1 }]) {
        const err = await emu.admin.setConfig(patch as never).catch((e) => e);
        expect(err.status, JSON.stringify(patch)).to.equal(400);
      }
    });

    it("lists pending device codes and 404s an unknown approval", async () => {
      expect(await emu.admin.deviceCodes()).to.deep.equal([]);
      const err = await emu.admin.approveDeviceCode("NOPE1234", emu.info.organizer.id).catch((e) => e);
      expect(err.status).to.equal(404);
    });
  });
});
