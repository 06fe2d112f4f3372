// The real dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider, Node 22), driven over gRPC as
// the engine drives it, with the provider serialized as pulumi.dynamic.Resource serializes it, from
// a program directory where the package is installed from its `npm pack` tarball. The host talks to
// the emulator over TLS with the real @azure/identity client-secret flow.
// The lifecycle cases share one host and one registration and run in order (check → create → diff → read → delete).
import { expect } from "chai";
import * as path from "node:path";
import { trustBundle } from "../../../emulator/trust";
import type { EmulatorProcess, RequestLogEntry } from "../../support/emulator";
import { dynamicUrn, HostCallError, PULUMI_VERSION, type DynamicHost, type Props } from "../../support/dynamicProviderHost";
import { newMeeting } from "../../support/meetingFixtures";
import type { FakeEngine } from "../../support/fakeEngine";
import { dynamicHostSuite, type DynamicHostSuite } from "../../support/dynamicHostSuite";
import { serializeProvider, type SerializedProvider } from "../../support/dynamicProviderHostProgram";

const secretKeys = ["msgraph:clientSecret"];
/** A JWT (header.payload.): what an access token the emulator issues looks like. */
const jwtLike = /eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./;
/** What the engine sends for a value not known yet (preview); @pulumi/pulumi runtime/rpc.js unknownValue. */
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function isTokenRequest(r: RequestLogEntry): boolean {
  return r.method === "POST" && /\/oauth2\/v2\.0\/token$/.test(r.path);
}

