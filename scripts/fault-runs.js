#!/usr/bin/env node
// Repeats each fault class of the reliability suite K times against fresh emulators with the real
// Pulumi CLI, and writes the measured table into RELIABILITY.md (between the fault-table markers).
//   npm run faults -- [--runs K] [--only id,id] [--seed N] [--no-write]
// Seeds are N, N+1, … per run (emulator `seed`), so a row is reproduced with the same --seed.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const root = path.resolve(__dirname, "..");
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const runs = Number(arg("runs", "5"));
const baseSeed = Number(arg("seed", "1"));
const only = arg("only", "");
const write = !process.argv.includes("--no-write");

// Started by scripts/launch.js (`npm run faults`): the test CA exists and is trusted on top of the
// machine's CAs; the harness itself talks to the emulator with an explicit CA.
require("ts-node").register({ transpileOnly: true, project: path.join(root, "tsconfig.json") });
const { faultClasses, runFaultClass, REGISTRATIONS } = require(path.join(root, "test", "reliability", "support", "faults.ts"));

async function main() {
  const classes = faultClasses.filter((c) => !only || only.split(",").includes(c.id));
  if (classes.length === 0) throw new Error(`no fault class matches --only ${only}`);
  const rows = [];
  for (const fault of classes) {
    const results = [];
    for (let k = 0; k < runs; k++) {
      const seed = baseSeed + k;
      console.log(`${fault.id} run ${k + 1}/${runs} (seed ${seed})`);
      const r = await runFaultClass(fault, { seed, log: (l) => console.log(l) });
      console.log(`  → ${r.converged ? "converged" : "NOT converged"}${r.convergedAtOnce ? " at once" : ` after: ${r.recovery.join(" → ")}`} (${Math.round(r.durationMs / 1000)} s)`);
      for (const e of r.errors.slice(0, 3)) console.log(`  error: ${e.slice(0, 400)}`);
      if (!r.converged) for (const d of r.comparison.details) console.log(`  ${d}`);
      results.push(r);
    }
    rows.push({ fault, results });
  }
  const table = render(rows);
  console.log(`\n${table}`);
  if (write) {
    const file = path.join(root, "RELIABILITY.md");
    const text = fs.readFileSync(file, "utf8");
    const start = "<!-- fault-table:start -->";
    const end = "<!-- fault-table:end -->";
    const i = text.indexOf(start);
    const j = text.indexOf(end);
    if (i < 0 || j < 0) throw new Error(`RELIABILITY.md has no ${start} … ${end} markers`);
    // --only: replace just those classes' rows (and say when they were measured); the rest stays.
    const body = only ? mergeRows(text.slice(i + start.length, j), table, classes.map((c) => c.id)) : `\n${table}\n`;
    fs.writeFileSync(file, `${text.slice(0, i + start.length)}${body}${text.slice(j)}`);
    console.log(`wrote the table into ${path.relative(process.cwd(), file)}`);
  }
  const failed = rows.some(({ results }) => results.some((r) => !r.converged || r.comparison.duplicates || r.comparison.orphans));
  process.exitCode = failed ? 1 : 0;
}

/** The existing table with the rows of `ids` replaced by the new table's, and its measurement lines kept below as a note. */
function mergeRows(existing, table, ids) {
  // A row is "| title | `id` | …": the id is the second cell.
  const rowOf = (line) => (line.startsWith("| ") ? (/^`([^`]+)`$/.exec(line.split(" | ")[1] ?? "") || [])[1] : undefined);
  const fresh = new Map(table.split("\n").filter(rowOf).map((l) => [rowOf(l), l]));
  const lines = existing.split("\n").filter((l) => !l.startsWith(`Rows ${ids.map((id) => `\`${id}\``).join(", ")} re-measured`));
  const merged = lines.map((l) => (fresh.has(rowOf(l)) ? fresh.get(rowOf(l)) : l));
  const [measured, command] = table.split("\n");
  const note = `Rows ${ids.map((id) => `\`${id}\``).join(", ")} re-measured: ${measured.replace(/^Measured /, "")} ${command.replace(/^Command: /, "Command: ").replace(/--runs (\d+) --seed (\d+)`/, `--only ${ids.join(",")} --runs $1 --seed $2\``)}`;
  const last = merged.length - 1 - [...merged].reverse().findIndex((l) => l.startsWith("|"));
  merged.splice(last + 1, 0, "", note);
  return merged.join("\n").replace(/\n{3,}/g, "\n\n");
}

function render(rows) {
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  const cli = (() => {
    try {
      const bin = execFileSync("bash", [path.join(root, "scripts", "pulumi-bin.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
      return execFileSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
    } catch {
      return "unknown";
    }
  })();
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Pulumi CLI ${cli}; ${REGISTRATIONS} registrations per stack, seeds ${baseSeed}…${baseSeed + runs - 1}.`,
    `Command: \`npm run faults -- --runs ${runs} --seed ${baseSeed}\` (one class: \`--only <id>\`).`,
    "",
    "| fault | id | runs | faults fired | converged | without user action | duplicates | orphans | what the user ran | reproduce |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const { fault, results } of rows) {
    const sum = (f) => results.reduce((n, r) => n + f(r), 0);
    const recoveries = [...new Set(results.filter((r) => !r.convergedAtOnce).map((r) => r.recovery.join(" → ")))];
    lines.push(
      `| ${fault.title} | \`${fault.id}\` | ${results.length} | ${sum((r) => r.faultsFired)} | ${sum((r) => (r.converged ? 1 : 0))} | ${sum((r) => (r.convergedAtOnce ? 1 : 0))} | ${sum((r) => r.comparison.duplicates)} | ${sum((r) => r.comparison.orphans)} | ${recoveries.length ? recoveries.join("; ") : "nothing"} | \`npm run faults -- --only ${fault.id} --runs 1 --seed ${results[0].seed}\` |`,
    );
  }
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
