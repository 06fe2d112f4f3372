// The emulator's state: the seeded directory (tenants, users, apps, policies) and the Graph objects
// (meetings, registrations, registrants), with optional persistence to <data-dir>/state.json.
// Writes are group-committed: every mutation is followed by `commit()`, whose promise resolves once
// a snapshot containing it is on disk (temp file + fsync + rename), so an acknowledged write survives
// a crash while concurrent writes share one fsync.
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import type { AccessPolicy, App, Tenant, User } from "./types";
import type { SeedConfig } from "./config";
import { VirtualEventsStore, type PersistedVirtualEvents } from "./graph/virtualEvents/store";
import { ensurePublicClient, VIRTUAL_EVENT_APP_ROLES } from "./graph/virtualEvents/seed";

export interface StoredMeeting {
  id: string;
  tenantId: string;
  organizerId: string;
  threadId: string;
  externalId?: string;
  /** The Graph representation without `@odata.context`. */
  resource: Record<string, unknown>;
}

export interface StoredRegistration {
  meetingId: string;
  resource: Record<string, unknown>; // @odata.type, id, allowedRegistrant, ...
}

export interface StoredRegistrant {
  meetingId: string;
  seq: number; // insertion order, the basis of $skiptoken
  resource: Record<string, unknown>; // @odata.type, id, tenantId?, userId?, joinWebUrl
}

interface PersistedState {
  version: 1;
  adminToken: string;
  tenants: Tenant[];
  users: User[];
  apps: App[];
  policies: AccessPolicy[];
  meetings: StoredMeeting[];
  registrations: StoredRegistration[];
  registrants: StoredRegistrant[];
  nextSeq: number;
  /** Absent in state written before webinars existed. */
  virtualEvents?: PersistedVirtualEvents;
}

const RESOLVED = Promise.resolve();

export class Store {
  tenants: Tenant[] = [];
  users: User[] = [];
  apps: App[] = [];
  policies: AccessPolicy[] = [];
  adminToken = "";
  readonly meetings = new Map<string, StoredMeeting>();
  readonly registrations = new Map<string, StoredRegistration>(); // by meeting id
  readonly registrants = new Map<string, StoredRegistrant[]>(); // by meeting id, in seq order
  readonly virtualEvents = new VirtualEventsStore();
  private nextSeq = 1;
  private usersById = new Map<string, User>();
  private usersByUpn = new Map<string, User>();
  private readonly file: string | undefined;
  private chain: Promise<void> = RESOLVED;
  private queued: Promise<void> | null = null;

  constructor(dataDir: string | undefined) {
    this.file = dataDir ? path.join(dataDir, "state.json") : undefined;
  }

  /** Loads persisted state, or seeds the default directory when there is none. Returns true if loaded. */
  async open(seed: SeedConfig, adminToken: string | undefined): Promise<boolean> {
    if (this.file && fs.existsSync(this.file)) {
      const state = JSON.parse(fs.readFileSync(this.file, "utf8")) as PersistedState;
      this.tenants = state.tenants;
      this.users = state.users;
      this.apps = state.apps;
      this.policies = state.policies;
      this.adminToken = adminToken ?? state.adminToken;
      for (const m of state.meetings) this.meetings.set(m.id, m);
      for (const r of state.registrations) this.registrations.set(r.meetingId, r);
      for (const r of state.registrants) {
        const list = this.registrants.get(r.meetingId) ?? [];
        list.push(r);
        this.registrants.set(r.meetingId, list);
      }
      this.nextSeq = state.nextSeq;
      this.virtualEvents.load(state.virtualEvents);
      const upgraded = ensurePublicClient(this, seed);
      this.reindex();
      if (upgraded || (adminToken && adminToken !== state.adminToken)) await this.commit();
      return true;
    }
    this.seed(seed);
    this.adminToken = adminToken ?? randomBytes(24).toString("base64url");
    await this.commit();
    return false;
  }

