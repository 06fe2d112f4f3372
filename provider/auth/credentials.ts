// Picks the @azure/identity credential that the configuration names (config.ts decides which), and
// turns a credential failure into one error that says what was tried and every way to configure one.
import type { TokenCredential } from "@azure/identity";
import {
  ClientCertificateCredential,
  ClientSecretCredential,
  DefaultAzureCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
import { decodeJwt } from "./jwtClaims";
import { CredentialSettings, ProviderConfig } from "../config";
import type { StaticTokenSetting } from "../graph/errors";
import { untrustedText } from "../graph/untrustedText";
import { credentialSecrets, redact } from "./redact";
import { TokenRequestLimits } from "./tokenRequests";

export class CredentialError extends Error {
  override readonly name = "CredentialError";
}

/** What each credential kind is called in messages. */
const kindNames: Record<CredentialSettings["kind"], string> = {
  accessToken: "a static access token",
  clientSecret: "a client secret",
  clientCertificate: "a client certificate",
  federatedToken: "a federated token file (workload identity)",
  default: "DefaultAzureCredential",
};

export const waysToConfigure = [
  "Ways to configure a Microsoft Graph credential (stack config, or the environment variable after it):",
  "  - client secret:      msgraph:tenantId, msgraph:clientId, and `pulumi config set --secret msgraph:clientSecret <secret>` (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET)",
  "  - client certificate: msgraph:tenantId, msgraph:clientId, msgraph:clientCertificatePath <PEM with certificate and key> [+ --secret msgraph:clientCertificatePassword] (AZURE_CLIENT_CERTIFICATE_PATH, AZURE_CLIENT_CERTIFICATE_PASSWORD)",
  "  - workload identity:  msgraph:tenantId, msgraph:clientId, msgraph:federatedTokenFile <path> (AZURE_FEDERATED_TOKEN_FILE, as AKS and CI OIDC setups provide)",
  "  - delegated token:    `pulumi config set --secret msgraph:accessToken <token for Microsoft Graph>` (MSGRAPH_ACCESS_TOKEN)",
  "  - nothing set:        DefaultAzureCredential (environment, workload identity, managed identity, `az login`, azd, PowerShell)",
].join("\n");

export const tokenRetryOptions = { maxRetries: 6, retryDelayInMs: 1_000, maxRetryDelayInMs: 15_000 };

/** `limits` bounds each token request in time and lets the token cache abort them all. */
export function createCredential(config: ProviderConfig, limits: TokenRequestLimits = new TokenRequestLimits()): TokenCredential {
  const c = config.credential;
  const common = {
    additionalPolicies: [limits.policy],
    authorityHost: config.authorityHost,
    // MSAL asks the global cloud about authorities it does not know; an emulator or private
    // authority must not be looked up there.
    disableInstanceDiscovery: config.customAuthority,
    // The identity platform's own retries (429/5xx/connection errors, Retry-After honoured) with more
    // room than the SDK's default of 3 retries from 0.8 s (~6 s in all): a token endpoint that is
    // down for 10-20 s should delay a deployment, not fail it. 6 retries, 1 s doubling to 15 s: ~45 s.
    retryOptions: tokenRetryOptions,
  };
  switch (c.kind) {
    case "accessToken":
      return new StaticTokenCredential(c.token, c.source);
    case "clientSecret":
      return new ClientSecretCredential(c.tenantId, c.clientId, c.clientSecret, common);
    case "clientCertificate":
      return new ClientCertificateCredential(c.tenantId, c.clientId, { certificatePath: c.certificatePath, certificatePassword: c.certificatePassword }, common);
    case "federatedToken":
      return new WorkloadIdentityCredential({ tenantId: c.tenantId, clientId: c.clientId, tokenFilePath: c.tokenFilePath, ...common });
    case "default":
      return new DefaultAzureCredential({
        ...common,
        tenantId: c.tenantId,
        managedIdentityClientId: c.clientId,
        workloadIdentityClientId: c.clientId,
      });
  }
}

/** A token obtained elsewhere (msgraph:accessToken, msgraph:userAccessToken). Refuses it once it has expired, with the fix. */
export class StaticTokenCredential implements TokenCredential {
  private readonly expiresOnTimestamp: number;
  constructor(
    private readonly token: string,
    private readonly source: string,
    /** The stack key that holds it, named in the fix. */
    readonly configKey: StaticTokenSetting = "msgraph:accessToken",
    private readonly otherWays = `, or configure an app credential.\n${waysToConfigure}`,
  ) {
    let exp: number | undefined;
    try {
      exp = decodeJwt(token).exp;
    } catch {
      exp = undefined; // not a JWT: pass it on and let Graph judge it
    }
    this.expiresOnTimestamp = exp !== undefined ? exp * 1000 : Date.now() + 3600_000;
  }
  async getToken(): Promise<{ token: string; expiresOnTimestamp: number }> {
    if (Date.now() >= this.expiresOnTimestamp) {
      throw new CredentialError(
        `The access token in ${this.source} expired at ${new Date(this.expiresOnTimestamp).toISOString()}. Get a fresh one (e.g. \`az account get-access-token --resource-type ms-graph\`) and set it with \`pulumi config set --secret ${this.configKey} <token>\`${this.otherWays}`,
      );
    }
    return { token: this.token, expiresOnTimestamp: this.expiresOnTimestamp };
  }
}

/** OAuth / MSAL error codes that say the identity platform, not the credential, is the problem. */
const unreachableCodes = new Set(["temporarily_unavailable", "network_error", "endpoints_resolution_error", "server_error"]);

/** The error a user sees when no token could be had: what was tried, why it failed, how to fix. */
export function credentialFailure(config: ProviderConfig, scope: string, cause: unknown): Error {
  if (cause instanceof CredentialError) return cause;
  const c = config.credential;
  const source = c.kind === "default" ? "no credential is configured" : `from ${c.source}`;
  const { code, reason } = summarize(cause, credentialSecrets(config));
  const what = `Could not get a Microsoft Graph access token (scope ${scope}) with ${kindNames[c.kind]} (${source}) at ${config.authorityHost}: ${reason}`;
  if (code !== undefined && unreachableCodes.has(code)) {
    return new CredentialError(
      `${what}\nThe identity platform could not be reached or was unavailable: run again later, and check the network, HTTPS_PROXY/NO_PROXY, msgraph:tenantId and msgraph:authorityHost.`,
    );
  }
  return new CredentialError(`${what}\n${credentialFix(c)}${waysToConfigure}`);
}

function credentialFix(c: CredentialSettings): string {
  switch (c.kind) {
    case "clientSecret":
      return "Check that the tenant and client ids name the app and that the secret is current (secrets expire).\n";
    case "clientCertificate":
      return "Check that the file is PEM holding the certificate and its private key (an encrypted key needs msgraph:clientCertificatePassword) and that the certificate is uploaded to the app registration.\n";
    case "federatedToken":
      return "Check that the file exists and holds a current token, and that the app registration has a federated credential for its issuer, subject and audience.\n";
    default:
      return "";
  }
}

/**
 * The OAuth error code and the AADSTS description of an @azure/identity error, whose message
 * otherwise repeats timestamps and trace ids ("invalid_client: Error(s): 7000215 - Timestamp: … -
 * Description: AADSTS7000215: Invalid client secret provided. …\r\nTrace ID: …").
 */
function summarize(e: unknown, secrets: readonly string[]): { code?: string; reason: string } {
  // Scrubbed whole before anything is picked out or cut: a secret across a line break or the cut
  // must not survive in part.
  const message = redact((e instanceof Error ? e.message : String(e)).trim(), secrets);
  const code = /^([a-z_]+):/.exec(message)?.[1];
  // Entra puts "\r\nTrace ID: …" after the text (a space in older answers).
  const description = /Description: (AADSTS\d+: .*?)(?=\s+Trace ID:| - |$)/s.exec(message)?.[1];
  const reason = description ? `${code}: ${description}` : message.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 3).join(" ");
  return { code, reason: untrustedText(reason, 600) };
}
