import { expect } from "chai";
import { check } from "../../../provider/resources/virtualEventWebinar/inputs";
import { create, diff, read, remove, update } from "../../../provider/resources/virtualEventWebinar/lifecycle";
import { PartialCreateError } from "../../../provider/resources/common/partialCreate";
import { unknownValue } from "../../../provider/resources/common/unknown";
import { captureProviderLog } from "../../support/providerLog";
import { FakeGraph, graphError } from "../../support/fakeGraph";

const tenant = "8f0b2a8e-0a8b-4c55-9a55-7a0c5b2d1e3f";
const user = "5b3c2d1e-1111-4222-8333-944455556666";
const webinarId = `a1b2c3d4-0000-4000-8000-000000000001@${tenant}`;
const start = { dateTime: "2030-01-20T16:00:00", timeZone: "UTC" };
const end = { dateTime: "2030-01-20T17:00:00", timeZone: "UTC" };
const base = { displayName: "Launch review", startDateTime: start, endDateTime: end, audience: "everyone" as const };

describe("VirtualEventWebinar: check", () => {
  it("accepts a webinar (Windows and IANA zones) and keeps only known inputs", () => {
    const full = { ...base, description: { contentType: "text", content: "x" }, coOrganizers: [{ id: user, tenantId: tenant }], settings: { isAttendeeEmailNotificationEnabled: false }, externalEventId: "crm-event-7", published: true };
    expect(check({}, { ...full, __provider: "x" })).to.deep.equal({ inputs: full });
    const pst = { ...base, startDateTime: { dateTime: "2030-01-20T08:00:00", timeZone: "Pacific Standard Time" }, endDateTime: { dateTime: "2030-01-20T18:00:00", timeZone: "Europe/Berlin" } };
    expect(check({}, pst).failures).to.equal(undefined);
  });

  it("lets values unknown during preview pass", () => {
    expect(check({}, { displayName: unknownValue, startDateTime: unknownValue, endDateTime: unknownValue, audience: unknownValue, published: unknownValue }).failures).to.equal(undefined);
  });

  const mistakes: [string, Record<string, unknown>, Record<string, unknown>, { property: string; reason: string }[]][] = [
    ["end before start", {}, { ...base, endDateTime: { dateTime: "2030-01-20T15:00:00", timeZone: "UTC" } }, [{ property: "endDateTime", reason: "endDateTime must be after startDateTime (the webinar would end before it starts); move endDateTime later." }]],
    ["end before start across zones", {}, { ...base, endDateTime: { dateTime: "2030-01-20T16:30:00", timeZone: "W. Europe Standard Time" } }, [{ property: "endDateTime", reason: "endDateTime must be after startDateTime (the webinar would end before it starts); move endDateTime later." }]],
    ["a start in the past", {}, { ...base, startDateTime: { dateTime: "2020-01-20T16:00:00", timeZone: "UTC" } }, [{ property: "startDateTime", reason: "startDateTime is in the past (2020-01-20T16:00:00.000Z UTC); a webinar must start in the future: set a later dateTime." }]],
    ["an offset in dateTime", {}, { ...base, startDateTime: { dateTime: "2030-01-20T16:00:00Z", timeZone: "UTC" } }, [{ property: "startDateTime", reason: 'startDateTime.dateTime "2030-01-20T16:00:00Z" has a UTC offset; Graph reads dateTime as a local time in timeZone: write it without offset, e.g. "2030-01-20T16:00:00", and set timeZone (e.g. "UTC").' }]],
    ["a zone Graph does not know", {}, { ...base, endDateTime: { dateTime: "2030-01-20T17:00:00", timeZone: "Pacific" } }, [{ property: "endDateTime", reason: 'endDateTime.timeZone "Pacific" is not a zone name Graph knows; did you mean "Pacific Standard Time"?' }]],
    ["a time as a string", {}, { ...base, startDateTime: "2030-01-20T16:00:00Z" }, [{ property: "startDateTime", reason: 'startDateTime must be an object with dateTime and timeZone, not a string: e.g. startDateTime: { dateTime: "2027-01-20T16:00:00", timeZone: "Pacific Standard Time" } (a Windows zone name) or timeZone: "Europe/Berlin" (IANA).' }]],
    ["an audience in the wrong case", {}, { ...base, audience: "Everyone" }, [{ property: "audience", reason: 'audience "Everyone" must be written exactly "everyone".' }]],
    ["an external id over 256 characters", {}, { ...base, externalEventId: "x".repeat(257) }, [{ property: "externalEventId", reason: "externalEventId is 257 characters long; Graph takes at most 256: use a shorter id (a hash of the long one, say)." }]],
    ["a co-organizer by UPN", {}, { ...base, coOrganizers: [{ id: "adele@contoso.com", tenantId: tenant }] }, [{ property: "coOrganizers[0].id", reason: "coOrganizers[0].id must be the user's Entra object id, a GUID (a userPrincipalName is not accepted here: use the object id)." }]],
    ["unpublishing", { ...base, published: true }, { ...base, published: false }, [{ property: "published", reason: "published cannot go from true to false: Microsoft Graph cannot unpublish a webinar. Set published: true again; to end the webinar, remove the resource (Pulumi cancels it) or cancel it in Teams." }]],
    ["a dot segment as import id", {}, { ...base, adoptId: ".." }, [{ property: "adoptId", reason: 'adoptId ".." is a dot segment, not an id: set it to the id of the webinar to take over ({guid}@{tenantGuid}).' }]],
    ["misspelt property", {}, { ...base, displayname: "x" }, [{ property: "displayname", reason: 'unknown property "displayname"; did you mean "displayName"?' }]],
  ];
  for (const [name, olds, news, failures] of mistakes) {
    it(`rejects: ${name}`, () => expect(check(olds, news).failures).to.deep.equal(failures));
  }

  it("rejects: an audience Graph does not know, listing the values", () => {
    const [f, ...rest] = check({}, { ...base, audience: "public" }).failures ?? [];
    expect(rest).to.deep.equal([]);
    expect(f.property).to.equal("audience");
    expect(f.reason).to.match(/^audience "public" is not a value Graph knows; use .*"everyone".*"organization"/);
  });

  it("an unchanged start that has passed does not block later deployments", () => {
    const past = { ...base, startDateTime: { dateTime: "2020-01-20T16:00:00", timeZone: "UTC" }, endDateTime: { dateTime: "2020-01-20T17:00:00", timeZone: "UTC" } };
    expect(check(past, { ...past, displayName: "renamed" }).failures).to.equal(undefined);
  });
});

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
