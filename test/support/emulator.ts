// Shared test helper: runs the real emulator (node emulator/dist/cli.js) as a subprocess, parses its
// ready line, and gives typed access to its admin API and to Graph. Build first (`npm run build`).
//
//   const emu = await startEmulator({ config: { registrantPageSize: 2 } });
//   after(() => emu.stop());
//   const token = await appToken(emu.info);
//   const res = await graphRequest(emu.info, token, "POST", `/beta/users/${emu.info.organizer.id}/onlineMeetings`, { subject: "x" });
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Agent, request, type Dispatcher } from "undici";
import { ClientSecretCredential, DeviceCodeCredential } from "@azure/identity";
import type { EmulatorInfo } from "../../emulator/index";
import type { EmulatorConfig } from "../../emulator/config";
import type { FaultRuleInput } from "../../emulator/faults";
import type { RequestLogEntry } from "../../emulator/requestLog";
import type { AccessPolicy, App, Tenant, User } from "../../emulator/types";
import type { StoredMeeting, StoredRegistrant, StoredRegistration } from "../../emulator/store";
import type { RegistrationConfiguration, StoredQuestion, StoredWebinar, StoredWebinarRegistration } from "../../emulator/graph/virtualEvents/store";

export type { EmulatorInfo, FaultRuleInput, RequestLogEntry };

const ROOT = path.resolve(__dirname, "..", "..");
const CLI = path.join(ROOT, "emulator", "dist", "cli.js");
const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export interface StartEmulatorOptions {
  /** Written to a temp JSON file and passed as --config. */
  config?: Partial<EmulatorConfig>;
  /** Persist state there (--data-dir). Without it the emulator keeps state in memory only. */
  dataDir?: string;
  /** Extra CLI arguments. */
  args?: string[];
  /** Extra environment variables for the emulator process. */
  env?: Record<string, string>;
}

export interface EmulatorStats {
  tokenRequests: number;
  connections: number;
  requests: number;
}

export interface EmulatorState {
  tenants: Tenant[];
  users: User[];
  apps: (Omit<App, "secrets"> & { secretCount: number })[];
  policies: AccessPolicy[];
  meetings: StoredMeeting[];
  registrations: StoredRegistration[];
  registrants: StoredRegistrant[];
  webinars: StoredWebinar[];
  webinarQuestions: StoredQuestion[];
  webinarRegistrations: StoredWebinarRegistration[];
}

export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** Typed client of the emulator's admin API (https, Bearer adminToken). */
export class AdminClient {
  constructor(
    private readonly info: () => EmulatorInfo,
    private readonly dispatcher: () => Dispatcher,
  ) {}

