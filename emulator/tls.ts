// TLS material for the emulator: a local CA created once and kept on disk (so users trust it once with
// NODE_EXTRA_CA_CERTS), and a short-lived server certificate for 127.0.0.1, ::1 and localhost issued
// from it at every start (ECDSA P-256: fast to generate).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// @peculiar/x509 is typed against the DOM's Crypto; Node's webcrypto is the same API.
const crypto = webcrypto;
x509.cryptoProvider.set(crypto as never);
type KeyPair = Parameters<typeof x509.X509CertificateGenerator.createSelfSigned>[0]["keys"];

const ALG = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGN = { name: "ECDSA", hash: "SHA-256" } as const;
const DAY = 24 * 3600 * 1000;

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

function caPaths(caDir: string): CaFiles {
  const dir = path.resolve(caDir);
  return { caFile: path.join(dir, "ca.pem"), caKeyFile: path.join(dir, "ca-key.pem") };
}

/**
 * Returns the CA files in caDir, creating them on first use. Synchronous (scripts/test.js needs the
 * file before mocha starts), so the asynchronous WebCrypto work runs in a short child process.
 * A lock directory keeps concurrent first starts from writing mismatched key/cert pairs.
 */
export function ensureCa(caDir: string): CaFiles {
  const files = caPaths(caDir);
  if (fs.existsSync(files.caFile) && fs.existsSync(files.caKeyFile)) return files;
  fs.mkdirSync(path.dirname(files.caFile), { recursive: true });
  const lock = files.caFile + ".lock";
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      if (fs.existsSync(files.caFile) && fs.existsSync(files.caKeyFile)) return files;
      const st = fs.statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 30_000) fs.rmSync(lock, { recursive: true, force: true }); // left by a crashed process
      if (Date.now() > deadline) throw new Error(`timed out waiting for the CA lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    if (!(fs.existsSync(files.caFile) && fs.existsSync(files.caKeyFile))) {
      const script = `require(${JSON.stringify(__filename)}).createCaFiles(${JSON.stringify(files)}).catch((e) => { console.error(e); process.exit(1); })`;
      const child = spawnSync(process.execPath, ["-e", script], { stdio: ["ignore", "ignore", "pipe"], timeout: 60_000 });
      if (child.status !== 0) throw new Error(`could not create the emulator CA: ${child.stderr?.toString() || child.error}`);
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  return files;
}

/** Generates a CA and writes both PEMs atomically (key first: the certificate marks completion). */
export async function createCaFiles(files: CaFiles): Promise<void> {
  const keys = (await crypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as unknown as KeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=msgraph-emulator local CA ${new Date(now).toISOString().slice(0, 10)}, O=msgraph-emulator`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    signingAlgorithm: SIGN,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  writeAtomic(files.caKeyFile, keyPem, 0o600);
  writeAtomic(files.caFile, cert.toString("pem") + "\n", 0o644);
}

/** Issues a server certificate for 127.0.0.1, ::1 and localhost (plus extra DNS names) signed by the CA. */
export async function issueServerCertificate(ca: CaFiles, extraNames: string[] = []): Promise<ServerCertificate> {
  const caCert = new x509.X509Certificate(fs.readFileSync(ca.caFile, "utf8"));
  const caKey = await crypto.subtle.importKey("pkcs8", pemBody(fs.readFileSync(ca.caKeyFile, "utf8")), ALG, false, ["sign"]);
  const keys = (await crypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as unknown as KeyPair;
  const now = Date.now();
  const dnsNames = ["localhost", ...extraNames.filter((n) => n && !/^[\d.:]+$/.test(n) && n !== "localhost")];
  const ipNames = ["127.0.0.1", "::1", ...extraNames.filter((n) => /^[\d.:]+$/.test(n) && n !== "127.0.0.1" && n !== "::1")];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: "CN=localhost",
    issuer: caCert.subject,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
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
