// A Pulumi "program directory" as a user has it: the package installed from its `npm pack` tarball
// next to @pulumi/pulumi (the version this repository pins), and the provider serialized there the
// way pulumi.dynamic.Resource serializes it, by the installed SDK, from the installed package.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { npm, NPM_INSTALL_FLAGS } from "./npm";
import { e2eRunDir } from "./paths";
import { packPackage } from "./npmPack";
import { NODE22, PULUMI_VERSION } from "./dynamicProviderHost";

let installed: string | undefined;

/** npm install of the packed tarball and @pulumi/pulumi into a fresh directory (once per test process). */
export function installProgramDir(): string {
  if (installed) return installed;
  const dir = fs.mkdtempSync(path.join(e2eRunDir(), "host-program-"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "host-program", version: "1.0.0", private: true }, null, 2) + "\n");
  npm(["install", ...NPM_INSTALL_FLAGS, packPackage(), `@pulumi/pulumi@${PULUMI_VERSION}`], dir);
  installed = fs.realpathSync(dir);
  return installed;
}

export interface SerializedProvider {
  /** runtime.serializeFunction(() => provider, { allowSecrets: true }).text, as dynamic.Resource computes it. */
  text: string;
  containsSecrets: boolean;
  /** The __provider input that `new ExternalMeetingRegistration(...)` registers (the real dynamic.Resource, under mocks). */
  registered: string;
  /** Whether the resource class passes the very object exported by the installed stub module. */
  sameObject: boolean;
}

// Runs in the program directory with Node 22. The serializer names the captured variable, so the
// arrow must close over `provider`, as dynamic/index.js's serializeFunctionMaybeSecret does.
const serializeScript = `
const pulumi = require("@pulumi/pulumi");
const { config, secretKeys } = JSON.parse(process.argv[2]);
pulumi.runtime.setAllConfig(config, secretKeys);
// The stub module of the installed package, by its public subpath.
const provider = require("pulumi-msgraph-meetings/stubs/externalMeetingRegistration");
let passed;
(async () => {
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  let registered;
  await pulumi.runtime.setMocks({ newResource: (a) => ((registered = a.inputs.__provider), { id: "r", state: a.inputs }), call: () => ({}) });
  const { ExternalMeetingRegistration } = require("pulumi-msgraph-meetings");
  // dynamic.Resource passes its provider argument to the closure serializer as () => provider.
  const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure");
  const serialize = closure.serializeFunction;
  closure.serializeFunction = (fn, args) => ((passed = fn()), serialize(fn, args));
  const reg = new ExternalMeetingRegistration("r", { meetingId: "MSo1", userId: "adele@contoso.com" });
  await new Promise((resolve) => reg.id.apply(resolve));
  closure.serializeFunction = serialize;
  process.stdout.write(JSON.stringify({ text: sf.text, containsSecrets: sf.containsSecrets, registered, sameObject: passed === provider }));
})().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
`;

/**
 * Serializes the installed stub in `dir` while the program's stack config holds `config` (and the
 * environment `env`): whatever leaks into the text from config or environment shows up in it.
 */
export function serializeProvider(dir: string, config: Record<string, string>, secretKeys: string[], env: Record<string, string> = {}): SerializedProvider {
  const script = path.join(dir, "serialize-provider.js");
  fs.writeFileSync(script, serializeScript);
  const out = execFileSync(NODE22, [script, JSON.stringify({ config, secretKeys })], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
  });
  return JSON.parse(out) as SerializedProvider;
}
