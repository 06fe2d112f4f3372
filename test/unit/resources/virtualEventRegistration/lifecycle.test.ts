import { expect } from "chai";
import { create, diff, read, remove } from "../../../../provider/resources/virtualEventRegistration/lifecycle";
import { captureProviderLog } from "../../../support/providerLog";
import { FakeGraph, graphError } from "../../../support/fakeGraph";
import { base } from "./fixtures";

const mine = { id: "reg-1", email: "Ada@Example.com", status: "registered", externalRegistrationInformation: { referrer: "CRM", registrationId: "crm-1001" } };

describe("VirtualEventRegistration: diff", () => {
  it("any input change replaces, canceling first", async () => {
    const olds = { ...base, id: "reg-1", status: "registered" };
    expect(await diff("reg-1", olds, base)).to.deep.equal({ changes: false });
    expect(await diff("reg-1", olds, { ...base, lastName: "King" })).to.deep.equal({ changes: true, replaces: ["lastName"], deleteBeforeReplace: true });
  });
});

describe("VirtualEventRegistration: lifecycle (in-process fake Graph)", () => {
  const log = captureProviderLog();

  it("create: the application token POSTs, Graph answers 204, and one alternate-key lookup finds the id", async () => {
    const g = new FakeGraph().on("POST /registrations", { status: 204 }).on("GET /registrations(email='{email}')", { status: 200, body: mine });
    const res = await create(g.context(), base as never);
    expect(g.seen.map((s) => `${s.method} ${s.identity}`)).to.deep.equal(["POST application", "GET application"]);
    expect(g.seen[1].path).to.match(/registrations\(email='ada%40example\.com'\)$/);
    expect(g.seen[0].body).to.deep.equal({ firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", preferredTimezone: "UTC", preferredLanguage: "en-us", externalRegistrationInformation: base.externalRegistrationInformation });
    expect(res).to.deep.include({ id: "reg-1" });
    expect(res.outs).to.include({ status: "registered" });
  });

  for (const [form, setup] of [
    ["the beta $filter", (g: FakeGraph) => g.on("GET /registrations?$filter={filter}", { status: 200, body: { value: [mine] } })],
    ["the list (every page)", (g: FakeGraph) => g.on("GET /registrations?$filter={filter}", graphError(400)).on("GET /registrations", (_r, n) => (n === 1 ? { status: 200, body: { value: [{ id: "other", email: "x@example.com" }], "@odata.nextLink": "https://graph.example.test/v1.0/next?page=2" } } : { status: 200, body: { value: [mine] } })).on("GET (next page)", { status: 200, body: { value: [mine] } })],
  ] as const) {
    it(`create: when the alternate key is not served, ${form} finds it; the form that worked is remembered`, async () => {
      const g = new FakeGraph().on("POST /registrations", { status: 204 }).on("GET /registrations(email='{email}')", graphError(404));
      setup(g);
      const ctx = g.context();
      expect((await create(ctx, base as never)).id).to.equal("reg-1");
      const before = g.seen.length;
      await create(ctx, base as never);
      // The second registration costs one write and one lookup.
      expect(g.seen.slice(before).map((s) => s.method)).to.deep.equal(["POST", "GET"]);
      expect(g.seen.slice(before)[1].template).to.not.include("(email=");
    });
  }

  it("create: a lost answer is looked up before posting again, so it never registers twice", async () => {
    const g = new FakeGraph().on("POST /registrations", graphError(0, "ECONNRESET", true)).on("GET /registrations(email='{email}')", { status: 200, body: mine });
    const res = await create(g.context(), base as never);
    expect(res.id).to.equal("reg-1");
    expect(g.count("POST /registrations")).to.equal(1);
    expect(log.lines.join("\n")).to.include("the create's answer was lost, but the registration exists; it was not posted again");
  });

  it("create: a lost answer whose trusted lookup finds nothing posts once more", async () => {
    let posted = 0;
    const g = new FakeGraph()
      .on("POST /registrations", () => (++posted === 1 ? graphError(504, "GatewayTimeout", true) : { status: 204 }))
      .on("GET /registrations(email='{email}')", graphError(404))
      .on("GET /registrations?$filter={filter}", () => ({ status: 200, body: { value: posted > 1 ? [mine] : [] } }));
    expect((await create(g.context(), base as never)).id).to.equal("reg-1");
    expect(posted).to.equal(2);
  });

  it("create: 409 (already registered) adopts the person's live registration", async () => {
    const g = new FakeGraph().on("POST /registrations", graphError(409)).on("GET /registrations(email='{email}')", { status: 200, body: mine });
    expect((await create(g.context(), base as never)).id).to.equal("reg-1");
    expect(log.lines.join("\n")).to.include("already registered");
  });

  it("create with only a delegated static token fails before any request, naming the application identity", async () => {
    const g = new FakeGraph();
    const ctx = g.context();
    ctx.client = { ...ctx.client, tokenSource: g.delegated } as never;
    let error: Error | undefined;
    await create(ctx, base as never).catch((e) => (error = e));
    expect(g.seen).to.deep.equal([]);
    expect(error?.message).to.include("it needs an application token");
    expect(error?.message).to.include("msgraph:userAccessToken");
  });

  it("read: canceled out of band leaves the state; gone too", async () => {
    const canceled = new FakeGraph().on("GET /registrations/{registrationId}", { status: 200, body: { ...mine, status: "canceled" } });
    expect(await read(canceled.context(), "reg-1", { ...base, id: "reg-1" } as never)).to.deep.equal({ id: "" });
    const gone = new FakeGraph().on("GET /registrations/{registrationId}", graphError(404));
    expect(await read(gone.context(), "reg-1", { ...base, id: "reg-1" } as never)).to.deep.equal({ id: "" });
    const waitlisted = new FakeGraph().on("GET /registrations/{registrationId}", { status: 200, body: { ...mine, status: "waitlisted" } });
    expect((await read(waitlisted.context(), "reg-1", { ...base, id: "reg-1", status: "registered" } as never)).props).to.include({ status: "waitlisted" });
  });

  it("delete cancels with the application identity; already canceled counts as deleted", async () => {
    const g = new FakeGraph().on("POST /cancel", { status: 204 });
    await remove(g.context(), "reg-1", { ...base, id: "reg-1" } as never);
    expect(g.seen.map((s) => `${s.method} ${s.template.split("/").slice(-2).join("/")} ${s.identity}`)).to.deep.equal(["POST {registrationId}/cancel application"]);
    const twice = new FakeGraph().on("POST /cancel", graphError(400)).on("GET /registrations/{registrationId}", { status: 200, body: { ...mine, status: "canceled" } });
    await remove(twice.context(), "reg-1", { ...base, id: "reg-1" } as never);
  });
});
