// What `msgraph-meetings recover` decides for a pending create of each kind, against the real
// emulator over TLS: adopt exactly what the lost POST may have made and the inputs ask for (with the
// outputs the kind's own read gives a refresh), clear the rest, and send Graph nothing but GETs.
import { expect } from "chai";
import { lostCreateFinders } from "../../../provider/cli/recover/kinds";
import type { LostCreate } from "../../../provider/resources/common/lostCreate";
import type { ProviderContext } from "../../../provider/runtime";
import { delegatedToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { createPublishedWebinar } from "../../support/webinarFixtures";
import { asApp, newMeeting, registrationPath } from "../../support/meetingFixtures";
import { providerSuite } from "../../support/providerContext";

const registrationType = "pulumi-nodejs:dynamic/msgraph:ExternalMeetingRegistration";
const registrantType = "pulumi-nodejs:dynamic/msgraph:ExternalMeetingRegistrant";
const meetingType = "pulumi-nodejs:dynamic/msgraph:OnlineMeeting";
const webinarRegistrationType = "pulumi-nodejs:dynamic/msgraph:VirtualEventRegistration";

describe("integration: recover's lost-create finders against the emulator", function () {
  this.timeout(60_000);
  let emu: EmulatorProcess;
  let ctx: ProviderContext;
  let organizer: string;

  providerSuite({}, (s) => ({ emu, ctx, organizer } = s));
  const graphCalls = async () => (await emu.admin.graphRequests());
  /** One finder call; whatever it decides, it only read Graph. */
  async function find(type: string, inputs: Record<string, unknown>, held: { id: string; outputs: Record<string, unknown> }[] = []): Promise<LostCreate> {
    await emu.admin.clearRequests();
    const found = await lostCreateFinders[type](ctx, inputs, held);
    expect((await graphCalls()).filter((r) => r.method !== "GET").map((r) => `${r.method} ${r.path}`)).to.deep.equal([]);
    return found;
  }
  async function registered(meetingId: string, allowedRegistrant: string, odataType = "#microsoft.graph.externalMeetingRegistration"): Promise<string> {
    const body = { "@odata.type": odataType, allowedRegistrant };
    // A Teams-hosted registration takes only the organizer's own (delegated) token, as on Graph.
    const res =
      odataType === "#microsoft.graph.meetingRegistration"
        ? await graphRequest(emu.info, await delegatedToken(emu), "POST", registrationPath(emu, meetingId), body)
        : await asApp(emu, "POST", registrationPath(emu, meetingId), body);
    expect(res.status).to.equal(201);
    return res.body.id as string;
  }

  describe("ExternalMeetingRegistration", () => {
    it("adopts the meeting's registration when it is what the create asked for, with the outputs a refresh stores", async () => {
      const meetingId = await newMeeting(emu);
      const id = await registered(meetingId, "organization");
      const found = await find(registrationType, { meetingId, userId: organizer, allowedRegistrant: "organization" });
      expect(found).to.deep.equal({
        adopt: true,
        id,
        outputs: { id, meetingId, userId: organizer, allowedRegistrant: "organization" },
        note: 'the meeting\'s registration, allowedRegistrant "organization"',
      });
    });

    it("clears when the meeting has no registration (the POST never arrived)", async () => {
      const meetingId = await newMeeting(emu);
      const found = await find(registrationType, { meetingId, userId: organizer, allowedRegistrant: "everyone" });
      expect(found).to.deep.equal({ adopt: false, why: "the meeting has no registration: the killed run's POST made none. The next `pulumi up` creates it." });
    });

    it("clears when the registration differs from the inputs (allowedRegistrant), or is Teams-hosted: not what our POST would make", async () => {
      const meetingId = await newMeeting(emu);
      const id = await registered(meetingId, "everyone");
      const found = await find(registrationType, { meetingId, userId: organizer, allowedRegistrant: "organization" });
      expect(found).to.deep.equal({
        adopt: false,
        why: `the meeting's registration "${id}" has allowedRegistrant "everyone", not "organization": not what this create asked for. The next \`pulumi up\` reports it (409) and says how to adopt or remove it.`,
      });
      const teamsMeeting = await newMeeting(emu);
      const teamsId = await registered(teamsMeeting, "everyone", "#microsoft.graph.meetingRegistration");
      const teams = await find(registrationType, { meetingId: teamsMeeting, userId: organizer });
      expect(teams).to.deep.include({ adopt: false });
      // The emulator follows Graph: a Teams-hosted registration is shown to the organizer's own token only.
      expect(teamsId).to.be.a("string");
      expect((teams as { why: string }).why).to.equal("Graph refuses to show the meeting's registration to this identity (403), so it is not one this resource's POST made with it (a Teams-hosted registration answers so). The next `pulumi up` says what to do.");
    });

    it("clears when another resource of the stack already holds the registration (no duplicate state entry)", async () => {
      const meetingId = await newMeeting(emu);
      const id = await registered(meetingId, "everyone");
      const found = await find(registrationType, { meetingId, userId: organizer, allowedRegistrant: "everyone" }, [{ id, outputs: { meetingId } }]);
      expect(found).to.deep.equal({ adopt: false, why: `the meeting's registration "${id}" is already held by another resource of this stack.` });
    });

    it("asks Graph nothing when the recorded inputs are not valid", async () => {
      const found = await find(registrationType, { meetingId: "19:meeting_abc@thread.v2", userId: organizer });
      expect(found.adopt).to.equal(false);
      expect((found as { why: string }).why).to.match(/^its recorded inputs are not valid \(meetingId "19:meeting_abc@thread\.v2" is a Teams chat thread id/);
      expect(await graphCalls()).to.deep.equal([]);
    });
  });

  describe("ExternalMeetingRegistrant", () => {
    async function meetingWithRegistrant(registrantId: string, body: Record<string, unknown> = {}): Promise<string> {
      const meetingId = await newMeeting(emu);
      await registered(meetingId, "everyone");
      const res = await asApp(emu, "POST", `${registrationPath(emu, meetingId)}/registrants`, { "@odata.type": "#microsoft.graph.externalMeetingRegistrant", id: registrantId, ...body });
      expect(res.status).to.equal(200);
      return meetingId;
    }

    it("adopts the meeting's registrant with the create's id and Entra ids, without a join link", async () => {
      const meetingId = await meetingWithRegistrant("crm-7");
      const found = await find(registrantType, { meetingId, userId: organizer, registrantId: "crm-7" });
      expect(found).to.deep.include({ adopt: true, id: "crm-7", outputs: { meetingId, userId: organizer, registrantId: "crm-7", id: "crm-7" } });
      expect((found as { note: string }).note).to.equal(
        'registrant "crm-7" of the meeting, without its join link (Graph returns it only to the create; `pulumi up --replace <urn>` makes a new registrant with one)',
      );
    });

    it("clears when the meeting has no such registrant, when its Entra ids differ, or when the stack holds it already", async () => {
      const tenant = "11111111-1111-1111-1111-111111111111";
      const meetingId = await meetingWithRegistrant("crm-8", { tenantId: tenant, userId: "22222222-2222-2222-2222-222222222222" });
      const none = await find(registrantType, { meetingId, userId: organizer, registrantId: "crm-9" });
      expect(none).to.deep.equal({ adopt: false, why: 'the meeting has no registrant "crm-9": the killed run\'s POST made none. The next `pulumi up` creates it.' });
      const other = await find(registrantType, { meetingId, userId: organizer, registrantId: "crm-8", registrantTenantId: tenant, registrantUserId: "33333333-3333-3333-3333-333333333333" });
      expect(other).to.deep.equal({
        adopt: false,
        why: 'the meeting\'s registrant "crm-8" has registrantUserId "22222222-2222-2222-2222-222222222222", not "33333333-3333-3333-3333-333333333333": not what this create asked for. The next `pulumi up` reports it (409) and says how to remove it.',
      });
      const held = await find(registrantType, { meetingId, userId: organizer, registrantId: "crm-8" }, [{ id: "crm-8", outputs: { meetingId, userId: organizer } }]);
      expect(held).to.deep.equal({ adopt: false, why: 'registrant "crm-8" of this meeting is already held by another resource of this stack.' });
    });
  });

  describe("VirtualEventRegistration", () => {
    let webinarId: string;
    const person = (email: string, registrationId: string) => ({
      firstName: "Ada",
      lastName: "Lovelace",
      email,
      preferredTimezone: "UTC",
      preferredLanguage: "en-us",
      externalRegistrationInformation: { referrer: "CRM", registrationId },
    });
    /** The application's anonymous registration (204, no body), and its id from the emulator's state. */
    async function register(email: string, registrationId: string): Promise<string> {
      const res = await asApp(emu, "POST", `/v1.0/solutions/virtualEvents/webinars/${encodeURIComponent(webinarId)}/registrations`, person(email, registrationId));
      expect(res.status).to.equal(204);
      const stored = (await emu.admin.state()).webinarRegistrations.find((r) => r.resource.email === email && r.resource.status !== "canceled");
      return String(stored!.resource.id);
    }
    before(async () => {
      webinarId = await createPublishedWebinar(emu.info);
    });

    it("adopts the person's live registration when it carries the external id asked for, with the outputs a refresh stores", async () => {
      const id = await register("ada@example.com", "crm-1");
      const found = await find(webinarRegistrationType, { webinarId, ...person("ada@example.com", "crm-1") });
      expect(found).to.deep.include({ adopt: true, id, note: 'the person\'s registration, external id "crm-1"' });
      expect((found as { outputs: Record<string, unknown> }).outputs).to.deep.include({ id, webinarId, email: "ada@example.com", status: "registered" });
    });

    it("clears when the person has no registration, or only a canceled one: the next up registers them", async () => {
      const none = await find(webinarRegistrationType, { webinarId, ...person("grace@example.com", "crm-2") });
      expect(none).to.deep.equal({
        adopt: false,
        why: `Graph shows no live registration of "grace@example.com" on webinar "${webinarId}" (the killed run's POST made none). The next \`pulumi up\` registers the person; if Graph holds one after all, it answers 409 and the create takes that one over.`,
      });
      const id = await register("grace@example.com", "crm-2");
      await asApp(emu, "POST", `/v1.0/solutions/virtualEvents/webinars/${encodeURIComponent(webinarId)}/registrations/${id}/cancel`);
      expect((await find(webinarRegistrationType, { webinarId, ...person("grace@example.com", "crm-2") })).adopt).to.equal(false);
    });

    it("clears when the live registration has another external id, or another resource of the stack holds it", async () => {
      const id = await register("alan@example.com", "crm-3");
      const other = await find(webinarRegistrationType, { webinarId, ...person("alan@example.com", "crm-4") });
      expect(other).to.deep.equal({
        adopt: false,
        why: `the live registration "${id}" of "alan@example.com" on webinar "${webinarId}" has external id "crm-3", not "crm-4": not what this create asked for. The next \`pulumi up\` meets Graph's 409 and says what to do.`,
      });
      const held = await find(webinarRegistrationType, { webinarId, ...person("alan@example.com", "crm-3") }, [{ id, outputs: {} }]);
      expect(held).to.deep.equal({ adopt: false, why: `the registration "${id}" of "alan@example.com" on webinar "${webinarId}" is already held by another resource of this stack.` });
    });
  });

  describe("OnlineMeeting", () => {
    it("clears without a request: Graph finds a meeting only by its id; with externalId the next up's createOrGet returns it", async () => {
      const withExternal = await find(meetingType, { userId: organizer, subject: "s", externalId: "evt-1" });
      expect(withExternal).to.deep.equal({
        adopt: false,
        why: 'nothing to read (Graph finds a meeting only by its id). The next `pulumi up` creates it with createOrGet, which returns the meeting the killed run\'s POST made, if it made one (externalId "evt-1").',
      });
      const without = await find(meetingType, { userId: organizer, subject: "s" });
      expect((without as { why: string }).why).to.match(/^nothing to read .* If the killed run's POST was applied, that meeting is in the organizer's calendar and no stack holds it: delete it there\. Set externalId/);
      expect(await graphCalls()).to.deep.equal([]);
    });
  });
});
