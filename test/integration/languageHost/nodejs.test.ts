// Our language host (tools/pulumi-language-nodejs), as the Pulumi CLI from scripts/pulumi-bin.sh
// runs it: a TypeScript project directory with one dynamic resource through preview, up, a no-op
// up, refresh, a failing program and destroy. The project lives under .test-tmp so @pulumi/pulumi
// resolves from this repository's node_modules (the host resolves it from the program directory).
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pulumiBinDir } from "../../support/pulumiBin";
import { PulumiProject, dynamicResources, type PulumiOptions } from "../../support/pulumiCli";
import { REPO_ROOT } from "../../support/paths";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: any) {
    return { id: "thing-" + inputs.name, outs: { name: inputs.name, created: true } };
  },
};

console.log("program says hello to " + pulumi.getStack());
if (process.env.LHTEST_FAIL === "throw") throw new Error("boom from the program");
if (process.env.LHTEST_FAIL === "exit") process.exit(3);

const thing = new pulumi.dynamic.Resource(provider, "t1", { name: "one", created: undefined }, {}, "lhtest", "Thing");
export const thingId = thing.id;
export const created = (thing as any).created;
export const greeting = config.requireSecret("greeting");
`;

describe("language host: our pulumi-language-nodejs runs project directories through the CLI", function () {
  this.timeout(120_000);
  const stack = "dev";
  let dir: string;
  let opts: PulumiOptions;
  let project: PulumiProject;

  before(function () {
    // The first call may build the CLI from Go modules (minutes); later calls are instant.
    this.timeout(45 * 60_000);
    try {
      pulumiBinDir();
    } catch (err) {
      console.log(`    skipped: scripts/pulumi-bin.sh could not produce the CLI bin dir: ${(err as Error).message}`);
      this.skip();
    }
    const base = path.join(REPO_ROOT, ".test-tmp", "language-host");
    fs.rmSync(base, { recursive: true, force: true });
    dir = path.join(base, "project");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: lhtest\nruntime: nodejs\n");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "lhtest", private: true, main: "index.ts" }));
    fs.writeFileSync(path.join(dir, "index.ts"), PROGRAM);
    opts = { cwd: dir, backendDir: path.join(base, "state"), homeDir: path.join(base, "home"), passphrase: "lh-test" };
    project = new PulumiProject(opts);
  });

  const failing = (mode: string) => new PulumiProject({ ...opts, env: { LHTEST_FAIL: mode } });

  it("scripts/pulumi-bin.sh puts the language host beside pulumi and answers again without building", () => {
    const bin = pulumiBinDir();
    expect(fs.existsSync(path.join(bin, "pulumi-language-nodejs")), "language host in bin dir").to.equal(true);
    const complete = path.join(bin, "..", ".complete"); // absent when a pulumi on PATH is used
    const builtAt = fs.existsSync(complete) ? fs.statSync(complete).mtimeMs : undefined;
    const again = spawnSync("bash", [path.join(REPO_ROOT, "scripts", "pulumi-bin.sh")], { encoding: "utf8" });
    expect(again.stdout.trim()).to.equal(bin);
    // The fast path: nothing built, so nothing reported on stderr and the build marker untouched.
    expect(again.stderr, "stderr of the second call").to.equal("");
    if (builtAt !== undefined) expect(fs.statSync(complete).mtimeMs).to.equal(builtAt);
  });

  it("preview runs the TypeScript program and plans the dynamic resource", async () => {
    await project.stackInit(stack);
    await project.setConfig(stack, "greeting", "s3cret-greeting", { secret: true });
    const { stdout, stderr } = await project.preview(stack, ["--json"]);
    const plan = JSON.parse(stdout) as { steps: { op: string; urn: string }[]; diagnostics?: { message: string }[] };
    expect(plan.steps.map((s) => [s.op, s.urn])).to.deep.equal([
      ["create", "urn:pulumi:dev::lhtest::pulumi:pulumi:Stack::lhtest-dev"],
      ["create", "urn:pulumi:dev::lhtest::pulumi-nodejs:dynamic/lhtest:Thing::t1"],
    ]);
    expect((plan.diagnostics ?? []).map((d) => d.message.trim())).to.include("program says hello to dev");
    // The engine found the host beside pulumi, not on PATH.
    expect(stdout + stderr).not.to.contain("from $PATH");
  });

  it("up creates it; outputs, secret config and state come back through the CLI", async () => {
    // With --diff and no terminal, the CLI writes the program's output to stderr.
    const { stdout, stderr } = await project.up(stack);
    expect(stdout + stderr).to.contain("program says hello to dev");
    expect(await project.stackOutputs(stack)).to.deep.equal({
      thingId: "thing-one",
      created: true,
      greeting: "s3cret-greeting",
    });
    const things = dynamicResources(await project.stackExport(stack));
    expect(things.map((r) => [r.id, r.outputs?.name])).to.deep.equal([["thing-one", "one"]]);
  });

  it("a second up changes nothing, and refresh keeps the resource", async () => {
    await project.up(stack, ["--expect-no-changes"]);
    await project.refresh(stack, ["--expect-no-changes"]);
    expect(dynamicResources(await project.stackExport(stack))).to.have.length(1);
  });

  it("a program that throws fails the update with its own error, once, and exit code 1", async () => {
    const r = await failing("throw").up(stack, [], { allowFailure: true });
    const out = r.stdout + r.stderr;
    expect(r.code).to.equal(1);
    expect(out).to.contain("error: Running program '" + path.join(dir, "index.ts") + "' failed with an unhandled exception:");
    expect(out.split("Error: boom from the program").length - 1, "times the error is shown").to.equal(1);
    // The SDK already reported it (exit code 32, "bail"): the host adds no second message.
    expect(out).not.to.contain("non-zero exit code");
  });

  it("a program that exits non-zero by itself is reported with its exit code", async () => {
    const r = await failing("exit").preview(stack, [], { allowFailure: true });
    expect(r.code).to.equal(1);
    expect(r.stdout + r.stderr).to.contain("error: an unhandled error occurred: Program exited with non-zero exit code: 3");
  });

  it("destroy deletes the resource", async () => {
    await project.destroy(stack);
    expect(dynamicResources(await project.stackExport(stack))).to.deep.equal([]);
  });
});
