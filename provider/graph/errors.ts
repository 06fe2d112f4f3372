// The one error type of the Graph client, and the text a user reads when a call fails: which
// operation, on what, why, and how to fix it. Decisions branch on status and Graph `code`, never on
// Graph's message text (it changes without notice); the message is only quoted.
import { STATUS_CODES } from "node:http";
import { formatDuration } from "./duration";

/** What kind of access token made the call: decides which fix a 400/401/403 gets. */
export type TokenKind = "app" | "delegated" | "unknown";

/** Per-call knowledge that only the caller has, e.g. what a 404 means for this route. */
export interface ErrorHints {
  /** What a 404 means for this call and how to fix it. */
  notFound?: string;
  /** What a 409 means for this call and how to fix it. */
  conflict?: string;
  /** What a 400 (other than /me with an app token) means for this call. */
  badRequest?: string;
  /** What a 403 means for this call and how to fix it (replaces the online-meeting fix). */
  forbidden?: string;
  /** What to do when the request may have been applied (no answer, or 5xx, to a POST). */
  ambiguous?: string;
  /** The user the call acts for (named in the application-access-policy fix). */
  userId?: string;
  /** What a 410 means for this call and how to fix it. */
  gone?: string;
  /** Said last when an application token gets 403 (e.g. an API whose current docs support no application permission). */
  appForbidden?: string;
}

export interface GraphErrorDetails {
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
  /** App (client) id from the token, for fixes that name the app. */
  appId?: string;
  /** Tenant (tid) the token was issued for, for fixes that name it. */
  tokenTenantId?: string;
  /** Where the credential came from, e.g. "msgraph:accessToken". */
  credentialSource?: string;
  /** The Graph origin, for connection-error fixes. */
  graphEndpoint?: string;
  hints?: ErrorHints;
}

export class GraphError extends Error {
  override readonly name = "GraphError";
  readonly status: number;
  readonly code: string;
  readonly graphMessage: string;
  readonly requestId?: string;
  readonly clientRequestId: string;
  readonly date?: string;
  readonly operation: string;
  readonly method: string;
  readonly route: string;
  readonly attempts: number;
  readonly retryAfterMs?: number;
  readonly ambiguous: boolean;

  constructor(readonly details: GraphErrorDetails) {
    super(describeGraphError(details));
    this.status = details.status;
    this.code = details.code;
    this.graphMessage = details.graphMessage;
    this.requestId = details.requestId;
    this.clientRequestId = details.clientRequestId;
    this.date = details.date;
    this.operation = details.operation;
    this.method = details.method;
    this.route = details.route;
    this.attempts = details.attempts;
    this.retryAfterMs = details.retryAfterMs;
    this.ambiguous = details.ambiguous;
  }
}

export function isGraphError(e: unknown, status?: number): e is GraphError {
  return e instanceof GraphError && (status === undefined || e.status === status);
}

/** The full user-facing text: "<operation> <target> failed: <cause>. <fix> (<ids>)". */
export function describeGraphError(d: GraphErrorDetails): string {
  const what = `Could not ${d.operation}${d.target ? ` ${d.target}` : ""}`;
  const fix = fixFor(d);
  return `${what}: ${causeOf(d)}${fix ? `\n${fix}` : ""}\n(${idsOf(d)})`;
}

function causeOf(d: GraphErrorDetails): string {
  if (d.status === 0) {
    const tries = d.attempts === 1 ? "1 attempt" : `${d.attempts} attempts`;
    return `no response from Microsoft Graph (${d.code}: ${d.graphMessage}) after ${tries}.`;
  }
  const reason = STATUS_CODES[d.status] ? ` ${STATUS_CODES[d.status]}` : "";
  const quoted = d.graphMessage ? `: ${d.graphMessage.replace(/\.$/, "")}` : "";
  return `Microsoft Graph answered ${d.status}${reason} (code "${d.code}")${quoted}.`;
}

function isMeRoute(route: string): boolean {
  return /^\/(beta|v1\.0)\/me(\/|$)/.test(route);
}

