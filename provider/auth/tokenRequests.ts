// Bounds on the identity platform's HTTP requests. MSAL (under @azure/identity's confidential-client
// credentials) takes no abort signal and sets no timeout, so a token endpoint that accepts the
// connection and never answers would hold the request, and the deployment, for ever. This pipeline
// policy, added to every credential's HTTP pipeline, gives each send a timeout and ties it to an
// abort signal that the token cache fires when its overall timeout passes.
import type { TokenCredentialOptions } from "@azure/identity";

type AdditionalPolicy = NonNullable<TokenCredentialOptions["additionalPolicies"]>[number];

/** Per send; the SDK retries a timed-out send like a dropped connection. */
export const tokenSendTimeoutMs = 30_000;

export class TokenRequestLimits {
  private controller = new AbortController();

  constructor(readonly sendTimeoutMs: number = tokenSendTimeoutMs) {}

  /** Aborts every token request in flight; later ones start afresh. */
  abortAll(reason: unknown): void {
    const current = this.controller;
    this.controller = new AbortController();
    current.abort(reason);
  }

  /** The pipeline policy (perRetry: each send gets the timeout and the current abort signal). */
  get policy(): AdditionalPolicy {
    return {
      position: "perRetry",
      policy: {
        name: "msgraphTokenRequestLimits",
        sendRequest: (request, next) => {
          const signal = this.controller.signal;
          request.timeout = request.timeout > 0 ? Math.min(request.timeout, this.sendTimeoutMs) : this.sendTimeoutMs;
          request.abortSignal = request.abortSignal ? anyOf(request.abortSignal as AbortSignal, signal) : signal;
          return next(request);
        },
      },
    };
  }
}

/** AbortSignal.any (Node 20.3+), or a hand-made equivalent on older Node 20s. */
function anyOf(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any([a, b]);
  const both = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) both.abort(s.reason);
    else s.addEventListener("abort", () => both.abort(s.reason), { once: true });
  }
  return both.signal;
}
