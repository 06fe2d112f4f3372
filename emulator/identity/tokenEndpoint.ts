// POST /{tenant}/oauth2/v2.0/token: client_credentials (secret, certificate or federated assertion),
// device_code polling and refresh_token. Returns the token response body or throws an EntraError.
import type { App, IdentityContext, Tenant, User } from "../types";
import { issueAccessToken, issuerFor } from "./accessTokens";
import { authenticateClient, type ClientAuthMethod } from "./clientAuth";
import { firstUser, resolveClient } from "./clients";
import type { DeviceCodes } from "./deviceCodes";
import { entraErrors } from "./errors";
import { servicePrincipalIdFor } from "./ids";
import type { SigningKey } from "./keys";
import { parseAppScope, parseDelegatedScope } from "./scopes";
import type { TenantRoute } from "./tenants";
import { clientInfo, issueIdToken, issueRefreshToken, readRefreshToken } from "./userTokens";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** MSAL sends the short form; Entra accepts both. */
const DEVICE_CODE_GRANT_SHORT = "device_code";

/**
 * client_secret_basic (RFC 6749 2.3.1): `Authorization: Basic base64(urlencode(id):urlencode(secret))`
 * is folded into the form, so one code path authenticates both ways. Form values win.
 */
export function applyBasicClientAuth(form: URLSearchParams, authorization: string | undefined): void {
  const m = authorization ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization) : null;
  if (!m) return;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return;
  try {
    const id = decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " "));
    const secret = decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " "));
    if (!form.has("client_id")) form.set("client_id", id);
    if (!form.has("client_secret")) form.set("client_secret", secret);
  } catch {
    // not URL-encoded: ignore the header, the request then lacks a credential
  }
}

export interface TokenEndpointDeps {
  ctx: IdentityContext;
  key: SigningKey;
  deviceCodes: DeviceCodes;
}

type TokenResponse = Record<string, string | number>;

function acrOf(method: ClientAuthMethod): "0" | "1" | "2" {
  return method === "none" ? "0" : method === "secret" ? "1" : "2";
}

/** The audiences a certificate assertion may carry for this route. */
function assertionAudiences(origin: string, route: TenantRoute, tenant: Tenant): string[] {
  const segments = new Set([tenant.id, route.segment]);
  const list: string[] = [];
  for (const s of segments) list.push(`${origin}/${s}/oauth2/v2.0/token`, `${origin}/${s}/oauth2/token`);
  list.push(issuerFor(origin, tenant.id));
  return list;
}

export async function handleTokenRequest(deps: TokenEndpointDeps, route: TenantRoute, form: URLSearchParams): Promise<TokenResponse> {
  const grantType = form.get("grant_type");
  if (!grantType) throw entraErrors.missingParameter("grant_type");
  const { app, tenant } = resolveClient(deps.ctx, route, form.get("client_id"));
  const authenticate = (credentialRequired: boolean) =>
    authenticateClient(app, {
      clientSecret: form.get("client_secret") ?? undefined,
      clientAssertion: form.get("client_assertion") ?? undefined,
      clientAssertionType: form.get("client_assertion_type") ?? undefined,
      assertionAudiences: assertionAudiences(deps.ctx.origin(), route, tenant),
      credentialRequired,
    });
  const request: GrantRequest = { deps, app, tenant, form, authenticate };
  switch (grantType) {
    case "client_credentials":
      return clientCredentials(deps, app, tenant, form, await authenticate(true));
    case DEVICE_CODE_GRANT:
    case DEVICE_CODE_GRANT_SHORT:
      return deviceCode(request);
    case "refresh_token":
      return refreshToken(request);
    default:
      throw entraErrors.unsupportedGrantType(grantType);
  }
}

async function clientCredentials(deps: TokenEndpointDeps, app: App, tenant: Tenant, form: URLSearchParams, method: ClientAuthMethod) {
  const { audience } = parseAppScope(form.get("scope") ?? undefined, tenant.displayName);
  const { token, expiresIn } = await issueAccessToken(
    deps.key,
    deps.ctx,
    {
      kind: "app",
      tenantId: tenant.id,
      clientId: app.clientId,
      appName: app.displayName,
      servicePrincipalId: servicePrincipalIdFor(app),
      roles: [...app.roles],
      acr: acrOf(method) === "1" ? "1" : "2",
    },
    audience,
  );
  return { token_type: "Bearer", expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token };
}

