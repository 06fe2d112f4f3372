// The three virtual-event resources' lifecycles against the real emulator over TLS, with both
// identities in one provider context: the organizer signed in by device code (delegated: webinar
// and question writes) and the seeded app's client secret (application: anonymous registrations).
// Covers every lifecycle step, the lost 204 (the POST's answer dropped after commit), each lookup
// form, refresh after an out-of-band cancel, destroy's cancel, and the persisted device-code cache.
import { expect } from "chai";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as webinar from "../../../provider/resources/virtualEventWebinar/lifecycle";
import * as question from "../../../provider/resources/virtualEventRegistrationQuestion/lifecycle";
import * as registration from "../../../provider/resources/virtualEventRegistration/lifecycle";
import type { WebinarInputs, WebinarOutputs } from "../../../provider/resources/virtualEventWebinar/inputs";
import type { RegistrationInputs } from "../../../provider/resources/virtualEventRegistration/inputs";
import { setLogSink } from "../../../provider/graph/log";
import type { ProviderContext } from "../../../provider/runtime";
import { delegatedToken, fetchAppToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import { startEmulator, type EmulatorProcess } from "../../support/emulator";
import { contextFor } from "../../support/providerContext";

type AnyState = Record<string, any[]>;

const future = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00:00`;
};

describe("integration: virtual-event webinars against the emulator", function () {
  this.timeout(120_000);
  let emu: EmulatorProcess;
  let ctx: ProviderContext;
  let cacheDir: string;
  let lines: string[] = [];
  let previousSink: ReturnType<typeof setLogSink>;
  const publicClientId = () => (emu.info as unknown as { publicClient: { clientId: string } }).publicClient.clientId;
  const userConfig = (dir: string) => ({ "msgraph:userCredential": "deviceCode", "msgraph:userClientId": publicClientId(), "msgraph:userTokenCacheDir": dir });

  before(async () => {
    emu = await startEmulator({ config: { webinarPageSize: 2 } as never });
    cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "msgraph-user-cache-"));
    ctx = contextFor(emu, userConfig(cacheDir));
    previousSink = setLogSink((l) => lines.push(l));
  });
  beforeEach(() => {
    lines = [];
  });
  after(async () => {
    setLogSink(previousSink);
    await ctx?.client.close();
    await emu?.stop();
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  const state = async () => (await emu.admin.state()) as unknown as AnyState;
  const graphCalls = async () =>
    (await emu.admin.graphRequests()).map((r) => `${r.method} ${r.path.replace(/^\/(v1\.0|beta)\/solutions\/virtualEvents\/webinars/, "")} ${r.status}`);

  function checkedWebinar(news: Record<string, unknown>, olds: Record<string, unknown> = {}): WebinarInputs {
    const r = webinar.check(olds, news);
    expect(r.failures, JSON.stringify(r.failures)).to.equal(undefined);
    return r.inputs!;
  }
  function checkedRegistration(news: Record<string, unknown>): RegistrationInputs {
    const r = registration.check({}, news);
    expect(r.failures, JSON.stringify(r.failures)).to.equal(undefined);
    return r.inputs!;
  }
  const program = (over: Record<string, unknown> = {}) => ({
    displayName: "Launch review",
    description: { contentType: "text", content: "What ships in January" },
    startDateTime: { dateTime: future(30, 16), timeZone: "UTC" },
    endDateTime: { dateTime: future(30, 17), timeZone: "UTC" },
    audience: "everyone",
    settings: { isAttendeeEmailNotificationEnabled: false },
    externalEventId: "crm-event-7",
    published: true,
    ...over,
  });
  let counter = 0;
  const person = (over: Record<string, unknown> = {}) => {
    const n = ++counter;
    return { firstName: "Ada", lastName: `Lovelace ${n}`, email: `ada${n}@example.com`, preferredTimezone: "UTC", preferredLanguage: "en-us", externalRegistrationInformation: { referrer: "CRM", registrationId: `crm-${1000 + n}` }, ...over };
  };
  async function publishedWebinar(): Promise<{ id: string; outs: WebinarOutputs }> {
    const { id, outs } = await webinar.create(ctx, checkedWebinar(program()));
    return { id, outs: outs! };
  }

  it("without a delegated identity, creating a webinar fails before any Graph request, naming the identity and how to configure it", async () => {
    const appOnly = contextFor(emu);
    try {
      await emu.admin.clearRequests();
      const error = await webinar.create(appOnly, checkedWebinar(program())).then(() => undefined, (e: Error) => e);
      expect(error?.message).to.include("no delegated identity is configured");
      expect(error?.message).to.include("msgraph:userAccessToken");
      expect(await graphCalls()).to.deep.equal([]);
    } finally {
      await appOnly.client.close();
    }
  });

  it("create: a draft POSTed as the organizer, then the external id and publish; outputs from the registration configuration and the session", async () => {
    await emu.admin.clearRequests();
    const { id, outs } = await publishedWebinar();
    expect(id).to.match(/^[0-9a-f-]{36}@[0-9a-f-]{36}$/);
    const w = encodeURIComponent(id);
    expect(await graphCalls()).to.deep.equal([
      "POST  201",
      `POST /${w}/setExternalEventInformation 204`,
      `POST /${w}/publish 204`,
      `GET /${w}/registrationConfiguration 200`,
      `GET /${w}/sessions 200`,
    ]);
    expect(outs).to.include({ status: "published", published: true, externalEventId: "crm-event-7" });
    expect(outs.registrationWebUrl).to.be.a("string");
    expect(outs.capacity).to.be.a("number");
    expect(outs.joinWebUrl).to.match(/^https:\/\//);
    const stored = (await state()).webinars.find((x: any) => (x.resource ?? x).id === id);
    const live = stored.resource ?? stored;
    expect(live.status).to.equal("published");
    expect(live.createdBy.user.id).to.equal(emu.info.organizer.id); // made by the signed-in organizer, not the app
    expect(live.externalEventInformation.map((e: any) => e.externalEventId)).to.deep.equal(["crm-event-7"]);
    // Refresh right after: Graph's UTC echo of the times is no drift.
    const refreshed = await webinar.read(ctx, id, outs as never);
    expect(await webinar.diff(id, refreshed.props!, checkedWebinar(program()))).to.deep.equal({ changes: false });
  });

  it("refresh tolerates a description answered as a bare string (the docs' get example): no drift", async () => {
    const { id, outs } = await publishedWebinar();
    await emu.admin.setConfig({ webinarDescriptionAsString: true } as never);
    try {
      const refreshed = await webinar.read(ctx, id, outs as never);
      expect(refreshed.inputs).to.deep.include({ description: { contentType: "text", content: "What ships in January" } });
      expect(await webinar.diff(id, refreshed.props!, checkedWebinar(program()))).to.deep.equal({ changes: false });
    } finally {
      await emu.admin.setConfig({ webinarDescriptionAsString: false } as never);
    }
  });

  it("update: displayName and times PATCHed in place (one PATCH); published true -> false refused by check", async () => {
    const { id, outs } = await publishedWebinar();
    const news = checkedWebinar(program({ displayName: "Launch review (extended)", endDateTime: { dateTime: future(30, 18), timeZone: "UTC" } }), outs as never);
    expect(await webinar.diff(id, outs, news)).to.deep.equal({ changes: true });
    await emu.admin.clearRequests();
    const updated = await webinar.update(ctx, id, outs, news);
    expect((await graphCalls()).map((c) => c.split(" ")[0])).to.deep.equal(["PATCH"]);
    expect(updated.outs).to.include({ displayName: "Launch review (extended)", status: "published" });
    const failures = webinar.check(outs as never, program({ published: false })).failures;
    expect(failures?.map((f) => f.property)).to.deep.equal(["published"]);
  });

  it("questions: a custom and a predefined one created as the organizer, read back from the list, deleted", async () => {
    const { id: webinarId } = await publishedWebinar();
    const custom = question.check({}, { webinarId, displayName: "Company", answerInputType: "text", isRequired: true }).inputs!;
    const predefined = question.check({}, { webinarId, label: "jobTitle" }).inputs!;
    const c = await question.create(ctx, custom);
    const p = await question.create(ctx, predefined);
    expect(p.outs!.questionText).to.be.a("string").and.not.equal("");
    expect((await question.read(ctx, c.id, c.outs!)).props).to.deep.equal(c.outs);
    await question.remove(ctx, p.id, p.outs!);
    expect(await question.read(ctx, p.id, p.outs!)).to.deep.equal({ id: "" });
  });

  it("registration: the application registers (204, no body) and one lookup finds the id; the anonymous registration carries the external id", async () => {
    const { id: webinarId } = await publishedWebinar();
    const inputs = checkedRegistration({ webinarId, ...person() });
    await emu.admin.clearRequests();
    const { id, outs } = await registration.create(ctx, inputs);
    const calls = await graphCalls();
    expect(calls[0]).to.equal(`POST /${encodeURIComponent(webinarId)}/registrations 204`);
    expect(calls).to.have.length(2); // one write, one lookup
    expect(outs).to.include({ id, status: "registered" });
    const stored = (await state()).webinarRegistrations.filter((r: any) => (r.resource ?? r).email === inputs.email).map((r: any) => r.resource ?? r);
    expect(stored).to.have.length(1);
    expect(stored[0]).to.deep.include({ id, firstName: "Ada", externalRegistrationInformation: { referrer: "CRM", registrationId: inputs.externalRegistrationInformation!.registrationId } });
    expect(stored[0].userId ?? null).to.equal(null); // anonymous: the app's token, not the organizer's
    expect((await registration.read(ctx, id, outs!)).props).to.deep.equal(outs);
  });

  for (const [form, config] of [
    ["the beta $filter (alternate key not served)", { webinarRegistrationKeyLookup: false }],
    ["the list, every page (neither key nor filter served)", { webinarRegistrationKeyLookup: false, webinarRegistrationFilter: "badRequest" }],
    ["the list, when the filter is ignored and everything comes back", { webinarRegistrationKeyLookup: false, webinarRegistrationFilter: "ignored" }],
  ] as const) {
    it(`registration: the id is found through ${form}, and no second registration is made`, async () => {
      const defaults = await emu.admin.config();
      const fresh = contextFor(emu, userConfig(cacheDir)); // a new deployment: nothing learned yet
      try {
        await emu.admin.setConfig(config as never);
        const { id: webinarId } = await webinar.create(fresh, checkedWebinar(program()));
        for (let i = 0; i < 3; i++) await registration.create(fresh, checkedRegistration({ webinarId, ...person() })); // pages of 2
        const inputs = checkedRegistration({ webinarId, ...person() });
        await emu.admin.clearRequests();
        const { id } = await registration.create(fresh, inputs);
        const calls = await graphCalls();
        expect(calls.filter((c) => c.startsWith("POST"))).to.have.length(1);
        const mine = (await state()).webinarRegistrations.filter((r: any) => (r.resource ?? r).email === inputs.email);
        expect(mine.map((r: any) => (r.resource ?? r).id)).to.deep.equal([id]);
      } finally {
        await emu.admin.setConfig({ webinarRegistrationKeyLookup: (defaults as any).webinarRegistrationKeyLookup, webinarRegistrationFilter: (defaults as any).webinarRegistrationFilter } as never);
        await fresh.client.close();
      }
    });
  }

  it("the lost 204: the POST's answer is dropped after commit; the provider looks it up and never registers twice", async () => {
    const { id: webinarId } = await publishedWebinar();
    const inputs = checkedRegistration({ webinarId, ...person() });
    await emu.admin.addFault({ match: { method: "POST", path: "/registrations$" }, action: "drop-after-commit", count: 1 });
    await emu.admin.clearRequests();
    const { id } = await registration.create(ctx, inputs);
    const posts = (await emu.admin.requests()).filter((r) => r.method === "POST" && r.path.endsWith("/registrations"));
    expect(posts.map((r) => r.outcome)).to.deep.equal(["dropped"]);
    const mine = (await state()).webinarRegistrations.filter((r: any) => (r.resource ?? r).email === inputs.email);
    expect(mine.map((r: any) => (r.resource ?? r).id)).to.deep.equal([id]);
    expect(lines.join("\n")).to.include("the create's answer was lost, but the registration exists; it was not posted again");
  });

  it("a repeated create of a person already registered (409) adopts the registration instead of failing", async () => {
    const { id: webinarId } = await publishedWebinar();
    const inputs = checkedRegistration({ webinarId, ...person() });
    const first = await registration.create(ctx, inputs);
    const again = await registration.create(ctx, inputs);
    expect(again.id).to.equal(first.id);
    expect((await state()).webinarRegistrations.filter((r: any) => (r.resource ?? r).email === inputs.email)).to.have.length(1);
  });

  it("refresh after an out-of-band cancel: the registration and the webinar leave the state", async () => {
    const { id: webinarId, outs } = await publishedWebinar();
    const reg = await registration.create(ctx, checkedRegistration({ webinarId, ...person() }));
    const organizer = await delegatedToken(emu, { clientId: publicClientId(), scope: "https://graph.microsoft.com/.default" });
    const w = `/v1.0/solutions/virtualEvents/webinars/${encodeURIComponent(webinarId)}`;
    expect((await graphRequest(emu.info, organizer, "POST", `${w}/cancel`)).status).to.equal(204);
    expect(await webinar.read(ctx, webinarId, outs as never)).to.deep.equal({ id: "" });
    expect(lines.join("\n")).to.include("was canceled outside Pulumi");
    // A canceled webinar's registrations: canceled with it, or still listed as registered (undocumented); either way refresh must not fail.
    const r = await registration.read(ctx, reg.id, reg.outs!);
    expect(["", reg.id]).to.include(r.id);
  });

  it("after the webinar was canceled out of band, deleting its questions and registrations succeeds (they went with it)", async () => {
    const { id: webinarId } = await publishedWebinar();
    const reg = await registration.create(ctx, checkedRegistration({ webinarId, ...person() }));
    const q = await question.create(ctx, question.check({}, { webinarId, displayName: "Company", answerInputType: "text" }).inputs!);
    const organizer = await delegatedToken(emu, { clientId: publicClientId(), scope: "https://graph.microsoft.com/.default" });
    expect((await graphRequest(emu.info, organizer, "POST", `/v1.0/solutions/virtualEvents/webinars/${encodeURIComponent(webinarId)}/cancel`)).status).to.equal(204);
    await emu.admin.clearRequests();
    await registration.remove(ctx, reg.id, reg.outs!);
    await question.remove(ctx, q.id, q.outs!);
    // Graph refused both writes on the canceled webinar (the emulator's default), and the provider read why.
    expect((await graphCalls()).filter((c) => !c.startsWith("GET"))).to.deep.equal([
      `POST /${encodeURIComponent(webinarId)}/registrations/${encodeURIComponent(reg.id)}/cancel 400`,
      `DELETE /${encodeURIComponent(webinarId)}/registrationConfiguration/questions/${encodeURIComponent(q.id)} 400`,
    ]);
  });

  it("destroy: registrations and the webinar are canceled (Graph has no DELETE), with a notice pointing to retainOnDelete", async () => {
    const { id: webinarId, outs } = await publishedWebinar();
    const reg = await registration.create(ctx, checkedRegistration({ webinarId, ...person() }));
    await emu.admin.clearRequests();
    await registration.remove(ctx, reg.id, reg.outs!);
    await webinar.remove(ctx, webinarId, outs);
    const w = encodeURIComponent(webinarId);
    expect(await graphCalls()).to.deep.equal([`POST /${w}/registrations/${encodeURIComponent(reg.id)}/cancel 204`, `POST /${w}/cancel 204`]);
    const s = await state();
    expect((s.webinars.find((x: any) => (x.resource ?? x).id === webinarId).resource ?? {}).status ?? s.webinars.find((x: any) => x.id === webinarId)?.status).to.equal("canceled");
    expect(lines.join("\n")).to.include("so it was CANCELED instead");
    expect(lines.join("\n")).to.include("retainOnDelete: true");
    // A second destroy (e.g. after an interrupted one) finds it canceled and succeeds.
    await webinar.remove(ctx, webinarId, outs);
    await registration.remove(ctx, reg.id, reg.outs!);
  });

  it("msgraph:userAccessToken: a static organizer token is the delegated identity; an application token there is refused before any request", async () => {
    const organizer = await delegatedToken(emu, { clientId: publicClientId(), scope: "https://graph.microsoft.com/.default" });
    const withToken = contextFor(emu, { "msgraph:userAccessToken": organizer });
    const wrong = contextFor(emu, { "msgraph:userAccessToken": await fetchAppToken(emu.info) });
    try {
      const { outs } = await webinar.create(withToken, checkedWebinar(program({ published: false })));
      expect(outs).to.include({ status: "draft" });
      await emu.admin.clearRequests();
      const error = await webinar.create(wrong, checkedWebinar(program())).then(() => undefined, (e: Error) => e);
      expect(error?.message).to.include("it needs a delegated (signed-in user) token, and msgraph:userAccessToken holds an application token");
      expect(error?.message).to.not.include(organizer);
      expect(await graphCalls()).to.deep.equal([]);
    } finally {
      await withToken.client.close();
      await wrong.client.close();
    }
  });

  it("import: a webinar by {webinarId} and a registration by {webinarId}/{registrationId} are adopted without a second create", async () => {
    const organizer = await delegatedToken(emu, { clientId: publicClientId(), scope: "https://graph.microsoft.com/.default" });
    const body = { displayName: "Made in Teams", startDateTime: { dateTime: future(40, 10), timeZone: "UTC" }, endDateTime: { dateTime: future(40, 11), timeZone: "UTC" }, audience: "everyone" };
    const made = await graphRequest(emu.info, organizer, "POST", "/v1.0/solutions/virtualEvents/webinars", body);
    expect(made.status).to.equal(201);
    const webinarId = made.body.id as string;
    await emu.admin.clearRequests();
    const adopted = await webinar.create(ctx, checkedWebinar({ ...body, displayName: "Made in Teams, managed", published: true, adoptId: webinarId }));
    expect(adopted.id).to.equal(webinarId);
    const calls = await graphCalls();
    expect(calls.filter((c) => c.startsWith("POST  "))).to.deep.equal([]); // no new webinar
    expect(calls.map((c) => c.split(" ")[0] + " " + c.split(" ")[1].split("/").pop())).to.include.members([`PATCH ${encodeURIComponent(webinarId)}`, "POST publish"]);
    const app = await fetchAppToken(emu.info);
    const who = person();
    const registered = await graphRequest(emu.info, app, "POST", `/v1.0/solutions/virtualEvents/webinars/${encodeURIComponent(webinarId)}/registrations`, who);
    expect(registered.status).to.equal(204);
    const registrationId = (await state()).webinarRegistrations.map((r: any) => r.resource ?? r).find((r: any) => r.email === who.email).id as string;
    await emu.admin.clearRequests();
    const reg = await registration.create(ctx, checkedRegistration({ webinarId, ...who, adoptId: `${webinarId}/${registrationId}` }));
    expect(reg.id).to.equal(registrationId);
    expect((await graphCalls()).filter((c) => c.startsWith("POST"))).to.deep.equal([]);
  });

  it("the device-code sign-in is persisted: a second deployment (new process context) gets the organizer's token without signing in again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "msgraph-user-cache-"));
    const deviceCodes = async () => (await emu.admin.requests()).filter((r) => r.path.endsWith("/devicecode")).length;
    try {
      await emu.admin.clearRequests();
      const first = contextFor(emu, userConfig(dir));
      await webinar.create(first, checkedWebinar(program({ published: false })));
      await first.client.close();
      expect(await deviceCodes()).to.equal(1);
      const files = fs.readdirSync(dir);
      expect(files.some((f) => f.endsWith(".record.json"))).to.equal(true);
      const second = contextFor(emu, userConfig(dir));
      await webinar.create(second, checkedWebinar(program({ published: false })));
      await second.client.close();
      expect(await deviceCodes()).to.equal(1);
      if (process.platform !== "win32") for (const f of files) expect(fs.statSync(path.join(dir, f)).mode & 0o077).to.equal(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
