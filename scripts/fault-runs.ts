// Repeats each fault class of the reliability suite K times against fresh emulators with the real
// Pulumi CLI, and writes the measured table into RELIABILITY.md (between the subject's markers:
// fault-table for the meeting stack, webinar-fault-table for the webinar stack).
//   npm run faults -- [--stack meetings|webinar] [--registrations N] [--runs K] [--only id,id] [--seed N] [--no-write]
// Seeds are N, N+1, … per run (emulator `seed`), so a row is reproduced with the same --seed.
// Started by scripts/launch.js (`npm run faults`, which builds first): the test CA exists and is
// trusted on top of the machine's CAs; the harness itself talks to the emulator with an explicit CA.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { faultClassesFor, REGISTRATIONS, runFaultClass, type FaultClass, type FaultRunResult } from "../test/support/faults/faultRuns";
import { subjectNamed, type FaultSubject } from "../test/support/faults/subjects";
import { pulumiBinDir } from "../test/support/pulumiBin";

const root = path.resolve(__dirname, "..");

interface Options {
  subject: FaultSubject;
  registrations: number;
  runs: number;
  baseSeed: number;
  only: string[];
}

interface Row {
  fault: FaultClass;
  results: FaultRunResult[];
}

/** The markers of a subject's table in RELIABILITY.md. */
function markers(subject: FaultSubject): { start: string; end: string } {
  const name = subject.name === "meetings" ? "fault-table" : `${subject.name}-fault-table`;
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** The command that measured a table, as its header line says it (the defaults left out). */
function commandOf(o: Options, extra = ""): string {
  const stack = o.subject.name === "meetings" ? "" : ` --stack ${o.subject.name}`;
  const n = o.registrations === REGISTRATIONS ? "" : ` --registrations ${o.registrations}`;
  return `npm run faults --${stack}${n}${extra}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stack: { type: "string", default: "meetings" },
      registrations: { type: "string", default: String(REGISTRATIONS) },
      runs: { type: "string", default: "5" },
      seed: { type: "string", default: "1" },
      only: { type: "string", default: "" },
      "no-write": { type: "boolean", default: false },
    },
  });
  const o: Options = {
    subject: subjectNamed(values.stack!),
    registrations: Number(values.registrations),
    runs: Number(values.runs),
    baseSeed: Number(values.seed),
    only: values.only ? values.only.split(",") : [],
  };
  if (!Number.isInteger(o.registrations) || o.registrations < 1) throw new Error(`--registrations ${values.registrations}: give a whole number of at least 1`);
  const classes = faultClassesFor(o.subject).filter((c) => o.only.length === 0 || o.only.includes(c.id));
  if (classes.length === 0) throw new Error(`no fault class matches --only ${values.only}`);
  const rows: Row[] = [];
  for (const fault of classes) {
    const results: FaultRunResult[] = [];
    for (let k = 0; k < o.runs; k++) {
      const seed = o.baseSeed + k;
      console.log(`${o.subject.name} ${fault.id} run ${k + 1}/${o.runs} (seed ${seed})`);
      const r = await runFaultClass(fault, { seed, subject: o.subject, registrations: o.registrations, log: (l) => console.log(l) });
      console.log(`  → ${r.converged ? "converged" : "NOT converged"}${r.convergedAtOnce ? " at once" : ` after: ${r.recovery.join(" → ")}`} (${Math.round(r.durationMs / 1000)} s)`);
      for (const e of r.errors.slice(0, 3)) console.log(`  error: ${e.slice(0, 400)}`);
      if (!r.converged) for (const d of r.comparison.details) console.log(`  ${d}`);
      results.push(r);
    }
    rows.push({ fault, results });
  }
  const table = render(rows, o);
  console.log(`\n${table}`);
  if (!values["no-write"]) {
    const file = path.join(root, "RELIABILITY.md");
    const text = fs.readFileSync(file, "utf8");
    const { start, end } = markers(o.subject);
    const i = text.indexOf(start);
    const j = text.indexOf(end);
    if (i < 0 || j < 0) throw new Error(`RELIABILITY.md has no ${start} … ${end} markers`);
    // --only: replace just those classes' rows (and say when they were measured); the rest stays.
    const body = o.only.length ? mergeRows(text.slice(i + start.length, j), table, o) : `\n${table}\n`;
    fs.writeFileSync(file, `${text.slice(0, i + start.length)}${body}${text.slice(j)}`);
    console.log(`wrote the table into ${path.relative(process.cwd(), file)} (${start})`);
  }
  const failed = rows.some(({ results }) => results.some((r) => !r.converged || r.comparison.duplicates || r.comparison.orphans));
  process.exitCode = failed ? 1 : 0;
}

/** The existing table with the rows of `o.only` replaced by the new table's, and its measurement line kept below as a note. */
function mergeRows(existing: string, table: string, o: Options): string {
  const ids = o.only;
  // A row is "| title | `id` | …": the id is the second cell.
  const rowOf = (line: string) => (line.startsWith("| ") ? /^`([^`]+)`$/.exec(line.split(" | ")[1] ?? "")?.[1] : undefined);
  const fresh = new Map(
    table
      .split("\n")
      .filter(rowOf)
      .map((l) => [rowOf(l)!, l] as const),
  );
  const named = ids.map((id) => `\`${id}\``).join(", ");
  const lines = existing.split("\n").filter((l) => !l.startsWith(`Rows ${named} re-measured`));
  const merged = lines.map((l) => fresh.get(rowOf(l) ?? "") ?? l);
  const measured = table.split("\n")[0];
  const note = `Rows ${named} re-measured: ${measured.replace(/^Measured /, "")} Command: \`${commandOf(o, ` --only ${ids.join(",")} --runs ${o.runs} --seed ${o.baseSeed}`)}\`.`;
  const last = merged.length - 1 - [...merged].reverse().findIndex((l) => l.startsWith("|"));
  merged.splice(last + 1, 0, "", note);
  return merged.join("\n").replace(/\n{3,}/g, "\n\n");
}

function pulumiVersion(): string {
  try {
    return execFileSync(path.join(pulumiBinDir(), "pulumi"), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).trim();
  } catch {
    return "unknown";
  }
}

function render(rows: Row[], o: Options): string {
  const cpu = os.cpus()[0]?.model?.trim() ?? "unknown CPU";
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Pulumi CLI ${pulumiVersion()}; ${o.subject.describe(o.registrations)}, seeds ${o.baseSeed}…${o.baseSeed + o.runs - 1}.`,
    `Command: \`${commandOf(o, ` --runs ${o.runs} --seed ${o.baseSeed}`)}\` (one class: \`--only <id>\`).`,
    "",
    "| fault | id | runs | faults fired | converged | without user action | duplicates | orphans | what the user ran | reproduce |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const { fault, results } of rows) {
    const sum = (f: (r: FaultRunResult) => number) => results.reduce((n, r) => n + f(r), 0);
    const recoveries = [...new Set(results.filter((r) => !r.convergedAtOnce).map((r) => r.recovery.join(" → ")))];
    lines.push(
      `| ${fault.title} | \`${fault.id}\` | ${results.length} | ${sum((r) => r.faultsFired)} | ${sum((r) => (r.converged ? 1 : 0))} | ${sum((r) => (r.convergedAtOnce ? 1 : 0))} | ${sum((r) => r.comparison.duplicates)} | ${sum((r) => r.comparison.orphans)} | ${recoveries.length ? recoveries.join("; ") : "nothing"} | \`${commandOf(o, ` --only ${fault.id} --runs 1 --seed ${results[0].seed}`)}\` |`,
    );
  }
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
