// The fault stage of the request pipeline: applies the first rule that fires (see rules.ts). A
// `status` rule answers with the error Graph or Entra would send, built by their own error builders
// (Graph's envelope on Graph paths, Entra's error JSON on identity paths); `reset` cuts the
// connection before handling; `drop-after-commit` lets the request be handled and committed, then
// cuts the connection instead of answering; `delay` rules add their latency first.
import { setTimeout } from "node:timers/promises";
import { GraphEnvelopeError } from "../graph/errors";
import { graphErrorReply } from "../graph/reply";
import { isGraphPath } from "../graph/routes";
import { entraErrors } from "../identity/errors";
import { entraErrorReply } from "../identity/http";
import type { Exchange, Stage } from "../pipeline";
import type { Reply } from "../reply";
import type { FaultRule, Faults } from "./rules";

/** Graph's error code for a status, when the rule names none. */
const GRAPH_CODES: Record<number, string> = {
  400: "BadRequest",
  401: "InvalidAuthenticationToken",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  429: "TooManyRequests",
  500: "InternalServerError",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
};

export function faultStage(faults: Faults, origin: () => string): Stage {
  return async (x, next) => {
    const decision = faults.decide(x.method, x.path);
    if (!decision) return next();
    if (x.logEntry) x.logEntry.faults = decision.fired;
    if (decision.delayMs) await setTimeout(decision.delayMs);
    const rule = decision.rule;
    if (rule?.action === "reset") return { cut: "reset" };
    if (rule?.action === "status") return statusReply(rule, x, origin());
    const outcome = await next();
    return rule?.action === "drop-after-commit" ? { cut: "dropped" } : outcome;
  };
}

function statusReply(rule: FaultRule, x: Exchange, origin: string): Reply {
  const headers: Record<string, string> = rule.retryAfter === undefined ? {} : { "Retry-After": rule.retryAfter };
  if (isGraphPath(x.path)) {
    const err = new GraphEnvelopeError(rule.status, rule.code ?? GRAPH_CODES[rule.status] ?? "UnknownError", rule.message ?? `Injected fault ${rule.id}: ${rule.status}.`, headers);
    return graphErrorReply(err, x.requestId, x.clientRequestId);
  }
  const error = rule.code ?? (rule.status === 429 ? "too_many_requests" : rule.status >= 500 ? "temporarily_unavailable" : "invalid_request");
  const text = rule.message ?? `Injected fault ${rule.id}: the service is temporarily unavailable.`;
  return entraErrorReply(x.req.headers, origin, entraErrors.unavailable(rule.status, error, text, headers));
}
