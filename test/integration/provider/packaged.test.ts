// The package as a user installs it (npm pack tarball into a fresh directory): the serialized stub
// is byte-identical to the golden copy, and the stub's methods reach the implementation through
// require("pulumi-msgraph-meetings/impl") resolved from that directory, as the dynamic-provider
// host does (it loads __provider as a CommonJS module and calls handler()).
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { packPackage, e2eRunDir } from "../../helpers/pack";
import { startEmulator, type EmulatorProcess } from "../../helpers/emulator";
import { emulatorStackConfig, newMeeting } from "./support";

const root = path.resolve(__dirname, "..", "..", "..");
const node = process.execPath;
const pulumiVersion = (JSON.parse(fs.readFileSync(path.join(root, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string }).version;

describe("integration: the packed package, installed in a program directory", function () {
  this.timeout(240_000);
  let dir: string;
  let emu: EmulatorProcess;

  before(async () => {
    emu = await startEmulator();
    dir = fs.mkdtempSync(path.join(e2eRunDir(), "program-"));
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "program", version: "1.0.0", private: true }));
    const env = { ...process.env, PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}` };
    for (const k of Object.keys(env)) if (k.startsWith("npm_") && k !== "npm_config_cache") delete env[k];
    execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", packPackage(), `@pulumi/pulumi@${pulumiVersion}`], { cwd: dir, env, stdio: "pipe", timeout: 200_000 });
  });
  after(async () => {
    await emu?.stop();
  });

  function run(script: string, env: Record<string, string> = {}): string {
    fs.writeFileSync(path.join(dir, "script.js"), script);
    return execFileSync(node, ["script.js"], { cwd: dir, env: { ...process.env, ...env }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
  }

  it("serializes the same __provider text as the golden copy, without the secret in config or env", () => {
    const out = run(
      `const pulumi = require("@pulumi/pulumi");
       pulumi.runtime.setAllConfig({ "msgraph:clientSecret": "SECRET-IN-CONFIG" }, ["msgraph:clientSecret"]);
       pulumi.runtime.setMocks({ newResource: (a) => (process.stdout.write(String(a.inputs.__provider)), { id: "r", state: a.inputs }), call: () => ({}) }).then(() => {
         const { ExternalMeetingRegistration } = require("pulumi-msgraph-meetings");
         new ExternalMeetingRegistration("r", { meetingId: "MSo1", userId: "u@contoso.com" });
       });`,
      { AZURE_CLIENT_SECRET: "SECRET-IN-ENV" },
    );
    expect(out).to.equal(fs.readFileSync(path.join(root, "test", "unit", "fixtures", "externalMeetingRegistration.provider.js"), "utf8"));
    expect(out).to.not.match(/SECRET-IN/);
  });

  it("the stub, loaded like the host loads it, runs configure/check/create/read/delete on the installed impl", async () => {
    const meetingId = await newMeeting(emu);
    const stack = emulatorStackConfig(emu);
    fs.writeFileSync(path.join(dir, "provider.js"), fs.readFileSync(path.join(root, "test", "unit", "fixtures", "externalMeetingRegistration.provider.js")));
    const out = run(
      `const provider = require("./provider.js").handler();
       const stack = ${JSON.stringify(stack)};
       (async () => {
         await provider.configure({ config: { get: (k) => stack[k], require: (k) => stack[k] } });
         await provider.configure({ config: { get: (k) => stack[k], require: (k) => stack[k] } }); // a second kind's stub: same config
         const checked = await provider.check({}, { meetingId: ${JSON.stringify(meetingId)}, userId: ${JSON.stringify(emu.info.organizer.id)} });
         const created = await provider.create(checked.inputs);
         const read = await provider.read(created.id, created.outs);
         const diff = await provider.diff(created.id, read.props, checked.inputs);
         await provider.delete(created.id, read.props);
         const impl = require.resolve("pulumi-msgraph-meetings/impl");
         console.log(JSON.stringify({ checked, created, read, diff, impl }));
       })().catch((e) => { console.error(e.message); process.exit(1); });`,
    );
    const result = JSON.parse(out);
    expect(result.impl).to.equal(path.join(fs.realpathSync(dir), "node_modules", "pulumi-msgraph-meetings", "dist", "provider", "impl.js"));
    expect(result.checked).to.deep.equal({ inputs: { meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone" } });
    expect(result.created.outs).to.deep.equal({ id: result.created.id, meetingId, userId: emu.info.organizer.id, allowedRegistrant: "everyone" });
    expect(result.read.props).to.deep.equal(result.created.outs);
    expect(result.diff).to.deep.equal({ changes: false });
    expect(out).to.not.include(emu.info.app.clientSecret);
    expect((await emu.admin.state()).registrations.filter((r) => r.meetingId === meetingId)).to.have.length(0);
  });

  it("a configure that fails is remembered: later calls report it instead of running unconfigured", () => {
    fs.writeFileSync(path.join(dir, "provider.js"), fs.readFileSync(path.join(root, "test", "unit", "fixtures", "externalMeetingRegistration.provider.js")));
    const out = run(
      `const provider = require("./provider.js").handler();
       (async () => {
         const first = await provider.configure({ config: { get: (k) => ({ "msgraph:graphEndpoint": "http://127.0.0.1:1" })[k] } }).catch((e) => e.message);
         const later = await provider.create({ meetingId: "MSo1", allowedRegistrant: "everyone" }).catch((e) => e.message);
         console.log(JSON.stringify({ first, later }));
       })();`,
    );
    const expected = "Invalid msgraph configuration: msgraph:graphEndpoint must use https:// (tokens are never sent in clear text).";
    expect(JSON.parse(out)).to.deep.equal({ first: expected, later: expected });
  });
});
