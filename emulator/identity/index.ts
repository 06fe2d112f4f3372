// The emulated Microsoft identity platform (Entra ID v2 endpoints): discovery documents, the token
// and device-code endpoints, and access-token verification for the Graph routes.
import type { Reply } from "../reply";
import type { IdentityContext, IdentityPlatform, IdentityRequest } from "../types";
import { AccessTokenVerifier } from "./accessTokens";
import { handleDeviceCodeRequest } from "./deviceCodeEndpoint";
import { DeviceCodes } from "./deviceCodes";
import { EntraError, entraErrors } from "./errors";
import { entraErrorReply, identityReply } from "./http";
import { loadOrCreateSigningKey } from "./keys";
import { instanceDiscovery, jwks, openIdConfiguration } from "./metadata";
import { resolveTenantSegment, type TenantRoute } from "./tenants";
import { applyBasicClientAuth, handleTokenRequest } from "./tokenEndpoint";

export { servicePrincipalIdFor } from "./ids";

// Paths are matched case-insensitively, as Entra does. The tenant segment cannot start with "_"
// (the admin API lives under /_emulator).
const OPENID_CONFIGURATION = /^\/([^/_][^/]*)\/v2\.0\/\.well-known\/openid-configuration$/i;
const KEYS = /^\/([^/_][^/]*)\/discovery(?:\/v2\.0)?\/keys$/i;
const INSTANCE_DISCOVERY = /^\/([^/_][^/]*)\/discovery\/instance$/i;
const TOKEN = /^\/([^/_][^/]*)\/oauth2\/v2\.0\/token$/i;
/** True for the token endpoint's path (for the token-request count in /_emulator/stats). */
export const isTokenPath = (pathname: string): boolean => TOKEN.test(pathname);
const DEVICE_CODE = /^\/([^/_][^/]*)\/oauth2\/v2\.0\/devicecode$/i;

export function createIdentityPlatform(ctx: IdentityContext): IdentityPlatform {
  const key = loadOrCreateSigningKey(ctx.dataDir());
  const deviceCodes = new DeviceCodes();
  const verifier = new AccessTokenVerifier(key, (tid) => ctx.tenants().some((t) => t.id === tid));

  function tenantRoute(segment: string): TenantRoute {
    let name: string;
    try {
      name = decodeURIComponent(segment);
    } catch {
      name = segment; // a malformed %-escape names no tenant
    }
    const route = resolveTenantSegment(ctx, name);
    if (!route) throw entraErrors.tenantNotFound(name);
    return route;
  }

  async function route({ method, url, headers, body }: IdentityRequest): Promise<Reply | undefined> {
    const path = url.pathname;
    const origin = ctx.origin();
    let m: RegExpExecArray | null;
    if ((m = TOKEN.exec(path)) || (m = DEVICE_CODE.exec(path))) {
      const isToken = TOKEN.test(path);
      if (method !== "POST") throw entraErrors.methodNotAllowed();
      const tenant = tenantRoute(m[1]);
      const form = new URLSearchParams(body.toString("utf8"));
      const deps = { ctx, key, deviceCodes };
      if (isToken) applyBasicClientAuth(form, headers.authorization);
      return identityReply(headers, 200, isToken ? await handleTokenRequest(deps, tenant, form) : handleDeviceCodeRequest(ctx, deviceCodes, tenant, form));
    }
    if (method !== "GET" && method !== "HEAD") return undefined;
    if ((m = OPENID_CONFIGURATION.exec(path))) {
      const tenant = tenantRoute(m[1]);
      const config =
        tenant.kind === "multi" ? openIdConfiguration(origin, tenant.segment, "{tenantid}") : openIdConfiguration(origin, tenant.tenant.id, tenant.tenant.id);
      return identityReply(headers, 200, config, true);
    }
    if ((m = KEYS.exec(path))) {
      tenantRoute(m[1]);
      return identityReply(headers, 200, jwks(key.publicJwk), true);
    }
    if ((m = INSTANCE_DISCOVERY.exec(path))) {
      const discovery = instanceDiscovery(origin, url.searchParams.get("authorization_endpoint"));
      if (!discovery) throw entraErrors.invalidInstance();
      return identityReply(headers, 200, discovery, true);
    }
    return undefined;
  }

  return {
    async handle(request) {
      try {
        return await route(request);
      } catch (err) {
        if (!(err instanceof EntraError)) throw err;
        return entraErrorReply(request.headers, ctx.origin(), err);
      }
    },
    verifyAccessToken: (authorization) => verifier.verify(authorization),
    approveDeviceCode(userCode, userId) {
      const entry = deviceCodes.find(userCode);
      if (!entry) return false;
      const wanted = userId.toLowerCase();
      const user = ctx
        .users()
        .find((u) => u.tenantId === entry.tenantId && (u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted));
      return user ? deviceCodes.approve(userCode, user.id) : false;
    },
    pendingDeviceCodes: () => deviceCodes.pending().map((e) => ({ userCode: e.userCode, clientId: e.clientId, tenantId: e.tenantId })),
  };
}
