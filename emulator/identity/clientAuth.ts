// Client authentication at the token endpoint: a client secret, a certificate-signed client
// assertion (private_key_jwt, checked against the app's registered certificates), or a federated
// assertion from an external issuer (workload identity, checked against the app's federated
// credentials). Failures throw the EntraError the real service returns; none quotes the credential.
import { createHash, createPublicKey, timingSafeEqual, X509Certificate, type KeyObject } from "node:crypto";
import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload, type ProtectedHeaderParameters } from "jose";
import type { App, FederatedCredential } from "../types";
import { entraErrors } from "./errors";

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const ASSERTION_ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
/** Entra tolerates this much clock skew on `nbf`. */
const NBF_SKEW_SECONDS = 300;

/** How the client proved itself; feeds the `appidacr`/`azpacr` claims ("0" public, "1" secret, "2" key). */
export type ClientAuthMethod = "none" | "secret" | "certificate" | "federated";

export interface ClientAuthRequest {
  clientSecret?: string;
  clientAssertion?: string;
  clientAssertionType?: string;
  /** Audiences a certificate assertion may name: the token endpoint (and the issuer) of the tenant. */
  assertionAudiences: string[];
  /** Whether the grant needs client credentials (client_credentials does; public-client grants do not). */
  credentialRequired: boolean;
}

interface ParsedCertificate {
  sha1: string; // base64url, the x5t header
  sha256: string; // base64url, the x5t#S256 header
  der: string; // base64, an x5c entry
  publicKey: KeyObject;
}

const certificateCache = new Map<string, ParsedCertificate | null>();
const federatedKeyCache = new Map<string, KeyObject | null>();

function parseCertificate(pem: string): ParsedCertificate | null {
  let parsed = certificateCache.get(pem);
  if (parsed === undefined) {
    try {
      const cert = new X509Certificate(pem);
      parsed = {
        sha1: createHash("sha1").update(cert.raw).digest("base64url"),
        sha256: createHash("sha256").update(cert.raw).digest("base64url"),
        der: cert.raw.toString("base64"),
        publicKey: cert.publicKey,
      };
    } catch {
      parsed = null; // a broken registration matches nothing
    }
    certificateCache.set(pem, parsed);
  }
  return parsed;
}

function federatedKey(pem: string): KeyObject | null {
  let key = federatedKeyCache.get(pem);
  if (key === undefined) {
    try {
      key = pem.includes("BEGIN CERTIFICATE") ? new X509Certificate(pem).publicKey : createPublicKey(pem);
    } catch {
      key = null;
    }
    federatedKeyCache.set(pem, key);
  }
  return key;
}

function secretMatches(given: string, registered: string[]): boolean {
  // Compare digests so the comparison time does not depend on where the strings differ.
  const g = createHash("sha256").update(given).digest();
  let match = false;
  for (const secret of registered) {
    if (timingSafeEqual(g, createHash("sha256").update(secret).digest())) match = true;
  }
  return match;
}

export async function authenticateClient(app: App, req: ClientAuthRequest, nowSeconds = Date.now() / 1000): Promise<ClientAuthMethod> {
  if (req.clientSecret !== undefined && req.clientSecret !== "") {
    if (!secretMatches(req.clientSecret, app.secrets)) throw entraErrors.invalidSecret(app.clientId);
    return "secret";
  }
  if (req.clientAssertion !== undefined && req.clientAssertion !== "") {
    if (req.clientAssertionType !== JWT_BEARER_ASSERTION_TYPE) throw entraErrors.unsupportedAssertionType();
    let header: ProtectedHeaderParameters;
    let payload: JWTPayload;
    try {
      header = decodeProtectedHeader(req.clientAssertion);
      payload = decodeJwt(req.clientAssertion);
    } catch {
      throw entraErrors.malformedAssertion();
    }
    // A certificate assertion is self-issued (iss = client id); anything else is federated.
    if (payload.iss?.toLowerCase() === app.clientId.toLowerCase()) {
      await verifyCertificateAssertion(app, req.clientAssertion, header, payload, req.assertionAudiences, nowSeconds);
      return "certificate";
    }
    await verifyFederatedAssertion(app, req.clientAssertion, payload, nowSeconds);
    return "federated";
  }
  if (req.credentialRequired) throw entraErrors.credentialRequired();
  return "none";
}

