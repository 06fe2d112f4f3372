// Scrubs secrets from text that libraries produced (MSAL's and the identity platform's errors):
// error text from them is not trusted to omit what it was given. Every form a secret can take in
// such text is replaced (as-is, URL-encoded, form-encoded, JSON-escaped), and anything shaped like a
// JWT (access tokens, federated tokens, client assertions signed with the certificate's key) too.
// Redaction runs on the whole text, before any cut: a secret crossing the cut must not survive in part.
import * as fs from "node:fs";
import { ProviderConfig, secretValues } from "../config";

const mask = "***";

/** Three base64url parts, the first two JSON objects ("eyJ" is base64 of `{"`). */
const jwtShaped = /eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

/** The forms a secret takes in logs and errors. */
export function secretForms(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)]);
  return [...forms];
}

/** Replaces every form of every secret (4 characters or more), and every JWT-shaped string, by "***". */
export function redact(text: string, secrets: readonly string[]): string {
  const forms = secrets.filter((s) => s.length >= 4).flatMap(secretForms);
  // Longest first: a secret that contains another must go whole.
  forms.sort((a, b) => b.length - a.length);
  let out = text;
  for (const f of forms) out = out.split(f).join(mask);
  return out.replace(jwtShaped, mask);
}

/** Files larger than this are not credentials; not read. */
const maxCredentialFileBytes = 1024 * 1024;

function readSmall(file: string): string | undefined {
  try {
    if (fs.statSync(file).size > maxCredentialFileBytes) return undefined;
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined; // missing or unreadable: nothing of it can be in an error either
  }
}

/** The private-key material of a PEM file: each key block whole, its base64 joined, and each of its lines. */
export function privateKeyMaterial(pem: string): string[] {
  const out: string[] = [];
  for (const m of pem.matchAll(/-----BEGIN ([A-Z ]*PRIVATE KEY)-----([\s\S]*?)-----END \1-----/g)) {
    const body = m[2].trim();
    out.push(m[0], body.replace(/\s+/g, ""));
    out.push(...body.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length >= 16));
  }
  return out;
}

/**
 * Every secret of the configured credential: the configured values (client secret, certificate
 * password, access token), plus what the files hold (the federated token, the certificate's key),
 * read when an error is being written, so a rotated token file is covered too.
 */
export function credentialSecrets(config: ProviderConfig): string[] {
  const c = config.credential;
  const secrets = secretValues(config);
  if (c.kind === "federatedToken") {
    const token = readSmall(c.tokenFilePath)?.trim();
    if (token) secrets.push(token);
  }
  if (c.kind === "clientCertificate") {
    const pem = readSmall(c.certificatePath);
    if (pem) secrets.push(...privateKeyMaterial(pem));
  }
  return secrets;
}
