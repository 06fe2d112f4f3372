// What delegated (user) token responses carry besides the access token: the OpenID Connect id_token,
// MSAL's `client_info` (uid/utid, from which it builds the account id), and a refresh token.
// Refresh tokens are JWTs signed with the emulator key, so they survive a restart with --data-dir.
import { randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import type { User } from "../types";
import { issuerFor } from "./accessTokens";
import { pairwiseSubject } from "./ids";
import type { SigningKey } from "./keys";

const REFRESH_TOKEN_LIFETIME_SECONDS = 90 * 24 * 3600;
const REFRESH_TOKEN_TYPE = "emulator-refresh+jwt";

export async function issueIdToken(key: SigningKey, origin: string, user: User, clientId: string, lifetimeSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    aud: clientId,
    iss: issuerFor(origin, user.tenantId),
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    sub: pairwiseSubject(user.id, clientId),
    tid: user.tenantId,
    ver: "2.0",
  })
    .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: key.kid })
    .sign(key.privateKey);
}

export function clientInfo(user: User): string {
  return Buffer.from(JSON.stringify({ uid: user.id, utid: user.tenantId })).toString("base64url");
}

export interface RefreshGrant {
  tenantId: string;
  clientId: string;
  userId: string;
  /** The scope string of the original request, reused when a refresh request sends none. */
  scope: string;
  /** Whether the original grant was made without client credentials (a public client). */
  publicClient: boolean;
}

export async function issueRefreshToken(key: SigningKey, origin: string, grant: RefreshGrant): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...grant })
    .setProtectedHeader({ typ: REFRESH_TOKEN_TYPE, alg: "RS256", kid: key.kid })
    .setIssuer(issuerFor(origin, grant.tenantId))
    .setAudience(grant.clientId)
    .setIssuedAt(now)
    .setExpirationTime(now + REFRESH_TOKEN_LIFETIME_SECONDS)
    .setJti(randomUUID())
    .sign(key.privateKey);
}

export type RefreshCheck = { ok: true; grant: RefreshGrant } | { ok: false; reason: "invalid" | "expired" };

export async function readRefreshToken(key: SigningKey, token: string): Promise<RefreshCheck> {
  try {
    const { payload } = await jwtVerify(token, key.publicKey, { algorithms: ["RS256"], typ: REFRESH_TOKEN_TYPE });
    const { tenantId, clientId, userId, scope, publicClient } = payload as Record<string, unknown>;
    if (typeof tenantId !== "string" || typeof clientId !== "string" || typeof userId !== "string" || typeof scope !== "string") {
      return { ok: false, reason: "invalid" };
    }
    return { ok: true, grant: { tenantId, clientId, userId, scope, publicClient: publicClient === true } };
  } catch (e) {
    return { ok: false, reason: (e as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "invalid" };
  }
}
