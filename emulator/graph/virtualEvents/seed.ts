// What the seed needs for webinars: the default app's application permissions, and a public client
// app through which the organizer signs in by device code (webinar writes need a delegated token,
// and Microsoft offers no app-only way to create webinars). State written before webinars existed
// is upgraded once at load.
import { randomUUID } from "node:crypto";
import type { App, Tenant, User } from "../../types";
import type { SeedConfig } from "../../config";

/** Application permissions the seeded app holds for virtual events (with the organizer's access policy). */
export const VIRTUAL_EVENT_APP_ROLES = ["VirtualEvent.Read.All", "VirtualEventRegistration-Anon.ReadWrite.All"];

/** Delegated scopes of the seeded public client. */
export const PUBLIC_CLIENT_SCOPES = ["VirtualEvent.ReadWrite", "OnlineMeetings.ReadWrite"];

interface SeedTarget {
  tenants: Tenant[];
  users: User[];
  apps: App[];
}

/** Adds the public client (and, when upgrading old state, the default app's virtual-event roles). Returns true if it changed anything. */
export function ensurePublicClient(store: SeedTarget, seed: SeedConfig): boolean {
  if (store.apps.some((a) => a.isFallbackPublicClient)) return false;
  const app = store.apps[0];
  if (app) for (const role of VIRTUAL_EVENT_APP_ROLES) if (!app.roles.includes(role)) app.roles.push(role);
  store.apps.push({
    clientId: seed.publicClient?.clientId ?? randomUUID(),
    tenantId: store.tenants[0].id,
    displayName: seed.publicClient?.displayName ?? "msgraph-emulator public client",
    secrets: [],
    certificates: [],
    federatedCredentials: [],
    roles: [],
    delegatedScopes: [...PUBLIC_CLIENT_SCOPES],
    isFallbackPublicClient: true,
  });
  return true;
}
