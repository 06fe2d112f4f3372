// One cached token per process: every request asks here, concurrent askers share one in-flight
// request, and a new token is fetched only shortly before the cached one expires.
import type { TokenCredential } from "@azure/identity";
import { decodeJwt } from "./jwtClaims";
import type { AccessTokenInfo, TokenSource } from "../graph/client";
import type { StaticTokenSetting, TokenKind } from "../graph/errors";
import { StaticTokenCredential } from "./credentials";

/** Refresh this long before expiry, so a token never expires mid-retry. */
const refreshMarginMs = 5 * 60_000;

/**
 * Longest wait for a token, the identity platform's own retries included (6 retries from 1 s
 * doubling to 15 s, ~45 s of waits: see credentials.ts). A token endpoint that accepts the
 * connection and never answers must not hold a deployment for ever.
 */
export const defaultTokenTimeoutMs = 120_000;

export class CachedTokenSource implements TokenSource {
  private cached?: { info: AccessTokenInfo; refreshAt: number };
  private inFlight?: Promise<AccessTokenInfo>;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    readonly source: string,
    /** Turns a credential failure into the user-facing error. */
    private readonly onFailure: (cause: unknown) => Error,
    private readonly timeoutMs: number = defaultTokenTimeoutMs,
    /** Aborts the credential's requests in flight (TokenRequestLimits.abortAll). */
    private readonly abortRequests: (reason: unknown) => void = () => undefined,
  ) {}

  get staticTokenSetting(): StaticTokenSetting | undefined {
    return this.credential instanceof StaticTokenCredential ? this.credential.configKey : undefined;
  }

  async getToken(): Promise<AccessTokenInfo> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.info;
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetch(): Promise<AccessTokenInfo> {
    let token;
    // At the timeout, the credential's HTTP requests are aborted (abortRequests: MSAL takes no
    // signal of its own), and the race ends the wait even where a credential ignores both.
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const reason = new Error(`network_error: no token from the identity platform within ${Math.round(this.timeoutMs / 1000)}s`);
        abort.abort(reason);
        this.abortRequests(reason);
        reject(reason);
      }, this.timeoutMs);
      timer.unref?.();
    });
    timedOut.catch(() => undefined); // only the race looks at it
    try {
      token = await Promise.race([this.credential.getToken(this.scope, { abortSignal: abort.signal }), timedOut]);
    } catch (e) {
      throw this.onFailure(abort.signal.aborted ? abort.signal.reason : e);
    } finally {
      clearTimeout(timer);
    }
    if (!token) throw this.onFailure(new Error("the credential returned no token"));
    const info: AccessTokenInfo = { token: token.token, ...describeToken(token.token) };
    // Short-lived tokens (an emulator's, say) are refreshed at half their life instead.
    const margin = Math.min(refreshMarginMs, (token.expiresOnTimestamp - Date.now()) / 2);
    const refreshAt = Math.min(token.refreshAfterTimestamp ?? Infinity, token.expiresOnTimestamp - margin);
    this.cached = { info, refreshAt };
    return info;
  }
}

/** App or delegated, from the (unverified) claims: Graph verifies the token, this only picks fixes. */
export function describeToken(token: string): { kind: TokenKind; appId?: string; tenantId?: string } {
  try {
    const claims = decodeJwt(token) as { idtyp?: string; scp?: string; roles?: string[]; appid?: string; azp?: string; tid?: string };
    const kind: TokenKind = claims.idtyp === "app" || (claims.roles && !claims.scp) ? "app" : claims.scp ? "delegated" : "unknown";
    return { kind, appId: claims.appid ?? claims.azp, ...(typeof claims.tid === "string" ? { tenantId: claims.tid } : {}) };
  } catch {
    return { kind: "unknown" };
  }
}
