// msgraph-meetings recover's parts that need no Graph and no CLI: reading pending creates from an
// export, the state edit that adopts them, the lock message, the order of its steps (with an
// in-process fake of the CLI: nothing is written before every Graph read succeeded; pending creates
// of other providers stop it), and that the provider's runtime never loads it.
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { cannotAdopt, pendingCreates, withAdopted, type Deployment } from "../../../provider/cli/recover/deployment";
import { isLockError, liveHolder, lockHolders } from "../../../provider/cli/recover/locks";
import { PulumiCli, type CliResult } from "../../../provider/cli/recover/pulumiCli";
import { recover, RecoverError } from "../../../provider/cli/recover/recover";
import type { ProviderContext } from "../../../provider/runtime";
import { REPO_ROOT } from "../../support/paths";

const sig = "4dabf18193072939515e22adb298388d";
const stackUrn = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const providerUrn = "urn:pulumi:dev::p::pulumi:providers:pulumi-nodejs::default";
const regType = "pulumi-nodejs:dynamic/msgraph:ExternalMeetingRegistration";
const regUrn = (name: string) => `urn:pulumi:dev::p::${regType}::${name}`;

/** An export with a stack, its provider, and the given pending creates; `plain` is the --show-secrets form. */
function exported(plain: boolean, pending: { name: string; inputs: Record<string, unknown>; deps?: string[]; type?: string }[], extra: Record<string, unknown>[] = []): Deployment {
  const secret = (v: unknown) => (plain ? { [sig]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(v) } : { [sig]: "1b47061264138c4ac30d75fd1eb44270", ciphertext: `v1:${JSON.stringify(v).length}` });
  return {
    version: 3,
    deployment: {
      manifest: { time: "t" },
      resources: [
        { urn: stackUrn, type: "pulumi:pulumi:Stack", custom: false },
        { urn: providerUrn, type: "pulumi:providers:pulumi-nodejs", custom: true, id: "prov-1" },
        ...(extra as never[]),
      ],
      pending_operations: [
        { type: "updating", resource: { urn: regUrn("old"), type: regType } },
        ...pending.map((p) => ({
          type: "creating",
          resource: {
            urn: p.type ? `urn:pulumi:dev::p::${p.type}::${p.name}` : regUrn(p.name),
            type: p.type ?? regType,
            custom: true,
            inputs: { __provider: secret("exports.handler = …"), ...Object.fromEntries(Object.entries(p.inputs).map(([k, v]) => [k, k === "meetingId" && p.name === "secret" ? secret(v) : v])) },
            parent: stackUrn,
            provider: `${providerUrn}::prov-1`,
            dependencies: p.deps ?? [],
            sourcePosition: "project:///index.ts#1,1",
          },
        })),
      ],
    },
  };
}