  async call<T = unknown>(method: Dispatcher.HttpMethod, p: string, body?: unknown): Promise<T> {
    const info = this.info();
    const res = await request(`${info.adminEndpoint}${p}`, {
      method,
      dispatcher: this.dispatcher(),
      headers: { authorization: `Bearer ${info.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.body.text();
    const parsed = text ? JSON.parse(text) : undefined;
    if (res.statusCode >= 300) throw new AdminError(res.statusCode, parsed, `admin ${method} ${p}: ${res.statusCode} ${text}`);
    return parsed as T;
  }

  requests = async (): Promise<RequestLogEntry[]> => (await this.call<{ value: RequestLogEntry[] }>("GET", "/requests")).value;
  clearRequests = (): Promise<void> => this.call("DELETE", "/requests");
  stats = (): Promise<EmulatorStats> => this.call("GET", "/stats");
  resetStats = (): Promise<void> => this.call("DELETE", "/stats");
  addFault = async (rule: FaultRuleInput): Promise<string> => (await this.call<{ id: string }>("POST", "/faults", rule)).id;
  faults = async (): Promise<unknown[]> => (await this.call<{ value: unknown[] }>("GET", "/faults")).value;
  clearFaults = (): Promise<void> => this.call("DELETE", "/faults");
  throttle = (writesPerSecond: number): Promise<{ writesPerSecond: number }> => this.call("PUT", "/throttle", { writesPerSecond });
  state = (): Promise<EmulatorState> => this.call("GET", "/state");
  addTenant = (t: Partial<Tenant> = {}): Promise<Tenant> => this.call("POST", "/tenants", t);
  addUser = (u: Partial<User> & { userPrincipalName: string }): Promise<User> => this.call("POST", "/users", u);
  addApp = (a: Partial<App> = {}): Promise<App> => this.call("POST", "/apps", a);
  addPolicy = (p: { appId: string; userIds: string[]; tenantId?: string }): Promise<AccessPolicy> => this.call("POST", "/policies", p);
  deviceCodes = async (): Promise<{ userCode: string; clientId: string; tenantId: string }[]> =>
    (await this.call<{ value: { userCode: string; clientId: string; tenantId: string }[] }>("GET", "/device-codes")).value;
  approveDeviceCode = (userCode: string, userId?: string): Promise<void> =>
    this.call("POST", `/device-codes/${encodeURIComponent(userCode)}/approve`, userId ? { userId } : {});
  config = (): Promise<EmulatorConfig> => this.call("GET", "/config");
  setConfig = (patch: Partial<EmulatorConfig>): Promise<EmulatorConfig> => this.call("PUT", "/config", patch);
  /** What an organizer sets in the Teams client: capacity, manual approval, waitlist. */
  setRegistrationConfiguration = (webinarId: string, patch: Partial<RegistrationConfiguration>): Promise<RegistrationConfiguration> =>
    this.call("PATCH", `/webinars/${encodeURIComponent(webinarId)}/registrationConfiguration`, patch);
  /** The organizer approves or rejects a registration (status). */
  setRegistrationStatus = (webinarId: string, registrationId: string, status: string): Promise<Record<string, unknown>> =>
    this.call("PATCH", `/webinars/${encodeURIComponent(webinarId)}/registrations/${encodeURIComponent(registrationId)}`, { status });
}

export interface EmulatorProcess {
  /** The ready line of the current process (changes after restart() if the port had to change). */
  readonly info: EmulatorInfo;
  readonly admin: AdminClient;
  /** An undici dispatcher trusting the emulator's CA. */
  readonly dispatcher: Agent;
  readonly dataDir: string | undefined;
  /** The process's stderr so far (logs), for assertions and debugging. */
  stderr(): string;
  /** SIGTERM and wait for a clean exit; resolves to the exit code. */
  stop(): Promise<number | null>;
  /** Sends a signal and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stops (SIGTERM) if running and starts again with the same data dir, config and, if possible, port. */
  restart(): Promise<EmulatorInfo>;
}

const live = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

/** The CA directory every test emulator shares (scripts/launch.js creates it and trusts it). */
export function testCaDir(): string {
  return process.env.MSGRAPH_TEST_CA_DIR || path.join(ROOT, ".test-tmp", "ca");
}

/** A fresh temp directory under .test-tmp (removed by the caller or left for inspection). */
export function tempDir(prefix = "emu-"): string {
  const base = path.join(ROOT, ".test-tmp");
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, prefix));
}

interface Running {
  child: ChildProcess;
  info: EmulatorInfo;
  exited: Promise<number | null>;
}

function spawnEmulator(args: string[], env: Record<string, string> | undefined, log: { text: string }): Promise<Running> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  live.add(child);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => (live.delete(child), resolve(code))));
  child.stderr!.on("data", (c: Buffer) => {
    log.text = (log.text + c.toString()).slice(-64_000);
  });
  return new Promise<Running>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`emulator not ready after 30 s; stderr:\n${log.text}`));
    }, 30_000);
    const onData = (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      clearTimeout(timer);
      child.stdout!.off("data", onData);
      child.stdout!.resume();
      // A test that forgets stop() must not keep mocha alive: the child is killed at exit anyway.
      child.unref();
      (child.stdout as unknown as { unref?: () => void }).unref?.();
      (child.stderr as unknown as { unref?: () => void }).unref?.();
      try {
        resolve({ child, info: JSON.parse(out.slice(0, nl)) as EmulatorInfo, exited });
      } catch (err) {
        reject(new Error(`bad ready line ${out.slice(0, nl)}: ${err}`));
      }
    };
    child.stdout!.on("data", onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited (${code}) before it was ready; stderr:\n${log.text}`));
    });
  });
}

