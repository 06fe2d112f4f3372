// The provider against a retired registration API (the emulator's `retired` profile, whose answer is
// a config switch because Microsoft documents none): every plausible answer (404, 410, 400) to a
// registration or registrant write on a meeting that exists becomes an error that says what happened
// and points to the webinar resources; a missing meeting is still reported as missing.
import { expect } from "chai";
import * as registration from "../../../provider/resources/externalMeetingRegistration/lifecycle";
import * as registrant from "../../../provider/resources/externalMeetingRegistrant/lifecycle";
import { GraphError } from "../../../provider/graph/errors";
import type { ProviderContext } from "../../../provider/runtime";
import { DEFAULT_RETIRED_ANSWER } from "../../../emulator/config";
import type { EmulatorProcess } from "../../support/emulator";
import { providerSuite } from "../../support/providerContext";
import { newMeeting } from "../../support/meetingFixtures";

describe("integration: the provider against the retired registration API", function () {
  this.timeout(60_000);
  let emu: EmulatorProcess;
  let ctx: ProviderContext;
  let organizer: string;

  providerSuite({ args: ["--profile", "retired"] }, (s) => ({ emu, ctx, organizer } = s));
  afterEach(() => emu.admin.setConfig({ retiredAnswer: DEFAULT_RETIRED_ANSWER }));

  const lines = (e: unknown) => (e instanceof GraphError ? e.message.split("\n") : [String(e)]);

  for (const answer of [DEFAULT_RETIRED_ANSWER, { status: 410, code: "Gone", message: "Gone." }, { status: 400, code: "BadRequest", message: "Resource not found for the segment 'registration'." }]) {
    it(`a registration create answered ${answer.status}: retired, nothing created, see docs/migrating-to-webinars.md`, async () => {
      await emu.admin.setConfig({ retiredAnswer: answer });
      const meetingId = await newMeeting(emu);
      const err = await registration.create(ctx, { meetingId, userId: organizer, allowedRegistrant: "everyone" }).catch((e) => e);
      expect(err).to.be.instanceOf(GraphError);
      const [what, fix] = lines(err);
      expect(what).to.equal(`Could not create the ExternalMeetingRegistration for meeting "${meetingId}" of user "${organizer}": Microsoft Graph answered ${answer.status} ${{ 404: "Not Found", 410: "Gone", 400: "Bad Request" }[answer.status]} (code "${answer.code}"): ${answer.message.replace(/\.$/, "")}.`);
      expect(fix).to.match(/^The meeting exists, so the registration API itself refused the call: Microsoft retired the meeting registration API \(its pages say it "will stop returning data on December 12, 2024"; what it answers since is undocumented\)\. Nothing was created\. Move to the virtual-event webinar resources \(VirtualEventWebinar, VirtualEventRegistration\): see docs\/migrating-to-webinars\.md in pulumi-msgraph-meetings\./);
      expect((await emu.admin.state()).registrations.some((r) => r.meetingId === meetingId)).to.equal(false);
    });
  }

  it("a registrant create: the 404 names both readings (no registration, or the retired API)", async () => {
    const meetingId = await newMeeting(emu);
    const err = await registrant.create(ctx, registrant.check({}, { meetingId, userId: organizer, registrantId: "r1" }).inputs!).catch((e) => e);
    const fix = lines(err)[1];
    expect(fix).to.match(/^The meeting has no registration \(create its ExternalMeetingRegistration first, and pass registrationId: registration\.id\)\. Or the registration API itself refused the call: Microsoft retired/);
    expect(fix).to.include("docs/migrating-to-webinars.md");
  });

  it("a meeting that does not exist is still reported as missing, not as a retirement", async () => {
    const missing = Buffer.from(`1*${organizer}*0**19:meeting_doesnotexist@thread.v2`).toString("base64").replace(/=+$/, "");
    const err = await registration.create(ctx, { meetingId: missing, userId: organizer, allowedRegistrant: "everyone" }).catch((e) => e);
    const fix = lines(err)[1];
    expect(fix).to.match(/^Graph found no online meeting/);
    expect(fix).to.not.include("retired");
  });
});
