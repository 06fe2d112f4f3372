// The emulated Microsoft identity platform (Entra ID v2 endpoints): discovery documents, the token
// and device-code endpoints, and access-token verification for the Graph routes.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { IdentityContext, IdentityPlatform } from "../types";
import { AccessTokenVerifier } from "./accessTokens";
import { handleDeviceCodeRequest } from "./deviceCodeEndpoint";
import { DeviceCodes } from "./deviceCodes";
import { EntraError, entraErrors } from "./errors";
import { sendEntraError, sendJson } from "./http";
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

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const path = url.pathname;
    const origin = ctx.origin();
    let m: RegExpExecArray | null;
    if ((m = TOKEN.exec(path)) || (m = DEVICE_CODE.exec(path))) {
      const isToken = TOKEN.test(path);
      if (isToken) ctx.countTokenRequest();
      if (req.method !== "POST") throw entraErrors.methodNotAllowed();
      const tenant = tenantRoute(m[1]);
      const form = new URLSearchParams(body.toString("utf8"));
      const deps = { ctx, key, deviceCodes };
      if (isToken) applyBasicClientAuth(form, req.headers.authorization);
      sendJson(req, res, 200, isToken ? await handleTokenRequest(deps, tenant, form) : handleDeviceCodeRequest(ctx, deviceCodes, tenant, form));
      return true;
    }
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if ((m = OPENID_CONFIGURATION.exec(path))) {
      const tenant = tenantRoute(m[1]);
      const config =
        tenant.kind === "multi" ? openIdConfiguration(origin, tenant.segment, "{tenantid}") : openIdConfiguration(origin, tenant.tenant.id, tenant.tenant.id);
      sendJson(req, res, 200, config, true);
      return true;
    }
    if ((m = KEYS.exec(path))) {
      tenantRoute(m[1]);
      sendJson(req, res, 200, jwks(key.publicJwk), true);
      return true;
    }
    if ((m = INSTANCE_DISCOVERY.exec(path))) {
      const discovery = instanceDiscovery(origin, url.searchParams.get("authorization_endpoint"));
      if (!discovery) throw entraErrors.invalidInstance();
      sendJson(req, res, 200, discovery, true);
      return true;
    }
    return false;
  }

  return {
    async handle(req, res, url, body) {
      try {
        return await route(req, res, url, body);
      } catch (err) {
        if (!(err instanceof EntraError)) throw err;
        sendEntraError(req, res, ctx.origin(), err);
        return true;
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
