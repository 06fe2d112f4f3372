// Row 11's section of BENCHMARKS.md: the fixed cost per deployment, per variant of the host and as
// its parts (paired differences), next to what row 1 measured for the whole deployment at N = 10.
import type { DeployResult, FixedCostResult, FixedCostSample, FixedCostVariant } from "./results";
import { pairedDifference, summarize, type Summary } from "./stats";

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "–");
const cell = (s: Summary) => (s.n === 0 ? "–" : s.n === 1 || s.min === s.max ? ms(s.median) : `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`);

/** Per sample: the first check and the first create's extra over the second (what a host pays once). */
const onceCost = (x: FixedCostSample) => x.checkMs[0] + x.createMs[0] - x.createMs[1];

/** ours − baseline `up` seconds at N = 10 in row 1, paired by run, in ms. */
function deployDifference(d: DeployResult | undefined): Summary | undefined {
  const p = d?.points.find((q) => q.n === 10);
  const inMs = (seconds: number[]) => seconds.map((x) => x * 1000);
  return p ? pairedDifference(inMs(p.ours.up), inMs(p.baseline.up)) : undefined;
}

export function fixedCostSection(f: FixedCostResult, deploy?: DeployResult, deployAzblob?: DeployResult): string[] {
  const v = f.variants;
  const all = (name: FixedCostVariant, pick: (x: FixedCostSample) => number) => summarize((v[name] ?? []).map(pick));
  const diff = (a: FixedCostVariant, b: FixedCostVariant, pick: (x: FixedCostSample) => number) => pairedDifference((v[a] ?? []).map(pick), (v[b] ?? []).map(pick));
  const firstCheck = (x: FixedCostSample) => x.checkMs[0];
  const connection = (x: FixedCostSample) => x.createMs[0] - x.createMs[1];
  const rows: [string, Summary][] = [
    ["loading the package, resolving config, building the credential (no token): first check, *ours, no token check* − *baseline*", diff("ours, no token check", "baseline", firstCheck)],
    ["the token (MSAL's metadata and token requests, its own TLS connection): first check, *ours* − *ours, no token check*", diff("ours", "ours, no token check", firstCheck)],
    ["the first Graph connection (TLS handshake): first − second create of *ours*, less the same of *baseline*", diff("ours", "baseline", connection)],
    ["**all of it**: first check + first create − second create, *ours* − *baseline*", diff("ours", "baseline", onceCost)],
    ["what `NODE_COMPILE_CACHE` (warm) takes off: first check, *ours* − *ours, compile cache*", diff("ours", "ours, compile cache", firstCheck)],
    ["not fixed, per resource: a Graph create's round trip, second create, *ours* − *baseline*", diff("ours", "baseline", (x) => x.createMs[1])],
  ];
  const whole: [string, Summary | undefined][] = [
    ["row 1, file backend", deployDifference(deploy)],
    ["row 1b, azblob (Azurite)", deployDifference(deployAzblob)],
  ];
  return [
    "## 11. The provider's fixed cost per deployment",
    "",
    "What *ours* pays once per deployment that the no-op baseline does not, measured in the real dynamic-provider host",
    "(`@pulumi/pulumi/cmd/dynamic-provider` of the installed bench program, Node 22), driven over gRPC as the engine drives",
    "it. Each sample starts a fresh host (every deployment does) and gives it the `__provider` and inputs the engine stored",
    "for two resources in a real `pulumi up` of row 1's stacks; the host loads a provider, and runs its `configure`, at",
    "its first check. Variants, rotated every sample: *baseline* (row 1's no-op provider); *ours*; *ours, no token check*",
    "(`msgraph:verifyCredentials=false`: `configure` does not get the token, the first create does); *ours, compile",
    "cache* (`NODE_COMPILE_CACHE` set for the host, the cache filled by one host before the samples).",
    "",
    "```",
    f.command,
    "```",
    "",
    `Milliseconds, median (min–max) of ${f.samples} samples per variant:`,
    "",
    "| variant | host start | Configure | first check | second check | first create | second create |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...(Object.keys(v) as FixedCostVariant[]).map(
      (name) =>
        `| ${name} | ${cell(all(name, (x) => x.startMs))} | ${cell(all(name, (x) => x.configureMs))} | ${cell(all(name, firstCheck))} | ${cell(all(name, (x) => x.checkMs[1]))} | ${cell(all(name, (x) => x.createMs[0]))} | ${cell(all(name, (x) => x.createMs[1]))} |`,
    ),
    "",
    "The parts, as paired differences (same sample index), milliseconds, median (min–max):",
    "",
    "| part | ms |",
    "|---|---:|",
    ...rows.map(([what, s]) => `| ${what} | ${cell(s)} |`),
    "",
    "Against the whole: *ours* − *baseline* `pulumi up` at N = 10 in row 1 (paired runs), milliseconds, median (min–max):",
    "",
    "| | ms |",
    "|---|---:|",
    ...whole.map(([what, s]) => `| ${what} | ${s ? cell(s) : "not measured"} |`),
    "",
  ];
}
