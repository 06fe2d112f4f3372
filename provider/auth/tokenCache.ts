// One cached token per process: every request asks here, concurrent askers share one in-flight
// request, and a new token is fetched only shortly before the cached one expires.
import type { TokenCredential } from "@azure/identity";
import { decodeJwt } from "jose";
import type { AccessTokenInfo, TokenSource } from "../graph/client";
import type { TokenKind } from "../graph/errors";

/** Refresh this long before expiry, so a token never expires mid-retry. */
const refreshMarginMs = 5 * 60_000;

export class CachedTokenSource implements TokenSource {
  private cached?: { info: AccessTokenInfo; refreshAt: number };
  private inFlight?: Promise<AccessTokenInfo>;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
    readonly source: string,
    /** Turns a credential failure into the user-facing error. */
    private readonly onFailure: (cause: unknown) => Error,
  ) {}

  async getToken(): Promise<AccessTokenInfo> {
    if (this.cached && Date.now() < this.cached.refreshAt) return this.cached.info;
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetch(): Promise<AccessTokenInfo> {
    let token;
    try {
      token = await this.credential.getToken(this.scope);
    } catch (e) {
      throw this.onFailure(e);
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
