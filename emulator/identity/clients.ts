// Finds the app registration a request names, in the tenant of the route. On `common` and
// `organizations` the app's own tenant is used (every emulated app is single-tenant).
import type { App, IdentityContext, Tenant, User } from "../types";
import { entraErrors } from "./errors";
import { findTenant, type TenantRoute } from "./tenants";

export function resolveClient(ctx: IdentityContext, route: TenantRoute, clientId: string | null): { app: App; tenant: Tenant } {
  if (!clientId) throw entraErrors.missingParameter("client_id");
  const wanted = clientId.toLowerCase();
  const app = ctx
    .apps()
    .find((a) => a.clientId.toLowerCase() === wanted && (route.kind === "multi" || a.tenantId === route.tenant.id));
  const tenant = app && findTenant(ctx, app.tenantId);
  if (!app || !tenant) throw entraErrors.appNotFound(clientId, route.kind === "tenant" ? route.tenant.id : route.segment);
  return { app, tenant };
}

/** The tenant's first user: the seeded organizer, who approves device codes automatically. */
export function firstUser(ctx: IdentityContext, tenantId: string): User | undefined {
  return ctx.users().find((u) => u.tenantId === tenantId);
}
