// Reads the attendees CSV: a header line, then one attendee per line; blank lines and lines starting
// with # are skipped. Plain comma-separated values (no quoting): the fields never hold commas.
import * as fs from "node:fs";

export interface AttendeeRow {
  registrationId: string;
  firstName: string;
  lastName: string;
  email: string;
  company?: string;
}

const header = "registrationId,firstName,lastName,email,company";

export function readAttendees(file: string): AttendeeRow[] {
  const lines = fs
    .readFileSync(file, "utf8")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const [first, ...rows] = lines;
  const columns = (first ?? "").split(",").map((c) => c.trim());
  if (columns.join(",") !== header) throw new Error(`${file}: the first line must be the header "${header}", not "${first}"`);
  const seen = new Set<string>();
  return rows.map((line, i) => {
    const cells = line.split(",").map((c) => c.trim());
    const row = Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ""])) as Record<string, string>;
    for (const key of ["registrationId", "firstName", "lastName", "email"]) if (!row[key]) throw new Error(`${file}, row ${i + 1}: ${key} is empty`);
    if (seen.has(row.registrationId)) throw new Error(`${file}, row ${i + 1}: registrationId "${row.registrationId}" appears twice`);
    seen.add(row.registrationId);
    return { registrationId: row.registrationId, firstName: row.firstName, lastName: row.lastName, email: row.email, company: row.company || undefined };
  });
}