describe("recover: pending creates and the state edit", () => {
  it("reads each pending create's recorded inputs in plain text, without __provider; other pending operations are not creates", () => {
    const shown = exported(true, [{ name: "a", inputs: { meetingId: "M1", allowedRegistrant: "everyone" } }, { name: "secret", inputs: { meetingId: "M2" } }]);
    expect(pendingCreates(shown)).to.deep.equal([
      { urn: regUrn("a"), type: regType, engineOnly: false, name: "a", inputs: { meetingId: "M1", allowedRegistrant: "everyone" } },
      { urn: regUrn("secret"), type: regType, engineOnly: false, name: "secret", inputs: { meetingId: "M2" } },
    ]);
  });

  it("adopts only what the state can hold: not over an existing URN, not without its dependencies or provider", () => {
    const d = exported(false, [{ name: "a", inputs: {} }, { name: "b", inputs: {}, deps: [regUrn("gone")] }], [{ urn: regUrn("c"), type: regType, custom: true, id: "x" }]);
    expect(cannotAdopt(d, regUrn("a"))).to.equal(undefined);
    expect(cannotAdopt(d, regUrn("b"))).to.equal("it depends on gone, which the state does not hold");
    expect(cannotAdopt(d, regUrn("zz"))).to.equal("it is no longer a pending create");
    const dup = exported(false, [{ name: "c", inputs: {} }], [{ urn: regUrn("c"), type: regType, custom: true, id: "x" }]);
    expect(cannotAdopt(dup, regUrn("c"))).to.equal("the state already holds a resource with this URN");
    const noProvider = exported(false, [{ name: "a", inputs: {} }]);
    noProvider.deployment.resources = noProvider.deployment.resources!.filter((r) => r.urn !== providerUrn);
    expect(cannotAdopt(noProvider, regUrn("a"))).to.equal("its provider is not in the state");
  });

  it("appends each adopted resource with its id and outputs (__provider and secret inputs stay encrypted) and leaves no pending operation", () => {
    const pending = [{ name: "a", inputs: { meetingId: "M1" } }, { name: "secret", inputs: { meetingId: "M2" } }];
    const encrypted = exported(false, pending);
    const shown = exported(true, pending);
    const out = withAdopted(encrypted, shown, [
      { urn: regUrn("a"), id: "r1", outputs: { id: "r1", meetingId: "M1" } },
      { urn: regUrn("secret"), id: "r2", outputs: { id: "r2", meetingId: "M2" } },
    ]);
    expect(out.deployment.pending_operations).to.deep.equal([]);
    expect(out.deployment.manifest).to.deep.equal({ time: "t" });
    const [stack, provider, a, secret] = out.deployment.resources!;
    expect([stack.urn, provider.urn]).to.deep.equal([stackUrn, providerUrn]);
    const encOps = encrypted.deployment.pending_operations!;
    expect(a).to.deep.include({ urn: regUrn("a"), id: "r1", parent: stackUrn, provider: `${providerUrn}::prov-1`, sourcePosition: "project:///index.ts#1,1" });
    expect(a.outputs).to.deep.equal({ id: "r1", meetingId: "M1", __provider: encOps[1].resource.inputs!.__provider });
    expect(secret.outputs!.meetingId).to.deep.equal(encOps[2].resource.inputs!.meetingId); // ciphertext, not "M2"
    expect(JSON.stringify(out)).to.not.include("exports.handler");
    expect(a.created).to.match(/^\d{4}-\d\d-\d\dT/);
  });
});

describe("recover: the lock a killed run leaves", () => {
  // The DIY backend's text (pkg/backend/diy/lock.go, Pulumi v3.274.1).
  const message =
    "error: the stack is currently locked by 2 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n" +
    "  file:///state/.pulumi/locks/organization/p/dev/1b9f.json: created by runner@ci-7 (pid 4211) at 2026-12-04T10:00:00Z\n" +
    "  file:///state/.pulumi/locks/organization/p/dev/77aa.json: created by DOMAIN\\me@laptop (pid 99) at 2026-12-04T11:00:00+01:00\n";

  it("lists each holder; a holder is live only on this machine with its process running", () => {
    expect(isLockError(message)).to.equal(true);
    expect(isLockError("error: [409] Conflict: Another update is currently in progress.")).to.equal(true);
    expect(isLockError("error: failed to load checkpoint: EOF")).to.equal(false);
    const holders = lockHolders(message);
    expect(holders).to.deep.equal([
      { where: "file:///state/.pulumi/locks/organization/p/dev/1b9f.json", user: "runner", host: "ci-7", pid: 4211, since: "2026-12-04T10:00:00Z" },
      { where: "file:///state/.pulumi/locks/organization/p/dev/77aa.json", user: "DOMAIN\\me", host: "laptop", pid: 99, since: "2026-12-04T11:00:00+01:00" },
    ]);
    expect(liveHolder(holders, "other", () => true)).to.equal(undefined);
    expect(liveHolder(holders, "LAPTOP", () => false)).to.equal(undefined);
    expect(liveHolder(holders, "laptop", (pid) => pid === 99)).to.equal(holders[1]);
  });
});

/** The CLI, in process: answers by command, records every call. */
class FakeCli extends PulumiCli {
  calls: string[] = [];
  constructor(private readonly answers: Record<string, CliResult | (() => CliResult)>) {
    super({ cwd: ".", env: {}, stack: "dev" });
  }
  override async run(args: string[]): Promise<CliResult> {
    const key = args.join(" ");
    this.calls.push(key);
    const a = this.answers[key];
    if (!a) return { code: 1, stdout: "", stderr: `fake: no answer for ${key}` };
    return typeof a === "function" ? a() : a;
  }
}

