// examples/webinar (a webinar, two questions, registrations from a CSV of an external system's
// attendees), installed from the npm-packed tarball and driven by the real Pulumi CLI against the
// emulator, with both identities in one stack: the organizer signed in by device code (delegated,
// auto-approved on loopback, the cache in a temp dir) and the app's client secret (application).
// One stack, kept lean: up, a change, refresh after an out-of-band cancel, destroy's cancel.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { fetchAppToken } from "../support/tokens";
import { graphRequest } from "../support/graphRequest";
import { type EmulatorProcess, type EmulatorInfo } from "../support/emulator";
import { e2eRunDir } from "../support/paths";
import { installExample } from "../support/npmPack";
import { dynamicResources, type PulumiProject, type StateResource } from "../support/pulumiCli";
import { initEmulatorStack } from "../support/stackConfig";
import { exampleRun, PASSPHRASE, itTypeChecksAgainstThePackage } from "../support/exampleStack";
import { graphWrites, providerText } from "../support/observations";

/** "VirtualEventWebinar" for a resource of type pulumi-nodejs:dynamic/msgraph:VirtualEventWebinar. */
const kind = (r: { type: string }) => /^pulumi-nodejs:dynamic\/msgraph:(\w+)$/.exec(r.type)?.[1];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

describe("e2e: examples/webinar with the Pulumi CLI", function () {
  this.timeout(240_000);
  const stack = "webinar";
  let emulator: EmulatorProcess;
  let info: EmulatorInfo & { publicClient: { clientId: string } };
  let project: PulumiProject;
  let dir: string;
  const day = new Date(Date.now() + 45 * 86_400_000).toISOString().slice(0, 10);

  exampleRun(
    "webinar",
    () => installExample("webinar", path.join(e2eRunDir(), "webinar")),
    async (run) => {
      ({ emulator, dir, project } = run);
      info = run.info as unknown as typeof info;
      await initEmulatorStack(project, stack, info, [
        ["msgraph:userCredential", "deviceCode"],
        ["msgraph:userClientId", info.publicClient.clientId],
        ["msgraph:userTokenCacheDir", path.join(dir, ".token-cache")],
        ["startDateTime", `${day}T16:00:00`],
        ["endDateTime", `${day}T17:00:00`],
      ]);
    },
  );

  const state = async () => (await emulator.admin.state()) as unknown as Record<string, Loose[]>;
  const live = (x: Loose) => x.resource ?? x;
  const resources = async (): Promise<StateResource[]> => dynamicResources(await project.stackExport(stack));
  const writes = async () =>
    graphWrites(await emulator.admin.requests()).map((w) => {
      const what = /\/questions(\/|$)/.test(w.path) ? "question" : /\/registrations(\/|$)/.test(w.path) ? "registration" : "webinar";
      const action = /\/(publish|cancel|setExternalEventInformation)$/.exec(w.path)?.[1];
      return `${w.method} ${what}${action ? ` ${action}` : ""} ${w.status}`;
    });

  itTypeChecksAgainstThePackage(() => dir);

  it("pulumi up: the organizer's webinar (published, external id) and questions, then the app's anonymous registrations, one lookup each", async () => {
    await emulator.admin.clearRequests();
    await project.up(stack);
    const w = await writes();
    expect(w.slice(0, 3)).to.deep.equal(["POST webinar 201", "POST webinar setExternalEventInformation 204", "POST webinar publish 204"]);
    expect(w.filter((x) => x.startsWith("POST question")).sort()).to.deep.equal(["POST question 201", "POST question 201"]);
    expect(w.filter((x) => x.startsWith("POST registration"))).to.deep.equal(["POST registration 204", "POST registration 204", "POST registration 204"]);
    // One sign-in per deployment for the delegated identity (the device code, auto-approved here).
    expect((await emulator.admin.requests()).filter((r) => r.path.endsWith("/devicecode"))).to.have.length(1);
    // One lookup per registration after its 204 (the alternate key, the emulator's default).
    expect((await emulator.admin.requests()).filter((r) => r.method === "GET" && /\/registrations\(email=/.test(decodeURIComponent(r.path)))).to.have.length(3);
    const s = await state();
    expect(s.webinars.map((x) => live(x).status)).to.deep.equal(["published"]);
    const webinar = live(s.webinars[0]);
    expect(webinar.createdBy.user.id).to.equal(info.organizer.id);
    const regs = s.webinarRegistrations.map(live);
    expect(regs.map((r: Loose) => r.externalRegistrationInformation.registrationId).sort()).to.deep.equal(["crm-1001", "crm-1002", "crm-1003"]);
    expect(regs.every((r: Loose) => !r.userId)).to.equal(true); // anonymous: made by the application
    const outputs = await project.stackOutputs(stack);
    expect(outputs.webinarId).to.equal(webinar.id);
    expect(outputs.status).to.equal("published");
    expect(Object.keys(outputs.registered as object).sort()).to.deep.equal(["crm-1001", "crm-1002", "crm-1003"]);
    expect(Object.values(outputs.registered as Record<string, { status: string }>).map((r) => r.status)).to.deep.equal(["registered", "registered", "registered"]);
    const rs = await resources();
    expect(rs.map(kind).sort()).to.deep.equal(["VirtualEventRegistration", "VirtualEventRegistration", "VirtualEventRegistration", "VirtualEventRegistrationQuestion", "VirtualEventRegistrationQuestion", "VirtualEventWebinar"]);
    for (const r of rs) {
      const stub = { VirtualEventWebinar: "virtualEventWebinar", VirtualEventRegistrationQuestion: "virtualEventRegistrationQuestion", VirtualEventRegistration: "virtualEventRegistration" }[kind(r) as string];
      expect(new Set(providerText(r.outputs?.__provider).match(/require\("[^"]*"\)/g)), r.urn).to.deep.equal(new Set([`require("pulumi-msgraph-meetings/stubs/${stub}")`]));
    }
    // The session's join link is a secret in the state; the device-code sign-in left no token in it.
    const plain = (await project.run(["stack", "export", "--stack", stack])).stdout;
    const joinWebUrl = String(s.webinars[0].session.joinWebUrl);
    expect(joinWebUrl).to.match(/^https:\/\//);
    expect(plain.includes(joinWebUrl), "the session's join link in pulumi stack export").to.equal(false);
    expect(JSON.stringify(rs.find((r) => kind(r) === "VirtualEventWebinar")!.outputs?.joinWebUrl)).to.include(joinWebUrl); // there, encrypted
    expect(plain).not.to.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/);
    expect(plain.includes(info.app.clientSecret)).to.equal(false);
    expect(plain.includes(PASSPHRASE)).to.equal(false);
  });

  it("a change: the title is PATCHed in place and a person removed from the CSV is canceled (no webinar replaced)", async () => {
    fs.writeFileSync(path.join(dir, "attendees.less.csv"), fs.readFileSync(path.join(dir, "attendees.csv"), "utf8").replace(/^crm-1002.*\n/m, ""));
    await project.setConfigAll(stack, [["displayName", "Launch review (extended)"], ["attendeesFile", "attendees.less.csv"]]);
    await emulator.admin.clearRequests();
    const { stdout } = await project.up(stack);
    expect(stdout).to.match(/1 updated/);
    expect(stdout).to.match(/1 deleted/);
    expect((await writes()).sort()).to.deep.equal(["PATCH webinar 200", "POST registration cancel 204"]);
    // A new deployment (new provider process) signed in from the persisted cache: no device code.
    expect((await emulator.admin.requests()).filter((r) => r.path.endsWith("/devicecode"))).to.have.length(0);
    const s = await state();
    expect(live(s.webinars[0]).displayName).to.equal("Launch review (extended)");
    await project.up(stack, ["--expect-no-changes"]);
  });

  it("refresh after an out-of-band cancel of a registration: it leaves the state, and up registers the person again", async () => {
    const s = await state();
    const webinarId = live(s.webinars[0]).id as string;
    const ada = s.webinarRegistrations.map(live).find((r: Loose) => r.email === "ada@example.com" && r.status !== "canceled");
    const token = await fetchAppToken(emulator.info);
    const canceled = await graphRequest(emulator.info, token, "POST", `/v1.0/solutions/virtualEvents/webinars/${encodeURIComponent(webinarId)}/registrations/${encodeURIComponent(ada.id)}/cancel`);
    expect(canceled.status).to.equal(204);
    const { stdout } = await project.refresh(stack);
    expect(stdout).to.match(/1 deleted/);
    expect((await resources()).filter((r) => kind(r) === "VirtualEventRegistration")).to.have.length(1);
    await emulator.admin.clearRequests();
    await project.up(stack);
    expect(await writes()).to.deep.equal(["POST registration 204"]);
    const again = (await state()).webinarRegistrations.map(live).filter((r: Loose) => r.email === "ada@example.com");
    expect(again.map((r: Loose) => r.status).sort()).to.deep.equal(["canceled", "registered"]);
  });

  it("pulumi destroy cancels the registrations and the webinar (Graph cannot delete them), and says so", async () => {
    await emulator.admin.clearRequests();
    const { stdout, stderr } = await project.destroy(stack);
    const w = await writes();
    expect(w.filter((x) => x.startsWith("DELETE question"))).to.have.length(2);
    expect(w.filter((x) => x === "POST registration cancel 204")).to.have.length(2);
    expect(w[w.length - 1]).to.equal("POST webinar cancel 204");
    expect(stdout + stderr).to.include("so it was CANCELED instead");
    expect(stdout + stderr).to.include("retainOnDelete: true");
    const s = await state();
    expect(s.webinars.map((x) => live(x).status)).to.deep.equal(["canceled"]);
    expect(await resources()).to.deep.equal([]);
  });
});
