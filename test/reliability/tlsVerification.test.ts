// TLS verification is never turned off anywhere in the package: not in the sources (provider/,
// emulator/), not in what ships (dist/, after `npm run build`), not in the scripts or examples users
// copy. A private CA (the emulator's, a TLS-inspecting proxy's) is trusted with NODE_EXTRA_CA_CERTS
// or undici's connect.ca instead.
import { expect } from "chai";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");
const scanned = ["provider", "emulator", "dist", "scripts", "examples"];

/** What turns verification off in Node, undici, MSAL/@azure/identity or a shell. */
const disabling: [string, RegExp][] = [
  ["rejectUnauthorized: false", /rejectUnauthorized["']?\s*[:=]\s*(false|0|!1|["']?false["']?)/],
  ["NODE_TLS_REJECT_UNAUTHORIZED", /NODE_TLS_REJECT_UNAUTHORIZED/],
  ["checkServerIdentity that accepts anything", /checkServerIdentity\s*[:=]\s*(\(\)\s*=>|function\s*\(\)\s*\{\s*\}|\(\)\s*=>\s*undefined)/],
  ["curl/wget without verification", /\b(curl\b[^\n]*\s(-k|--insecure)\b|wget\b[^\n]*--no-check-certificate)/],
];

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : files(p);
    return /\.(ts|js|mjs|cjs|json|sh|ya?ml|md)$/.test(e.name) ? [p] : [];
  });
}

/** Every (file, line, pattern) that disables TLS verification. */
function tlsDisabling(texts: [string, string][]): string[] {
  const hits: string[] = [];
  for (const [file, text] of texts) {
    text.split("\n").forEach((line, i) => {
      for (const [name, re] of disabling) if (re.test(line)) hits.push(`${file}:${i + 1}: ${name}: ${line.trim()}`);
    });
  }
  return hits;
}

describe("reliability: TLS verification is never turned off in the package", () => {
  it("the scanner finds each way of turning it off (so an empty result means something)", () => {
    const planted: [string, string][] = [
      ["a.ts", "new Agent({ connect: { rejectUnauthorized: false } })"],
      ["b.js", 'https.request({ "rejectUnauthorized": 0 })'],
      ["c.sh", "export NODE_TLS_REJECT_UNAUTHORIZED=0"],
      ["d.ts", "tls.connect({ checkServerIdentity: () => undefined })"],
      ["e.yml", "run: curl -k https://127.0.0.1:8443/"],
      ["ok.ts", "new Agent({ connect: { ca: fs.readFileSync(caFile) } }) // rejectUnauthorized stays true"],
    ];
    expect(tlsDisabling(planted).map((h) => h.split(":")[0])).to.deep.equal(["a.ts", "b.js", "c.sh", "d.ts", "e.yml"]);
  });

  it(`no file under ${scanned.join(", ")} disables it`, () => {
    const all = scanned.flatMap((d) => files(path.join(ROOT, d)));
    expect(all.filter((f) => f.includes(`${path.sep}dist${path.sep}`)).length, "dist/ is built (npm run build)").to.be.greaterThan(10);
    const texts = all.map((f): [string, string] => [path.relative(ROOT, f), fs.readFileSync(f, "utf8")]);
    expect(tlsDisabling(texts)).to.deep.equal([]);
  });
});
