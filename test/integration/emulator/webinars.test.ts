// Contract tests of the v1.0 virtual-event webinar routes against the real emulator process: the
// public client's device-code token, create/get/list/by role/PATCH/publish/cancel/external id, the
// status transitions and their switches, permissions both ways, registration configuration,
// sessions, `@` and `%40` in ids, and the admin state.
import { expect } from "chai";
import { decodeJwt } from "jose";
import { deviceCodeToken, fetchAppToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { expectForbidden, expectStatus, localTime, newWebinar, tokens, WEBINARS, webinarBody, webinarPath, type Tokens } from "../../support/webinarFixtures";

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}@[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("emulator: virtual-event webinars", function () {
  let emu: EmulatorProcess;
  let t: Tokens;
  let co: { id: string; token: string };
  let stranger: { id: string; token: string };

  /** A delegated token (public client) for another user: auto-approval off, approved through the admin API. */
  async function userToken(upn: string, displayName: string): Promise<{ id: string; token: string }> {
    const user = await emu.admin.addUser({ userPrincipalName: upn, displayName });
    await emu.admin.setConfig({ autoApproveDeviceCodes: false });
    try {
      const token = await deviceCodeToken(emu.info, { onUserCode: (code) => emu.admin.approveDeviceCode(code, user.id) });
      return { id: user.id, token };
    } finally {
      await emu.admin.setConfig({ autoApproveDeviceCodes: true });
    }
  }

  emulatorSuite({}, async (started) => {
    emu = started;
    t = await tokens(emu);
    co = await userToken("co@contoso.example", "Grace Hopper");
    stranger = await userToken("stranger@contoso.example", "Alan Turing");
  });

  const call = (token: string, method: "GET" | "POST" | "PATCH" | "DELETE", p: string, body?: unknown) => graphRequest(emu.info, token, method, p, body);
  const config = (patch: Record<string, unknown>) => emu.admin.setConfig(patch);

  describe("the seeded identities", () => {
    it("the public client signs the organizer in by device code over plain HTTP: .default grants VirtualEvent.ReadWrite and OnlineMeetings.ReadWrite", async () => {
      const claims = decodeJwt(t.organizer);
      expect(claims.appid).to.equal(emu.info.publicClient.clientId);
      expect(claims.oid).to.equal(emu.info.organizer.id);
      expect(String(claims.scp).split(" ").sort()).to.deep.equal(["OnlineMeetings.ReadWrite", "VirtualEvent.ReadWrite"]);
      const log = await emu.admin.requests();
      expect(log.some((r) => r.path.endsWith("/oauth2/v2.0/devicecode") && r.status === 200)).to.equal(true);
    });

    it("the public client has no secret (client credentials fail); the seeded app holds the virtual-event roles and the organizer's policy", async () => {
      const state = await emu.admin.state();
      const pub = state.apps.find((a) => a.clientId === emu.info.publicClient.clientId)!;
      expect(pub.secretCount).to.equal(0);
      expect(pub.delegatedScopes).to.deep.equal(["VirtualEvent.ReadWrite", "OnlineMeetings.ReadWrite"]);
      const app = state.apps.find((a) => a.clientId === emu.info.app.clientId)!;
      expect(app.roles).to.include.members(["VirtualEvent.Read.All", "VirtualEventRegistration-Anon.ReadWrite.All"]);
      expect(state.policies.some((p) => p.appId === emu.info.app.clientId && p.userIds.includes(emu.info.organizer.id))).to.equal(true);
      let failure: unknown;
      await fetchAppToken(emu.info, { clientId: emu.info.publicClient.clientId, clientSecret: "anything" }).catch((e) => (failure = e));
      expect(String(failure)).to.match(/invalid_client/);
      expect(decodeJwt(t.app).roles).to.include.members(["VirtualEvent.Read.All", "VirtualEventRegistration-Anon.ReadWrite.All"]);
    });
  });

  describe("create, get, PATCH", () => {
    it("create: 201, a draft with id {guid}@{tenant}, the server's fields, and the times in UTC with 7 digits", async () => {
      const body = webinarBody({
        startDateTime: { dateTime: "2030-01-15T10:00:00", timeZone: "Pacific Standard Time" },
        endDateTime: { dateTime: "2030-01-15T11:30:00", timeZone: "Pacific Standard Time" },
        coOrganizers: [{ id: co.id, tenantId: emu.info.tenantId }],
        settings: { isAttendeeEmailNotificationEnabled: false },
      });
      const res = await call(t.organizer, "POST", WEBINARS, body);
      expectStatus(res, 201);
      const w = res.body;
      expect(w.id).to.match(ID);
      expect(w.id.split("@")[1]).to.equal(emu.info.tenantId);
      expect(w["@odata.context"]).to.equal(`${emu.info.graphEndpoint}/v1.0/$metadata#solutions/virtualEvents/webinars/$entity`);
      expect(w.status).to.equal("draft");
      expect(w.displayName).to.equal("Launch review");
      expect(w.description).to.deep.equal({ contentType: "text", content: "What ships in January" });
      expect(w.startDateTime).to.deep.equal({ dateTime: "2030-01-15T18:00:00.0000000", timeZone: "UTC" }); // PST is UTC-8 in January
      expect(w.endDateTime).to.deep.equal({ dateTime: "2030-01-15T19:30:00.0000000", timeZone: "UTC" });
      expect(w.audience).to.equal("everyone");
      expect(w.coOrganizers).to.deep.equal([{ "@odata.type": "#microsoft.graph.communicationsUserIdentity", id: co.id, displayName: "Grace Hopper", tenantId: emu.info.tenantId }]);
      expect(w.createdBy.user).to.include({ id: emu.info.organizer.id, tenantId: emu.info.tenantId });
      expect(w.createdBy.application.id).to.equal(emu.info.publicClient.clientId);
      expect(w.settings).to.deep.equal({ isAttendeeEmailNotificationEnabled: false });
      expect(w.externalEventInformation).to.deep.equal([]);
      const stored = (await emu.admin.state()).webinars.find((x) => x.id === w.id)!;
      expect(stored.organizerId).to.equal(emu.info.organizer.id);
      expect(stored.resource.status).to.equal("draft");
    });

    it("webinarTimeEcho asSent: the times come back as they were sent", async () => {
      await config({ webinarTimeEcho: "asSent" });
      try {
        const start = { dateTime: "2030-07-01T09:00:00", timeZone: "W. Europe Standard Time" };
        const res = await call(t.organizer, "POST", WEBINARS, webinarBody({ startDateTime: start, endDateTime: { dateTime: "2030-07-01T10:00:00", timeZone: "Europe/Berlin" } }));
        expectStatus(res, 201);
        expect(res.body.startDateTime).to.deep.equal(start);
      } finally {
        await config({ webinarTimeEcho: "utc" });
      }
    });

    it("webinarDescriptionAsString: description comes back as the docs' example shows it, a plain string", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      await config({ webinarDescriptionAsString: true });
      try {
        expect((await call(t.organizer, "GET", webinarPath(id))).body.description).to.equal("What ships in January");
      } finally {
        await config({ webinarDescriptionAsString: false });
      }
      expect((await call(t.organizer, "GET", webinarPath(id))).body.description).to.deep.equal({ contentType: "text", content: "What ships in January" });
    });

    it("the id works in a path with its @ raw and as %40", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      const raw = await call(t.organizer, "GET", `${WEBINARS}/${id}`);
      const encoded = await call(t.organizer, "GET", webinarPath(id));
      expectStatus(raw, 200);
      expectStatus(encoded, 200);
      expect(raw.body.id).to.equal(id);
      expect(encoded.body).to.deep.equal(raw.body);
      const log = await emu.admin.requests();
      expect(log.some((r) => r.path === `${WEBINARS}/${id}`)).to.equal(true);
      expect(log.some((r) => r.path === `${WEBINARS}/${id.replace("@", "%40")}`)).to.equal(true);
    });

    it("an unknown or malformed id is 404; beta serves the same routes", async () => {
      expectStatus(await call(t.organizer, "GET", webinarPath(`00000000-0000-0000-0000-000000000000@${emu.info.tenantId}`)), 404);
      expectStatus(await call(t.organizer, "GET", webinarPath("not-an-id")), 404);
      const id = await newWebinar(emu, t.organizer, { draft: true });
      const beta = await call(t.organizer, "GET", webinarPath(id, "", "beta"));
      expectStatus(beta, 200);
      expect(beta.body["@odata.context"]).to.contain("/beta/$metadata#");
    });

    it("bad input is 400 naming the property: unknown property, zone, audience, local time, description type", async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ color: "blue" }, /property 'color' does not exist on type 'microsoft.graph.virtualEventWebinar'/],
        [{ startDateTime: { dateTime: localTime(30), timeZone: "Mars Standard Time" } }, /startDateTime.timeZone 'Mars Standard Time'/],
        [{ audience: "public" }, /'public' for property 'audience'/],
        [{ endDateTime: { dateTime: "2030-01-01T10:00:00Z", timeZone: "UTC" } }, /endDateTime.dateTime/],
        [{ description: { contentType: "markdown", content: "x" } }, /description.contentType/],
        [{ displayName: "" }, /displayName is required/],
      ];
      for (const [patch, message] of cases) {
        const res = await call(t.organizer, "POST", WEBINARS, webinarBody(patch));
        expectStatus(res, 400);
        expect(res.body.error.code).to.equal("BadRequest");
        expect(res.body.error.message).to.match(message);
      }
    });

    it("start in the past and end <= start are 400 by default, accepted when switched", async () => {
      const past = webinarBody({ startDateTime: { dateTime: localTime(-1), timeZone: "UTC" }, endDateTime: { dateTime: localTime(-1, 1), timeZone: "UTC" } });
      const backwards = webinarBody({ endDateTime: { dateTime: localTime(29), timeZone: "UTC" } });
      const res1 = await call(t.organizer, "POST", WEBINARS, past);
      expectStatus(res1, 400);
      expect(res1.body.error.message).to.match(/startDateTime .* cannot be in the past/);
      const res2 = await call(t.organizer, "POST", WEBINARS, backwards);
      expectStatus(res2, 400);
      expect(res2.body.error.message).to.match(/endDateTime .* must be after its startDateTime/);
      await config({ webinarPastStart: "allow", webinarEndNotAfterStart: "allow" });
      try {
        expectStatus(await call(t.organizer, "POST", WEBINARS, past), 201);
        expectStatus(await call(t.organizer, "POST", WEBINARS, backwards), 201);
      } finally {
        await config({ webinarPastStart: "badRequest", webinarEndNotAfterStart: "badRequest" });
      }
    });

    it("PATCH: 200 + the webinar with the documented fields changed; audience per webinarAudiencePatch", async () => {
      const id = await newWebinar(emu, t.organizer);
      const res = await call(t.organizer, "PATCH", webinarPath(id), {
        displayName: "Renamed",
        description: { contentType: "html", content: "<p>new</p>" },
        startDateTime: { dateTime: "2031-03-01T10:00:00", timeZone: "UTC" },
        endDateTime: { dateTime: "2031-03-01T12:00:00", timeZone: "UTC" },
        settings: { isAttendeeEmailNotificationEnabled: false },
        coOrganizers: [{ id: co.id, tenantId: emu.info.tenantId }],
      });
      expectStatus(res, 200);
      expect(res.body).to.include({ id, displayName: "Renamed", status: "published" });
      expect(res.body.description).to.deep.equal({ contentType: "html", content: "<p>new</p>" });
      expect(res.body.startDateTime.dateTime).to.equal("2031-03-01T10:00:00.0000000");
      expect(res.body.coOrganizers.map((c: { id: string }) => c.id)).to.deep.equal([co.id]);
      expect((await call(t.organizer, "GET", webinarPath(id))).body.displayName).to.equal("Renamed");

      const audience = await call(t.organizer, "PATCH", webinarPath(id), { audience: "organization" });
      expectStatus(audience, 400);
      expect(audience.body.error.message).to.match(/'audience' cannot be updated/);
      await config({ webinarAudiencePatch: "ignore" });
      expect((await call(t.organizer, "PATCH", webinarPath(id), { audience: "organization" })).body.audience).to.equal("everyone");
      await config({ webinarAudiencePatch: "allow" });
      expect((await call(t.organizer, "PATCH", webinarPath(id), { audience: "organization" })).body.audience).to.equal("organization");
      await config({ webinarAudiencePatch: "badRequest" });
      const backwards = await call(t.organizer, "PATCH", webinarPath(id), { endDateTime: { dateTime: "2031-03-01T09:00:00", timeZone: "UTC" } });
      expectStatus(backwards, 400);
    });

    it("setExternalEventInformation: 204; organizers see it, the app sees null; > 256 characters is 400", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      expectStatus(await call(t.organizer, "POST", webinarPath(id, "/setExternalEventInformation"), { externalEventId: "crm-event-7" }), 204);
      const seen = await call(t.organizer, "GET", webinarPath(id));
      expect(seen.body.externalEventInformation).to.deep.equal([{ applicationId: emu.info.publicClient.clientId, externalEventId: "crm-event-7" }]);
      expect((await call(t.app, "GET", webinarPath(id))).body.externalEventInformation).to.equal(null);
      const long = await call(t.organizer, "POST", webinarPath(id, "/setExternalEventInformation"), { externalEventId: "x".repeat(257) });
      expectStatus(long, 400);
      expect(long.body.error.message).to.match(/at most 256/);
    });
  });

  describe("status transitions", () => {
    it("draft → published → canceled; a canceled webinar stays readable; writes on it are 400 by default", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      expectStatus(await call(t.organizer, "POST", webinarPath(id, "/publish")), 204);
      expect((await call(t.organizer, "GET", webinarPath(id))).body.status).to.equal("published");
      expectStatus(await call(t.organizer, "POST", webinarPath(id, "/cancel")), 204);
      const canceled = await call(t.organizer, "GET", webinarPath(id));
      expectStatus(canceled, 200);
      expect(canceled.body.status).to.equal("canceled");
      expect((await call(t.app, "GET", webinarPath(id))).body.status).to.equal("canceled");
      for (const [method, suffix, body] of [
        ["PATCH", "", { displayName: "x" }],
        ["POST", "/publish", undefined],
        ["POST", "/cancel", undefined],
        ["POST", "/setExternalEventInformation", { externalEventId: "e" }],
      ] as const) {
        const res = await call(t.organizer, method, webinarPath(id, suffix), body);
        expectStatus(res, 400);
        expect(res.body.error.message).to.match(/the webinar is canceled/);
      }
      await config({ webinarCanceledWrites: "conflict" });
      expectStatus(await call(t.organizer, "POST", webinarPath(id, "/publish")), 409);
      await config({ webinarCanceledWrites: "allow" });
      expectStatus(await call(t.organizer, "POST", webinarPath(id, "/cancel")), 204);
      expect((await call(t.organizer, "GET", webinarPath(id))).body.status).to.equal("canceled"); // never back
      await config({ webinarCanceledWrites: "badRequest" });
    });

    it("publish twice: 400 by default, 409 or 204 when switched", async () => {
      const id = await newWebinar(emu, t.organizer);
      const twice = await call(t.organizer, "POST", webinarPath(id, "/publish"));
      expectStatus(twice, 400);
      expect(twice.body.error.message).to.match(/already published/);
      await config({ webinarPublishTwice: "conflict" });
      expectStatus(await call(t.organizer, "POST", webinarPath(id, "/publish")), 409);
      await config({ webinarPublishTwice: "noContent" });
      expectStatus(await call(t.organizer, "POST", webinarPath(id, "/publish")), 204);
      await config({ webinarPublishTwice: "badRequest" });
    });

    it("cancel a draft: canceled by default, 400 when switched", async () => {
      const draft = await newWebinar(emu, t.organizer, { draft: true });
      expectStatus(await call(t.organizer, "POST", webinarPath(draft, "/cancel")), 204);
      expect((await call(t.organizer, "GET", webinarPath(draft))).body.status).to.equal("canceled");
      await config({ webinarCancelDraft: "badRequest" });
      try {
        const other = await newWebinar(emu, t.organizer, { draft: true });
        const res = await call(t.organizer, "POST", webinarPath(other, "/cancel"));
        expectStatus(res, 400);
        expect((await call(t.organizer, "GET", webinarPath(other))).body.status).to.equal("draft");
      } finally {
        await config({ webinarCancelDraft: "cancel" });
      }
    });

    it("there is no DELETE: 405", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      expectStatus(await call(t.organizer, "DELETE", webinarPath(id)), 405);
    });
  });

  describe("permissions", () => {
    it("application tokens: no create, update, publish, cancel or external id (403 in Graph's envelope)", async () => {
      expectForbidden(await call(t.app, "POST", WEBINARS, webinarBody()), /delegated/);
      const id = await newWebinar(emu, t.organizer, { draft: true });
      expectForbidden(await call(t.app, "PATCH", webinarPath(id), { displayName: "x" }));
      expectForbidden(await call(t.app, "POST", webinarPath(id, "/publish")));
      expectForbidden(await call(t.app, "POST", webinarPath(id, "/cancel")));
      expectForbidden(await call(t.app, "POST", webinarPath(id, "/setExternalEventInformation"), { externalEventId: "x" }));
      expect((await call(t.organizer, "GET", webinarPath(id))).body.status).to.equal("draft");
    });

    it("application reads need VirtualEvent.Read.All and the organizer's access policy, or the RSC grant", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      expectStatus(await call(t.app, "GET", webinarPath(id)), 200);
      const noRole = await emu.admin.addApp({ roles: ["OnlineMeetings.ReadWrite.All"] });
      await emu.admin.addPolicy({ appId: noRole.clientId, userIds: [emu.info.organizer.id] });
      expectForbidden(await call(await fetchAppToken(emu.info, { clientId: noRole.clientId, clientSecret: noRole.secrets[0] }), "GET", webinarPath(id)), /Insufficient privileges/);
      const noPolicy = await emu.admin.addApp({ roles: ["VirtualEvent.Read.All"] });
      const noPolicyToken = await fetchAppToken(emu.info, { clientId: noPolicy.clientId, clientSecret: noPolicy.secrets[0] });
      expectForbidden(await call(noPolicyToken, "GET", webinarPath(id)), /No application access policy/);
      expectForbidden(await call(noPolicyToken, "GET", webinarPath(id, "/registrationConfiguration")), /No application access policy/);
      const rsc = await emu.admin.addApp({ roles: ["VirtualEvent.Read.Chat"] });
      expectStatus(await call(await fetchAppToken(emu.info, { clientId: rsc.clientId, clientSecret: rsc.secrets[0] }), "GET", webinarPath(id)), 200);
    });

    it("delegated tokens need VirtualEvent scopes: OnlineMeetings.ReadWrite alone is 403; VirtualEvent.Read reads but cannot write", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      const meetingsApp = await emu.admin.addApp({ delegatedScopes: ["OnlineMeetings.ReadWrite"], roles: [], isFallbackPublicClient: true });
      const meetingsOnly = await deviceCodeToken(emu.info, { clientId: meetingsApp.clientId });
      expectForbidden(await call(meetingsOnly, "GET", webinarPath(id)), /Insufficient privileges/);
      expectForbidden(await call(meetingsOnly, "POST", WEBINARS, webinarBody()), /Insufficient privileges/);
      const reader = await emu.admin.addApp({ delegatedScopes: ["VirtualEvent.Read"], roles: [], isFallbackPublicClient: true });
      const readToken = await deviceCodeToken(emu.info, { clientId: reader.clientId });
      expectStatus(await call(readToken, "GET", webinarPath(id)), 200);
      expectForbidden(await call(readToken, "PATCH", webinarPath(id), { displayName: "x" }), /Insufficient privileges/);
    });

    it("roles: a co-organizer reads and updates but cannot publish or cancel; another user cannot read", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true, body: { coOrganizers: [{ id: co.id, tenantId: emu.info.tenantId }] } });
      expectStatus(await call(co.token, "GET", webinarPath(id)), 200);
      expectStatus(await call(co.token, "PATCH", webinarPath(id), { displayName: "by the co-organizer" }), 200);
      expectStatus(await call(co.token, "POST", webinarPath(id, "/setExternalEventInformation"), { externalEventId: "co" }), 204);
      expectForbidden(await call(co.token, "POST", webinarPath(id, "/publish")), /organizer/);
      expectForbidden(await call(co.token, "POST", webinarPath(id, "/cancel")), /organizer/);
      expectForbidden(await call(stranger.token, "GET", webinarPath(id)));
      expectForbidden(await call(stranger.token, "PATCH", webinarPath(id), { displayName: "x" }));
      expect((await call(t.organizer, "GET", webinarPath(id))).body).to.include({ displayName: "by the co-organizer", status: "draft" });
    });
  });

  describe("lists", () => {
    it("list: application only (VirtualEvent.Read.All), the webinars of organizers with a policy, paged, with $count", async () => {
      expectForbidden(await call(t.organizer, "GET", WEBINARS), /application token/);
      await newWebinar(emu, t.organizer, { draft: true });
      await newWebinar(emu, t.organizer, { draft: true });
      await config({ webinarPageSize: 2 });
      try {
        const ids: string[] = [];
        let next: string | undefined = `${WEBINARS}?$count=true`;
        let count: number | undefined;
        let pages = 0;
        while (next) {
          const res = await call(t.app, "GET", next);
          expectStatus(res, 200);
          count ??= res.body["@odata.count"];
          ids.push(...res.body.value.map((w: { id: string }) => w.id));
          next = res.body["@odata.nextLink"];
          pages++;
        }
        const mine = (await emu.admin.state()).webinars.filter((w) => w.organizerId === emu.info.organizer.id).map((w) => w.id);
        expect(ids).to.deep.equal(mine);
        expect(count).to.equal(mine.length);
        expect(pages).to.equal(Math.ceil(mine.length / 2));
      } finally {
        await config({ webinarPageSize: 100 });
      }
      const noPolicy = await emu.admin.addApp({ roles: ["VirtualEvent.Read.All"] });
      const res = await call(await fetchAppToken(emu.info, { clientId: noPolicy.clientId, clientSecret: noPolicy.secrets[0] }), "GET", WEBINARS);
      expect(res.body.value).to.deep.equal([]);
    });

    it("getByUserRole (delegated) and getByUserIdAndRole (delegated, or application with the user's policy)", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true, body: { coOrganizers: [{ id: co.id, tenantId: emu.info.tenantId }] } });
      const mine = await call(t.organizer, "GET", `${WEBINARS}/getByUserRole(role='organizer')`);
      expectStatus(mine, 200);
      expect(mine.body.value.map((w: { id: string }) => w.id)).to.include(id);
      const asCo = await call(co.token, "GET", `${WEBINARS}/getByUserRole(role='coOrganizer')`);
      expect(asCo.body.value.map((w: { id: string }) => w.id)).to.include(id);
      expect((await call(co.token, "GET", `${WEBINARS}/getByUserRole(role='organizer')`)).body.value).to.deep.equal([]);
      expectForbidden(await call(t.app, "GET", `${WEBINARS}/getByUserRole(role='organizer')`));
      expectStatus(await call(t.organizer, "GET", `${WEBINARS}/getByUserRole(role='attendee')`), 400);

      const byApp = await call(t.app, "GET", `${WEBINARS}/getByUserIdAndRole(userId='${emu.info.organizer.id}',role='organizer')`);
      expectStatus(byApp, 200);
      expect(byApp.body.value.map((w: { id: string }) => w.id)).to.include(id);
      expectForbidden(await call(t.app, "GET", `${WEBINARS}/getByUserIdAndRole(userId='${co.id}',role='coOrganizer')`), /access policy/);
      const byUser = await call(co.token, "GET", encodeURI(`${WEBINARS}/getByUserIdAndRole(userId='${co.id}',role='coOrganizer')`));
      expect(byUser.body.value.map((w: { id: string }) => w.id)).to.include(id);
    });
  });

  describe("registration configuration and sessions", () => {
    it("registrationConfiguration: capacity, approval, waitlist and the registration page; the admin API changes the settings", async () => {
      const id = await newWebinar(emu, t.organizer);
      const res = await call(t.app, "GET", webinarPath(id, "/registrationConfiguration"));
      expectStatus(res, 200);
      expect(res.body).to.include({
        "@odata.type": "#microsoft.graph.virtualEventWebinarRegistrationConfiguration",
        id,
        capacity: 1000,
        isManualApprovalEnabled: false,
        isWaitlistEnabled: false,
        registrationWebUrl: `https://events.teams.microsoft.com/event/${id}`,
      });
      await emu.admin.setRegistrationConfiguration(id, { capacity: 5, isWaitlistEnabled: true });
      expect((await call(t.organizer, "GET", webinarPath(id, "/registrationConfiguration"))).body).to.include({ capacity: 5, isWaitlistEnabled: true });
      expectStatus(await call(t.organizer, "PATCH", webinarPath(id, "/registrationConfiguration"), { capacity: 9 }), 405);
    });

    it("sessions: exactly one, with a Teams join link, its subject and times following the webinar", async () => {
      const id = await newWebinar(emu, t.organizer);
      await call(t.organizer, "PATCH", webinarPath(id), { displayName: "Session subject" });
      const list = await call(t.app, "GET", webinarPath(id, "/sessions"));
      expectStatus(list, 200);
      expect(list.body.value).to.have.length(1);
      const s = list.body.value[0];
      expect(s.joinWebUrl).to.match(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_/);
      expect(s.subject).to.equal("Session subject");
      const webinar = (await call(t.organizer, "GET", webinarPath(id))).body;
      expect(s.startDateTime).to.deep.equal(webinar.startDateTime);
      const one = await call(t.organizer, "GET", webinarPath(id, `/sessions/${s.id}`));
      expectStatus(one, 200);
      expect(one.body.joinWebUrl).to.equal(s.joinWebUrl);
      expectStatus(await call(t.organizer, "GET", webinarPath(id, "/sessions/other")), 404);
      const stored = (await emu.admin.state()).webinars.find((w) => w.id === id)!;
      expect(stored.session.joinWebUrl).to.equal(s.joinWebUrl);
    });
  });
});
