// The provider under each emulator profile, end to end: the real dynamic-provider host (as the engine
// runs it, with the package installed from its `npm pack` tarball) creating an ExternalMeetingRegistration
// against the emulator switched to `seed`, `current` and `retired` in turn. One emulator, one install,
// one host per identity.
import { expect } from "chai";
import { delegatedToken } from "../../support/tokens";
import { graphRequest } from "../../support/graphRequest";
import type { EmulatorProcess } from "../../support/emulator";
import { dynamicUrn, HostCallError, type DynamicHost } from "../../support/dynamicProviderHost";
import { newMeeting } from "../../support/meetingFixtures";
import { dynamicHostSuite, type DynamicHostSuite } from "../../support/dynamicHostSuite";
import { serializeProvider } from "../../support/dynamicProviderHostProgram";

async function failure(p: Promise<unknown>): Promise<HostCallError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HostCallError) return e;
    throw e;
  }
  throw new Error("expected the host call to fail");
}

describe("integration: the provider under each emulator profile (seed, current, retired)", function () {
  this.timeout(240_000);
  let emu: EmulatorProcess;
  let dir: string;
  let provider: string;
  let appHost: DynamicHost;
  let suite: DynamicHostSuite;

  dynamicHostSuite(async (s) => {
    suite = s;
    ({ emu, dir } = s);
    provider = serializeProvider(dir, s.stack, ["msgraph:clientSecret"]).text;
    appHost = await startHost(s.stack, ["msgraph:clientSecret"]);
  });

  async function startHost(stack: Record<string, string>, secretKeys: string[]): Promise<DynamicHost> {
    const host = await suite.startHost({ env: { NODE_EXTRA_CA_CERTS: emu.info.caFile } });
    await host.configure(stack, secretKeys);
    return host;
  }

  const registrationsOf = async (meetingId: string) => (await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId);

  it("seed: an application identity creates and deletes the registration", async () => {
    await emu.admin.setConfig({ profile: "seed" });
    const meetingId = await newMeeting(emu);
    const inputs = { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider };
    const created = await appHost.create(dynamicUrn("seed"), inputs);
    expect(await registrationsOf(meetingId)).to.have.length(1);
    await appHost.delete(created.id, dynamicUrn("seed"), created.properties, inputs);
    expect(await registrationsOf(meetingId)).to.have.length(0);
  });

  it("current: an application identity gets Graph's 403 with what the current docs say and what to use; a delegated identity is served", async () => {
    await emu.admin.setConfig({ profile: "current" });
    const meetingId = await newMeeting(emu);
    const err = await failure(appHost.create(dynamicUrn("current-app"), { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider }));
    expect(err.details).to.include('Microsoft Graph answered 403 Forbidden (code "Forbidden")');
    expect(err.details).to.include('list application permissions as "Not supported" for the meeting registration API');
    expect(err.details).to.include("use a delegated identity (a user's token in msgraph:accessToken, without userId)");
    expect(err.details).to.include("docs/migrating-to-webinars.md");
    expect(await registrationsOf(meetingId)).to.have.length(0);

    // The organizer's own token (device code through the public client), as msgraph:accessToken; no userId: /me.
    const token = await delegatedToken(emu);
    const own = await graphRequest(emu.info, token, "POST", "/beta/me/onlineMeetings", { subject: "delegated", startDateTime: "2030-01-01T10:00:00Z", endDateTime: "2030-01-01T11:00:00Z" });
    const userHost = await startHost(
      { "msgraph:accessToken": token, "msgraph:graphEndpoint": emu.info.graphEndpoint, "msgraph:authorityHost": emu.info.authorityHost },
      ["msgraph:accessToken"],
    );
    const created = await userHost.create(dynamicUrn("current-user"), { meetingId: own.body.id, allowedRegistrant: "everyone", __provider: provider });
    expect((await registrationsOf(own.body.id)).map((r) => r.resource.id)).to.deep.equal([created.id]);
  });

  it("retired: the error says the API was retired, that nothing was created, and points to the webinar resources", async () => {
    await emu.admin.setConfig({ profile: "retired" });
    try {
      const meetingId = await newMeeting(emu);
      const err = await failure(appHost.create(dynamicUrn("retired"), { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider }));
      expect(err.details).to.include(`Could not create the ExternalMeetingRegistration for meeting "${meetingId}"`);
      expect(err.details).to.include("Microsoft Graph answered 404 Not Found");
      expect(err.details).to.include("The meeting exists, so the registration API itself refused the call: Microsoft retired the meeting registration API");
      expect(err.details).to.include("Nothing was created.");
      expect(err.details).to.include("VirtualEventWebinar, VirtualEventRegistration): see docs/migrating-to-webinars.md");
      expect(await registrationsOf(meetingId)).to.have.length(0);
    } finally {
      await emu.admin.setConfig({ profile: "seed" });
    }
  });
});