const agents = new Map<string, Agent>();
/** An undici Agent trusting the CA in caFile (cached per file). */
export function agentFor(caFile: string): Agent {
  let agent = agents.get(caFile);
  if (!agent) {
    agent = new Agent({ connect: { ca: fs.readFileSync(caFile, "utf8") }, keepAliveTimeout: 4_000 });
    agents.set(caFile, agent);
  }
  return agent;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<EmulatorProcess> {
  const baseArgs = ["--ca-dir", testCaDir()];
  if (options.dataDir) baseArgs.push("--data-dir", options.dataDir);
  if (options.config) {
    const file = path.join(tempDir("cfg-"), "config.json");
    fs.writeFileSync(file, JSON.stringify(options.config));
    baseArgs.push("--config", file);
  }
  baseArgs.push(...(options.args ?? []));
  const log = { text: "" };
  // --port 0 first, so a --port in options.args wins (the CLI takes the last value).
  let current = await spawnEmulator(["--port", "0", ...baseArgs], options.env, log);
  const dispatcher = agentFor(current.info.caFile);
  const running = () => current.child.exitCode === null && current.child.signalCode === null;

  const kill = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (running()) {
      current.child.ref(); // keep the event loop alive until the exit is seen
      current.child.kill(signal);
    }
    return current.exited;
  };
  const emu: EmulatorProcess = {
    get info() {
      return current.info;
    },
    admin: new AdminClient(() => current.info, () => dispatcher),
    dispatcher,
    dataDir: options.dataDir,
    stderr: () => log.text,
    stop: () => kill("SIGTERM"),
    kill,
    async restart() {
      await kill("SIGTERM");
      const port = new URL(current.info.graphEndpoint).port;
      try {
        current = await spawnEmulator([...baseArgs, "--port", port], options.env, log);
      } catch {
        current = await spawnEmulator([...baseArgs, "--port", "0"], options.env, log); // port taken meanwhile
      }
      return current.info;
    },
  };
  return emu;
}

export interface GraphResponse<T = any> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined for an empty body. */
  body: T;
  text: string;
}

