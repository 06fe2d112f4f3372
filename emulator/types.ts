// Shared shapes of the emulator: the seeded directory (tenants, users, apps, policies), the Graph
// objects it stores, and the seam between the Graph server and the identity platform.
// The identity platform (emulator/identity/) and the Graph side (the rest of emulator/) meet only here.
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./reply";

export interface Tenant {
  id: string; // GUID
  displayName: string;
}

export interface User {
  id: string; // object id (GUID)
  tenantId: string;
  userPrincipalName: string;
  displayName: string;
}

export interface FederatedCredential {
  issuer: string; // e.g. https://token.actions.githubusercontent.com
  subject: string; // e.g. repo:org/repo:ref:refs/heads/main
  audience: string; // usually api://AzureADTokenExchange
  /** PEM public key (or JWKS URL is not supported: keep it offline) used to verify the assertion. */
  publicKeyPem: string;
}

export interface App {
  clientId: string; // GUID
  tenantId: string;
  displayName: string;
  /** Client secrets as given at registration. Never logged. */
  secrets: string[];
  /** PEM certificates whose key may sign a client_assertion. */
  certificates: string[];
  federatedCredentials: FederatedCredential[];
  /** Application permissions granted (token `roles`). */
  roles: string[];
  /** Delegated permissions the app may request (token `scp`). */
  delegatedScopes: string[];
  /**
   * "Allow public client flows" (Graph's application.isFallbackPublicClient): only such apps get
   * device codes. Absent = false.
   */
  isFallbackPublicClient?: boolean;
}

/** An application access policy: the app may act for these users with app-only tokens. */
export interface AccessPolicy {
  id: string;
  tenantId: string;
  appId: string; // clientId
  userIds: string[]; // object ids; "*" for the whole tenant
}

/** Claims of a validated Graph access token, as the Graph routes need them. */
export interface AccessTokenClaims {
  tid: string;
  appid: string;
  oid: string; // user object id for delegated tokens; the app's service principal id for app tokens
  roles?: string[]; // app tokens
  scp?: string; // delegated tokens (space separated)
  exp: number;
  kind: "app" | "delegated";
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; code: "InvalidAuthenticationToken"; message: string };

/** What the identity platform needs from the rest of the emulator. */
export interface IdentityContext {
  /** The https origin the emulator serves, e.g. https://127.0.0.1:8443 (the authority host). */
  origin(): string;
  tenants(): Tenant[];
  users(): User[];
  apps(): App[];
  /** Device-code flow: whether codes are approved at once (default) or wait for the admin API. */
  autoApproveDeviceCodes(): boolean;
  /** Access token lifetime in seconds, or "entra" for Entra's defaults (3599 s app-only, 60-90 min delegated). */
  tokenLifetimeSeconds(): number | "entra";
  /** Directory of persistent state (signing keys live here), or undefined for in-memory only. */
  dataDir(): string | undefined;
  /** Device-code lifetime in seconds (`expires_in`; default 900). Optional. */
  deviceCodeLifetimeSeconds?(): number;
}

/** A request as the identity platform reads it. */
export interface IdentityRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * The identity platform, as the Graph server sees it. The server hands it every request that is
 * not a Graph path; `handle` returns the reply, or undefined when the path is not an identity route.
 */
export interface IdentityPlatform {
  handle(request: IdentityRequest): Promise<Reply | undefined>;
  /** Validates `Authorization: Bearer ...` for a Graph call (signature, expiry, audience, issuer). */
  verifyAccessToken(authorization: string | undefined): Promise<TokenCheck>;
  /** Admin API: approve a pending device code (by user_code) for a user. */
  approveDeviceCode(userCode: string, userId: string): boolean;
  /** Admin API: list pending device codes. */
  pendingDeviceCodes(): { userCode: string; clientId: string; tenantId: string }[];
}
