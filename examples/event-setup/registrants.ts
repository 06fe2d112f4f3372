// Reads the registrants CSV: a header line, then one registrant per line; blank lines and lines
// starting with # are skipped. Plain comma-separated values (no quoting): ids never hold commas.
import * as fs from "node:fs";

export interface RegistrantRow {
  registrantId: string;
  tenantId?: string;
  userId?: string;
}

export function readRegistrants(file: string): RegistrantRow[] {
  const lines = fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const [header, ...rows] = lines;
  const columns = (header ?? "").split(",").map((c) => c.trim());
  if (columns[0] !== "registrantId") throw new Error(`${file}: the first line must be the header "registrantId,tenantId,userId", not "${header}"`);
  const seen = new Set<string>();
  return rows.map((line, i) => {
    const cells = line.split(",").map((c) => c.trim());
    const row = Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ""])) as Record<string, string>;
    if (!row.registrantId) throw new Error(`${file}, row ${i + 1}: registrantId is empty`);
    if (seen.has(row.registrantId)) throw new Error(`${file}, row ${i + 1}: registrantId "${row.registrantId}" appears twice`);
    seen.add(row.registrantId);
    return { registrantId: row.registrantId, tenantId: row.tenantId || undefined, userId: row.userId || undefined };
  });
}
