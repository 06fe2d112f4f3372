// Entra ID (AAD STS) error responses: the JSON body and HTTP status the v2 endpoints return, so that
// MSAL and @azure/identity surface the same error codes and AADSTS texts as against the real service.
// Error texts name apps, tenants and scopes, never a secret or an assertion.
import { randomUUID } from "node:crypto";

/** An OAuth error as Entra reports it; `aadsts` is the numeric AADSTS code. */
export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
    /** Extra reply headers (Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
    this.name = "EntraError";
  }
}

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

/** Entra's timestamp format: "2024-01-01 12:00:00Z". */
function entraTimestamp(date: Date): string {
  return date.toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
}

/**
 * Entra's error_description: the AADSTS text, then Trace ID, Correlation ID and Timestamp each on a
 * line of its own (CRLF), as login.microsoftonline.com writes it.
 */
function entraDescription(aadsts: number, text: string, traceId: string, correlationId: string, timestamp: string): string {
  return `AADSTS${aadsts}: ${text}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`;
}

/** Builds the response body; `correlationId` echoes the client's `client-request-id` header when sent. */
export function errorBody(err: EntraError, origin: string, correlationId?: string, now = new Date()): EntraErrorBody {
  const traceId = randomUUID();
  const correlation = correlationId && /^[0-9a-fA-F-]{36}$/.test(correlationId) ? correlationId : randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    error: err.error,
    error_description: entraDescription(err.aadsts, err.description, traceId, correlation, timestamp),
    error_codes: [err.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `${origin}/error?code=${err.aadsts}`,
  };
}

// The catalogue: one function per AADSTS code the emulator returns. Texts follow the real service.
export const entraErrors = {
  tenantNotFound: (tenant: string) =>
    new EntraError(400, "invalid_tenant", 90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`),
  appNotFound: (clientId: string, tenant: string) =>
    new EntraError(400, "unauthorized_client", 700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`),
  missingParameter: (name: string) =>
    new EntraError(400, "invalid_request", 900144, `The request body must contain the following parameter: '${name}'.`),
  unsupportedGrantType: (grantType: string) =>
    new EntraError(400, "unsupported_grant_type", 70003, `The app requested an unsupported grant type '${grantType}'.`),
  credentialRequired: () =>
    new EntraError(401, "invalid_client", 7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  invalidSecret: (clientId: string) =>
    new EntraError(401, "invalid_client", 7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`),
  unsupportedAssertionType: () =>
    new EntraError(400, "invalid_request", 7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type. The 'client_assertion_type' must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'."),
  malformedAssertion: () =>
    new EntraError(400, "invalid_request", 50027, "JWT token is invalid or malformed."),
  assertionKeyNotFound: (thumbprint: string, clientId: string) =>
    new EntraError(401, "invalid_client", 700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${clientId}'.]`),
  assertionBadSignature: () =>
    new EntraError(401, "invalid_client", 700027, "Client assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value.]"),
  assertionAudience: (expected: string) =>
    new EntraError(401, "invalid_client", 700023,
      `Client assertion audience claim does not match Realm issuer. The expected audience is '${expected}'.`),
  assertionSubject: () =>
    new EntraError(401, "invalid_client", 700021,
      "Client assertion application identifier doesn't match 'client_id' parameter."),
  assertionTimeRange: (now: number, nbf: number | undefined, exp: number | undefined) =>
    new EntraError(401, "invalid_client", 700024,
      `Client assertion is not within its valid time range. Current time: ${iso(now)}, assertion valid from ${nbf ? iso(nbf) : "(none)"}, expiry time of assertion ${exp ? iso(exp) : "(none)"}.`),
  federatedIssuerNoMatch: (issuer: string) =>
    new EntraError(400, "invalid_request", 700211,
      `No matching federated identity record found for presented assertion issuer '${issuer}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`),
  federatedSubjectNoMatch: (subject: string) =>
    new EntraError(400, "invalid_request", 700213,
      `No matching federated identity record found for presented assertion subject '${subject}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`),
  federatedAudienceNoMatch: (audience: string) =>
    new EntraError(400, "invalid_request", 700212,
      `No matching federated identity record found for presented assertion audience '${audience}'. Please check your federated identity credential Subject, Audience and Issuer against the presented assertion.`),
  assertionSignature: (detail: string) =>
    new EntraError(401, "invalid_client", 50013, `Assertion failed signature validation. [Reason - ${detail}]`),
  missingScope: () =>
    new EntraError(400, "invalid_request", 90014, "The required field 'scope' is missing from the credential."),
  clientCredentialsScope: (scope: string) =>
    new EntraError(400, "invalid_scope", 1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`),
  resourceNotFound: (resource: string, tenantName: string) =>
    new EntraError(400, "invalid_resource", 500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`),
  consentRequired: (clientId: string, appName: string) =>
    new EntraError(400, "invalid_grant", 65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`),
  authorizationPending: () =>
    new EntraError(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling."),
  deviceCodeExpired: () =>
    new EntraError(400, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid. This device code has expired."),
  deviceCodeInvalid: () =>
    new EntraError(400, "bad_verification_code", 70000, "The provided value for the input parameter 'device_code' is not valid."),
  refreshTokenInvalid: () =>
    new EntraError(400, "invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  refreshTokenExpired: () =>
    new EntraError(400, "invalid_grant", 700082, "The refresh token has expired due to inactivity."),
  refreshTokenClientMismatch: () =>
    new EntraError(400, "invalid_grant", 70000, "Provided grant is invalid or malformed."),
  invalidInstance: () =>
    new EntraError(400, "invalid_instance", 50049, "Unknown or invalid instance."),
  methodNotAllowed: () =>
    new EntraError(400, "invalid_request", 900561, "The endpoint only accepts POST requests."),
  /** An outage or throttling (what a `status` fault rule answers on an identity route). */
  unavailable: (status: number, error: string, text: string, headers?: Record<string, string>) =>
    new EntraError(status, error, 90033, text, headers),
};

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