/** A token request of a user grant: the client authenticates once the grant knows whether it must show a credential. */
interface GrantRequest {
  deps: TokenEndpointDeps;
  app: App;
  tenant: Tenant;
  form: URLSearchParams;
  authenticate: (credentialRequired: boolean) => Promise<ClientAuthMethod>;
}

async function deviceCode(request: GrantRequest): Promise<TokenResponse> {
  const { deps, app, tenant, form, authenticate } = request;
  const code = form.get("device_code");
  if (!code) throw entraErrors.missingParameter("device_code");
  const method = await authenticate(false);
  const poll = deps.deviceCodes.poll(code, app.clientId);
  if (poll.status === "unknown") throw entraErrors.deviceCodeInvalid();
  if (poll.status === "expired") throw entraErrors.deviceCodeExpired();
  if (poll.status === "pending") {
    const organizer = deps.ctx.autoApproveDeviceCodes() ? firstUser(deps.ctx, tenant.id) : undefined;
    if (!organizer) throw entraErrors.authorizationPending();
    deps.deviceCodes.approve(poll.entry.userCode, organizer.id);
    return deviceCode({ ...request, authenticate: async () => method });
  }
  const user = deps.ctx.users().find((u) => u.id === poll.userId && u.tenantId === tenant.id);
  if (!user) throw entraErrors.deviceCodeInvalid();
  return userTokens(deps, app, tenant, user, poll.entry.scope, form.get("scope") ?? poll.entry.scope, method);
}

async function refreshToken({ deps, app, tenant, form, authenticate }: GrantRequest): Promise<TokenResponse> {
  const token = form.get("refresh_token");
  if (!token) throw entraErrors.missingParameter("refresh_token");
  const check = await readRefreshToken(deps.key, token);
  if (!check.ok) throw check.reason === "expired" ? entraErrors.refreshTokenExpired() : entraErrors.refreshTokenInvalid();
  const { grant } = check;
  if (grant.clientId.toLowerCase() !== app.clientId.toLowerCase() || grant.tenantId !== tenant.id) {
    throw entraErrors.refreshTokenClientMismatch();
  }
  // A token issued to a confidential client must be redeemed with that client's credentials.
  const method = await authenticate(!grant.publicClient);
  const user = deps.ctx.users().find((u) => u.id === grant.userId && u.tenantId === tenant.id);
  if (!user) throw entraErrors.refreshTokenInvalid();
  return userTokens(deps, app, tenant, user, grant.scope, form.get("scope") ?? grant.scope, method);
}

/** Access token + id_token + client_info (+ refresh token with offline_access) for a signed-in user. */
async function userTokens(
  deps: TokenEndpointDeps,
  app: App,
  tenant: Tenant,
  user: User,
  originalScope: string,
  scope: string,
  method: ClientAuthMethod,
): Promise<TokenResponse> {
  const grant = parseDelegatedScope(scope, app, tenant.displayName);
  const origin = deps.ctx.origin();
  const { token, expiresIn } = await issueAccessToken(
    deps.key,
    deps.ctx,
    {
      kind: "delegated",
      tenantId: tenant.id,
      clientId: app.clientId,
      appName: app.displayName,
      userId: user.id,
      upn: user.userPrincipalName,
      name: user.displayName,
      scopes: grant.permissions,
      acr: acrOf(method),
    },
    grant.audience,
  );
  const body: TokenResponse = {
    token_type: "Bearer",
    scope: grant.responseScope,
    expires_in: expiresIn,
    ext_expires_in: expiresIn,
    access_token: token,
  };
  const keepsOfflineAccess = grant.offlineAccess || /(^|\s)offline_access(\s|$)/.test(originalScope);
  if (keepsOfflineAccess) {
    body.refresh_token = await issueRefreshToken(deps.key, origin, {
      tenantId: tenant.id,
      clientId: app.clientId,
      userId: user.id,
      scope: originalScope,
      publicClient: method === "none",
    });
  }
  body.id_token = await issueIdToken(deps.key, origin, user, app.clientId, expiresIn);
  body.client_info = clientInfo(user);
  return body;
}
