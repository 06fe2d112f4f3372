// Every lifecycle path and error of ExternalMeetingRegistration against the real emulator over TLS,
// with real @azure/identity credentials (ClientSecretCredential from the emulator's ready line).
import { expect } from "chai";
import * as registration from "../../../provider/resources/externalMeetingRegistration/lifecycle";
import { GraphError } from "../../../provider/graph/errors";
import { setLogSink } from "../../../provider/graph/log";
import type { ProviderContext } from "../../../provider/runtime";
import type { EmulatorProcess } from "../../support/emulator";
import { asApp, newMeeting, registrationPath } from "../../support/meetingFixtures";
import { providerSuite, contextFor } from "../../support/providerContext";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("integration: ExternalMeetingRegistration against the emulator", function () {
  this.timeout(60_000);
  let emu: EmulatorProcess;
  let ctx: ProviderContext;
  let organizer: string;

  providerSuite({}, (s) => ({ emu, ctx, organizer } = s));
  afterEach(async () => {
    await emu.admin.clearFaults();
  });

  async function createdWith(inputs: { meetingId: string; userId?: string; allowedRegistrant?: "everyone" | "organization"; adoptId?: string }) {
    const checked = registration.check({}, inputs);
    expect(checked.failures).to.equal(undefined);
    return registration.create(ctx, checked.inputs!);
  }

  it("create: POSTs the external registration with @odata.type and stores Graph's id", async () => {
    const meetingId = await newMeeting(emu);
    await emu.admin.clearRequests();
    const result = await createdWith({ meetingId, userId: organizer });
    expect(result.id).to.match(uuid);
    expect(result.outs).to.deep.equal({ id: result.id, meetingId, userId: organizer, allowedRegistrant: "everyone" });

    const seen = (await emu.admin.graphRequests());
    expect(seen.map((r) => [r.method, r.path, r.status])).to.deep.equal([["POST", registrationPath(emu, meetingId), 201]]);
    expect(seen[0].clientRequestId).to.match(uuid);
    const stored = (await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId);
    expect(stored).to.have.length(1);
    expect(stored[0].resource).to.include({ "@odata.type": "#microsoft.graph.externalMeetingRegistration", id: result.id, allowedRegistrant: "everyone" });
  });

  it("create: allowedRegistrant organization; a UPN as userId; each request has its own client-request-id", async () => {
    const meetingId = await newMeeting(emu);
    await emu.admin.clearRequests();
    const result = await createdWith({ meetingId, userId: emu.info.organizer.userPrincipalName, allowedRegistrant: "organization" });
    expect(result.outs).to.include({ allowedRegistrant: "organization", userId: emu.info.organizer.userPrincipalName });
    const read = await registration.read(ctx, result.id, result.outs!);
    expect(read.id).to.equal(result.id);
    const ids = (await emu.admin.requests()).filter((r) => r.path.includes("/registration")).map((r) => r.clientRequestId);
    expect(ids).to.have.length(2);
    expect(new Set(ids).size).to.equal(2);
  });

  it("create on a meeting that already has a registration: 409 with the existing id and how to adopt it", async () => {
    const meetingId = await newMeeting(emu);
    const existing = await asApp(emu, "POST", registrationPath(emu, meetingId), { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "organization" });
    expect(existing.status).to.equal(201);
    const err = await createdWith({ meetingId, userId: organizer }).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    expect(err.status).to.equal(409);
    const lines = (err.message as string).split("\n");
    expect(lines[0]).to.equal(`Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of user "${organizer}": Microsoft Graph answered 409 Conflict (code "Conflict"): A registration already exists for this online meeting.`);
    expect(lines[1]).to.equal(
      `The meeting already has an external registration (id "${existing.body.id}", allowedRegistrant "organization"), and Graph allows one registration per meeting. ` +
        `To manage it with Pulumi, adopt it: add adoptId: "${existing.body.id}" and allowedRegistrant: "organization" to this resource's inputs and run \`pulumi up\` again (or give the resource the option import: "${existing.body.id}"). ` +
        `Or remove it (DELETE ${emu.info.graphEndpoint}/beta/users/${organizer}/onlineMeetings/${meetingId}/registration) and run \`pulumi up\` again.`,
    );
    expect(lines[2]).to.match(/^\(POST \/beta\/users\/\{userId\}\/onlineMeetings\/\{meetingId\}\/registration, status 409, code Conflict, request-id [0-9a-f-]{36}, client-request-id [0-9a-f-]{36}, date .+\)$/);

    // …and adopting it as the message says: no POST, the existing one becomes the resource.
    await emu.admin.clearRequests();
    const adopted = await createdWith({ meetingId, userId: organizer, allowedRegistrant: "organization", adoptId: existing.body.id });
    expect(adopted).to.deep.equal({ id: existing.body.id, outs: { id: existing.body.id, meetingId, userId: organizer, allowedRegistrant: "organization", adoptId: existing.body.id } });
    expect((await emu.admin.requests()).filter((r) => r.path.startsWith("/beta/")).map((r) => r.method)).to.deep.equal(["GET"]);
    // adoptId is create-time only: removing it later is no change.
    expect(await registration.diff(adopted.id, adopted.outs!, { meetingId, userId: organizer, allowedRegistrant: "organization" })).to.deep.equal({ changes: false });
    const refreshed = await registration.read(ctx, adopted.id, adopted.outs!);
    expect(refreshed.inputs).to.deep.equal({ meetingId, userId: organizer, allowedRegistrant: "organization", adoptId: existing.body.id });
  });

  it("adoptId mistakes: another id, another allowedRegistrant; nothing to adopt creates one", async () => {
    const meetingId = await newMeeting(emu);
    const existing = await asApp(emu, "POST", registrationPath(emu, meetingId), { "@odata.type": "#microsoft.graph.externalMeetingRegistration", allowedRegistrant: "organization" });
    const wrongId = await createdWith({ meetingId, userId: organizer, allowedRegistrant: "organization", adoptId: "not-the-id" }).catch((e) => e);
    expect(wrongId.message).to.equal(`Could not adopt ExternalMeetingRegistration "not-the-id" for meeting "${meetingId}" of user "${organizer}": the meeting's registration has id "${existing.body.id}". Set adoptId to that id.`);
    const wrongAudience = await createdWith({ meetingId, userId: organizer, adoptId: existing.body.id }).catch((e) => e);
    expect(wrongAudience.message).to.equal(
      `Could not adopt ExternalMeetingRegistration "${existing.body.id}" for meeting "${meetingId}" of user "${organizer}": it has allowedRegistrant "organization", and Graph cannot change that in place. Set allowedRegistrant: "organization" to adopt it as it is.`,
    );

    const empty = await newMeeting(emu);
    const lines: string[] = [];
    const previous = setLogSink((l) => lines.push(l));
    let created;
    try {
      created = await createdWith({ meetingId: empty, userId: organizer, adoptId: existing.body.id });
    } finally {
      setLogSink(previous);
    }
    expect(lines).to.deep.equal([`msgraph: no registration to adopt for meeting "${empty}" of user "${organizer}" (adoptId "${existing.body.id}"): creating one.`]);
    expect(created.id).to.not.equal(existing.body.id);
    expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === empty).map((r) => r.resource.id)).to.deep.equal([created.id]);
  });

  it("read with inputs only (an import read, which engines up to 3.274 never send): the id must match", async () => {
    const meetingId = await newMeeting(emu);
    const existing = await asApp(emu, "POST", registrationPath(emu, meetingId), { "@odata.type": "#microsoft.graph.externalMeetingRegistration" });
    const imported = await registration.read(ctx, existing.body.id, { meetingId, userId: organizer, allowedRegistrant: "everyone" });
    expect(imported).to.deep.equal({
      id: existing.body.id,
      props: { id: existing.body.id, meetingId, userId: organizer, allowedRegistrant: "everyone" },
      inputs: { meetingId, userId: organizer, allowedRegistrant: "everyone" },
    });
    const wrongId = await registration.read(ctx, "not-the-id", { meetingId, userId: organizer }).catch((e) => e);
    expect(wrongId.message).to.equal(`Could not import ExternalMeetingRegistration "not-the-id" for meeting "${meetingId}" of user "${organizer}": its registration has id "${existing.body.id}": import that id instead.`);
  });

  it("create on a meeting that does not exist: 404 names the meeting and the organizer rule", async () => {
    const missing = Buffer.from(`1*${organizer}*0**19:meeting_doesnotexist@thread.v2`).toString("base64");
    const err = await createdWith({ meetingId: missing, userId: organizer }).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    expect(err.status).to.equal(404);
    expect(err.message.split("\n")[1]).to.equal(
      `Graph found no online meeting "${missing}" organized by user "${organizer}": check meetingId, and that userId is the meeting's organizer (a meeting is visible only under its organizer). The token is for tenant "${emu.info.tenantId}": userId must name a user of that tenant.`,
    );
  });

  it("create with an app that has no application access policy: 403 with the policy fix naming app and user", async () => {
    const meetingId = await newMeeting(emu);
    const app = await emu.admin.addApp({ roles: ["OnlineMeetings.ReadWrite.All"], secrets: ["other-app-secret-123"] });
    const other = contextFor(emu, { "msgraph:clientId": app.clientId, "msgraph:clientSecret": "other-app-secret-123" });
    try {
      const err = await registration.create(other, { meetingId, userId: organizer, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(err).to.be.instanceOf(GraphError);
      expect(err.status).to.equal(403);
      expect(err.message).to.include(`New-CsApplicationAccessPolicy -Identity pulumi-meetings -AppIds "${app.clientId}"; Grant-CsApplicationAccessPolicy -PolicyName pulumi-meetings -Identity "${organizer}".`);
      expect(err.message).to.not.include("other-app-secret-123");
      expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId)).to.have.length(0);
    } finally {
      await other.client.close();
    }
  });

  it("create without userId using an app token: the /me 400 says to set userId", async () => {
    const meetingId = await newMeeting(emu);
    const err = await createdWith({ meetingId }).catch((e) => e);
    expect(err).to.be.instanceOf(GraphError);
    expect(err.status).to.equal(400);
    expect(err.message.split("\n")[0]).to.equal(
      `Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of the signed-in user (/me): Microsoft Graph answered 400 Bad Request (code "BadRequest"): /me request is only valid with delegated authentication flow.`,
    );
    expect(err.message.split("\n")[1]).to.equal(
      "userId is not set, so the call went to /me, which works only with a delegated (signed-in user) token; this token is an application token. Set userId to the organizer's object id or userPrincipalName.",
    );
  });

  it("a rejected static token: 401 names msgraph:accessToken and how to renew it, never the token", async () => {
    const meetingId = await newMeeting(emu);
    const bogus = "not-a-real-token-0123456789";
    const withToken = contextFor(emu, { "msgraph:accessToken": bogus, "msgraph:clientSecret": undefined });
    try {
      const err = await registration.create(withToken, { meetingId, userId: organizer, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(err).to.be.instanceOf(GraphError);
      expect(err).to.include({ status: 401, code: "InvalidAuthenticationToken" });
      expect(err.message).to.include("msgraph:accessToken holds that token: get a fresh one for Microsoft Graph");
      expect(err.message).to.not.include(bogus);
    } finally {
      await withToken.client.close();
    }
  });

  it("a wrong client secret: the credential error names the setting and every way to configure one, never the secret", async () => {
    const wrong = contextFor(emu, { "msgraph:clientSecret": "definitely-wrong-secret" });
    try {
      const err = await registration.read(wrong, "x", { id: "x", meetingId: await newMeeting(emu), userId: organizer }).catch((e) => e);
      expect(err.name).to.equal("CredentialError");
      expect(err.message).to.match(/^Could not get a Microsoft Graph access token \(scope https:\/\/graph\.microsoft\.com\/\.default\) with a client secret \(from msgraph:clientSecret\) at https:\/\/127\.0\.0\.1:\d+: invalid_client: AADSTS7000215: Invalid client secret provided\./);
      expect(err.message).to.include("Check that the tenant and client ids name the app and that the secret is current (secrets expire).");
      expect(err.message).to.include("Ways to configure a Microsoft Graph credential");
      expect(err.message).to.not.include("definitely-wrong-secret");
    } finally {
      await wrong.client.close();
    }
  });

  it("read: live values as props and inputs; drift in allowedRegistrant shows as a replacement; gone leaves the state", async () => {
    const meetingId = await newMeeting(emu);
    const created = await createdWith({ meetingId, userId: organizer });
    const fresh = await registration.read(ctx, created.id, created.outs!);
    expect(fresh).to.deep.equal({ id: created.id, props: created.outs, inputs: { meetingId, userId: organizer, allowedRegistrant: "everyone" } });

    // Drift made out of band (the emulator allows PATCH when told to).
    await emu.admin.setConfig({ externalRegistrationPatch: "allow" });
    try {
      expect((await asApp(emu, "PATCH", registrationPath(emu, meetingId), { allowedRegistrant: "organization" })).status).to.equal(200);
    } finally {
      await emu.admin.setConfig({ externalRegistrationPatch: "methodNotAllowed" });
    }
    const drifted = await registration.read(ctx, created.id, created.outs!);
    expect(drifted.props).to.include({ allowedRegistrant: "organization" });
    expect(drifted.inputs).to.include({ allowedRegistrant: "organization" });
    // The next preview: state (refreshed) vs program (everyone).
    expect(await registration.diff(created.id, drifted.props!, { meetingId, userId: organizer, allowedRegistrant: "everyone" })).to.deep.equal({
      changes: true,
      replaces: ["allowedRegistrant"],
      deleteBeforeReplace: true,
    });

    expect((await asApp(emu, "DELETE", registrationPath(emu, meetingId))).status).to.equal(204);
    expect(await registration.read(ctx, created.id, created.outs!)).to.deep.equal({ id: "" });
    // …and an import of something that is not there is an error, not an empty resource.
    const err = await registration.read(ctx, created.id, { meetingId, userId: organizer }).catch((e) => e);
    expect(err.message).to.equal(`Could not import ExternalMeetingRegistration "${created.id}" for meeting "${meetingId}" of user "${organizer}": it has no registration.`);
  });

  it("delete: removes it; a second delete (404) is fine; a registration made outside the stack is left alone", async () => {
    const meetingId = await newMeeting(emu);
    const created = await createdWith({ meetingId, userId: organizer });
    await registration.remove(ctx, created.id, created.outs!);
    expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId)).to.have.length(0);
    await registration.remove(ctx, created.id, created.outs!);

    const again = await createdWith({ meetingId, userId: organizer });
    await asApp(emu, "DELETE", registrationPath(emu, meetingId));
    const theirs = await asApp(emu, "POST", registrationPath(emu, meetingId), { "@odata.type": "#microsoft.graph.externalMeetingRegistration" });
    const lines: string[] = [];
    const previous = setLogSink((l) => lines.push(l));
    try {
      await registration.remove(ctx, again.id, again.outs!);
    } finally {
      setLogSink(previous);
    }
    expect(lines).to.deep.equal([`msgraph: the registration for meeting "${meetingId}" of user "${organizer}" is now "${theirs.body.id}", not "${again.id}" (made outside this stack): leaving it in place.`]);
    expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId).map((r) => r.resource.id)).to.deep.equal([theirs.body.id]);
  });

  it("delete of a registration whose meeting is gone is fine", async () => {
    const meetingId = await newMeeting(emu);
    const created = await createdWith({ meetingId, userId: organizer });
    expect((await asApp(emu, "DELETE", `/v1.0/users/${organizer}/onlineMeetings/${encodeURIComponent(meetingId)}`)).status).to.equal(204);
    await registration.remove(ctx, created.id, created.outs!);
  });
});
