// A user upgrading the package: state written by one version, then `npm install` of a higher
// version (the same code, repacked with a bumped version) and `pulumi up`. The stored `__provider`
// stub only requires the implementation by package name, so nothing may change, and the
// engine's later delete (which runs the stored stub) must reach the new implementation.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";
import { type EmulatorProcess, type EmulatorInfo } from "../support/emulator";
import { packUpgradedPackage, upgradePackage } from "../support/npmPack";
import { dynamicResources, type PulumiProject } from "../support/pulumiCli";
import { PlainGraph } from "../support/plainGraph";
import { exampleRun, copyOfBasicExample, initStack } from "../support/exampleStack";
import { emulatorRegistrations, graphWrites, providerText, registrationUrn } from "../support/observations";

describe("e2e: upgrading pulumi-msgraph-meetings under an existing stack", function () {
  this.timeout(180_000);

  let emulator: EmulatorProcess;
  let info: EmulatorInfo;
  let project: PulumiProject;
  let dir: string;
  const stack = "upgrade";

  exampleRun("upgrade", () => copyOfBasicExample("upgrade"), (run) => void ({ emulator, info, dir, project } = run));

  const installedVersion = () =>
    (JSON.parse(fs.readFileSync(path.join(dir, "node_modules", "pulumi-msgraph-meetings", "package.json"), "utf8")) as { version: string }).version;

  it("pulumi up after installing a higher version shows no changes, and destroy still works", async () => {
    const meetingId = await new PlainGraph(info).createMeeting(info.organizer.id, "e2e upgrade");
    await initStack(project, stack, info, { meetingId });
    const before = installedVersion();
    await project.up(stack);
    const [created] = await emulatorRegistrations(emulator);
    expect(created).to.include({ meetingId });
    const stubBefore = dynamicResources(await project.stackExport(stack)).map((r) => providerText(r.inputs?.__provider));

    const upgraded = packUpgradedPackage();
    expect(upgradePackage(dir, upgraded.tarball)).to.equal(upgraded.version);
    expect(upgraded.version).not.to.equal(before);

    await emulator.admin.clearRequests();
    const { stdout } = await project.up(stack, ["--expect-no-changes"]);
    expect(stdout).to.match(/2 unchanged/);
    expect(graphWrites(await emulator.admin.requests())).to.deep.equal([]);
    const exported = dynamicResources(await project.stackExport(stack));
    expect(exported.map((r) => providerText(r.inputs?.__provider))).to.deep.equal(stubBefore);
    expect(exported.filter((r) => registrationUrn(r.urn)).map((r) => r.id)).to.deep.equal([created.id]);

    await project.destroy(stack);
    expect(await emulatorRegistrations(emulator)).to.deep.equal([]);
  });
});
