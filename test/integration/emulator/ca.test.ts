// The emulator's CA cannot be turned against real services: X.509 name constraints limit it to
// loopback names and the host it was told to serve (Node refuses a graph.microsoft.com certificate
// it signed), it lives 30 days, and its private key is kept out of the CA directory (which may sit in
// a project's --data-dir or a CI cache).
import { expect } from "chai";
import * as fs from "node:fs";
import * as https from "node:https";
import * as path from "node:path";
import * as tls from "node:tls";
import { webcrypto, X509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { removeDir, tempDir } from "../../support/paths";

const ROOT = path.resolve(__dirname, "..", "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensureCa } = require(path.join(ROOT, "emulator", "dist", "tls.js")) as typeof import("../../../emulator/tls");

x509.cryptoProvider.set(webcrypto as never);
const ALG = { name: "ECDSA", namedCurve: "P-256" } as const;
const DAY = 86_400_000;

/** A server certificate for `name`, signed with the CA key (what a thief holding the key could make). */
async function leafFor(name: string, caFile: string, caKeyFile: string): Promise<{ cert: string; key: string }> {
  const caCert = new x509.X509Certificate(fs.readFileSync(caFile, "utf8"));
  const der = Buffer.from(fs.readFileSync(caKeyFile, "utf8").replace(/-----[^-]+-----|\s+/g, ""), "base64");
  const caKey = await webcrypto.subtle.importKey("pkcs8", der, ALG, false, ["sign"]);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: "0123456789",
    subject: `CN=${name}`,
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - DAY),
    notAfter: new Date(Date.now() + DAY),
    signingAlgorithm: { name: "ECDSA", hash: "SHA-256" },
    publicKey: keys.publicKey as never,
    signingKey: caKey as never,
    extensions: [new x509.SubjectAlternativeNameExtension([{ type: "dns", value: name }]), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth])],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey)).toString("base64");
  return { cert: cert.toString("pem"), key: `-----BEGIN PRIVATE KEY-----\n${pkcs8.replace(/.{64}/g, "$&\n")}\n-----END PRIVATE KEY-----\n` };
}

/** Connects to a server presenting `leaf` as `servername`, trusting only the CA: the verification error, or "ok". */
async function handshake(leaf: { cert: string; key: string }, servername: string, caFile: string): Promise<string> {
  const server = https.createServer({ cert: leaf.cert, key: leaf.key }, (_q, s) => s.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  try {
    return await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: "127.0.0.1", port, servername, ca: fs.readFileSync(caFile, "utf8") }, () => {
        socket.end();
        resolve("ok");
      });
      socket.on("error", (e: NodeJS.ErrnoException) => resolve(`${e.code}: ${e.message}`));
    });
  } finally {
    server.close();
  }
}

describe("emulator CA: name-constrained, short-lived, key kept apart", () => {
  let caDir: string;
  let keyStore: string;
  let files: { caFile: string; caKeyFile: string };
  /** ensureCa with the key store in a temp dir (restored at once: emulators started later must find the test CA's key). */
  const ensure = (hosts: string[] = []) => {
    const saved = process.env.MSGRAPH_EMULATOR_KEY_DIR;
    process.env.MSGRAPH_EMULATOR_KEY_DIR = keyStore;
    try {
      return ensureCa(caDir, hosts);
    } finally {
      if (saved === undefined) delete process.env.MSGRAPH_EMULATOR_KEY_DIR;
      else process.env.MSGRAPH_EMULATOR_KEY_DIR = saved;
    }
  };

  before(() => {
    caDir = tempDir("ca-");
    keyStore = tempDir("ca-keys-");
    files = ensure();
  });
  after(() => {
    removeDir(caDir);
    removeDir(keyStore);
  });

  it("writes only the certificate to the CA directory; the key goes to the per-user key store, mode 600", () => {
    expect(fs.readdirSync(caDir)).to.deep.equal(["ca.pem"]);
    expect(files.caFile).to.equal(path.join(caDir, "ca.pem"));
    expect(path.relative(keyStore, files.caKeyFile).startsWith("..")).to.equal(false);
    if (process.platform !== "win32") expect(fs.statSync(files.caKeyFile).mode & 0o777).to.equal(0o600);
  });

  it("is valid for 30 days at most", () => {
    const cert = new X509Certificate(fs.readFileSync(files.caFile));
    expect(Date.parse(cert.validTo) - Date.now()).to.be.at.most(30 * DAY);
    expect(cert.ca).to.equal(true);
  });

  it("Node refuses a graph.microsoft.com or login.microsoftonline.com certificate signed with the CA's key", async () => {
    for (const name of ["graph.microsoft.com", "login.microsoftonline.com"]) {
      const result = await handshake(await leafFor(name, files.caFile, files.caKeyFile), name, files.caFile);
      expect(result, name).to.match(/permitted subtree violation/i);
      expect(result).to.not.equal("ok");
    }
  });

  it("while the same key's certificate for localhost is accepted (the refusal is the name constraint)", async () => {
    expect(await handshake(await leafFor("localhost", files.caFile, files.caKeyFile), "localhost", files.caFile)).to.equal("ok");
  });

  it("a configured host is added by a new CA at the same path; other names stay refused", async () => {
    const before = fs.readFileSync(files.caFile, "utf8");
    const renewed = ensure(["emulator.example.test"]);
    expect(renewed.caFile).to.equal(files.caFile);
    expect(fs.readFileSync(renewed.caFile, "utf8")).to.not.equal(before);
    expect(await handshake(await leafFor("emulator.example.test", renewed.caFile, renewed.caKeyFile), "emulator.example.test", renewed.caFile)).to.equal("ok");
    expect(await handshake(await leafFor("graph.microsoft.com", renewed.caFile, renewed.caKeyFile), "graph.microsoft.com", renewed.caFile)).to.not.equal("ok");
    // Asking again for a covered host reuses the CA.
    expect(fs.readFileSync(ensure(["emulator.example.test"]).caFile, "utf8")).to.equal(fs.readFileSync(renewed.caFile, "utf8"));
    files = renewed;
  });
});