function checkTimeRange(payload: JWTPayload, now: number): void {
  const { exp, nbf } = payload;
  if (typeof exp !== "number" || exp <= now || (typeof nbf === "number" && nbf > now + NBF_SKEW_SECONDS)) {
    throw entraErrors.assertionTimeRange(Math.floor(now), typeof nbf === "number" ? nbf : undefined, typeof exp === "number" ? exp : undefined);
  }
}

async function signatureValid(jwt: string, key: KeyObject): Promise<boolean> {
  try {
    await compactVerify(jwt, key, { algorithms: ASSERTION_ALGORITHMS });
    return true;
  } catch {
    return false;
  }
}

async function verifyCertificateAssertion(
  app: App,
  assertion: string,
  header: ProtectedHeaderParameters,
  payload: JWTPayload,
  audiences: string[],
  now: number,
): Promise<void> {
  const certificates = app.certificates.map(parseCertificate).filter((c): c is ParsedCertificate => c !== null);
  const x5tS256 = typeof header["x5t#S256"] === "string" ? header["x5t#S256"] : undefined;
  const x5t = typeof header.x5t === "string" ? header.x5t : undefined;
  const x5c0 = Array.isArray(header.x5c) ? header.x5c[0] : undefined;
  const cert = certificates.find(
    (c) => (x5tS256 !== undefined && c.sha256 === x5tS256) || (x5t !== undefined && c.sha1 === x5t) || (!x5t && !x5tS256 && x5c0 === c.der),
  );
  if (!cert) {
    const presented = x5tS256 ?? x5t;
    const hex = presented ? Buffer.from(presented, "base64url").toString("hex").toUpperCase() : "(none)";
    throw entraErrors.assertionKeyNotFound(hex, app.clientId);
  }
  if (!(await signatureValid(assertion, cert.publicKey))) throw entraErrors.assertionBadSignature();
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  const wanted = new Set(audiences.map((a) => a.toLowerCase()));
  if (!aud.some((a) => typeof a === "string" && wanted.has(a.toLowerCase()))) throw entraErrors.assertionAudience(audiences[0]);
  if (payload.sub?.toLowerCase() !== app.clientId.toLowerCase()) throw entraErrors.assertionSubject();
  checkTimeRange(payload, now);
}

async function verifyFederatedAssertion(
  app: App,
  assertion: string,
  payload: JWTPayload,
  now: number,
): Promise<void> {
  const iss = payload.iss ?? "";
  const sub = payload.sub ?? "";
  const auds = (Array.isArray(payload.aud) ? payload.aud : [payload.aud]).filter((a): a is string => typeof a === "string");
  const byIssuer = app.federatedCredentials.filter((f) => f.issuer === iss);
  if (byIssuer.length === 0) throw entraErrors.federatedIssuerNoMatch(iss);
  const bySubject = byIssuer.filter((f) => f.subject === sub);
  if (bySubject.length === 0) throw entraErrors.federatedSubjectNoMatch(sub);
  const matches: FederatedCredential[] = bySubject.filter((f) => auds.includes(f.audience));
  if (matches.length === 0) throw entraErrors.federatedAudienceNoMatch(auds.join(","));
  let signed = false;
  for (const fic of matches) {
    const key = federatedKey(fic.publicKeyPem);
    if (key && (await signatureValid(assertion, key))) {
      signed = true;
      break;
    }
  }
  if (!signed) throw entraErrors.assertionSignature(`The key was not found. Issuer: '${iss}'`);
  checkTimeRange(payload, now);
}