describe("integration: the real dynamic-provider host over gRPC, with the packed package", function () {
  this.timeout(240_000);
  let emu: EmulatorProcess;
  let engine: FakeEngine;
  let dir: string;
  let stack: Record<string, string>;
  let serialized: SerializedProvider;
  let host: DynamicHost;
  let startHost: DynamicHostSuite["startHost"];

  dynamicHostSuite(async (suite) => {
    ({ emu, engine, dir, stack, startHost } = suite);
    // Serialized while the program's config and environment hold the secret: none of it may be captured.
    serialized = serializeProvider(dir, stack, secretKeys, { AZURE_CLIENT_SECRET: emu.info.app.clientSecret, MSGRAPH_ACCESS_TOKEN: "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0." });
    host = await startHost({
      // The engine runs the host with the user's environment; the emulator's CA stands in for the public PKI.
      env: { NODE_EXTRA_CA_CERTS: trustBundle(emu.info.caFile), MSGRAPH_LOG_LEVEL: "debug" },
    });
  });

  const provider = () => serialized.text;

  describe("the serialized __provider", () => {
    it("is exactly what ExternalMeetingRegistration registers, made from the installed stub object", () => {
      expect(serialized.sameObject, "dynamic.Resource got the stub module's object").to.equal(true);
      expect(serialized.registered).to.equal(serialized.text);
      expect(serialized.containsSecrets).to.equal(false);
      expect(serialized.text).to.match(/^exports\.handler = __f0;/);
    });

    it("is a few hundred bytes and holds no config value, secret or token, only the package's stub module by name", () => {
      expect(Buffer.byteLength(serialized.text)).to.be.at.most(400);
      for (const value of Object.values(stack)) expect(serialized.text).to.not.include(value);
      expect(serialized.text).to.not.include(new URL(emu.info.graphEndpoint).port);
      expect(serialized.text).to.not.match(jwtLike);
      expect(serialized.text).to.not.include("eyJ");
      expect(serialized.text).to.not.include(dir);
      expect(new Set(serialized.text.match(/require\("[^"]*"\)/g))).to.deep.equal(new Set(['require("pulumi-msgraph-meetings/stubs/externalMeetingRegistration")']));
    });
  });

  // Mocha runs a suite's own tests before its nested suites: every case sits in a suite, in order.
  describe("handshake", () => {
    it("GetPluginInfo reports the installed SDK's version", async () => {
      expect(await host.getPluginInfo()).to.deep.equal({ version: PULUMI_VERSION });
    });

    it("Configure takes the msgraph:* stack config (namespaced keys, secret marked) and asks for no secrets", async () => {
      expect(await host.configure(stack, secretKeys)).to.deep.equal({ acceptSecrets: false });
    });
  });

  describe("lifecycle", () => {
    const urn = dynamicUrn("launch");
    let meetingId: string;
    let inputs: Props;
    let created: { id: string; properties: Props };

    before(async () => {
      meetingId = await newMeeting(emu);
    });

    it("Check: valid inputs come back with the default allowedRegistrant and __provider; the first Check's configure gets the run's one token", async () => {
      await emu.admin.resetStats();
      const res = await host.check(urn, {}, { meetingId, userId: emu.info.organizer.id, __provider: provider() });
      expect((await emu.admin.stats()).tokenRequests, "msgraph:verifyCredentials").to.equal(1);
      expect(res.failures).to.deep.equal([]);
      expect(res.inputs).to.deep.equal({ meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider() });
      inputs = res.inputs;
    });

    it("Check: a bad meetingId fails naming the property and the fix", async () => {
      const res = await host.check(urn, {}, { meetingId: "19:meeting_abc@thread.v2", userId: emu.info.organizer.id, allowedRegistrant: "Everyone", __provider: provider() });
      expect(res.failures).to.deep.equal([
        {
          property: "meetingId",
          reason:
            'meetingId "19:meeting_abc@thread.v2" is a Teams chat thread id, not an online meeting id; use the id Graph returns for the onlineMeeting (base64 of 1*<organizerId>*0**<threadId>, it starts with "MSo").',
        },
        { property: "allowedRegistrant", reason: 'allowedRegistrant "Everyone" must be written exactly "everyone" (lower case, no spaces).' },
      ]);
    });

    it("Check during preview: an unknown meetingId (the engine's sentinel) passes unchecked", async () => {
      const res = await host.check(urn, {}, { meetingId: unknownValue, userId: emu.info.organizer.id, __provider: provider() });
      expect(res).to.deep.equal({ inputs: { meetingId: unknownValue, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider() }, failures: [] });
    });

    it("Create: one POST and no token request (configure got the run's token at the first Check); the emulator holds the registration", async () => {
      await emu.admin.clearRequests();
      await emu.admin.resetStats();
      created = await host.create(urn, inputs);
      expect(created.id).to.be.a("string").and.not.equal("");
      expect(created.properties).to.deep.equal({ id: created.id, meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider() });

      const state = await emu.admin.state();
      const mine = state.registrations.filter((r) => r.meetingId === meetingId);
      expect(mine).to.have.length(1);
      expect(mine[0].resource).to.include({ id: created.id, allowedRegistrant: "everyone", "@odata.type": "#microsoft.graph.externalMeetingRegistration" });

      const requests = await emu.admin.requests();
      const registrationPath = `/beta/users/${emu.info.organizer.id}/onlineMeetings/${meetingId}/registration`;
      expect(requests.filter(isTokenRequest).map((r) => [r.path, r.status])).to.deep.equal([]);
      expect(requests.filter((r) => r.method === "POST" && !isTokenRequest(r)).map((r) => [r.path, r.status])).to.deep.equal([[registrationPath, 201]]);
      expect((await emu.admin.stats()).tokenRequests).to.equal(0);
    });

    it("Diff: unchanged inputs → DIFF_NONE; allowedRegistrant changed → replace, delete before replace", async () => {
      const olds = created.properties;
      expect(await host.diff(created.id, urn, olds, inputs, inputs)).to.deep.equal({ changes: "DIFF_NONE", replaces: [], deleteBeforeReplace: false });
      const news = { ...inputs, allowedRegistrant: "organization" };
      expect(await host.diff(created.id, urn, olds, news, inputs)).to.deep.equal({ changes: "DIFF_SOME", replaces: ["allowedRegistrant"], deleteBeforeReplace: true });
    });

    it("Read returns the live props and the inputs they imply", async () => {
      const res = await host.read(created.id, urn, created.properties, inputs);
      expect(res).to.deep.equal({
        id: created.id,
        properties: { id: created.id, meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider() },
        inputs: { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider() },
      });
    });

    it("Read with no properties (the `import` resource option) falls back to the inputs and adopts the registration", async () => {
      const res = await host.read(created.id, urn, {}, inputs);
      expect(res).to.deep.equal({
        id: created.id,
        properties: { id: created.id, meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider() },
        inputs: { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone", __provider: provider() },
      });
    });

    it("Delete removes the registration; a later Read (refresh) drops it from the state", async () => {
      await host.delete(created.id, urn, created.properties, inputs);
      expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId)).to.deep.equal([]);
      const res = await host.read(created.id, urn, created.properties, inputs);
      expect(res.id).to.equal("");
    });

    it("Create for a meeting that does not exist fails with the meeting, the cause and the fix", async () => {
      const missing = Buffer.from(`1*${emu.info.organizer.id}*0**19:meeting_doesnotexist@thread.v2`).toString("base64");
      const err = await host.create(dynamicUrn("missing"), { ...inputs, meetingId: missing }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(HostCallError);
      const { code, details } = err as HostCallError;
      expect(code).to.equal(2); // UNKNOWN: how the host reports a failed create
      expect(details).to.match(
        new RegExp(`^Could not create the ExternalMeetingRegistration for meeting "${missing}" of user "${emu.info.organizer.id}": Microsoft Graph answered 404 Not Found \\(code "NotFound"\\)`),
      );
      expect(details).to.include("check meetingId");
    });
  });

  describe("secrets", () => {
    it("nothing the host returned, printed or logged holds the client secret or a token", () => {
      const seen = { transcript: host.transcript.join("\n"), stdout: host.stdout(), stderr: host.stderr(), engineLogs: JSON.stringify(engine.logs) };
      // The debug log is on, so the host did write about every Graph request.
      expect(seen.stderr).to.match(/msgraph debug: POST \/beta\/users\/\{userId\}\/onlineMeetings\/\{meetingId\}\/registration 201 /);
      for (const [where, text] of Object.entries(seen)) {
        expect(text, where).to.not.include(emu.info.app.clientSecret);
        expect(text, where).to.not.match(jwtLike);
        expect(text, where).to.not.match(/bearer\s/i);
      }
    });
  });

  describe("one host process", () => {
    it("calls configure once and shares one token between concurrent creates", async () => {
      const probed = await startHost({
        env: { NODE_EXTRA_CA_CERTS: trustBundle(emu.info.caFile) },
        nodeArgs: ["--require", path.join(__dirname, "configureProbe.js")],
      });
      const meetings = await Promise.all([newMeeting(emu), newMeeting(emu), newMeeting(emu)]);
      await emu.admin.resetStats();
      await probed.configure(stack, secretKeys);
      const news = meetings.map((meetingId) => ({ meetingId, userId: emu.info.organizer.id, __provider: provider() }));
      const checked = await Promise.all(news.map((n, i) => probed.check(dynamicUrn(`reg-${i}`), {}, n)));
      const made = await Promise.all(checked.map((c, i) => probed.create(dynamicUrn(`reg-${i}`), c.inputs)));
      expect(new Set(made.map((m) => m.id)).size).to.equal(3);
      expect((await emu.admin.stats()).tokenRequests).to.equal(1);
      // Once, in Node 22, with the stack keys as namespaced names (the secret unwrapped, or create would have failed).
      const calls = probed.stderr().match(/^probe: configure .*$/gm) ?? [];
      expect(calls).to.have.length(1);
      expect(calls[0]).to.match(/^probe: configure node=v22\.\d+\.\d+ /);
      expect(calls[0]).to.match(new RegExp(` keys=${Object.keys(stack).sort().join(",")}$`));
      await Promise.all(made.map((m, i) => probed.delete(m.id, dynamicUrn(`reg-${i}`), m.properties, checked[i].inputs)));
      expect((await emu.admin.state()).registrations.filter((r) => meetings.includes(r.meetingId))).to.deep.equal([]);
      expect((await emu.admin.stats()).tokenRequests).to.equal(1);
    });
  });
});