  private seed(seed: SeedConfig): void {
    const tenantId = seed.tenant?.id ?? randomUUID();
    this.tenants.push({ id: tenantId, displayName: seed.tenant?.displayName ?? "Contoso (emulated)" });
    const organizer: User = {
      id: seed.organizer?.id ?? randomUUID(),
      tenantId,
      userPrincipalName: seed.organizer?.userPrincipalName ?? "organizer@contoso.example",
      displayName: seed.organizer?.displayName ?? "Meeting Organizer",
    };
    this.users.push(organizer);
    const app: App = {
      clientId: seed.app?.clientId ?? randomUUID(),
      tenantId,
      displayName: seed.app?.displayName ?? "msgraph-emulator default app",
      secrets: [seed.app?.clientSecret ?? randomBytes(24).toString("base64url")],
      certificates: [],
      federatedCredentials: [],
      roles: ["OnlineMeetings.ReadWrite.All", ...VIRTUAL_EVENT_APP_ROLES],
      delegatedScopes: ["OnlineMeetings.ReadWrite"],
    };
    this.apps.push(app);
    this.policies.push({ id: randomUUID(), tenantId, appId: app.clientId, userIds: [organizer.id] });
    ensurePublicClient(this, seed);
    this.reindex();
  }

  private reindex(): void {
    this.usersById = new Map(this.users.map((u) => [u.id.toLowerCase(), u]));
    this.usersByUpn = new Map(this.users.map((u) => [u.userPrincipalName.toLowerCase(), u]));
  }

  /** The seeded default tenant, organizer and app (the first of each), and the seeded public client. */
  defaults(): { tenant: Tenant; organizer: User; app: App; publicClient: App } {
    return { tenant: this.tenants[0], organizer: this.users[0], app: this.apps[0], publicClient: this.apps.find((a) => a.isFallbackPublicClient)! };
  }

  /** A user of the tenant by object id or UPN (case-insensitive). */
  findUser(tenantId: string, idOrUpn: string): User | undefined {
    const key = idOrUpn.toLowerCase();
    const user = this.usersById.get(key) ?? this.usersByUpn.get(key);
    return user && user.tenantId === tenantId ? user : undefined;
  }

  findApp(clientId: string): App | undefined {
    return this.apps.find((a) => a.clientId === clientId);
  }

  hasPolicy(tenantId: string, appId: string, userId: string): boolean {
    return this.policies.some((p) => p.tenantId === tenantId && p.appId === appId && (p.userIds.includes(userId) || p.userIds.includes("*")));
  }

  addUser(user: User): void {
    this.users.push(user);
    this.reindex();
  }

  addApp(app: App): void {
    this.apps.push(app);
  }

  addPolicy(policy: AccessPolicy): void {
    this.policies.push(policy);
  }

  addRegistrant(meetingId: string, resource: Record<string, unknown>): StoredRegistrant {
    const list = this.registrants.get(meetingId) ?? [];
    const entry: StoredRegistrant = { meetingId, seq: this.nextSeq++, resource };
    list.push(entry);
    this.registrants.set(meetingId, list);
    return entry;
  }

  deleteMeeting(id: string): void {
    this.meetings.delete(id);
    this.registrations.delete(id);
    this.registrants.delete(id);
  }

  /** Resolves when every mutation made before this call is durable (immediately without a data dir). */
  commit(): Promise<void> {
    if (!this.file) return RESOLVED;
    if (this.queued) return this.queued; // a write that has not started yet will include this mutation
    const write = this.chain.then(() => {
      this.queued = null;
      return this.writeSnapshot();
    });
    this.queued = write;
    this.chain = write.catch(() => undefined);
    return write;
  }

  /** Waits for every queued write (shutdown). */
  async flush(): Promise<void> {
    await this.chain;
  }

  snapshot(): PersistedState {
    return {
      version: 1,
      adminToken: this.adminToken,
      tenants: this.tenants,
      users: this.users,
      apps: this.apps,
      policies: this.policies,
      meetings: [...this.meetings.values()],
      registrations: [...this.registrations.values()],
      registrants: [...this.registrants.values()].flat(),
      nextSeq: this.nextSeq,
      virtualEvents: this.virtualEvents.snapshot(),
    };
  }

  private async writeSnapshot(): Promise<void> {
    const file = this.file!;
    const data = JSON.stringify(this.snapshot()); // taken synchronously: includes every earlier mutation
    const tmp = `${file}.tmp`;
    const handle = await fs.promises.open(tmp, "w", 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(tmp, file);
  }
}
