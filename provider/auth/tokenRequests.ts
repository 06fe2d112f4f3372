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
          request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal as AbortSignal, signal]) : signal;
          return next(request);
        },
      },
    };
  }
}
