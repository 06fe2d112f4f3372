// TLS material for the emulator: a local CA kept on disk (so users trust it with NODE_EXTRA_CA_CERTS)
// and a server certificate for 127.0.0.1, ::1 and localhost issued from it at every start (ECDSA
// P-256: fast to generate).
// The CA can only vouch for loopback names and the host the emulator was told to serve (X.509 name
// constraints, enforced by Node/OpenSSL), lives CA_LIFETIME_DAYS and is renewed before it expires, and
// its private key is kept in a per-user state directory (never beside ca.pem, which may sit in a
// project's --data-dir or a CI cache): whoever copies the certificate cannot sign with it, and a
// stolen key cannot impersonate graph.microsoft.com or login.microsoftonline.com.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { createHash, webcrypto, X509Certificate } from "node:crypto";
import { isIP } from "node:net";
import * as x509 from "@peculiar/x509";

// @peculiar/x509 is typed against the DOM's Crypto; Node's webcrypto is the same API.
const crypto = webcrypto;
x509.cryptoProvider.set(crypto as never);
type KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"];

const ALG = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY = 24 * 3600 * 1000;
/** How long a CA is valid, and how much of that must remain for it to be reused. */
export const CA_LIFETIME_DAYS = 30;
const CA_RENEW_BEFORE_DAYS = 10;

export interface CaFiles {
  caFile: string;
  caKeyFile: string;
}

export interface ServerCertificate {
  cert: string; // PEM
  key: string; // PEM (PKCS#8)
}

/** The per-user CA directory used when neither --ca-dir nor --data-dir is given. */
export function defaultCaDir(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(cache, "msgraph-emulator", "ca");
}

/**
 * Where CA keys are kept: a per-user state directory (not a cache, not a project directory).
 * MSGRAPH_EMULATOR_KEY_DIR overrides it.
 */
export function caKeyStore(): string {
  if (process.env.MSGRAPH_EMULATOR_KEY_DIR) return path.resolve(process.env.MSGRAPH_EMULATOR_KEY_DIR);
  const home = os.homedir();
  if (process.platform === "win32") return path.join(process.env.LOCALAPPDATA || path.join(home, "AppData", "Local"), "msgraph-emulator", "ca-keys");
  if (process.platform === "darwin") return path.join(home, "Library", "Application Support", "msgraph-emulator", "ca-keys");
  return path.join(process.env.XDG_STATE_HOME || path.join(home, ".local", "state"), "msgraph-emulator", "ca-keys");
}

function caPaths(caDir: string): CaFiles & { metaFile: string } {
  const dir = path.resolve(caDir);
  // One key directory per CA directory, named by a hash of its path.
  const keyDir = path.join(caKeyStore(), createHash("sha256").update(dir).digest("hex").slice(0, 24));
  return { caFile: path.join(dir, "ca.pem"), caKeyFile: path.join(keyDir, "ca-key.pem"), metaFile: path.join(keyDir, "ca.json") };
}

/** Names a server certificate may carry besides the loopback ones: DNS names and IP addresses, not wildcards. */
function extraHosts(hosts: string[]): string[] {
  const out = new Set<string>();
  for (const raw of hosts) {
    const h = raw.trim().toLowerCase().replace(/^\[|\]$/g, "");
    if (!h || h === "localhost" || h === "127.0.0.1" || h === "::1" || h === "0.0.0.0" || h === "::") continue;
    out.add(h);
  }
  return [...out].sort();
}

interface CaMeta {
  /** sha256 of ca.pem: the key belongs to exactly this certificate. */
  certSha256: string;
  /** Extra hosts the name constraints permit. */
  hosts: string[];
}

/** The CA in caDir can be used as it is: its key is present, it is not near expiry, and it covers the hosts. */
function usable(files: ReturnType<typeof caPaths>, hosts: string[]): boolean {
  try {
    if (!fs.existsSync(files.caFile) || !fs.existsSync(files.caKeyFile) || !fs.existsSync(files.metaFile)) return false;
    const pemText = fs.readFileSync(files.caFile);
    const meta = JSON.parse(fs.readFileSync(files.metaFile, "utf8")) as CaMeta;
    if (meta.certSha256 !== createHash("sha256").update(pemText).digest("hex")) return false;
    if (!hosts.every((h) => meta.hosts.includes(h))) return false;
    const cert = new X509Certificate(pemText);
    return Date.parse(cert.validTo) - Date.now() > CA_RENEW_BEFORE_DAYS * DAY;
  } catch {
    return false;
  }
}

/**
 * Returns the CA files of caDir, creating (or renewing) the CA when it is missing, near expiry, or
 * does not cover `hosts` (a new CA then also covers the hosts the old one did). Synchronous
 * (scripts/launch.js needs the file before the script it runs starts), so the asynchronous WebCrypto work runs in a
 * short child process. A lock directory keeps concurrent first starts from writing mismatched pairs.
 */
