// The one error type of the Graph client. Like Azure's RestError it carries facts: what was sent
// (method, route, operation and target), what came back (status, Graph's code and message, its ids
// and date, Retry-After) and which token made the call. Its message is the generic text any call
// gets: a resource that knows what a status means for its call tells it with
// resources/common/graphErrors.ts where it throws. Decisions branch on status and Graph `code`,
// never on Graph's message text (it changes without notice); the message is only quoted.
import { STATUS_CODES } from "node:http";
import { formatDuration } from "./duration";

/** What kind of access token made the call: decides which fix a 400/401/403 gets. */
export type TokenKind = "app" | "delegated" | "unknown";

/** The stack setting that holds a token given as-is (not obtained from a credential): named in a 401's fix. */
export type StaticTokenSetting = "msgraph:accessToken" | "msgraph:userAccessToken";

export interface GraphErrorFacts {
  /** HTTP status; 0 when no response arrived (connection error or timeout). */
  status: number;
  /** Graph error `code` (e.g. "Forbidden"), or the transport error code (e.g. "ECONNRESET"). */
  code: string;
  /** Graph's own message (or the transport error's), quoted as-is in the user-facing text. */
  graphMessage: string;
  requestId?: string;
  clientRequestId: string;
  /** innerError.date, else the Date header. */
  date?: string;
  /** What was being done, as a verb phrase: "create the ExternalMeetingRegistration". */
  operation: string;
  /** What it was done to: `for meeting "MSpk…" of user "…"`. */
  target?: string;
  method: string;
  /** The route template, e.g. /beta/users/{userId}/onlineMeetings/{meetingId}/registration. */
  route: string;
  /** How many times the request was sent. */
  attempts: number;
  /** Retry-After of the last response, in ms. */
  retryAfterMs?: number;
  /** No usable answer to a request that is not safe to repeat: it may have been applied. */
  ambiguous: boolean;
  tokenKind: TokenKind;
  /** App (client) id from the token. */
  appId?: string;
  /** Tenant (tid) the token was issued for. */
  tokenTenantId?: string;
  /** Where the credential came from, e.g. "msgraph:accessToken" or "MSGRAPH_ACCESS_TOKEN". */
  credentialSource?: string;
  /** Set when the token was given as-is: the setting that holds it. */
  staticTokenSetting?: StaticTokenSetting;
  /** The Graph origin the call went to. */
  graphEndpoint?: string;
}

export class GraphError extends Error implements GraphErrorFacts {
  override readonly name = "GraphError";
  declare readonly status: number;
  declare readonly code: string;
  declare readonly graphMessage: string;
  declare readonly requestId?: string;
  declare readonly clientRequestId: string;
  declare readonly date?: string;
  declare readonly operation: string;
  declare readonly target?: string;
  declare readonly method: string;
  declare readonly route: string;
  declare readonly attempts: number;
  declare readonly retryAfterMs?: number;
  declare readonly ambiguous: boolean;
  declare readonly tokenKind: TokenKind;
  declare readonly appId?: string;
  declare readonly tokenTenantId?: string;
  declare readonly credentialSource?: string;
  declare readonly staticTokenSetting?: StaticTokenSetting;
  declare readonly graphEndpoint?: string;

  /** `message` defaults to the generic text (describeGraphError with the generic fix). */
  constructor(facts: GraphErrorFacts, message = describeGraphError(facts)) {
    super(message);
    Object.assign(this, facts);
  }
}

export function isGraphError(e: unknown, status?: number): e is GraphError {
  return e instanceof GraphError && (status === undefined || e.status === status);
}

/** The full user-facing text: "Could not <operation> <target>: <cause>.\n<fix>\n(<ids>)". */
export function describeGraphError(f: GraphErrorFacts, fix = genericFix(f)): string {
  const what = `Could not ${f.operation}${f.target ? ` ${f.target}` : ""}`;
  return `${what}: ${causeOf(f)}${fix ? `\n${fix}` : ""}\n(${idsOf(f)})`;
}