/** One Graph call over TLS. `p` is a path (/beta/...) or an absolute URL (e.g. an @odata.nextLink). */
export async function graphRequest<T = any>(
  info: EmulatorInfo,
  token: string | undefined,
  method: Dispatcher.HttpMethod,
  p: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<GraphResponse<T>> {
  const res = await request(p.startsWith("https://") ? p : `${info.graphEndpoint}${p}`, {
    method,
    dispatcher: agentFor(info.caFile),
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  let parsed: any;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body: parsed, text };
}

/** An app-only Graph token from the emulator's token endpoint, through @azure/identity. */
export async function appToken(info: EmulatorInfo, app: { clientId: string; clientSecret: string } = info.app, tenantId = info.tenantId): Promise<string> {
  const credential = new ClientSecretCredential(tenantId, app.clientId, app.clientSecret, {
    authorityHost: info.authorityHost,
    disableInstanceDiscovery: true,
  });
  const token = await credential.getToken(GRAPH_SCOPE);
  return token.token;
}

/** An app-only token straight from the token endpoint (no MSAL cache): cheap, for tests of Graph routes. */
export async function fetchAppToken(info: EmulatorInfo, app: { clientId: string; clientSecret: string } = info.app, tenantId = info.tenantId): Promise<string> {
  const res = await request(`${info.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    dispatcher: agentFor(info.caFile),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: app.clientId, client_secret: app.clientSecret, scope: GRAPH_SCOPE }).toString(),
  });
  const body = (await res.body.json()) as { access_token?: string; error?: string; error_description?: string };
  if (res.statusCode !== 200 || !body.access_token) throw new Error(`token endpoint: ${res.statusCode} ${body.error}: ${body.error_description}`);
  return body.access_token;
}

const publicClients = new WeakMap<EmulatorProcess, Promise<string>>();

/**
 * The client id of a public client app ("Allow public client flows": the only kind that gets device
 * codes): the seeded one when the ready line names it, else one registered once through the admin API.
 */
export function publicClientId(emu: EmulatorProcess): Promise<string> {
  const seeded = (emu.info as EmulatorInfo & { publicClient?: { clientId: string } }).publicClient?.clientId;
  if (seeded) return Promise.resolve(seeded);
  let id = publicClients.get(emu);
  if (!id) {
    id = emu.admin
      .addApp({ displayName: "test public client", isFallbackPublicClient: true, roles: [], delegatedScopes: ["OnlineMeetings.ReadWrite"] })
      .then((app) => app.clientId);
    publicClients.set(emu, id);
  }
  return id;
}

/**
 * A delegated Graph token (scp) through the device-code flow, as the public client app by default. With auto-approval (the default) the
 * code is approved for the tenant's organizer; pass `approveAs` (user id or UPN) and set
 * autoApproveDeviceCodes=false to sign in as someone else.
 */
export async function delegatedToken(
  emu: EmulatorProcess,
  options: { clientId?: string; tenantId?: string; approveAs?: string; scope?: string } = {},
): Promise<string> {
  const info = emu.info;
  const credential = new DeviceCodeCredential({
    tenantId: options.tenantId ?? info.tenantId,
    clientId: options.clientId ?? (await publicClientId(emu)),
    authorityHost: info.authorityHost,
    disableInstanceDiscovery: true,
    userPromptCallback: (details) => {
      if (options.approveAs) void emu.admin.approveDeviceCode(details.userCode, options.approveAs);
    },
  });
  const token = await credential.getToken(options.scope ?? "https://graph.microsoft.com/OnlineMeetings.ReadWrite");
  return token.token;
}

/**
 * A delegated token by the device-code flow in plain HTTP (no MSAL): POST /devicecode, then poll
 * /token until the code is approved (at once on the emulator by default). Defaults: the seeded
 * public client and `.default` (its VirtualEvent.ReadWrite and OnlineMeetings.ReadWrite scopes).
 */
export async function deviceCodeToken(
  info: EmulatorInfo,
  options: { clientId?: string; tenantId?: string; scope?: string; onUserCode?: (userCode: string) => void | Promise<void> } = {},
): Promise<string> {
  const tenant = options.tenantId ?? info.tenantId;
  const clientId = options.clientId ?? info.publicClient.clientId;
  const post = async (p: string, form: Record<string, string>) => {
    const res = await request(`${info.authorityHost}/${tenant}/oauth2/v2.0/${p}`, {
      method: "POST",
      dispatcher: agentFor(info.caFile),
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, any> };
  };
  const start = await post("devicecode", { client_id: clientId, scope: options.scope ?? GRAPH_SCOPE });
  if (start.status !== 200) throw new Error(`devicecode: ${start.status} ${start.body.error}: ${start.body.error_description}`);
  await options.onUserCode?.(start.body.user_code);
  for (;;) {
    const res = await post("token", { grant_type: "urn:ietf:params:oauth:grant-type:device_code", client_id: clientId, device_code: start.body.device_code });
    if (res.status === 200) return res.body.access_token as string;
    if (res.body.error !== "authorization_pending") throw new Error(`token: ${res.status} ${res.body.error}: ${res.body.error_description}`);
    await new Promise((r) => setTimeout(r, start.body.interval * 1000));
  }
}

/** Removes a temp dir made by tempDir() (best effort). */
export function removeDir(dir: string | undefined): void {
  if (dir && dir.startsWith(os.tmpdir()) === false && dir.includes(".test-tmp")) fs.rmSync(dir, { recursive: true, force: true });
}