export function ensureCa(caDir: string, hosts: string[] = []): CaFiles {
  const files = caPaths(caDir);
  const wanted = extraHosts(hosts);
  if (usable(files, wanted)) return { caFile: files.caFile, caKeyFile: files.caKeyFile };
  fs.mkdirSync(path.dirname(files.caFile), { recursive: true });
  const lock = files.caFile + ".lock";
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (usable(files, wanted)) return { caFile: files.caFile, caKeyFile: files.caKeyFile };
      const st = fs.statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 30_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a crashed process
      if (Date.now() > deadline) throw new Error(`timed out waiting for the CA lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    if (!usable(files, wanted)) {
      let previous: string[] = [];
      try {
        previous = (JSON.parse(fs.readFileSync(files.metaFile, "utf8")) as CaMeta).hosts;
      } catch {
        // no earlier CA
      }
      const all = extraHosts([...previous, ...wanted]);
      const script = `require(${JSON.stringify(__filename)}).createCaFiles(${JSON.stringify(files)}, ${JSON.stringify(all)}).catch((e) => { console.error(e); process.exit(1); })`;
      const child = spawnSync(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 });
      if (child.status !== 0) throw new Error(`could not create the emulator CA: ${child.stderr?.toString() || child.error}`);
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return { caFile: files.caFile, caKeyFile: files.caKeyFile };
}

// DER, just enough for the NameConstraints extension (RFC 5280 4.2.1.10), which @peculiar/x509 lacks.
function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split(".").map(Number));
  const [head, tail = ""] = ip.split("::");
  const parts = (s: string) => (s ? s.split(":") : []);
  const h = parts(head);
  const t = parts(tail);
  const groups = ip.includes("::") ? [...h, ...Array(8 - h.length - t.length).fill("0"), ...t] : h;
  return Buffer.concat(groups.map((g) => Buffer.from([parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])));
}

/** GeneralSubtree for a DNS name ([2] IA5String) or an IP range ([7] address + mask). */
function subtree(name: { dns: string } | { ip: string; prefix: number }): Buffer {
  if ("dns" in name) return der(0x30, der(0x82, Buffer.from(name.dns, "ascii")));
  const addr = ipBytes(name.ip);
  const mask = Buffer.alloc(addr.length);
  for (let bit = 0; bit < name.prefix; bit++) mask[bit >> 3] |= 0x80 >> (bit & 7);
  return der(0x30, der(0x87, Buffer.concat([addr, mask])));
}

/** permittedSubtrees: localhost, 127.0.0.0/8, ::1 and the extra hosts; nothing else can be certified. */
export function nameConstraints(hosts: string[]): x509.Extension {
  const names: ({ dns: string } | { ip: string; prefix: number })[] = [{ dns: "localhost" }, { ip: "127.0.0.0", prefix: 8 }, { ip: "::1", prefix: 128 }];
  for (const h of hosts) names.push(isIP(h) === 4 ? { ip: h, prefix: 32 } : isIP(h) === 6 ? { ip: h, prefix: 128 } : { dns: h });
  const value = der(0x30, der(0xa0, Buffer.concat(names.map(subtree))));
  return new x509.Extension("2.5.29.30", true, value);
}

/** Generates a CA and writes its certificate to caDir and its key to the key store (key first). */
export async function createCaFiles(files: CaFiles & { metaFile: string }, hosts: string[] = []): Promise<void> {
  const keys = (await crypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as unknown as KeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=msgraph-emulator local CA ${new Date(now).toISOString().slice(0, 10)}, O=msgraph-emulator`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + CA_LIFETIME_DAYS * DAY),
    signingAlgorithm: SIGN,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      nameConstraints(hosts),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  const certPem = cert.toString("pem") + "\n";
  fs.mkdirSync(path.dirname(files.caKeyFile), { recursive: true, mode: 0o700 });
  writeAtomic(files.caKeyFile, keyPem, 0o600);
  const meta: CaMeta = { certSha256: createHash("sha256").update(certPem).digest("hex"), hosts };
  writeAtomic(files.metaFile, JSON.stringify(meta) + "\n", 0o600);
  writeAtomic(files.caFile, certPem, 0o644);
  // Versions before 0.1.0 kept the key beside the certificate: remove it.
  fs.rmSync(path.join(path.dirname(files.caFile), "ca-key.pem"), { force: true });
}

/** Issues a server certificate for 127.0.0.1, ::1 and localhost (plus extra DNS names) signed by the CA. */
export async function issueServerCertificate(ca: CaFiles, extraNames: string[] = []): Promise<ServerCertificate> {
  const caCert = new x509.X509Certificate(fs.readFileSync(ca.caFile, "utf8"));
  const caKey = await crypto.subtle.importKey("pkcs8", pemBody(fs.readFileSync(ca.caKeyFile, "utf8")), ALG, false, ["sign"]);
  const keys = (await crypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as unknown as KeyPair;
  const now = Date.now();
  const extra = extraHosts(extraNames);
  const dnsNames = ["localhost", ...extra.filter((n) => isIP(n) === 0)];
  const ipNames = ["127.0.0.1", "::1", ...extra.filter((n) => isIP(n) !== 0)];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: "CN=localhost",
    issuer: caCert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(Math.min(now + 7 * DAY, caCert.notAfter.getTime())),
    signingAlgorithm: SIGN,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        ...dnsNames.map((value) => ({ type: "dns" as const, value })),
        ...ipNames.map((value) => ({ type: "ip" as const, value })),
      ]),
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { cert: cert.toString("pem"), key: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", keys.privateKey)) };
}

/** Writes a file so that readers see the old or the new content, never a torn one. */
export function writeAtomic(file: string, data: string | Buffer, mode = 0o644): void {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  const fd = fs.openSync(tmp, "w", mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // positive
  return Buffer.from(bytes).toString("hex");
}

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

function pemBody(text: string): Buffer {
  return Buffer.from(text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}
