// Resolves the {tenant} path segment of an identity route: a tenant id, a verified domain (the
// domain part of a user's UPN in that tenant), or one of the multi-tenant aliases.
import type { IdentityContext, Tenant } from "../types";

export type TenantRoute =
  | { kind: "tenant"; segment: string; tenant: Tenant }
  /** `common` / `organizations`: the tenant is taken from the client app (single-tenant apps). */
  | { kind: "multi"; segment: string };

const MULTI_TENANT_ALIASES = new Set(["common", "organizations"]);

export function resolveTenantSegment(ctx: IdentityContext, segment: string): TenantRoute | undefined {
  const wanted = segment.toLowerCase();
  if (MULTI_TENANT_ALIASES.has(wanted)) return { kind: "multi", segment: wanted };
  const byId = ctx.tenants().find((t) => t.id.toLowerCase() === wanted);
  if (byId) return { kind: "tenant", segment, tenant: byId };
  const user = ctx.users().find((u) => u.userPrincipalName.toLowerCase().split("@")[1] === wanted);
  const byDomain = user && ctx.tenants().find((t) => t.id === user.tenantId);
  return byDomain ? { kind: "tenant", segment, tenant: byDomain } : undefined;
}

export function findTenant(ctx: IdentityContext, tenantId: string): Tenant | undefined {
  return ctx.tenants().find((t) => t.id === tenantId);
}
