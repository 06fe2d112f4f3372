// Trusting the emulator without un-trusting everything else. NODE_EXTRA_CA_CERTS names ONE file, so
// setting it to the emulator's CA alone drops whatever the machine already trusted through it (a
// TLS-inspecting proxy's CA, a corporate root): every registry or service call behind such a proxy
// then fails with SELF_SIGNED_CERT_IN_CHAIN. trustBundle() writes one file holding both, and is
// idempotent: called again with its own output as the existing value, it returns the same file.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM certificates in a text, each normalised to "\n" line ends and a final newline. */
export function pemCertificates(text: string): string[] {
  return (text.match(PEM_CERT) ?? []).map((c) => c.replace(/\r\n/g, "\n").trim() + "\n");
}

/**
 * A CA bundle holding the certificates of `existing` (by default the NODE_EXTRA_CA_CERTS this
 * process started with; a missing or unreadable file adds nothing) followed by those of `caFile`,
 * each once. Written beside caFile as `trust-<hash>.pem` (content-addressed, so concurrent writers
 * agree and a file never changes under a running process); returns its absolute path.
 */
export function trustBundle(caFile: string, existing: string | undefined = process.env.NODE_EXTRA_CA_CERTS): string {
  const certs: string[] = [];
  for (const file of [existing, caFile]) {
    if (!file) continue;
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      if (file === caFile) throw err;
      continue; // a stale NODE_EXTRA_CA_CERTS: Node itself only warns about it
    }
    for (const c of pemCertificates(text)) if (!certs.includes(c)) certs.push(c);
  }
  const body = certs.join("");
  const name = `trust-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.pem`;
  const out = path.join(path.dirname(path.resolve(caFile)), name);
  if (!fs.existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, body);
    fs.renameSync(tmp, out);
  }
  return out;
}
