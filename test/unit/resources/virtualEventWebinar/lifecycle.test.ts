import { expect } from "chai";
import { create, diff, read, remove, update } from "../../../../provider/resources/virtualEventWebinar/lifecycle";
import { PartialCreateError } from "../../../../provider/resources/common/partialCreate";
import { captureProviderLog } from "../../../support/providerLog";
import { FakeGraph, graphError } from "../../../support/fakeGraph";
import { base, end, start, tenant, user, webinarId } from "./fixtures";

describe("VirtualEventWebinar: diff", () => {
  const olds = { ...base, id: webinarId, status: "draft", __provider: "stub" };
  it("no change for the same instant written differently", async () => {
    expect(await diff(webinarId, olds, { ...base, startDateTime: { dateTime: "2030-01-20T16:00:00.0000000", timeZone: "Etc/UTC" } })).to.deep.equal({ changes: false });
  });
  it("PATCHable properties update in place; audience replaces", async () => {
    expect(await diff(webinarId, olds, { ...base, displayName: "New" })).to.deep.equal({ changes: true });
    expect(await diff(webinarId, olds, { ...base, audience: "organization" })).to.deep.equal({ changes: true, replaces: ["audience"] });
    expect(await diff(webinarId, olds, { ...base, published: true })).to.deep.equal({ changes: true });
  });
  it("refuses published true -> false with the reason", async () => {
    let error: Error | undefined;
    await diff(webinarId, { ...olds, published: true }, { ...base, published: false }).catch((e) => (error = e));
    expect(error?.message).to.include("Microsoft Graph cannot unpublish a webinar");
  });
});

