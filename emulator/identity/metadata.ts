// Discovery documents: OpenID configuration, JWKS and instance discovery, shaped like the
// login.microsoftonline.com ones (what MSAL reads from them: issuer, *_endpoint, jwks_uri).
import type { JWK } from "jose";

/**
 * `pathTenant` is what the endpoints carry (the tenant id, or `common`/`organizations`);
 * `issuerTenant` is the tenant id, or `{tenantid}` for the multi-tenant aliases (as Entra does).
 */
export function openIdConfiguration(origin: string, pathTenant: string, issuerTenant: string): Record<string, unknown> {
  const base = `${origin}/${pathTenant}`;
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: `${origin}/${issuerTenant}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${origin}/oidc/userinfo`,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host",
      "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash",
      "c_hash", "email",
    ],
    tenant_region_scope: "NA",
    cloud_instance_name: new URL(origin).host,
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: "graph.microsoft.com",
  };
}

export function jwks(publicJwk: JWK): { keys: JWK[] } {
  return { keys: [publicJwk] };
}

/**
 * `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=...`: the emulator is its own
 * cloud with one alias. Returns undefined when the authorization endpoint names another host.
 */
export function instanceDiscovery(origin: string, authorizationEndpoint: string | null): Record<string, unknown> | undefined {
  const host = new URL(origin).host;
  let tenant = "common";
  if (authorizationEndpoint) {
    let asked: URL;
    try {
      asked = new URL(authorizationEndpoint);
    } catch {
      return undefined;
    }
    if (asked.host.toLowerCase() !== host.toLowerCase()) return undefined;
    tenant = asked.pathname.split("/").filter(Boolean)[0] ?? "common";
  }
  return {
    tenant_discovery_endpoint: `${origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  };
}
