// Contract tests of externalMeetingRegistration and its registrants against the real emulator.
import { expect } from "chai";
import { appToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { emulatorSuite } from "../../support/emulatorSuite";

const TYPE_MESSAGE = "Invalid request. Provide microsoft.graph.meetingRegistration or microsoft.graph.externalMeetingRegistration in request body.";
const EXTERNAL = "#microsoft.graph.externalMeetingRegistration";
const REGISTRANT = "#microsoft.graph.externalMeetingRegistrant";

describe("emulator: registration and registrants", function () {
  let emu: EmulatorProcess;
  let token: string;
  let u: string;

  emulatorSuite({ config: { registrantPageSize: 2 } }, async (started) => {
    emu = started;
    token = await appToken(emu.info);
    u = `/beta/users/${emu.info.organizer.id}`;
  });

  const call = (method: "GET" | "POST" | "PATCH" | "DELETE", p: string, body?: unknown) => graphRequest(emu.info, token, method, p, body);
  async function meeting(): Promise<string> {
    const res = await call("POST", `${u}/onlineMeetings`, { subject: "webinar", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" });
    expect(res.status).to.equal(201);
    return res.body.id;
  }
  async function registration(allowedRegistrant: "everyone" | "organization" = "everyone"): Promise<string> {
    const id = await meeting();
    const res = await call("POST", `${u}/onlineMeetings/${id}/registration`, { "@odata.type": EXTERNAL, allowedRegistrant });
    expect(res.status).to.equal(201);
    return id;
  }

  describe("registration", () => {
    it("POST creates it: 201 with the documented shape", async () => {
      const id = await meeting();
      const res = await call("POST", `${u}/onlineMeetings/${id}/registration`, { "@odata.type": EXTERNAL, allowedRegistrant: "everyone" });
      expect(res.status).to.equal(201);
      expect(Object.keys(res.body)).to.deep.equal(["@odata.context", "@odata.type", "id", "allowedRegistrant"]);
      expect(res.body["@odata.context"]).to.equal(
        `${emu.info.graphEndpoint}/beta/$metadata#users('${emu.info.organizer.id}')/onlineMeetings('${id}')/registration/$entity`,
      );
      expect(res.body["@odata.type"]).to.equal(EXTERNAL);
      expect(res.body.id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(res.body.allowedRegistrant).to.equal("everyone");
      const state = await emu.admin.state();
      expect(state.registrations.find((r) => r.meetingId === id)?.resource).to.deep.equal({ "@odata.type": EXTERNAL, id: res.body.id, allowedRegistrant: "everyone" });
    });

    it("POST without or with an unknown @odata.type is 400 with Graph's message", async () => {
      const id = await meeting();
      for (const body of [{ allowedRegistrant: "everyone" }, { "@odata.type": "#microsoft.graph.somethingElse", allowedRegistrant: "everyone" }]) {
        const res = await call("POST", `${u}/onlineMeetings/${id}/registration`, body);
        expect(res.status).to.equal(400);
        expect(res.body.error.code).to.equal("BadRequest");
        expect(res.body.error.message).to.equal(TYPE_MESSAGE);
      }
      const badAudience = await call("POST", `${u}/onlineMeetings/${id}/registration`, { "@odata.type": EXTERNAL, allowedRegistrant: "nobody" });
      expect(badAudience.status).to.equal(400);
    });

    it("a second registration on the same meeting is 409 Conflict", async () => {
      const id = await registration();
      const res = await call("POST", `${u}/onlineMeetings/${id}/registration`, { "@odata.type": EXTERNAL, allowedRegistrant: "organization" });
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal("Conflict");
    });

    it("GET returns it, DELETE is 204, then GET is 404", async () => {
      const id = await registration("organization");
      const get = await call("GET", `${u}/onlineMeetings/${id}/registration`);
      expect(get.status).to.equal(200);
      expect(get.body).to.include({ "@odata.type": EXTERNAL, allowedRegistrant: "organization" });
      const del = await call("DELETE", `${u}/onlineMeetings/${id}/registration`);
      expect(del.status).to.equal(204);
      const again = await call("GET", `${u}/onlineMeetings/${id}/registration`);
      expect(again.status).to.equal(404);
      expect(again.body.error.code).to.equal("NotFound");
    });

    it("exists only under /beta: /v1.0/.../registration is Graph's 400 for an unknown segment", async () => {
      const id = await registration();
      const res = await call("GET", `/v1.0/users/${emu.info.organizer.id}/onlineMeetings/${id}/registration`);
      expect(res.status).to.equal(400);
      expect(res.body.error).to.include({ code: "BadRequest", message: "Resource not found for the segment 'registration'." });
    });

    it("PATCH on an external registration is 405 by default, 400 or 200 by config", async () => {
      const id = await registration();
      const patch = () => call("PATCH", `${u}/onlineMeetings/${id}/registration`, { allowedRegistrant: "organization" });
      const res = await patch();
      expect(res.status).to.equal(405);
      expect(res.body.error.code).to.equal("MethodNotAllowed");
      await emu.admin.setConfig({ externalRegistrationPatch: "badRequest" });
      expect((await patch()).status).to.equal(400);
      await emu.admin.setConfig({ externalRegistrationPatch: "allow" });
      const ok = await patch();
      expect(ok.status).to.equal(200);
      expect(ok.body.allowedRegistrant).to.equal("organization");
      await emu.admin.setConfig({ externalRegistrationPatch: "methodNotAllowed" });
    });

    it("deleting the meeting deletes its registration and registrants", async () => {
      const id = await registration();
      expect((await call("POST", `${u}/onlineMeetings/${id}/registration/registrants`, { "@odata.type": REGISTRANT, id: "r1" })).status).to.equal(200);
      expect((await call("DELETE", `${u}/onlineMeetings/${id}`)).status).to.equal(204);
      const state = await emu.admin.state();
      expect(state.registrations.some((r) => r.meetingId === id)).to.equal(false);
      expect(state.registrants.some((r) => r.meetingId === id)).to.equal(false);
    });
  });

  describe("registrants", () => {
    it("POST is 200 with a joinWebUrl carrying the registrant", async () => {
      const id = await registration();
      const res = await call("POST", `${u}/onlineMeetings/${id}/registration/registrants`, { "@odata.type": REGISTRANT, id: "crm-42" });
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ "@odata.type": REGISTRANT, id: "crm-42", tenantId: null, userId: null });
      const url = new URL(res.body.joinWebUrl);
      expect(url.origin).to.equal("https://teams.microsoft.com");
      expect(url.pathname).to.match(/^\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9]+%40thread\.v2\/0$/);
      expect(JSON.parse(url.searchParams.get("context")!)).to.deep.equal({ Tid: emu.info.tenantId, Oid: emu.info.organizer.id, prid: "crm-42", isPublic: true });
    });

    it("organization registrants need tenantId and userId", async () => {
      const id = await registration("organization");
      const p = `${u}/onlineMeetings/${id}/registration/registrants`;
      for (const body of [{ "@odata.type": REGISTRANT, id: "a" }, { "@odata.type": REGISTRANT, id: "a", tenantId: emu.info.tenantId }]) {
        const res = await call("POST", p, body);
        expect(res.status).to.equal(400);
        expect(res.body.error.code).to.equal("BadRequest");
      }
      const ok = await call("POST", p, { "@odata.type": REGISTRANT, id: "a", tenantId: emu.info.tenantId, userId: emu.info.organizer.id });
      expect(ok.status).to.equal(200);
      expect(JSON.parse(new URL(ok.body.joinWebUrl).searchParams.get("context")!).isPublic).to.equal(false);
    });

    it("POST without @odata.type or id is 400; a duplicate id is 409; no registration is 404", async () => {
      const id = await registration();
      const p = `${u}/onlineMeetings/${id}/registration/registrants`;
      expect((await call("POST", p, { id: "x" })).status).to.equal(400);
      expect((await call("POST", p, { "@odata.type": REGISTRANT })).status).to.equal(400);
      expect((await call("POST", p, { "@odata.type": REGISTRANT, id: "dup" })).status).to.equal(200);
      const dup = await call("POST", p, { "@odata.type": REGISTRANT, id: "dup" });
      expect(dup.status).to.equal(409);
      expect(dup.body.error.code).to.equal("Conflict");
      const bare = await meeting();
      const none = await call("POST", `${u}/onlineMeetings/${bare}/registration/registrants`, { "@odata.type": REGISTRANT, id: "x" });
      expect(none.status).to.equal(404);
    });

    it("GET lists in pages via @odata.nextLink/$skiptoken, joinWebUrl null; DELETE is 204", async () => {
      const id = await registration();
      const p = `${u}/onlineMeetings/${id}/registration/registrants`;
      for (const r of ["r1", "r2", "r3", "r4", "r5"]) expect((await call("POST", p, { "@odata.type": REGISTRANT, id: r })).status).to.equal(200);
      expect((await call("DELETE", `${p}/r2`)).status).to.equal(204);
      expect((await call("DELETE", `${p}/r2`)).status).to.equal(404);
      const seen: string[] = [];
      let next: string | undefined = p;
      let pages = 0;
      while (next) {
        const res = await call("GET", next);
        expect(res.status).to.equal(200);
        expect(res.body["@odata.context"]).to.equal(
          `${emu.info.graphEndpoint}/beta/$metadata#users('${emu.info.organizer.id}')/onlineMeetings('${id}')/registration/registrants`,
        );
        expect(res.body.value.length).to.be.at.most(2);
        for (const r of res.body.value) {
          expect(r.joinWebUrl).to.equal(null);
          seen.push(r.id);
        }
        next = res.body["@odata.nextLink"];
        if (next) expect(next).to.match(new RegExp(`^${emu.info.graphEndpoint}${p}\\?\\$skiptoken=[A-Za-z0-9_-]+$`));
        pages++;
      }
      expect(seen).to.deep.equal(["r1", "r3", "r4", "r5"]);
      expect(pages).to.equal(2);
      const bad = await call("GET", `${p}?$skiptoken=%21%21`);
      expect(bad.status).to.equal(400);
      const top = await call("GET", `${p}?$top=1`);
      expect(top.body.value.map((r: { id: string }) => r.id)).to.deep.equal(["r1"]);
      expect(top.body["@odata.nextLink"]).to.match(/\?\$top=1&\$skiptoken=/);
    });

    it("GET by id returns one registrant (joinWebUrl null, as in the list); unknown ids are 404", async () => {
      const id = await registration();
      const p = `${u}/onlineMeetings/${id}/registration/registrants`;
      await call("POST", p, { "@odata.type": REGISTRANT, id: "solo" });
      const one = await call("GET", `${p}/solo`);
      expect(one.status).to.equal(200);
      expect(one.body).to.include({ "@odata.type": REGISTRANT, id: "solo", joinWebUrl: null });
      expect((await call("GET", `${p}/nobody`)).status).to.equal(404);
    });

    it("duplicateRegistrant: replace overwrites instead of 409", async () => {
      await emu.admin.setConfig({ duplicateRegistrant: "replace" });
      try {
        const id = await registration();
        const p = `${u}/onlineMeetings/${id}/registration/registrants`;
        expect((await call("POST", p, { "@odata.type": REGISTRANT, id: "same" })).status).to.equal(200);
        expect((await call("POST", p, { "@odata.type": REGISTRANT, id: "same" })).status).to.equal(200);
        expect((await call("GET", p)).body.value).to.have.length(1);
      } finally {
        await emu.admin.setConfig({ duplicateRegistrant: "conflict" });
      }
    });
  });
});
