// The token signing key: one RSA 2048 key with a stable `kid`. With a data directory it is kept in
// identity-signing-key.json there (written atomically), so tokens stay valid across a restart.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { JWK } from "jose";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as published in the JWKS. */
  publicJwk: JWK;
}

const FILE_NAME = "identity-signing-key.json";

export function loadOrCreateSigningKey(dataDir: string | undefined): SigningKey {
  const file = dataDir ? join(dataDir, FILE_NAME) : undefined;
  let privateKey: KeyObject;
  if (file && existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, "utf8")) as { privateKeyPem: string };
    privateKey = createPrivateKey(stored.privateKeyPem);
  } else {
    privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    if (file && dataDir) {
      mkdirSync(dataDir, { recursive: true });
      const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ privateKeyPem: pem }), { mode: 0o600 });
      renameSync(tmp, file);
    }
  }
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: "jwk" }) as JWK;
  // Entra's kids are base64url thumbprints; the RFC 7638 thumbprint is stable for the same key.
  const kid = createHash("sha256").update(JSON.stringify({ e: jwk.e, kty: "RSA", n: jwk.n })).digest("base64url");
  return { kid, privateKey, publicKey, publicJwk: { kty: "RSA", use: "sig", kid, x5t: kid, n: jwk.n, e: jwk.e, alg: "RS256" } };
}
