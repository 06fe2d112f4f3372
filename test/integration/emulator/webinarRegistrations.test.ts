// Contract tests of a webinar's registration questions and registrations against the real emulator
// process: the application's 204 create with no body, the delegated 201, the lookups after a 204
// (alternate key, $filter, list) and their switches, paging, cancel, permissions, and every
// undocumented registration behaviour's switch.
import { expect } from "chai";
import { deviceCodeToken, fetchAppToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";
import { expectForbidden, expectStatus, newWebinar, person, tokens, webinarPath, type Tokens } from "../../support/webinarFixtures";

const CUSTOM = "#microsoft.graph.virtualEventRegistrationCustomQuestion";
const PREDEFINED = "#microsoft.graph.virtualEventRegistrationPredefinedQuestion";

describe("emulator: webinar registration questions and registrations", function () {
  let emu: EmulatorProcess;
  let t: Tokens;
  let attendee: { id: string; token: string };

  emulatorSuite({}, async (started) => {
    emu = started;
    t = await tokens(emu);
    const user = await emu.admin.addUser({ userPrincipalName: "attendee@contoso.example", displayName: "Katherine Johnson" });
    await emu.admin.setConfig({ autoApproveDeviceCodes: false });
    attendee = { id: user.id, token: await deviceCodeToken(emu.info, { onUserCode: (code) => emu.admin.approveDeviceCode(code, user.id) }) };
    await emu.admin.setConfig({ autoApproveDeviceCodes: true });
  });

  const call = (token: string, method: "GET" | "POST" | "PATCH" | "DELETE", p: string, body?: unknown) => graphRequest(emu.info, token, method, p, body);
  const config = (patch: Record<string, unknown>) => emu.admin.setConfig(patch);
  const register = (id: string, email: string, extra: Record<string, unknown> = {}) => call(t.app, "POST", webinarPath(id, "/registrations"), person(email, extra));
  const stored = async (id: string) => (await emu.admin.state()).webinarRegistrations.filter((r) => r.webinarId === id).map((r) => r.resource);

  /** Runs `fn` with config switches set, then restores the defaults it changed. */
  async function withConfig(patch: Record<string, unknown>, fn: () => Promise<void>): Promise<void> {
    const before = (await emu.admin.config()) as unknown as Record<string, unknown>;
    await config(patch);
    try {
      await fn();
    } finally {
      await config(Object.fromEntries(Object.keys(patch).map((k) => [k, before[k]])));
    }
  }

  describe("questions", () => {
    it("custom and predefined questions: 201 with @odata.type; the server names predefined ones (street → Address); list mixes both; delete is 204", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      const q = webinarPath(id, "/registrationConfiguration/questions");
      const company = await call(t.organizer, "POST", q, { "@odata.type": CUSTOM, displayName: "Company", answerInputType: "text", isRequired: true });
      expectStatus(company, 201);
      expect(company.body).to.include({ "@odata.type": CUSTOM, displayName: "Company", answerInputType: "text", isRequired: true });
      expect(company.body.id).to.be.a("string");
      const city = await call(t.organizer, "POST", q, { "@odata.type": CUSTOM, displayName: "City", answerInputType: "singleChoice", answerChoices: ["Seattle", "Paris"] });
      expect(city.body.answerChoices).to.deep.equal(["Seattle", "Paris"]);
      const street = await call(t.organizer, "POST", q, { "@odata.type": "microsoft.graph.virtualEventRegistrationPredefinedQuestion", label: "street" });
      expectStatus(street, 201);
      expect(street.body).to.include({ "@odata.type": PREDEFINED, label: "street", displayName: "Address", isRequired: false });
      const list = await call(t.app, "GET", q);
      expectStatus(list, 200);
      expect(list.body.value.map((x: { "@odata.type": string; displayName: string }) => [x["@odata.type"], x.displayName])).to.deep.equal([
        [CUSTOM, "Company"],
        [CUSTOM, "City"],
        [PREDEFINED, "Address"],
      ]);
      expectStatus(await call(t.organizer, "GET", `${q}/${street.body.id}`), 200);
      expectStatus(await call(t.organizer, "DELETE", `${q}/${city.body.id}`), 204);
      expectStatus(await call(t.organizer, "DELETE", `${q}/${city.body.id}`), 404);
      const state = (await emu.admin.state()).webinarQuestions.filter((x) => x.webinarId === id).map((x) => x.resource.id);
      expect(state).to.deep.equal([company.body.id, street.body.id]);
    });

    it("bad questions are 400 naming the problem; a predefined label twice is 409; apps cannot write questions", async () => {
      const id = await newWebinar(emu, t.organizer, { draft: true });
      const q = webinarPath(id, "/registrationConfiguration/questions");
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ displayName: "No type", answerInputType: "text" }, /@odata.type/],
        [{ "@odata.type": CUSTOM, displayName: "Pick", answerInputType: "singleChoice" }, /answerChoices must be a non-empty array/],
        [{ "@odata.type": CUSTOM, displayName: "X", answerInputType: "date" }, /'date' for property 'answerInputType'/],
        [{ "@odata.type": PREDEFINED, label: "shoeSize" }, /'shoeSize' for property 'label'/],
        [{ "@odata.type": CUSTOM, answerInputType: "text" }, /displayName is required/],
      ];
      for (const [body, message] of cases) {
        const res = await call(t.organizer, "POST", q, body);
        expectStatus(res, 400);
        expect(res.body.error.message).to.match(message);
      }
      expectStatus(await call(t.organizer, "POST", q, { "@odata.type": PREDEFINED, label: "jobTitle" }), 201);
      expectStatus(await call(t.organizer, "POST", q, { "@odata.type": PREDEFINED, label: "jobTitle" }), 409);
      expectForbidden(await call(t.app, "POST", q, { "@odata.type": PREDEFINED, label: "city" }));
    });
  });

  describe("create", () => {
    it("application: an anonymous person, 204 with no body and no content type; the registration exists with the answers", async () => {
      const id = await newWebinar(emu, t.organizer);
      const q = await call(t.organizer, "POST", webinarPath(id, "/registrationConfiguration/questions"), { "@odata.type": CUSTOM, displayName: "Company", answerInputType: "text", isRequired: true });
      const res = await register(id, "ada@example.com", {
        externalRegistrationInformation: { referrer: "CRM", registrationId: "crm-1001" },
        registrationQuestionAnswers: [{ questionId: q.body.id, value: "Analytical Engines" }],
      });
      expectStatus(res, 204);
      expect(res.text).to.equal("");
      expect(res.headers["content-type"]).to.equal(undefined);
      const [r] = await stored(id);
      expect(r).to.include({ email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", userId: null, status: "registered", preferredTimezone: "UTC", preferredLanguage: "en-us" });
      expect(r.externalRegistrationInformation).to.deep.equal({ referrer: "CRM", registrationId: "crm-1001" });
      expect(r.registrationQuestionAnswers).to.deep.equal([{ questionId: q.body.id, displayName: "Company", value: "Analytical Engines", booleanValue: null, multiChoiceValues: [] }]);
      const got = await call(t.app, "GET", webinarPath(id, `/registrations/${r.id}`));
      expectStatus(got, 200);
      expect(got.body.registrationDateTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(got.body.cancelationDateTime).to.equal(null);
    });

    it("delegated: the signed-in user registers (201 + the registration); they may then read it and the webinar", async () => {
      const id = await newWebinar(emu, t.organizer);
      expectForbidden(await call(attendee.token, "GET", webinarPath(id)));
      const res = await call(attendee.token, "POST", webinarPath(id, "/registrations"), { preferredTimezone: "Pacific Standard Time", preferredLanguage: "en-us" });
      expectStatus(res, 201);
      expect(res.body).to.include({ userId: attendee.id, email: "attendee@contoso.example", firstName: "Katherine", lastName: "Johnson", status: "registered" });
      expect(res.body["@odata.context"]).to.equal(`${emu.info.graphEndpoint}/v1.0/$metadata#solutions/virtualEvents/webinars('${id}')/registrations/$entity`);
      expectStatus(await call(attendee.token, "GET", webinarPath(id, `/registrations/${res.body.id}`)), 200);
      expectStatus(await call(attendee.token, "GET", webinarPath(id)), 200);
      const sessions = await call(attendee.token, "GET", webinarPath(id, `/registrations/${res.body.id}/sessions`));
      expect(sessions.body.value).to.have.length(1);
      expectForbidden(await call(attendee.token, "GET", webinarPath(id, "/registrations")));
    });

    it("bad registrations are 400 naming the property", async () => {
      const id = await newWebinar(emu, t.organizer);
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ email: undefined }, /email is required/],
        [{ email: "not-an-email" }, /email 'not-an-email' is not a valid email address/],
        [{ preferredLanguage: undefined }, /preferredLanguage is required/],
        [{ preferredTimezone: "Nowhere/City" }, /preferredTimezone 'Nowhere\/City'/],
        [{ nickname: "Ada" }, /property 'nickname' does not exist on type 'microsoft.graph.virtualEventRegistration'/],
        [{ externalRegistrationInformation: { registrationId: "x".repeat(257) } }, /registrationId must be at most 256/],
        [{ registrationQuestionAnswers: [{ questionId: "nope", value: "x" }] }, /questionId 'nope' is not a question of this webinar/],
      ];
      for (const [extra, message] of cases) {
        const res = await register(id, "bad@example.com", extra);
        expectStatus(res, 400);
        expect(res.body.error.message).to.match(message);
      }
      expect(await stored(id)).to.deep.equal([]);
    });

    it("permissions: the app needs VirtualEventRegistration-Anon.ReadWrite.All and (by default) the organizer's policy; delegated needs VirtualEvent.ReadWrite", async () => {
      const id = await newWebinar(emu, t.organizer);
      const reader = await emu.admin.addApp({ roles: ["VirtualEvent.Read.All"] });
      await emu.admin.addPolicy({ appId: reader.clientId, userIds: [emu.info.organizer.id] });
      const readerToken = await fetchAppToken(emu.info, { clientId: reader.clientId, clientSecret: reader.secrets[0] });
      expectForbidden(await call(readerToken, "POST", webinarPath(id, "/registrations"), person("a@example.com")), /Insufficient privileges/);
      const anon = await emu.admin.addApp({ roles: ["VirtualEventRegistration-Anon.ReadWrite.All"] });
      const anonToken = await fetchAppToken(emu.info, { clientId: anon.clientId, clientSecret: anon.secrets[0] });
      expectForbidden(await call(anonToken, "POST", webinarPath(id, "/registrations"), person("a@example.com")), /access policy/);
      await withConfig({ webinarAnonymousRegistrationNeedsPolicy: false }, async () => {
        expectStatus(await call(anonToken, "POST", webinarPath(id, "/registrations"), person("a@example.com")), 204);
      });
      const readScope = await emu.admin.addApp({ delegatedScopes: ["VirtualEvent.Read"], roles: [], isFallbackPublicClient: true });
      const readDelegated = await deviceCodeToken(emu.info, { clientId: readScope.clientId });
      expectForbidden(await call(readDelegated, "POST", webinarPath(id, "/registrations"), { preferredTimezone: "UTC", preferredLanguage: "en-us" }), /Insufficient/);
      expect((await stored(id)).map((r) => r.email)).to.deep.equal(["a@example.com"]);
    });
  });

  describe("finding the id after a 204", () => {
    let id: string;
    before(async () => {
      id = await newWebinar(emu, t.organizer);
      for (const email of ["one@example.com", "two@example.com", "three@example.com"]) expectStatus(await register(id, email), 204);
    });

    it("alternate key registrations(email='…') answers the registration; off, it is 400 as an unknown segment", async () => {
      const res = await call(t.app, "GET", webinarPath(id, `/registrations(email='two@example.com')`));
      expectStatus(res, 200);
      const want = (await stored(id)).find((r) => r.email === "two@example.com")!;
      expect(res.body.id).to.equal(want.id);
      const encoded = await call(t.app, "GET", webinarPath(id, `/registrations(email=${encodeURIComponent("'two@example.com'")})`));
      expect(encoded.body.id).to.equal(want.id);
      expectStatus(await call(t.app, "GET", webinarPath(id, `/registrations(email='nobody@example.com')`)), 404);
      await withConfig({ webinarRegistrationKeyLookup: false }, async () => {
        const off = await call(t.app, "GET", webinarPath(id, `/registrations(email='two@example.com')`));
        expectStatus(off, 400);
        expect(off.body.error.message).to.match(/Resource not found for the segment/);
      });
    });

    it("beta $filter=email eq '…' filters; v1.0 ignores it by default; the switch sets both, ignores both or refuses", async () => {
      const filter = `?$filter=${encodeURIComponent("email eq 'three@example.com'")}`;
      const beta = await call(t.app, "GET", webinarPath(id, `/registrations${filter}`, "beta"));
      expectStatus(beta, 200);
      expect(beta.body.value.map((r: { email: string }) => r.email)).to.deep.equal(["three@example.com"]);
      const v1 = await call(t.app, "GET", webinarPath(id, `/registrations${filter}`));
      expect(v1.body.value).to.have.length(3);
      await withConfig({ webinarRegistrationFilter: "both" }, async () => {
        expect((await call(t.app, "GET", webinarPath(id, `/registrations${filter}`))).body.value).to.have.length(1);
      });
      await withConfig({ webinarRegistrationFilter: "ignored" }, async () => {
        expect((await call(t.app, "GET", webinarPath(id, `/registrations${filter}`, "beta"))).body.value).to.have.length(3);
      });
      await withConfig({ webinarRegistrationFilter: "badRequest" }, async () => {
        expectStatus(await call(t.app, "GET", webinarPath(id, `/registrations${filter}`, "beta")), 400);
      });
    });

    it("list: the app reads every registration (VirtualEvent.Read.All + policy); off, apps get 403 (the older docs)", async () => {
      const list = await call(t.app, "GET", webinarPath(id, "/registrations"));
      expectStatus(list, 200);
      expect(list.body.value.map((r: { email: string }) => r.email)).to.deep.equal(["one@example.com", "two@example.com", "three@example.com"]);
      expectStatus(await call(t.organizer, "GET", webinarPath(id, "/registrations")), 200);
      await withConfig({ webinarRegistrationListForApps: false }, async () => {
        expectForbidden(await call(t.app, "GET", webinarPath(id, "/registrations")));
      });
    });

    it("list pages with @odata.nextLink ($skiptoken), keeping the $filter", async () => {
      await withConfig({ webinarPageSize: 2 }, async () => {
        const first = await call(t.app, "GET", webinarPath(id, "/registrations"));
        expect(first.body.value).to.have.length(2);
        const next = first.body["@odata.nextLink"] as string;
        expect(next).to.match(/\$skiptoken=/);
        expect(next.startsWith(emu.info.graphEndpoint)).to.equal(true);
        const second = await call(t.app, "GET", next);
        expect(second.body.value.map((r: { email: string }) => r.email)).to.deep.equal(["three@example.com"]);
        expect(second.body["@odata.nextLink"]).to.equal(undefined);
        const filtered = await call(t.app, "GET", webinarPath(id, `/registrations?$filter=${encodeURIComponent("email eq 'one@example.com'")}`));
        expect(filtered.body["@odata.nextLink"]).to.contain("$filter=");
        expectStatus(await call(t.app, "GET", webinarPath(id, "/registrations?$skiptoken=garbage!")), 400);
      });
    });
  });

  describe("cancel", () => {
    it("the app cancels an anonymous registration: 204, status canceled with a cancelationDateTime; twice is 400 by default, 204 when switched", async () => {
      const id = await newWebinar(emu, t.organizer);
      await register(id, "leaving@example.com");
      const [r] = await stored(id);
      expectStatus(await call(t.app, "POST", webinarPath(id, `/registrations/${r.id}/cancel`)), 204);
      const got = await call(t.app, "GET", webinarPath(id, `/registrations/${r.id}`));
      expect(got.body.status).to.equal("canceled");
      expect(got.body.cancelationDateTime).to.be.a("string");
      expectStatus(await call(t.app, "POST", webinarPath(id, `/registrations/${r.id}/cancel`)), 400);
      await withConfig({ webinarRegistrationCancelTwice: "noContent" }, async () => {
        expectStatus(await call(t.app, "POST", webinarPath(id, `/registrations/${r.id}/cancel`)), 204);
      });
      expectStatus(await register(id, "leaving@example.com"), 204); // a canceled registration is no duplicate
      expect((await stored(id)).map((x) => x.status)).to.deep.equal(["canceled", "registered"]);
    });

    it("a user cancels their own registration; the app cannot cancel a user's", async () => {
      const id = await newWebinar(emu, t.organizer);
      const mine = await call(attendee.token, "POST", webinarPath(id, "/registrations"), { preferredTimezone: "UTC", preferredLanguage: "en-us" });
      expectForbidden(await call(t.app, "POST", webinarPath(id, `/registrations/${mine.body.id}/cancel`)), /anonymous registrations only/);
      expectStatus(await call(attendee.token, "POST", webinarPath(id, `/registrations/${mine.body.id}/cancel`)), 204);
      expect((await stored(id))[0].status).to.equal("canceled");
    });
  });

  describe("undocumented behaviours (switches)", () => {
    it("registering on a draft or a canceled webinar: 400 by default, accepted when switched", async () => {
      const draft = await newWebinar(emu, t.organizer, { draft: true });
      const res = await register(draft, "early@example.com");
      expectStatus(res, 400);
      expect(res.body.error.message).to.match(/not published/);
      await withConfig({ webinarRegisterOnDraft: "allow" }, async () => expectStatus(await register(draft, "early@example.com"), 204));
      const canceled = await newWebinar(emu, t.organizer);
      await call(t.organizer, "POST", webinarPath(canceled, "/cancel"));
      expectStatus(await register(canceled, "late@example.com"), 400);
      await withConfig({ webinarRegisterOnCanceled: "allow" }, async () => expectStatus(await register(canceled, "late@example.com"), 204));
    });

    it("the same email twice: 409 by default; 'existing' answers 204 again without a second registration", async () => {
      const id = await newWebinar(emu, t.organizer);
      expectStatus(await register(id, "twice@example.com"), 204);
      const again = await register(id, "TWICE@example.com");
      expectStatus(again, 409);
      expect(again.body.error.code).to.equal("Conflict");
      await withConfig({ webinarDuplicateEmail: "existing" }, async () => expectStatus(await register(id, "twice@example.com"), 204));
      expect(await stored(id)).to.have.length(1);
    });

    it("full capacity: 400 without a waitlist, waitlisted with one; the switch forces either", async () => {
      const id = await newWebinar(emu, t.organizer);
      await emu.admin.setRegistrationConfiguration(id, { capacity: 1 });
      expectStatus(await register(id, "first@example.com"), 204);
      const full = await register(id, "second@example.com");
      expectStatus(full, 400);
      expect(full.body.error.message).to.match(/capacity/);
      await emu.admin.setRegistrationConfiguration(id, { isWaitlistEnabled: true });
      expectStatus(await register(id, "second@example.com"), 204);
      await withConfig({ webinarFullCapacity: "badRequest" }, async () => expectStatus(await register(id, "third@example.com"), 400));
      await emu.admin.setRegistrationConfiguration(id, { isWaitlistEnabled: false });
      await withConfig({ webinarFullCapacity: "waitlisted" }, async () => expectStatus(await register(id, "fourth@example.com"), 204));
      expect((await stored(id)).map((r) => [r.email, r.status])).to.deep.equal([
        ["first@example.com", "registered"],
        ["second@example.com", "waitlisted"],
        ["fourth@example.com", "waitlisted"],
      ]);
    });

    it("manual approval: pendingApproval by default, registered when switched; the organizer approves through the admin API", async () => {
      const id = await newWebinar(emu, t.organizer);
      await emu.admin.setRegistrationConfiguration(id, { isManualApprovalEnabled: true });
      await register(id, "waiting@example.com");
      await withConfig({ webinarManualApproval: "registered" }, async () => void (await register(id, "straight@example.com")));
      const [waiting, straight] = await stored(id);
      expect([waiting.status, straight.status]).to.deep.equal(["pendingApproval", "registered"]);
      await emu.admin.setRegistrationStatus(id, waiting.id as string, "registered");
      expect((await call(t.app, "GET", webinarPath(id, `/registrations/${waiting.id}`))).body.status).to.equal("registered");
    });

    it("anonymous registration on an organization-only webinar: 403 by default, 400 or accepted when switched", async () => {
      const id = await newWebinar(emu, t.organizer, { body: { audience: "organization" } });
      expectForbidden(await register(id, "outsider@example.com"), /audience is organization/);
      await withConfig({ webinarAnonymousOnOrganization: "badRequest" }, async () => expectStatus(await register(id, "outsider@example.com"), 400));
      await withConfig({ webinarAnonymousOnOrganization: "allow" }, async () => expectStatus(await register(id, "outsider@example.com"), 204));
      expectStatus(await call(attendee.token, "POST", webinarPath(id, "/registrations"), { preferredTimezone: "UTC", preferredLanguage: "en-us" }), 201);
    });

    it("a required question left unanswered: 400 by default, accepted when switched; answers are checked against their question", async () => {
      const id = await newWebinar(emu, t.organizer);
      const q = webinarPath(id, "/registrationConfiguration/questions");
      const req = await call(t.organizer, "POST", q, { "@odata.type": CUSTOM, displayName: "Company", answerInputType: "text", isRequired: true });
      const multi = await call(t.organizer, "POST", q, { "@odata.type": CUSTOM, displayName: "Topics", answerInputType: "multiChoice", answerChoices: ["AI", "Cloud"] });
      const yes = await call(t.organizer, "POST", q, { "@odata.type": CUSTOM, displayName: "Newsletter", answerInputType: "boolean" });
      const missing = await register(id, "lazy@example.com");
      expectStatus(missing, 400);
      expect(missing.body.error.message).to.match(/required registration question 'Company'/);
      const wrong = await register(id, "lazy@example.com", { registrationQuestionAnswers: [{ questionId: req.body.id, value: "X" }, { questionId: multi.body.id, multiChoiceValues: ["Mars"] }] });
      expectStatus(wrong, 400);
      expect(wrong.body.error.message).to.match(/Topics/);
      expectStatus(
        await register(id, "keen@example.com", {
          registrationQuestionAnswers: [
            { questionId: req.body.id, value: "X" },
            { questionId: multi.body.id, multiChoiceValues: ["AI"] },
            { questionId: yes.body.id, booleanValue: true },
          ],
        }),
        204,
      );
      await withConfig({ webinarMissingRequiredAnswers: "allow" }, async () => expectStatus(await register(id, "lazy@example.com"), 204));
      expect((await stored(id)).map((r) => r.email)).to.deep.equal(["keen@example.com", "lazy@example.com"]);
    });

    it("timestamps without the Z when switched (as in the docs' examples)", async () => {
      const id = await newWebinar(emu, t.organizer);
      await register(id, "zone@example.com");
      const [r] = await stored(id);
      await withConfig({ webinarTimestampZone: "withoutZ" }, async () => {
        const got = await call(t.app, "GET", webinarPath(id, `/registrations/${r.id}`));
        expect(got.body.registrationDateTime).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$/);
      });
    });
  });
});
