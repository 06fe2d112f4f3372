// Typed client of the emulator's admin API (https, Bearer adminToken): request log, stats, fault
// rules, throttle, state, directory objects, device codes and organizer-side webinar settings.
import { request, type Dispatcher } from "undici";
import type { EmulatorInfo } from "../../emulator/index";
import type { EmulatorConfig } from "../../emulator/config";
import type { FaultRuleInput } from "../../emulator/faults";
import type { RequestLogEntry } from "../../emulator/requestLog";
import type { AccessPolicy, App, Tenant, User } from "../../emulator/types";
import type { StoredMeeting, StoredRegistrant, StoredRegistration } from "../../emulator/store";
import type { RegistrationConfiguration, StoredQuestion, StoredWebinar, StoredWebinarRegistration } from "../../emulator/graph/virtualEvents/store";

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

/** Whether a logged path is a Graph call (/beta/…, /v1.0/…) rather than a token or admin call. */
export const isGraphPath = (p: string): boolean => /^\/(beta|v1\.0)\//.test(p);

/** An admin call that did not answer 2xx (named apart from the emulator's own admin errors). */
export class AdminCallError extends Error {
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
    if (res.statusCode >= 300) throw new AdminCallError(res.statusCode, parsed, `admin ${method} ${p}: ${res.statusCode} ${text}`);
    return parsed as T;
  }

  requests = async (): Promise<RequestLogEntry[]> => (await this.call<{ value: RequestLogEntry[] }>("GET", "/requests")).value;
  /** The logged requests to Graph (/beta/…, /v1.0/…), not token or admin calls, oldest first. */
  graphRequests = async (): Promise<RequestLogEntry[]> => (await this.requests()).filter((r) => isGraphPath(r.path));
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