function fixFor(d: GraphErrorDetails): string {
  const h = d.hints ?? {};
  if (d.code === "ResponseTooLarge") {
    const applied = d.ambiguous ? ` ${ambiguityFix(d)}` : "";
    return `Check that msgraph:graphEndpoint (${d.graphEndpoint ?? "Microsoft Graph"}) is Microsoft Graph, or a proxy that passes its answers on unchanged.${applied}`;
  }
  if (d.status === 0) {
    const where = d.graphEndpoint ?? "Microsoft Graph";
    const applied = d.ambiguous ? ` ${ambiguityFix(d)}` : "";
    return `Check that ${where} is reachable from here (network, firewall, HTTPS_PROXY/NO_PROXY) and that msgraph:graphEndpoint is right.${applied}`;
  }
  switch (d.status) {
    case 400:
      if (isMeRoute(d.route) && d.tokenKind === "app") {
        return "userId is not set, so the call went to /me, which works only with a delegated (signed-in user) token; this token is an application token. Set userId to the organizer's object id or userPrincipalName.";
      }
      return h.badRequest ?? "Graph rejected the request as invalid: check the resource's inputs.";
    case 401:
      return unauthorizedFix(d);
    case 403:
      return forbiddenFix(d);
    case 404: {
      const fix = h.notFound ?? "The object does not exist (or is not visible to this identity).";
      // A user of another tenant looks exactly like a missing one: say which tenant was asked.
      const tenant = d.tokenTenantId && h.userId !== undefined ? ` The token is for tenant "${d.tokenTenantId}": userId must name a user of that tenant.` : "";
      return fix + tenant;
    }
    case 409:
      return h.conflict ?? "The request conflicts with the object's current state.";
    case 410:
      return h.gone ?? "";
    case 429: {
      const wait = d.retryAfterMs !== undefined ? ` (last Retry-After: ${formatDuration(d.retryAfterMs)})` : "";
      return `Microsoft Graph kept throttling this app after ${d.attempts} attempts${wait}. Wait a few minutes and run again, or lower the parallelism (pulumi up --parallel 2).`;
    }
    default:
      if (d.status >= 500) {
        const applied = d.ambiguous ? ` ${ambiguityFix(d)}` : "";
        return `Microsoft Graph failed or was unavailable after ${d.attempts} attempt(s). Run again later; if it persists, quote the request-id below to Microsoft support.${applied}`;
      }
      return "";
  }
}

function ambiguityFix(d: GraphErrorDetails): string {
  return d.hints?.ambiguous ?? "The request may have been applied before its answer was lost: run `pulumi refresh` before trying again.";
}

function unauthorizedFix(d: GraphErrorDetails): string {
  const rejected = "The access token was rejected: it is expired, issued for another cloud or audience, or by another tenant.";
  if (d.credentialSource === "msgraph:userAccessToken" || d.credentialSource === "MSGRAPH_USER_ACCESS_TOKEN") {
    return `${rejected} ${d.credentialSource} holds that token: get a fresh one for Microsoft Graph as the webinar organizer and set it with \`pulumi config set --secret msgraph:userAccessToken <token>\`, or sign in by device code (msgraph:userCredential deviceCode).`;
  }
  if (d.credentialSource === "msgraph:accessToken" || d.credentialSource === "MSGRAPH_ACCESS_TOKEN") {
    return `${rejected} ${d.credentialSource} holds that token: get a fresh one for Microsoft Graph (e.g. \`az account get-access-token --resource-type ms-graph\`) and set it with \`pulumi config set --secret msgraph:accessToken <token>\`, or configure an app credential instead.`;
  }
  return `${rejected} Check msgraph:tenantId, msgraph:clientId and msgraph:cloud (the token must be for this cloud's Graph).`;
}

function forbiddenFix(d: GraphErrorDetails): string {
  if (d.hints?.forbidden) return d.hints.forbidden;
  const webinar = " A meeting created as a webinar also answers 403: registration can be enabled only on a plain online meeting.";
  if (d.tokenKind === "app") {
    const app = d.appId ? `"${d.appId}"` : "<clientId>";
    const user = d.hints?.userId ? `"${d.hints.userId}"` : "<organizer>";
    return (
      `This is an application token: Graph lets an app act on a user's meetings only when the app has OnlineMeetings.ReadWrite.All and a Teams application access policy names the app and is granted to that user. ` +
      `In Teams PowerShell: New-CsApplicationAccessPolicy -Identity pulumi-meetings -AppIds ${app}; Grant-CsApplicationAccessPolicy -PolicyName pulumi-meetings -Identity ${user}. Policy changes take up to 30 minutes to apply.` +
      webinar +
      (d.hints?.appForbidden ? ` ${d.hints.appForbidden}` : "")
    );
  }
  return `The signed-in user needs the delegated permission OnlineMeetings.ReadWrite (consented) and must be the meeting's organizer.${webinar}`;
}

function idsOf(d: GraphErrorDetails): string {
  const parts = [`${d.method} ${d.route}`];
  if (d.status !== 0) parts.push(`status ${d.status}`);
  parts.push(`code ${d.code}`);
  if (d.requestId) parts.push(`request-id ${d.requestId}`);
  parts.push(`client-request-id ${d.clientRequestId}`);
  if (d.date) parts.push(`date ${d.date}`);
  return parts.join(", ");
}
