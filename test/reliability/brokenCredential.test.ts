// A broken credential fails every run, one with nothing to change included, with the credential
// message, at the cost of the token request a run makes anyway and with no Graph request; the
// failure is one clean line under the stack (no duplicate, no stack trace); and
// msgraph:verifyCredentials false turns the check off. Real Pulumi CLI, one small stack (one
// registration of test/fixtures/fault-stack, installed from the packed tarball).
import { expect } from "chai";
import { startEmulator, type EmulatorProcess } from "../support/emulator";
import type { PulumiProject, RunResult } from "../support/pulumiCli";
import { createMeetings, fixtureProject, initFaultStack, installedFaultStack } from "../support/faults/meetingStack";

describe("reliability: a broken credential with the Pulumi CLI", function () {
  this.timeout(180_000);
  let emu: EmulatorProcess;
  let project: PulumiProject;
  const stack = "broken-credential";

  before(async function () {
    this.timeout(45 * 60_000); // the first use may build the CLI; the fixture installs from the tarball
    installedFaultStack();
    emu = await startEmulator();
    project = fixtureProject(emu.info, "broken-credential");
    await initFaultStack(project, stack, emu, await createMeetings(emu, 1));
    await project.up(stack);
  });
  after(() => emu?.stop());

  const graphRequests = async () => (await emu.admin.graphRequests());
  const tokenRequests = async () => (await emu.admin.requests()).filter((r) => /\/oauth2\/v2\.0\/token$/.test(r.path));
  const output = (r: RunResult) => `${r.stdout}\n${r.stderr}`;
  const credentialLine = /Could not get a Microsoft Graph access token \(scope https:\/\/graph\.microsoft\.com\/\.default\) with a client secret \(from msgraph:clientSecret\) at https:\/\/127\.0\.0\.1:\d+: invalid_client: AADSTS7000215: Invalid client secret provided/;

  it("a no-change preview with the right secret: one token request, no Graph request, one line naming where tokens go", async () => {
    await emu.admin.clearRequests();
    const r = await project.preview(stack);
    expect(output(r), output(r)).to.match(/\b2 unchanged\b/);
    expect(await tokenRequests()).to.have.length(1);
    expect(await graphRequests(), "a no-change preview asks Graph nothing").to.deep.equal([]);
    const where = output(r).match(/msgraph: access tokens issued by https:\/\/127\.0\.0\.1:\d+ go with every Graph request to https:\/\/127\.0\.0\.1:\d+, set by msgraph:graphEndpoint, not to https:\/\/graph\.microsoft\.com\./g) ?? [];
    expect(where, output(r)).to.have.length(1);
  });

  it("an invalid configuration: one clean line under the stack, the message on the resource, no stack trace", async () => {
    await project.setConfig(stack, "msgraph:cloud", "Mars");
    try {
      const r = await project.preview(stack, [], { allowFailure: true });
      const text = output(r);
      expect(r.code, text).to.not.equal(0);
      const problem = 'Invalid msgraph configuration: msgraph:cloud is "Mars"; use one of Global, USGov, USGovDoD, China.';
      expect(text.split("\n").filter((l) => l.trim() === `msgraph: ${problem}`), text).to.have.length(1);
      expect(text).to.include(`error: ${problem}`);
      expect(text, "no stack trace").to.not.match(/^\s+at .+:\d+:\d+\)?$/m);
      expect(text).to.not.include("ConfigError:");
    } finally {
      await project.run(["config", "rm", "msgraph:cloud", "--stack", stack]);
    }
  });

  describe("with a wrong client secret", () => {
    before(() => project.setConfig(stack, "msgraph:clientSecret", "wrong-secret-value", { secret: true }));
    after(() => project.setConfig(stack, "msgraph:clientSecret", emu.info.app.clientSecret, { secret: true }));

    for (const command of ["preview", "up"] as const) {
      it(`pulumi ${command} with nothing to change fails with the credential message, one clean line, no Graph request`, async () => {
        await emu.admin.clearRequests();
        const r = await project[command](stack, [], { allowFailure: true });
        const text = output(r);
        if (process.env.SHOW_MESSAGES) console.log(text);
        expect(r.code, text).to.not.equal(0);
        expect(text).to.match(credentialLine);
        expect(await graphRequests(), "no Graph request").to.deep.equal([]);
        expect((await tokenRequests()).length, "the run's one token request (the identity platform's own retries aside)").to.be.at.least(1);
        // Under the stack: one line per failure, "msgraph: <first line>", never the message twice or a stack trace.
        const stderrLines = text.split("\n").filter((l) => /msgraph: Could not get a Microsoft Graph access token/.test(l));
        expect(stderrLines.length, text).to.be.at.most(1);
        expect(text, "no stack trace").to.not.match(/^\s+at .+:\d+:\d+\)?$/m);
        expect(text, "no source paths").to.not.match(/provider\/(auth|runtime|impl)\.(js|ts)/);
        expect(text).to.not.include("CredentialError: Could not get");
        expect(text.includes("wrong-secret-value"), "the secret is not echoed").to.equal(false);
      });
    }

    it("msgraph:verifyCredentials false turns the check off: the no-change preview passes without a token request", async () => {
      await project.setConfig(stack, "msgraph:verifyCredentials", "false");
      try {
        await emu.admin.clearRequests();
        const r = await project.preview(stack);
        expect(output(r), output(r)).to.match(/\b2 unchanged\b/);
        expect(await tokenRequests()).to.deep.equal([]);
        expect(await graphRequests()).to.deep.equal([]);
      } finally {
        await project.run(["config", "rm", "msgraph:verifyCredentials", "--stack", stack]);
      }
    });
  });
});
