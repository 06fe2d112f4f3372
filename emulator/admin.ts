// The admin API under /_emulator: request log, stats, fault rules, write budget, directory seeding,
// the ground-truth state, device-code approval and runtime config. Bearer <adminToken>, not logged,
// never subject to faults. It sees the emulator only through AdminControls.
import type { IncomingHttpHeaders } from "node:http";
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { AccessPolicy, App, FederatedCredential, IdentityPlatform, Tenant, User } from "./types";
import { EmulatorConfigError, mergeConfig, RUNTIME_KEYS, type EmulatorConfig } from "./config";
import { FaultRuleError, type Faults } from "./faults";
import type { RequestLog } from "./requestLog";
import type { Stats } from "./stats";
import type { Store } from "./store";
import { jsonReply, type Reply } from "./reply";
import { virtualEventsAdmin, virtualEventsState } from "./graph/virtualEvents/admin";

/** What the admin API may read and change. */
export interface AdminControls {
  readonly store: Store;
  readonly requests: RequestLog;
  readonly stats: Stats;
  readonly faults: Faults;
  readonly deviceCodes: Pick<IdentityPlatform, "approveDeviceCode" | "pendingDeviceCodes">;
  config(): EmulatorConfig;
  /** A runtime config change (PUT /config). */
  applyConfig(next: EmulatorConfig): void;
  /** PUT /throttle: the new per-app write budget, every app's bucket full again (even at the same rate). */
  setWriteBudget(writesPerSecond: number): void;
}

/** An error reply of the admin API ({ error: { code, message } }). */
class AdminErrorReply extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface AdminResult {
  status: number;
  body?: unknown;
}

const bad = (message: string) => new AdminErrorReply(400, "BadRequest", message);

/** `body` is undefined when it was larger than the server reads. */
export async function handleAdmin(emu: AdminControls, method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer | undefined): Promise<Reply> {
  let result: AdminResult;
  try {
    if (!authorized(headers.authorization, emu.store.adminToken)) {
      throw new AdminErrorReply(401, "Unauthorized", "The admin API needs Authorization: Bearer <adminToken> (see the ready line).");
    }
    if (body === undefined) throw new AdminErrorReply(413, "RequestEntityTooLarge", "The request body is too large.");
    result = await route(emu, method, url.pathname.slice("/_emulator".length) || "/", parseJson(body));
  } catch (err) {
    if (!(err instanceof AdminErrorReply)) {
      if (err instanceof EmulatorConfigError || err instanceof FaultRuleError) err = bad((err as Error).message);
      else throw err;
    }
    const e = err as AdminErrorReply;
    result = { status: e.status, body: { error: { code: e.code, message: e.message } } };
  }
  return result.body === undefined ? { status: result.status, headers: {} } : jsonReply(result.status, result.body, "application/json; charset=utf-8");
}

function authorized(header: string | undefined, token: string): boolean {
  if (!header || !header.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice(7));
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw bad("The body is not valid JSON.");
  }
}

const DEVICE_CODE_APPROVE = /^\/device-codes\/([^/]+)\/approve$/;

async function route(emu: AdminControls, method: string, path: string, body: unknown): Promise<AdminResult> {
  const key = `${method} ${path}`;
  switch (key) {
    case "GET /requests":
      return { status: 200, body: { value: emu.requests.list() } };
    case "DELETE /requests":
      emu.requests.clear();
      return { status: 204 };
    case "GET /stats":
      return { status: 200, body: emu.stats.snapshot() };
    case "DELETE /stats":
      emu.stats.reset();
      return { status: 204 };
    case "GET /faults":
      return { status: 200, body: { value: emu.faults.list() } };
    case "POST /faults":
      return { status: 201, body: { id: emu.faults.add(body).id } };
    case "DELETE /faults":
      emu.faults.clear();
      emu.faults.reseed(emu.config().seed); // a cleared emulator replays the same coin flips
      return { status: 204 };
    case "PUT /throttle": {
      const rate = (body as { writesPerSecond?: unknown } | undefined)?.writesPerSecond;
      if (typeof rate !== "number" || !Number.isFinite(rate) || rate < 0) throw bad("writesPerSecond must be a non-negative number (0 = off).");
      emu.setWriteBudget(rate);
      return { status: 200, body: { writesPerSecond: rate } };
    }
    case "GET /config":
      return { status: 200, body: publicConfig(emu) };
    case "PUT /config":
      emu.applyConfig(mergeConfig(emu.config(), body, RUNTIME_KEYS));
      return { status: 200, body: publicConfig(emu) };
    case "POST /tenants":
      return { status: 201, body: await addTenant(emu, body) };
    case "POST /users":
      return { status: 201, body: await addUser(emu, body) };
    case "POST /apps":
      return { status: 201, body: await addApp(emu, body) };
    case "POST /policies":
      return { status: 201, body: await addPolicy(emu, body) };
    case "GET /state":
      return { status: 200, body: state(emu) };
    case "GET /device-codes":
      return { status: 200, body: { value: emu.deviceCodes.pendingDeviceCodes() } };
  }
  const m = DEVICE_CODE_APPROVE.exec(path);
  if (m && method === "POST") {
    const userId = (body as { userId?: unknown } | undefined)?.userId ?? emu.store.defaults().organizer.id;
    if (typeof userId !== "string") throw bad("userId must be a string (object id or UPN).");
    if (!emu.deviceCodes.approveDeviceCode(decodeURIComponent(m[1]), userId)) {
      throw new AdminErrorReply(404, "NotFound", "No pending device code with that user code for a user of its tenant.");
    }
    return { status: 204 };
  }
  const virtualEvents = await virtualEventsAdmin(emu.store, method, path, body);
  if (virtualEvents) return virtualEvents;
  throw new AdminErrorReply(404, "NotFound", `No admin route ${method} ${path}.`);
}

