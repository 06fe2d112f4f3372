// The `scope` parameter of token and device-code requests. Only Microsoft Graph is a known resource;
// app-only flows take exactly `{graph}/.default`, delegated flows `.default` or named Graph scopes.
import type { App } from "../types";
import { entraErrors } from "./errors";

export const GRAPH_RESOURCE = "https://graph.microsoft.com";
export const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const OIDC_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

/** The audience the token gets: Graph as the client named it (URL or app id). */
export type GraphAudience = typeof GRAPH_RESOURCE | typeof GRAPH_APP_ID;

function graphAudienceOf(resource: string): GraphAudience | undefined {
  const r = resource.toLowerCase().replace(/\/+$/, "");
  if (r === GRAPH_RESOURCE) return GRAPH_RESOURCE;
  if (r === GRAPH_APP_ID) return GRAPH_APP_ID;
  return undefined;
}

function splitScopes(scope: string | undefined): string[] {
  return (scope ?? "").split(/\s+/).filter((s) => s.length > 0);
}

/** Splits "https://graph.microsoft.com/OnlineMeetings.ReadWrite" into resource and permission. */
function splitResource(item: string): { resource: string; permission: string } | undefined {
  const slash = item.lastIndexOf("/");
  if (slash <= 0) return undefined;
  return { resource: item.slice(0, slash), permission: item.slice(slash + 1) };
}

export interface AppScopeGrant {
  audience: GraphAudience;
}

/** client_credentials: exactly one `{resource}/.default`, resource = Graph. */
export function parseAppScope(scope: string | undefined, tenantName: string): AppScopeGrant {
  const items = splitScopes(scope);
  if (items.length === 0) throw entraErrors.missingScope();
  const resourceScopes = items.filter((s) => !OIDC_SCOPES.has(s));
  if (resourceScopes.length !== 1) throw entraErrors.clientCredentialsScope(items.join(" "));
  const parts = splitResource(resourceScopes[0]);
  if (!parts || parts.permission !== ".default") throw entraErrors.clientCredentialsScope(resourceScopes[0]);
  const audience = graphAudienceOf(parts.resource);
  if (!audience) throw entraErrors.resourceNotFound(parts.resource, tenantName);
  return { audience };
}

export interface DelegatedScopeGrant {
  audience: GraphAudience;
  /** Short permission names for the `scp` claim, e.g. ["OnlineMeetings.ReadWrite"]. */
  permissions: string[];
  /** The `scope` of the token response: the granted scopes as URIs plus the requested OIDC scopes. */
  responseScope: string;
  offlineAccess: boolean;
  openid: boolean;
}

/**
 * Delegated flows: `.default` grants every delegated scope of the app; named scopes must be granted
 * (consented). `checkConsent: false` only checks the resource: the device-code endpoint takes any
 * Graph scope, consent is decided when the user signs in (at redemption).
 */
export function parseDelegatedScope(scope: string | undefined, app: App, tenantName: string, checkConsent = true): DelegatedScopeGrant {
  const items = splitScopes(scope);
  if (items.length === 0) throw entraErrors.missingScope();
  const oidc = items.filter((s) => OIDC_SCOPES.has(s));
  let audience: GraphAudience = GRAPH_RESOURCE;
  let wantsDefault = false;
  const named: string[] = [];
  for (const item of items) {
    if (OIDC_SCOPES.has(item)) continue;
    const parts = splitResource(item);
    if (!parts) {
      named.push(item); // a bare name ("User.Read") means Graph
      continue;
    }
    const aud = graphAudienceOf(parts.resource);
    if (!aud) throw entraErrors.resourceNotFound(parts.resource, tenantName);
    audience = aud;
    if (parts.permission === ".default") wantsDefault = true;
    else named.push(parts.permission);
  }
  const granted = new Map(app.delegatedScopes.map((s) => [s.toLowerCase(), s]));
  for (const name of named) {
    if (checkConsent && !granted.has(name.toLowerCase())) throw entraErrors.consentRequired(app.clientId, app.displayName);
  }
  // With only OIDC scopes Entra still returns a Graph token with the consented scopes.
  const permissions = wantsDefault || named.length === 0 ? [...app.delegatedScopes] : named.map((n) => granted.get(n.toLowerCase()) ?? n);
  const responseItems = permissions.map((p) => `${audience}/${p}`);
  if (wantsDefault) responseItems.push(`${audience}/.default`);
  responseItems.push(...oidc.filter((s) => s !== "offline_access"));
  return {
    audience,
    permissions,
    responseScope: [...new Set(responseItems)].join(" "),
    offlineAccess: oidc.includes("offline_access"),
    openid: oidc.includes("openid"),
  };
}
