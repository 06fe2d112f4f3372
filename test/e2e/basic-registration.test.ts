// examples/basic-registration, installed from the npm-packed tarball, driven by the real Pulumi CLI
// against the emulator: what the engine does with the provider (plan, create, no-op, replace order,
// refresh, import, destroy) and what ends up in the state file.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { type EmulatorProcess, type EmulatorInfo } from "../support/emulator";
import { dynamicResources, PulumiProject, type StackExport, type StateResource } from "../support/pulumiCli";
import { PlainGraph } from "../support/plainGraph";
import { exampleRun, PASSPHRASE, initStack, installedBasicExample, itTypeChecksAgainstThePackage } from "../support/exampleStack";
import { emulatorRegistrations, graphWrites, providerText, registrationUrn } from "../support/observations";

describe("e2e: examples/basic-registration with the Pulumi CLI", function () {
  this.timeout(180_000);

  let emulator: EmulatorProcess;
  let info: EmulatorInfo;
  let graph: PlainGraph;
  let project: PulumiProject;
  let dir: string;

  exampleRun("basic-registration", installedBasicExample, (run) => void ({ emulator, info, graph, dir, project } = run));

  const registration = (resources: StateResource[]) => {
    const found = resources.filter((r) => r.urn === registrationUrn(r.urn));
    expect(found, "registrations in the state").to.have.length(1);
    return found[0];
  };

  itTypeChecksAgainstThePackage(() => dir);

  describe("lifecycle of one stack", () => {
    const stack = "lifecycle";
    let meetingId: string;
    let firstId: string;

    before(async () => {
      meetingId = await graph.createMeeting(info.organizer.id, "e2e lifecycle");
      await initStack(project, stack, info, { meetingId });
    });

    it("pulumi preview lists the planned creates and changes nothing", async () => {
      await emulator.admin.clearRequests();
      const { stdout } = await project.preview(stack, ["--json"]);
      const plan = JSON.parse(stdout) as { steps: { op: string; urn: string }[]; changeSummary: Record<string, number> };
      expect(plan.steps.map((s) => [s.op, s.urn.split("::").slice(-2).join("::")])).to.deep.equal([
        ["create", `pulumi:pulumi:Stack::basic-registration-${stack}`],
        ["create", plan.steps[1].urn.split("::").slice(-2)[0] + "::registration"],
      ]);
      expect(plan.steps[1].urn).to.match(/::pulumi-nodejs:dynamic[^:]*:[^:]*ExternalMeetingRegistration::registration$/);
      expect(plan.changeSummary).to.deep.equal({ create: 2 });
      expect(graphWrites(await emulator.admin.requests())).to.deep.equal([]);
      expect(await emulatorRegistrations(emulator)).to.deep.equal([]);
    });

    it("pulumi up creates exactly what the emulator's GET /state shows", async () => {
      await project.up(stack);
      const inEmulator = await emulatorRegistrations(emulator);
      expect(inEmulator).to.have.length(1);
      expect(inEmulator[0]).to.include({ meetingId, allowedRegistrant: "everyone" });
      const reg = registration(dynamicResources(await project.stackExport(stack)));
      expect(reg.id).to.equal(inEmulator[0].id);
      expect(reg.outputs).to.include({ meetingId, userId: info.organizer.id, allowedRegistrant: "everyone" });
      const outputs = await project.stackOutputs(stack);
      expect(outputs).to.include({ meetingId, allowedRegistrant: "everyone", registrationId: reg.id });
      firstId = inEmulator[0].id;
    });

    it("a second pulumi up --expect-no-changes passes without a Graph write", async () => {
      await emulator.admin.clearRequests();
      const { stdout } = await project.up(stack, ["--expect-no-changes"]);
      expect(stdout).to.match(/2 unchanged/);
      expect(graphWrites(await emulator.admin.requests())).to.deep.equal([]);
    });

    it("changing allowedRegistrant replaces the registration, DELETE before POST", async () => {
      await project.setConfig(stack, "allowedRegistrant", "organization");
      await emulator.admin.clearRequests();
      const { stdout } = await project.up(stack);
      expect(stdout).to.match(/replaced/);
      const writes = graphWrites(await emulator.admin.requests());
      const registrationPath = `/onlineMeetings/${meetingId}/registration`;
      expect(writes.map((w) => w.method)).to.deep.equal(["DELETE", "POST"]);
      for (const w of writes) expect(w.path.endsWith(registrationPath), w.path).to.equal(true);
      const inEmulator = await emulatorRegistrations(emulator);
      expect(inEmulator).to.have.length(1);
      expect(inEmulator[0]).to.include({ meetingId, allowedRegistrant: "organization" });
      expect(inEmulator[0].id).not.to.equal(firstId);
      const reg = registration(dynamicResources(await project.stackExport(stack)));
      expect(reg.id).to.equal(inEmulator[0].id);
      expect(reg.outputs).to.include({ allowedRegistrant: "organization" });
    });

    it("a registration deleted behind Pulumi's back leaves the state on refresh, and up recreates it", async () => {
      const deleted = await graph.deleteRegistration(info.organizer.id, meetingId);
      expect(deleted.status).to.equal(204);
      await project.refresh(stack);
      const afterRefresh = dynamicResources(await project.stackExport(stack));
      expect(afterRefresh.filter((r) => r.urn === registrationUrn(r.urn))).to.deep.equal([]);

      await emulator.admin.clearRequests();
      await project.up(stack);
      expect(graphWrites(await emulator.admin.requests()).map((w) => w.method)).to.deep.equal(["POST"]);
      const inEmulator = await emulatorRegistrations(emulator);
      expect(inEmulator).to.have.length(1);
      const reg = registration(dynamicResources(await project.stackExport(stack)));
      expect(reg.id).to.equal(inEmulator[0].id);
      expect(reg.outputs).to.include({ allowedRegistrant: "organization" });
      await project.up(stack, ["--expect-no-changes"]);
    });

    it("the state holds the client secret only encrypted and no issued token; each __provider is a few hundred bytes", async () => {
      const secret = info.app.clientSecret;
      // Every file the backend wrote (state, backups, history) and the plain export: secrets encrypted.
      const backendFiles = listFiles(project.opts.backendDir!).map((f): [string, string] => [f, fs.readFileSync(f, "utf8")]);
      expect(backendFiles.length).to.be.greaterThan(0);
      const plainExport = (await project.run(["stack", "export", "--stack", stack])).stdout;
      const shownText = await project.stackExportText(stack);
      const texts: [string, string][] = [["stack export", plainExport], ["stack export --show-secrets", shownText], ...backendFiles];
      expect(texts.filter(([, t]) => t.includes(secret)).map(([n]) => n), "holding the client secret").to.deep.equal(["stack export --show-secrets"]);
      expect(texts.filter(([, t]) => t.includes(PASSPHRASE)).map(([n]) => n), "holding the passphrase").to.deep.equal([]);
      for (const [name, text] of texts) expectNoToken(name, text);
      // Tokens were issued (so their absence means something): the emulator's are JWTs, matched above.
      expect((await emulator.admin.stats()).tokenRequests).to.be.greaterThan(0);

      // Decrypted, the secret is only where the engine keeps the stack config for the dynamic
      // provider host (the default pulumi-nodejs provider's inputs and outputs), as a secret.
      const shown = JSON.parse(shownText) as StackExport;
      const defaultProviders = (shown.deployment.resources ?? []).filter((r) => r.type === "pulumi:providers:pulumi-nodejs");
      expect(defaultProviders).to.have.length(1);
      for (const bag of [defaultProviders[0].inputs!, defaultProviders[0].outputs!]) {
        expect(bag["msgraph:clientSecret"]).to.have.property("plaintext", JSON.stringify(secret));
        delete bag["msgraph:clientSecret"];
      }
      expect(JSON.stringify(shown).includes(secret), "client secret outside the provider's config").to.equal(false);

      const resources = dynamicResources(shown);
      expect(resources.length).to.be.greaterThan(0);
      for (const r of resources) {
        for (const bag of [r.inputs, r.outputs]) {
          const text = providerText(bag?.__provider);
          expect(text.length, `${r.urn} __provider`).to.be.greaterThan(0).and.at.most(400);
          expect(new Set(text.match(/require\("[^"]*"\)/g))).to.deep.equal(new Set(['require("pulumi-msgraph-meetings/stubs/externalMeetingRegistration")']));
        }
      }
    });

    it("pulumi destroy leaves the emulator with no registration", async () => {
      await emulator.admin.clearRequests();
      await project.destroy(stack);
      expect(await emulatorRegistrations(emulator)).to.deep.equal([]);
      expect(graphWrites(await emulator.admin.requests()).map((w) => w.method)).to.deep.equal(["DELETE"]);
      expect(dynamicResources(await project.stackExport(stack))).to.deep.equal([]);
    });
  });

  it("with the client secret in AZURE_CLIENT_SECRET instead of stack config, not even --show-secrets shows it", async () => {
    const stack = "env-credential";
    const envProject = new PulumiProject({ ...project.opts, env: { AZURE_CLIENT_SECRET: info.app.clientSecret } });
    const meetingId = await graph.createMeeting(info.organizer.id, "e2e env credential");
    await initStack(envProject, stack, info, { meetingId, clientSecretInConfig: false });
    await envProject.up(stack);
    expect((await emulatorRegistrations(emulator)).filter((r) => r.meetingId === meetingId)).to.have.length(1);
    const shown = await envProject.stackExportText(stack);
    expect(shown.includes(info.app.clientSecret)).to.equal(false);
    expectNoToken("stack export --show-secrets", shown);
    await envProject.destroy(stack);
    expect((await emulatorRegistrations(emulator)).filter((r) => r.meetingId === meetingId)).to.deep.equal([]);
  });

  describe("the import resource option", () => {
    // CLI v3.274.1's import step calls Read with the id only: no inputs, no state
    // (pkg/resource/deploy/step.go, ImportStep.Apply), so the dynamic-provider host could not load
    // the provider. The resource class therefore turns `import` into its adoptId input: the plan
    // shows a create, and the create reads and adopts the registration without a POST.
    let meetingId: string;
    let registrationId: string;

    before(async () => {
      meetingId = await graph.createMeeting(info.organizer.id, "e2e import");
      const created = await graph.createRegistration(info.organizer.id, meetingId, "organization");
      expect(created.status).to.equal(201);
      registrationId = String(created.body!.id);
    });

    it("adopts a registration created outside Pulumi with no changes", async () => {
      const stack = "import";
      await initStack(project, stack, info, { meetingId, allowedRegistrant: "organization", importId: registrationId });
      const { stdout } = await project.preview(stack, ["--json"]);
      const plan = JSON.parse(stdout) as { steps: { op: string; urn: string }[] };
      expect(plan.steps.filter((s) => s.urn === registrationUrn(s.urn)).map((s) => s.op)).to.deep.equal(["create"]);

      await emulator.admin.clearRequests();
      await project.up(stack);
      expect(graphWrites(await emulator.admin.requests())).to.deep.equal([]);
      const reg = registration(dynamicResources(await project.stackExport(stack)));
      expect(reg.id).to.equal(registrationId);
      expect(reg.outputs).to.include({ meetingId, userId: info.organizer.id, allowedRegistrant: "organization" });
      await project.up(stack, ["--expect-no-changes"]);
      // Removing the import id afterwards, as the example's README says, changes nothing either.
      await project.run(["config", "rm", "importId", "--stack", stack]);
      await project.up(stack, ["--expect-no-changes"]);

      await project.destroy(stack);
      expect((await graph.getRegistration(info.organizer.id, meetingId)).status).to.equal(404);
    });
  });

  function expectNoToken(name: string, text: string): void {
    expect(text, `${name}: a JWT`).not.to.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/);
    expect(text, `${name}: a bearer header`).not.to.match(/Bearer\s+[A-Za-z0-9._-]{20,}/i);
  }

  function listFiles(root: string): string[] {
    return fs.readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => path.join(e.parentPath, e.name));
  }
});