describe("recover: the order of its steps", () => {
  const ok = (stdout: string): CliResult => ({ code: 0, stdout, stderr: "" });
  const fakeContext = (() => ({ client: { close: async () => undefined } }) as unknown as ProviderContext) as never;

  it("stops before any write when a pending create is not one of this package's kinds (a provider's or component's is no obstacle)", async () => {
    const other = [{ name: "bucket", inputs: {}, type: "aws:s3/bucket:Bucket" }, { name: "a", inputs: { meetingId: "M" } }, { name: "default", inputs: {}, type: "pulumi:providers:aws" }];
    const cli = new FakeCli({ "stack export": ok(JSON.stringify(exported(false, other))), "stack export --show-secrets": ok(JSON.stringify(exported(true, other))) });
    const lines: string[] = [];
    const err = await recover({ cli, cwd: ".", log: (l) => lines.push(l), context: fakeContext }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(RecoverError);
    expect((err as Error).message).to.match(/^pending creates of resources this package does not manage: bucket \(aws:s3\/bucket:Bucket\)\. Recover would drop them/);
    expect(cli.calls).to.deep.equal(["stack export", "stack export --show-secrets"]);
  });

  it("writes nothing when a Graph read fails; adopts and clears in one import, then refreshes", async () => {
    const pending = [{ name: "a", inputs: { meetingId: "M1" } }, { name: "b", inputs: { meetingId: "M2" } }, { name: "default_3_0", inputs: {}, type: "pulumi:providers:pulumi-nodejs" }];
    const answers = {
      "stack export": ok(JSON.stringify(exported(false, pending))),
      "stack export --show-secrets": ok(JSON.stringify(exported(true, pending))),
      "config --json --show-secrets": ok(JSON.stringify({ "msgraph:clientSecret": { value: "s3cret", secret: true } })),
      "stack import": ok(""),
      "refresh --yes --skip-preview": ok(""),
    };
    const failing = new FakeCli(answers);
    const err = await recover({
      cli: failing,
      cwd: ".",
      log: () => undefined,
      context: fakeContext,
      finders: { [regType]: async () => Promise.reject(new Error("Graph is down")) },
    }).catch((e: Error) => e);
    expect((err as Error).message).to.equal("Graph is down");
    expect(failing.calls).to.deep.equal(["stack export", "stack export --show-secrets", "config --json --show-secrets"]);

    const cli = new FakeCli(answers);
    const lines: string[] = [];
    const summary = await recover({
      cli,
      cwd: ".",
      log: (l) => lines.push(l),
      context: fakeContext,
      finders: { [regType]: async (_ctx, inputs) => (inputs.meetingId === "M1" ? { adopt: true, id: "r1", outputs: { id: "r1" }, note: "it" } : { adopt: false, why: "none." }) },
    });
    expect(summary).to.deep.equal({ adopted: 1, cleared: 2, lockRemoved: false, restored: false });
    expect(cli.calls).to.deep.equal(["stack export", "stack export --show-secrets", "config --json --show-secrets", "stack import", "refresh --yes --skip-preview"]);
    expect(lines).to.deep.equal([
      'msgraph-meetings recover: stack "dev"',
      'adopted   a (ExternalMeetingRegistration) id "r1": it.',
      "cleared   b (ExternalMeetingRegistration): none.",
      "cleared   default_3_0 (pulumi-nodejs): a provider or component holds nothing in the cloud; the next `pulumi up` registers it again.",
      "refreshed every resource from Graph (`pulumi refresh --yes --skip-preview --stack dev`)",
      "done: 1 adopted, 2 cleared. Run `pulumi up`: it creates what was cleared and leaves what was adopted.",
    ]);
    expect(lines.join("\n")).to.not.include("s3cret");
  });
});

describe("recover: not part of the provider's runtime", () => {
  it("loading the package's entry points and the implementation the stubs require loads nothing of the CLI", () => {
    const script = `require(${JSON.stringify(path.join(REPO_ROOT, "dist/provider/index.js"))}); require(${JSON.stringify(path.join(REPO_ROOT, "dist/provider/impl.js"))});
      process.stdout.write(JSON.stringify(Object.keys(require.cache)))`;
    const loaded = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as string[];
    expect(loaded.some((f) => f.includes(`${path.sep}provider${path.sep}impl.js`))).to.equal(true);
    expect(loaded.filter((f) => /[\\/]cli[\\/]|lostCreate/.test(f))).to.deep.equal([]);
  });
});