describe("VirtualEventWebinar: lifecycle (in-process fake Graph)", () => {
  const log = captureProviderLog();

  const live = { id: webinarId, status: "draft", ...base, createdBy: { user: { id: user, tenantId: tenant } }, externalEventInformation: [] };
  function graph(): FakeGraph {
    return new FakeGraph()
      .on("POST /webinars", { status: 201, body: live })
      .on("POST /setExternalEventInformation", { status: 204 })
      .on("POST /publish", { status: 204 })
      .on("GET /registrationConfiguration", { status: 200, body: { capacity: 1000, isManualApprovalEnabled: false, isWaitlistEnabled: true, registrationWebUrl: "https://events.example/r" } })
      .on("GET /sessions", { status: 200, body: { value: [{ id: "s1", joinWebUrl: "https://teams.example/join/s1" }] } });
  }

  it("create: POSTs a draft with the delegated identity, sets the external id, publishes, and reads the outputs", async () => {
    const g = graph();
    const res = await create(g.context(), { ...base, externalEventId: "crm-event-7", published: true } as never);
    expect(g.seen.map((s) => `${s.method} ${s.template.replace("/v1.0/solutions/virtualEvents/webinars", "")} ${s.identity}`)).to.deep.equal([
      "POST  delegated",
      "POST /{webinarId}/setExternalEventInformation delegated",
      "POST /{webinarId}/publish delegated",
      "GET /{webinarId}/registrationConfiguration delegated",
      "GET /{webinarId}/sessions delegated",
    ]);
    expect(g.seen[0].body).to.deep.equal({ displayName: "Launch review", startDateTime: start, endDateTime: end, audience: "everyone" });
    expect(g.seen[1].body).to.deep.equal({ externalEventId: "crm-event-7" });
    expect(g.seen[1].path).to.include("%40"); // the webinar id's @ travels encoded
    expect(res.id).to.equal(webinarId);
    expect(res.outs).to.include({ status: "published", capacity: 1000, isWaitlistEnabled: true, registrationWebUrl: "https://events.example/r", joinWebUrl: "https://teams.example/join/s1", published: true });
  });

  it("create without a delegated identity fails before any request, naming the identity and how to configure it", async () => {
    const g = graph();
    let error: Error | undefined;
    await create(g.context({ delegated: false }), base as never).catch((e) => (error = e));
    expect(g.seen).to.deep.equal([]);
    expect(error?.message).to.include("no delegated identity is configured");
    expect(error?.message).to.include("msgraph:userAccessToken");
    expect(error?.message).to.include("msgraph:userCredential deviceCode");
    expect(error?.message).to.include("azureCli");
  });

  it("create: a failed publish keeps the webinar in the state (PartialCreateError with its id), and the next update publishes", async () => {
    const g = graph().on("POST /publish", graphError(503));
    let error: PartialCreateError | undefined;
    await create(g.context(), { ...base, published: true, __provider: "stub" } as never).catch((e) => (error = e));
    expect(error).to.be.instanceOf(PartialCreateError);
    expect(error!.id).to.equal(webinarId);
    expect(error!.properties).to.include({ published: false, status: "draft", __provider: "stub" });
    expect(await diff(webinarId, error!.properties as never, { ...base, published: true })).to.deep.equal({ changes: true });
    const g2 = graph();
    const updated = await update(g2.context(), webinarId, error!.properties as never, { ...base, published: true } as never);
    expect(g2.seen.map((s) => `${s.method} ${s.template.split("/").pop()}`)).to.deep.equal(["POST publish"]);
    expect(updated.outs).to.include({ status: "published", published: true });
  });

  it("update PATCHes only what changed (both times when one changes), and keeps the read-only outputs", async () => {
    const g = graph().on("PATCH /{webinarId}", { status: 200, body: { ...live, displayName: "New" } });
    const olds = { ...base, id: webinarId, status: "draft", capacity: 1000, joinWebUrl: "https://teams.example/join/s1" };
    const res = await update(g.context(), webinarId, olds as never, { ...base, displayName: "New", endDateTime: { dateTime: "2030-01-20T18:00:00", timeZone: "UTC" } } as never);
    expect(g.seen.map((s) => s.method)).to.deep.equal(["PATCH"]);
    expect(g.seen[0].body).to.deep.equal({ displayName: "New", startDateTime: start, endDateTime: { dateTime: "2030-01-20T18:00:00", timeZone: "UTC" } });
    expect(res.outs).to.include({ displayName: "New", capacity: 1000, joinWebUrl: "https://teams.example/join/s1" });
  });

  it("read: a webinar canceled out of band leaves the state; a live one reports drift as inputs", async () => {
    const canceled = graph().on("GET /{webinarId}", { status: 200, body: { ...live, status: "canceled" } });
    expect(await read(canceled.context(), webinarId, { ...base, id: webinarId, status: "published" })).to.deep.equal({ id: "" });
    expect(log.lines.join("\n")).to.include("was canceled outside Pulumi");
    const drifted = graph().on("GET /{webinarId}", { status: 200, body: { ...live, status: "published", displayName: "Renamed in Teams" } });
    const res = await read(drifted.context(), webinarId, { ...base, id: webinarId, status: "draft" });
    expect(res.inputs).to.include({ displayName: "Renamed in Teams", published: true });
    expect(res.props).to.include({ status: "published", capacity: 1000 });
  });

  it("delete cancels (Graph has no DELETE) and says so, pointing to retainOnDelete", async () => {
    const g = graph().on("POST /cancel", { status: 204 });
    await remove(g.context(), webinarId, { ...base, id: webinarId } as never);
    expect(g.seen.map((s) => `${s.method} ${s.template.split("/").pop()} ${s.identity}`)).to.deep.equal(["POST cancel delegated"]);
    expect(log.lines.join("\n")).to.include("Microsoft Graph cannot delete webinars, so it was CANCELED instead");
    expect(log.lines.join("\n")).to.include("retainOnDelete: true");
  });

  it("delete: an already canceled webinar (cancel refused) counts as deleted", async () => {
    const g = graph().on("POST /cancel", graphError(400)).on("GET /{webinarId}", { status: 200, body: { ...live, status: "canceled" } });
    await remove(g.context(), webinarId, { ...base, id: webinarId } as never);
    expect(g.seen.map((s) => s.method)).to.deep.equal(["POST", "GET"]);
  });
});
