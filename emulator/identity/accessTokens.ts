// Graph access tokens: issued as RS256 JWTs signed with the emulator's key, and verified for every
// Graph request. Verification is on the hot path, so successful results are cached by token string
// (a bounded map); expiry is still checked on every call.
import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { compactVerify, decodeProtectedHeader, SignJWT, type JWTPayload } from "jose";
import type { AccessTokenClaims, IdentityContext, TokenCheck } from "../types";
import type { SigningKey } from "./keys";
import { pairwiseSubject } from "./ids";
import { GRAPH_APP_ID, GRAPH_RESOURCE, type GraphAudience } from "./scopes";

export const ACCEPTED_AUDIENCES = new Set<string>([GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID]);

/** What a token is issued for; the rest of the claims follow from it. */
export type AccessTokenSubject =
  | { kind: "app"; tenantId: string; clientId: string; appName: string; servicePrincipalId: string; roles: string[]; acr: "1" | "2" }
  | { kind: "delegated"; tenantId: string; clientId: string; appName: string; userId: string; upn: string; name: string; scopes: string[]; acr: "0" | "1" | "2" };

/** The v2.0 endpoints' issuer (id tokens, discovery, assertion audiences): `{authority}/{tid}/v2.0`. */
export function issuerFor(origin: string, tenantId: string): string {
  return `${origin}/${tenantId}/v2.0`;
}

/**
 * The issuer of Graph access tokens. Graph's app registration accepts v1 tokens, so Entra issues v1
 * tokens for it whichever endpoint was asked: `iss` https://sts.windows.net/{tid}/ (Global cloud),
 * `ver` 1.0, `appid` and no `azp` (learn.microsoft.com/entra/identity-platform/access-token-claims-reference).
 */
export function accessTokenIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

/** Entra's default lifetimes (learn.microsoft.com/entra/identity-platform/access-tokens#token-lifetime). */
export const APP_TOKEN_LIFETIME_SECONDS = 3599;
export function randomDelegatedLifetimeSeconds(): number {
  return 3600 + randomInt(1801); // 60-90 minutes
}

/** Entra's `uti`: a short random token id. */
function uti(): string {
  return randomBytes(16).toString("base64url").slice(0, 22);
}

export async function issueAccessToken(
  key: SigningKey,
  ctx: IdentityContext,
  subject: AccessTokenSubject,
  audience: GraphAudience,
): Promise<{ token: string; expiresIn: number }> {
  const now = Math.floor(Date.now() / 1000);
  const configured = ctx.tokenLifetimeSeconds();
  const expiresIn = configured !== "entra" ? configured : subject.kind === "delegated" ? randomDelegatedLifetimeSeconds() : APP_TOKEN_LIFETIME_SECONDS;
  const iss = accessTokenIssuer(subject.tenantId);
  const common: JWTPayload & Record<string, unknown> = {
    aud: audience,
    iss,
    iat: now,
    nbf: now,
    exp: now + expiresIn,
    app_displayname: subject.appName,
    appid: subject.clientId,
    appidacr: subject.acr,
    idp: iss,
    tid: subject.tenantId,
    uti: uti(),
    ver: "1.0",
  };
  const claims =
    subject.kind === "app"
      ? { ...common, idtyp: "app", oid: subject.servicePrincipalId, sub: subject.servicePrincipalId, roles: subject.roles }
      : {
          ...common,
          idtyp: "user",
          oid: subject.userId,
          sub: pairwiseSubject(subject.userId, subject.clientId),
          scp: subject.scopes.join(" "),
          upn: subject.upn,
          unique_name: subject.upn,
          name: subject.name,
        };
  const token = await new SignJWT(claims)
    // v1 tokens name the key twice: x5t and kid carry the same value.
    .setProtectedHeader({ typ: "JWT", alg: "RS256", x5t: key.kid, kid: key.kid })
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { token, expiresIn };
}

const INVALID = (message: string): TokenCheck => ({ ok: false, code: "InvalidAuthenticationToken", message });

export const tokenMessages = {
  empty: "Access token is empty.",
  malformed: "IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE Compact Serialization Format.",
  expired: "Access token has expired or is not yet valid.",
  signature: "Access token validation failure. Invalid signature.",
  audience: "Access token validation failure. Invalid audience.",
  issuer: "Access token validation failure. Invalid issuer.",
  tenant: "Access token validation failure. Invalid tenant.",
  claims: "Access token validation failure.",
};

interface CachedClaims {
  claims: AccessTokenClaims;
  nbf: number;
}

/** Verifies bearer tokens against the signing key, with a bounded cache of successful checks. */
export class AccessTokenVerifier {
  private readonly cache = new Map<string, CachedClaims>();

  constructor(
    private readonly key: SigningKey,
    private readonly knownTenant: (tenantId: string) => boolean,
    private readonly maxCached = 10_000,
  ) {}

  async verify(authorization: string | undefined): Promise<TokenCheck> {
    const token = bearerToken(authorization);
    if (!token) return INVALID(tokenMessages.empty);
    const now = Date.now() / 1000;
    const cached = this.cache.get(token);
    if (cached) {
      if (cached.claims.exp <= now || cached.nbf > now) return INVALID(tokenMessages.expired);
      return { ok: true, claims: cached.claims };
    }
    const checked = await this.verifyUncached(token, now);
    if (checked.result.ok && checked.nbf !== undefined) this.remember(token, { claims: checked.result.claims, nbf: checked.nbf });
    return checked.result;
  }

  private remember(token: string, entry: CachedClaims): void {
    if (this.cache.size >= this.maxCached) {
      // Map keeps insertion order: drop the oldest entry.
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(token, entry);
  }

  private async verifyUncached(token: string, now: number): Promise<{ result: TokenCheck; nbf?: number }> {
    if (token.split(".").length !== 3) return { result: INVALID(tokenMessages.malformed) };
    let payload: Record<string, unknown>;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== "RS256" || (header.kid !== undefined && header.kid !== this.key.kid)) {
        return { result: INVALID(tokenMessages.signature) };
      }
      const verified = await compactVerify(token, this.key.publicKey, { algorithms: ["RS256"] });
      payload = JSON.parse(Buffer.from(verified.payload).toString("utf8")) as Record<string, unknown>;
    } catch {
      return { result: INVALID(tokenMessages.signature) };
    }
    const { exp, nbf, aud, iss, tid, appid, oid, roles, scp } = payload;
    const notBefore = typeof nbf === "number" ? nbf : 0;
    if (typeof exp !== "number" || exp <= now || notBefore > now) return { result: INVALID(tokenMessages.expired) };
    if (typeof aud !== "string" || !ACCEPTED_AUDIENCES.has(aud)) return { result: INVALID(tokenMessages.audience) };
    if (typeof tid !== "string" || typeof appid !== "string" || typeof oid !== "string") return { result: INVALID(tokenMessages.claims) };
    // The signature proves the emulator issued it; the issuer must still be Graph's v1 issuer of the token's tenant.
    if (iss !== accessTokenIssuer(tid)) {
      return { result: INVALID(tokenMessages.issuer) };
    }
    if (!this.knownTenant(tid)) return { result: INVALID(tokenMessages.tenant) };
    const claims: AccessTokenClaims =
      typeof scp === "string"
        ? { kind: "delegated", tid, appid, oid, scp, exp }
        : { kind: "app", tid, appid, oid, roles: Array.isArray(roles) ? roles.filter((r): r is string => typeof r === "string") : [], exp };
    return { result: { ok: true, claims }, nbf: notBefore };
  }
}

function bearerToken(authorization: string | undefined): string | undefined {
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match ? match[1] : undefined;
}
