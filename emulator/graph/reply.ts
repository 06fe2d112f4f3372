// Graph's replies: a handler's result or a GraphEnvelopeError in Graph's envelope, with the request-id and
// client-request-id headers Graph sends on every answer.
import { jsonReply, type Reply } from "../reply";
import { errorEnvelope, GRAPH_CONTENT_TYPE, type GraphEnvelopeError, type HandlerResult } from "./errors";

export function graphReply(result: HandlerResult, requestId: string, clientRequestId: string): Reply {
  const headers = { "request-id": requestId, "client-request-id": clientRequestId, ...result.headers };
  return result.body === undefined ? { status: result.status, headers } : jsonReply(result.status, result.body, GRAPH_CONTENT_TYPE, headers);
}

export function graphErrorReply(err: GraphEnvelopeError, requestId: string, clientRequestId: string): Reply {
  return graphReply({ status: err.status, headers: err.headers, body: errorEnvelope(err.code, err.message, requestId, clientRequestId) }, requestId, clientRequestId);
}
