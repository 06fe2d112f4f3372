// ExternalMeetingRegistrant's lifecycle against the real emulator over TLS: create (200 + the
// personal joinWebUrl), read through the paged list route (joinWebUrl kept from create), the
// organization-only 400, duplicates, out-of-band deletion, and deletion after the registration went.
import { expect } from "chai";
import * as registrant from "../../../provider/resources/externalMeetingRegistrant/lifecycle";
import type { RegistrantInputs, RegistrantOutputs } from "../../../provider/resources/externalMeetingRegistrant/inputs";
import { GraphError } from "../../../provider/graph/errors";
import type { ProviderContext } from "../../../provider/runtime";
import type { EmulatorProcess } from "../../support/emulator";
import { asApp, newMeeting, registrationPath } from "../../support/meetingFixtures";
import { providerSuite, contextFor } from "../../support/providerContext";

describe("integration: ExternalMeetingRegistrant against the emulator", function () {
  this.timeout(60_000);
  let emu: EmulatorProcess;
  let ctx: ProviderContext;
  let organizer: string;

  providerSuite({ config: { registrantPageSize: 2 } }, (s) => ({ emu, ctx, organizer } = s));

  async function meetingWithRegistration(allowedRegistrant: "everyone" | "organization" = "everyone") {
    const meetingId = await newMeeting(emu);
    const reg = await asApp(emu, "POST", registrationPath(emu, meetingId), { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant });
    expect(reg.status).to.equal(201);
    return meetingId;
  }
  function checked(news: Record<string, unknown>): RegistrantInputs {
    const r = registrant.check({}, news);
    expect(r.failures).to.equal(undefined);
    return r.inputs!;
  }
  const graphCalls = async () => (await emu.admin.graphRequests()).map((r) => [r.method, r.path, r.status]);
  const registrantsPath = (meetingId: string) => `${registrationPath(emu, meetingId)}/registrants`;
  const read = (id: string, outs: RegistrantOutputs) => registrant.read(ctx, id, outs);

  it("create: POST with @odata.type and the external id; 200 with the personal joinWebUrl; refresh keeps it (the list has null)", async () => {
    const meetingId = await meetingWithRegistration();
    const program = checked({ meetingId, userId: organizer, registrantId: "crm-0001" });
    await emu.admin.clearRequests();
    const { id, outs } = await registrant.create(ctx, program);
    expect(id).to.equal("crm-0001");
    expect(await graphCalls()).to.deep.equal([["POST", registrantsPath(meetingId), 200]]);
    expect(outs!.joinWebUrl).to.match(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(decodeURIComponent(outs!.joinWebUrl!)).to.include('"prid":"crm-0001"');
    const stored = (await emu.admin.state()).registrants.filter((r) => r.meetingId === meetingId).map((r) => r.resource);
    expect(stored).to.deep.equal([{ "@odata.type": "#microsoft.graph.externalMeetingRegistrant", id: "crm-0001", tenantId: null, userId: null, joinWebUrl: outs!.joinWebUrl }]);

    const refreshed = await read(id, outs!);
    expect(refreshed).to.deep.equal({ id, props: outs, inputs: program });
    expect(await registrant.diff(id, refreshed.props!, program)).to.deep.equal({ changes: false });
  });

  it("read follows @odata.nextLink through every page to find the registrant", async () => {
    const meetingId = await meetingWithRegistration();
    const made: { id: string; outs: RegistrantOutputs }[] = [];
    for (let i = 1; i <= 5; i++) made.push((await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: `p-${i}` }))) as { id: string; outs: RegistrantOutputs });
    await emu.admin.clearRequests();
    const last = await read(made[4].id, made[4].outs);
    expect(last.id).to.equal("p-5");
    expect(last.props!.joinWebUrl).to.equal(made[4].outs.joinWebUrl);
    // 5 registrants, 2 per page: three GETs of the list (the log shows paths without the query)
    expect(await graphCalls()).to.deep.equal([0, 1, 2].map(() => ["GET", registrantsPath(meetingId), 200]));
  });

  it("a refresh of many registrants of one meeting lists it once; a create or delete in between is seen", async () => {
    const meetingId = await meetingWithRegistration();
    const made: { id: string; outs: RegistrantOutputs }[] = [];
    for (let i = 1; i <= 5; i++) made.push((await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: `r-${i}` }))) as { id: string; outs: RegistrantOutputs });
    await emu.admin.clearRequests();
    const reads = await Promise.all(made.map((m) => read(m.id, m.outs)));
    expect(reads.map((r) => r.id)).to.deep.equal(["r-1", "r-2", "r-3", "r-4", "r-5"]);
    expect(await graphCalls()).to.deep.equal([0, 1, 2].map(() => ["GET", registrantsPath(meetingId), 200]));

    // Deleted through the provider: the next read does not trust the earlier listing.
    await registrant.remove(ctx, made[0].id, made[0].outs);
    expect(await read(made[0].id, made[0].outs)).to.deep.equal({ id: "" });
    const added = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "r-6" }));
    expect((await read(added.id, added.outs!)).id).to.equal("r-6");
  });

  it("organization-only registration: the Entra ids go to Graph; without them Graph's 400 says what to set", async () => {
    const meetingId = await meetingWithRegistration("organization");
    const tenantId = emu.info.tenantId;
    const person = (await emu.admin.addUser({ userPrincipalName: `member${Date.now()}@contoso.example` })).id;
    const ok = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "m-1", registrantTenantId: tenantId, registrantUserId: person }));
    expect((await emu.admin.state()).registrants.find((r) => r.meetingId === meetingId)!.resource).to.include({ id: "m-1", tenantId, userId: person });
    expect((await read(ok.id, ok.outs!)).inputs).to.include({ registrantTenantId: tenantId, registrantUserId: person });

    const err = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "m-2" })).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    const lines = (err.message as string).split("\n");
    expect(lines[0]).to.equal(
      `Could not create the ExternalMeetingRegistrant "m-2" for meeting "${meetingId}" of user "${organizer}": Microsoft Graph answered 400 Bad Request (code "BadRequest"): tenantId and userId are required when the registration's allowedRegistrant is organization.`,
    );
    expect(lines[1]).to.equal(
      'If the registration allows only the organization (allowedRegistrant "organization"), Graph requires the registrant\'s Entra ids: set registrantTenantId and registrantUserId (pass allowedRegistrant: registration.allowedRegistrant and check says so before anything is sent).',
    );
  });

  it("a duplicate registrant id: 409 that says why it cannot be adopted and how to remove it", async () => {
    const meetingId = await meetingWithRegistration();
    const program = checked({ meetingId, userId: organizer, registrantId: "dup" });
    await registrant.create(ctx, program);
    const err = await registrant.create(ctx, program).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    expect(err.status).to.equal(409);
    expect((err.message as string).split("\n")[1]).to.equal(
      `A registrant with id "dup" is already registered for this meeting (registrant ids are unique per meeting, and Graph returns the join link only at creation, so it cannot be adopted). Use another registrantId, or delete the existing one (DELETE ${emu.info.graphEndpoint}/beta/users/${organizer}/onlineMeetings/${meetingId}/registration/registrants/dup) and run \`pulumi up\` again.`,
    );
  });

  it("a meeting without registration: 404 that says to create the registration first", async () => {
    const meetingId = await newMeeting(emu);
    const err = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "x" })).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    expect((err.message as string).split("\n")[1]).to.match(/^The meeting has no registration .*create its ExternalMeetingRegistration first/);
  });

  it("refresh: a registrant deleted outside Pulumi leaves the state; so does one whose registration was deleted; delete then succeeds", async () => {
    const meetingId = await meetingWithRegistration();
    const a = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "gone-1" }));
    const b = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "gone-2" }));
    // Each `pulumi refresh` runs in a new provider process: a new context (no listing shared with earlier reads).
    const refresh = async (id: string, outs: RegistrantOutputs) => {
      const fresh = contextFor(emu);
      try {
        return await registrant.read(fresh, id, outs);
      } finally {
        await fresh.client.close();
      }
    };
    expect((await asApp(emu, "DELETE", `${registrantsPath(meetingId)}/gone-1`)).status).to.equal(204);
    expect(await refresh(a.id, a.outs!)).to.deep.equal({ id: "" });
    expect((await refresh(b.id, b.outs!)).id).to.equal("gone-2");

    expect((await asApp(emu, "DELETE", registrationPath(emu, meetingId))).status).to.equal(204);
    expect(await refresh(b.id, b.outs!)).to.deep.equal({ id: "" });
    await emu.admin.clearRequests();
    await registrant.remove(ctx, b.id, b.outs!);
    expect(await graphCalls()).to.deep.equal([["DELETE", `${registrantsPath(meetingId)}/gone-2`, 404]]);
  });

  it("delete: DELETE by the registrant id", async () => {
    const meetingId = await meetingWithRegistration();
    const r = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "bye" }));
    await emu.admin.clearRequests();
    await registrant.remove(ctx, r.id, r.outs!);
    expect(await graphCalls()).to.deep.equal([["DELETE", `${registrantsPath(meetingId)}/bye`, 204]]);
    expect((await emu.admin.state()).registrants.filter((x) => x.meetingId === meetingId)).to.deep.equal([]);
  });

  it('registrantId ".." is refused by check, and a ".." from state never reaches Graph: the registration stays', async () => {
    const meetingId = await meetingWithRegistration();
    const before = (await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId);
    expect(before).to.have.length(1);
    expect(registrant.check({}, { meetingId, userId: organizer, registrantId: ".." }).failures).to.deep.equal([
      { property: "registrantId", reason: 'registrantId is "..", which is not an id: in a URL it means the parent resource, so Graph would act on another object (e.g. DELETE …/registrants/.. deletes the whole registration). Set the real id.' },
    ]);
    await emu.admin.clearRequests();
    // State written by an older version (whose check let ".." through): delete must not climb to the registration.
    const err = await registrant.remove(ctx, "..", { id: "..", meetingId, userId: organizer, registrantId: ".." }).catch((e) => e);
    expect(err).to.be.instanceOf(Error);
    expect(err.message).to.match(/^Could not delete ExternalMeetingRegistrant "\.\.": the state holds an unusable id \(registrantId is "\.\."/);
    expect(await graphCalls()).to.deep.equal([]);
    expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId)).to.deep.equal(before);
  });

  it("an @odata.nextLink to another host is refused (the access token stays with Graph)", async () => {
    const meetingId = await meetingWithRegistration();
    const r = await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "n-1" }));
    await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "n-2" }));
    await registrant.create(ctx, checked({ meetingId, userId: organizer, registrantId: "n-3" }));
    // Same emulator, other origin: localhost instead of 127.0.0.1 (the certificate covers both).
    const other = contextFor(emu, { "msgraph:graphEndpoint": emu.info.graphEndpoint.replace("127.0.0.1", "localhost") });
    try {
      const err = await registrant.read(other, "n-3", { ...r.outs!, registrantId: "n-3", id: "n-3" }).catch((e) => e);
      expect(err).to.be.instanceOf(Error);
      expect(err.message).to.equal(
        `Could not read the ExternalMeetingRegistrant "n-3" for meeting "${meetingId}" of user "${organizer}": Graph's @odata.nextLink points to ${emu.info.graphEndpoint}, not to ${emu.info.graphEndpoint.replace("127.0.0.1", "localhost")}; refusing to send the access token there.`,
      );
    } finally {
      await other.client.close();
    }
  });
});
