// Test-only key material: an RSA key with a self-signed certificate (what a user uploads to an app
// registration for ClientCertificateCredential), and a signer for federated tokens (what GitHub
// Actions or Kubernetes would issue for workload identity).
import { createHash, createPrivateKey, webcrypto, X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { exportSPKI, generateKeyPair, SignJWT, type JWTPayload } from "jose";

type X509Crypto = Parameters<typeof x509.cryptoProvider.set>[0];
x509.cryptoProvider.set(webcrypto as unknown as X509Crypto);
type KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"];

const RSA = { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" } as const;

export interface TestCertificate {
  certPem: string;
  keyPem: string;
  /** Certificate + key, the single-PEM form ClientCertificateCredential reads. */
  combinedPem: string;
  /** base64url SHA-1 / SHA-256 of the DER: the x5t / x5t#S256 headers. */
  x5t: string;
  x5tS256: string;
}

export async function selfSignedCertificate(cn = "pulumi-msgraph-meetings test"): Promise<TestCertificate> {
  const keys = (await webcrypto.subtle.generateKey(RSA, true, ["sign", "verify"])) as unknown as KeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01" + createHash("sha1").update(cn + Math.random()).digest("hex").slice(0, 16),
    name: `CN=${cn}`,
    notBefore: new Date(Date.now() - 3600_000),
    notAfter: new Date(Date.now() + 86400_000),
    signingAlgorithm: RSA,
    keys,
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey as unknown as webcrypto.CryptoKey));
  const keyPem = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" }).export({ format: "pem", type: "pkcs8" }).toString();
  const certPem = cert.toString("pem") + "\n";
  const der = new X509Certificate(certPem).raw;
  return {
    certPem,
    keyPem,
    combinedPem: certPem + keyPem,
    x5t: createHash("sha1").update(der).digest("base64url"),
    x5tS256: createHash("sha256").update(der).digest("base64url"),
  };
}

export interface FederatedIssuer {
  issuer: string;
  publicKeyPem: string;
  /** Signs a federated token; defaults: aud api://AzureADTokenExchange, 10 minutes validity. */
  sign(claims: JWTPayload & { sub: string }, options?: { expiresInSeconds?: number; issuer?: string }): Promise<string>;
}

export async function federatedIssuer(issuer = "https://token.actions.githubusercontent.com"): Promise<FederatedIssuer> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  const publicKeyPem = await exportSPKI(publicKey);
  return {
    issuer,
    publicKeyPem,
    sign: (claims, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ aud: "api://AzureADTokenExchange", ...claims })
        .setProtectedHeader({ alg: "RS256", kid: "test-issuer-key", typ: "JWT" })
        .setIssuer(options.issuer ?? issuer)
        .setIssuedAt(now)
        .setNotBefore(now)
        .setExpirationTime(now + (options.expiresInSeconds ?? 600))
        .sign(privateKey);
    },
  };
}
