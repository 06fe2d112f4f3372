// Redaction of credential failures: the whole text is scrubbed before it is cut, every encoded form
// of a secret is caught, and the federated token and the certificate's private key count as secrets.
// Tested through credentialFailure, the one place such text is written.
import { expect } from "chai";
import { generateKeyPairSync } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { credentialFailure } from "../../../provider/auth/credentials";
import { resolveConfig } from "../../../provider/config";

const tenant = "contoso.onmicrosoft.com";
const client = "bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb";

function failureWith(values: Record<string, string>, message: string): string {
  const config = resolveConfig((k) => ({ "msgraph:tenantId": tenant, "msgraph:clientId": client, ...values })[k], {});
  return credentialFailure(config, config.cloud.scope, new Error(message)).message;
}

describe("auth/redact: what a credential failure never shows", () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "redact-"))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("a client secret that crosses the 600-character cut: no part of it survives", () => {
    const secret = "S3cr3t-Value-That-Is-Long-0123456789";
    // "invalid_client: " + 570 + " " puts the secret at characters 587-623, across the cut at 600.
    const text = failureWith({ "msgraph:clientSecret": secret }, `invalid_client: ${"x".repeat(570)} ${secret} and more`);
    expect(text).to.not.include(secret.slice(0, 4));
    expect(text).to.include("***");
  });

  it("URL-encoded, form-encoded and JSON-escaped forms of a secret", () => {
    const secret = "a+b/c=d&e f\"g~1";
    const forms = [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
    const text = failureWith({ "msgraph:clientSecret": secret }, `invalid_request: body client_secret=${forms[0]} form ${forms[1]} json {"secret":"${forms[2]}"}`);
    for (const f of [secret, ...forms]) expect(text, f).to.not.include(f);
    expect(text).to.include("client_secret=*** form *** json");
  });

  it("the federated token from the token file (and anything shaped like a JWT)", () => {
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL3Rva2VuLmFjdGlvbnMiLCJzdWIiOiJyZXBvOngifQ.c2lnbmF0dXJlLXBhcnQ";
    const file = path.join(dir, "token");
    fs.writeFileSync(file, `${token}\n`);
    const text = failureWith({ "msgraph:federatedTokenFile": file }, `invalid_client: AADSTS700213: No matching federated identity record found for presented assertion ${token}`);
    expect(text).to.not.include(token);
    expect(text).to.not.include(token.split(".")[1]);
    expect(text).to.include("presented assertion ***");
  });

  it("the certificate's private key: the PEM block, its base64 and its lines", () => {
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const file = path.join(dir, "cert.pem");
    fs.writeFileSync(file, `-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n${keyPem}`);
    const lines = keyPem.trim().split("\n").slice(1, -1);
    const text = failureWith({ "msgraph:clientCertificatePath": file }, `invalid_request: could not parse ${keyPem} / ${lines.join("")} / line ${lines[1]}`);
    for (const l of lines) expect(text, l).to.not.include(l);
    expect(text).to.not.include(lines.join(""));
    expect(text).to.include("could not parse *** / *** / line ***");
  });
});