function causeOf(f: GraphErrorFacts): string {
  if (f.status === 0) {
    const tries = f.attempts === 1 ? "1 attempt" : `${f.attempts} attempts`;
    return `no response from Microsoft Graph (${f.code}: ${f.graphMessage}) after ${tries}.`;
  }
  const reason = STATUS_CODES[f.status] ? ` ${STATUS_CODES[f.status]}` : "";
  const quoted = f.graphMessage ? `: ${f.graphMessage.replace(/\.$/, "")}` : "";
  return `Microsoft Graph answered ${f.status}${reason} (code "${f.code}")${quoted}.`;
}

/** The default advice when a request may have been applied (no answer, or 5xx, to a POST). */
export const mayHaveBeenApplied = "The request may have been applied before its answer was lost: run `pulumi refresh` before trying again.";

/**
 * The fix any call of this client gets, knowing nothing of the resource: for answers that are not
 * Graph's (none, or too large), throttling, outages, a rejected token, and a plain 4xx. `ambiguity`
 * replaces the advice for a request that may have been applied.
 */
export function genericFix(f: GraphErrorFacts, ambiguity = mayHaveBeenApplied): string {
  const applied = f.ambiguous ? ` ${ambiguity}` : "";
  if (f.code === "ResponseTooLarge") {
    return `Check that msgraph:graphEndpoint (${f.graphEndpoint ?? "Microsoft Graph"}) is Microsoft Graph, or a proxy that passes its answers on unchanged.${applied}`;
  }
  if (f.status === 0) {
    return `Check that ${f.graphEndpoint ?? "Microsoft Graph"} is reachable from here (network, firewall, HTTPS_PROXY/NO_PROXY) and that msgraph:graphEndpoint is right.${applied}`;
  }
  switch (f.status) {
    case 400:
      return "Graph rejected the request as invalid: check the resource's inputs.";
    case 401:
      return unauthorizedFix(f);
    case 404:
      return "The object does not exist (or is not visible to this identity).";
    case 409:
      return "The request conflicts with the object's current state.";
    case 429: {
      const wait = f.retryAfterMs !== undefined ? ` (last Retry-After: ${formatDuration(f.retryAfterMs)})` : "";
      return `Microsoft Graph kept throttling this app after ${f.attempts} attempts${wait}. Wait a few minutes and run again, or lower the parallelism (pulumi up --parallel 2).`;
    }
    default:
      if (f.status >= 500) {
        return `Microsoft Graph failed or was unavailable after ${f.attempts} attempt(s). Run again later; if it persists, quote the request-id below to Microsoft support.${applied}`;
      }
      return "";
  }
}

function unauthorizedFix(f: GraphErrorFacts): string {
  const rejected = "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant.";
  switch (f.staticTokenSetting) {
    case "msgraph:userAccessToken":
      return `${rejected} ${f.credentialSource} holds that token: get a fresh one for Microsoft Graph as the webinar organizer and set it with \`pulumi config set --secret msgraph:userAccessToken <token>\`, or sign in by device code (msgraph:userCredential deviceCode).`;
    case "msgraph:accessToken":
      return `${rejected} ${f.credentialSource} holds that token: get a fresh one for Microsoft Graph (e.g. \`az account get-access-token --resource-type ms-graph\`) and set it with \`pulumi config set --secret msgraph:accessToken <token>\`, or configure an app credential instead.`;
    default:
      return `${rejected} Check msgraph:tenantId, msgraph:clientId and msgraph:cloud (the token must be for this cloud's Graph).`;
  }
}

function idsOf(f: GraphErrorFacts): string {
  const parts = [`${f.method} ${f.route}`];
  if (f.status !== 0) parts.push(`status ${f.status}`);
  parts.push(`code ${f.code}`);
  if (f.requestId) parts.push(`request-id ${f.requestId}`);
  parts.push(`client-request-id ${f.clientRequestId}`);
  if (f.date) parts.push(`date ${f.date}`);
  return parts.join(", ");
}
