import { readFileSync } from "node:fs";

export interface Requirement {
  key: string;
  section: string;
  level: "SHALL" | "SHOULD" | "MAY";
  text: string;
  /** Why no fixture verifies it, and what does instead. */
  verifiedElsewhere: string;
}

/** A row of requirements.csv: four fields at least, the fifth (verified elsewhere) optional. */
type RequirementRow = [string, string, string, string, ...string[]];

/** suites/requirements.csv: every testable requirement of the contract, with a stable key. */
export function readRequirements(file: string): Requirement[] {
  const [, ...rows] = parseCsv(readFileSync(file, "utf8"));
  return rows
    .filter((row): row is RequirementRow => row.length >= 4)
    .map(([key, section, level, text, verifiedElsewhere = ""]) => ({
      key,
      section,
      level: level as Requirement["level"],
      text,
      verifiedElsewhere,
    }));
}

/** RFC 4180 CSV: quoted fields may hold commas and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (char !== "\r") field += char;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}