function publicConfig(emu: AdminControls): Record<string, unknown> {
  const { adminToken: _hidden, ...rest } = emu.config();
  return rest;
}

function obj(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) throw bad("The body must be a JSON object.");
  return body as Record<string, unknown>;
}

function optString(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v === "") throw bad(`${key} must be a non-empty string.`);
  return v;
}

function stringList(b: Record<string, unknown>, key: string, fallback: string[]): string[] {
  const v = b[key];
  if (v === undefined) return fallback;
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw bad(`${key} must be an array of strings.`);
  return v as string[];
}

function tenantOf(emu: AdminControls, b: Record<string, unknown>): string {
  const tenantId = optString(b, "tenantId") ?? emu.store.defaults().tenant.id;
  if (!emu.store.tenants.some((t) => t.id === tenantId)) throw new AdminErrorReply(404, "NotFound", `No tenant ${tenantId}.`);
  return tenantId;
}

async function addTenant(emu: AdminControls, body: unknown): Promise<Tenant> {
  const b = obj(body);
  const tenant: Tenant = { id: optString(b, "id") ?? randomUUID(), displayName: optString(b, "displayName") ?? "Emulated tenant" };
  if (emu.store.tenants.some((t) => t.id === tenant.id)) throw new AdminErrorReply(409, "Conflict", `Tenant ${tenant.id} exists.`);
  emu.store.tenants.push(tenant);
  await emu.store.commit();
  return tenant;
}

async function addUser(emu: AdminControls, body: unknown): Promise<User> {
  const b = obj(body);
  const upn = optString(b, "userPrincipalName");
  if (!upn) throw bad("userPrincipalName is required.");
  const user: User = {
    id: (optString(b, "id") ?? randomUUID()).toLowerCase(),
    tenantId: tenantOf(emu, b),
    userPrincipalName: upn,
    displayName: optString(b, "displayName") ?? upn.split("@")[0],
  };
  if (emu.store.users.some((u) => u.id === user.id || u.userPrincipalName.toLowerCase() === upn.toLowerCase())) {
    throw new AdminErrorReply(409, "Conflict", "A user with that id or userPrincipalName exists.");
  }
  emu.store.addUser(user);
  await emu.store.commit();
  return user;
}

async function addApp(emu: AdminControls, body: unknown): Promise<App> {
  const b = obj(body);
  const feds = b.federatedCredentials ?? [];
  if (!Array.isArray(feds)) throw bad("federatedCredentials must be an array.");
  const federatedCredentials = feds.map((f, i): FederatedCredential => {
    const o = obj(f);
    for (const k of ["issuer", "subject", "publicKeyPem"]) if (typeof o[k] !== "string") throw bad(`federatedCredentials[${i}].${k} must be a string.`);
    return { issuer: o.issuer as string, subject: o.subject as string, audience: (o.audience as string) ?? "api://AzureADTokenExchange", publicKeyPem: o.publicKeyPem as string };
  });
  if (b.isFallbackPublicClient !== undefined && typeof b.isFallbackPublicClient !== "boolean") throw bad("isFallbackPublicClient must be a boolean.");
  const publicClient = b.isFallbackPublicClient === true;
  const app: App = {
    clientId: optString(b, "clientId") ?? randomUUID(),
    tenantId: tenantOf(emu, b),
    displayName: optString(b, "displayName") ?? "Emulated app",
    // A public client needs no credential; a confidential one gets a secret unless it has another credential.
    secrets: stringList(b, "secrets", publicClient || b.certificates || b.federatedCredentials ? [] : [randomBytes(24).toString("base64url")]),
    certificates: stringList(b, "certificates", []),
    federatedCredentials,
    roles: stringList(b, "roles", ["OnlineMeetings.ReadWrite.All"]),
    delegatedScopes: stringList(b, "delegatedScopes", ["OnlineMeetings.ReadWrite"]),
    ...(publicClient ? { isFallbackPublicClient: true } : {}),
  };
  if (emu.store.findApp(app.clientId)) throw new AdminErrorReply(409, "Conflict", `App ${app.clientId} exists.`);
  emu.store.addApp(app);
  await emu.store.commit();
  return app; // the caller owns these secrets: returned once, never logged
}

async function addPolicy(emu: AdminControls, body: unknown): Promise<AccessPolicy> {
  const b = obj(body);
  const appId = optString(b, "appId");
  if (!appId) throw bad("appId is required.");
  const policy: AccessPolicy = { id: randomUUID(), tenantId: tenantOf(emu, b), appId, userIds: stringList(b, "userIds", []) };
  if (policy.userIds.length === 0) throw bad("userIds must name at least one user id (or \"*\").");
  emu.store.addPolicy(policy);
  await emu.store.commit();
  return policy;
}

/** Ground truth for tests: the directory (secrets redacted) and every Graph object. */
function state(emu: AdminControls) {
  const s = emu.store;
  return {
    tenants: s.tenants,
    users: s.users,
    apps: s.apps.map(({ secrets, ...rest }) => ({ ...rest, secretCount: secrets.length })),
    policies: s.policies,
    meetings: [...s.meetings.values()],
    registrations: [...s.registrations.values()],
    registrants: [...s.registrants.values()].flat(),
    ...virtualEventsState(s),
  };
}
