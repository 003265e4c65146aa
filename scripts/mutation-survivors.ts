// `npm run docs:mutation-survivors -- <module> [<mutation.json>]`: rewrites the module's table in
// docs/mutation-survivors.md from a Stryker JSON report (default reports/mutation/<module>/mutation.json),
// one row per mutant that survived or had no coverage. Each row keeps the reason the document
// already gives for the same mutation in the same file, whatever line it has moved to; a mutant
// the document has no reason for gets "NO REASON YET", and the script exits 1 until one is written.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { alignedTable } from "./markdown-table.js";

export const SURVIVORS_DOC = fileURLToPath(
  new URL("../docs/mutation-survivors.md", import.meta.url),
);
export const NO_REASON = "NO REASON YET";
const HEADER = ["mutant", "state", "mutation", "why it is left"];

interface ReportMutant {
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number } };
}
export interface MutationReport {
  files: Record<string, { mutants: ReportMutant[] }>;
}

/** The mutants left (survived or uncovered) as table cells without their reason, in file and line order. */
export function leftMutants(report: MutationReport, module: string): string[][] {
  const left: { file: string; mutant: ReportMutant }[] = [];
  for (const [file, { mutants }] of Object.entries(report.files))
    for (const mutant of mutants)
      if (mutant.status === "Survived" || mutant.status === "NoCoverage")
        left.push({ file, mutant });
  const position = ({ file, mutant }: (typeof left)[number]) =>
    [file, mutant.location.start.line, mutant.location.start.column] as const;
  left.sort((a, b) => compare(position(a), position(b)));
  return left.map(({ file, mutant }) => [
    `\`${file.replace(`src/${module}/`, "")}:${mutant.location.start.line}\``,
    mutant.status === "NoCoverage" ? "no coverage" : "survived",
    `${mutant.mutatorName} ${codeCell(mutant.replacement ?? "")}`,
  ]);
}

function compare(
  a: readonly [string, number, number],
  b: readonly [string, number, number],
): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1] || a[2] - b[2];
}

/** A replacement as a one-line code cell, cut to 60 characters. */
function codeCell(replacement: string): string {
  const text = replacement.replaceAll("`", "'").replaceAll("|", "\\|").replace(/\s+/g, " ");
  return `\`${text.slice(0, 60)}\``;
}

/** The module's table: its lines' span in the document and its rows' cells. */
export function moduleTable(document: string, module: string) {
  const lines = document.split("\n");
  const heading = lines.indexOf(`## \`src/${module}\``);
  const start = lines.findIndex((line, index) => index > heading && line.startsWith("| mutant"));
  if (heading < 0 || start < 0) return undefined;
  let end = start;
  while (lines[end]?.startsWith("|")) end += 1;
  const rows = lines.slice(start + 2, end).map((line) =>
    line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((text) => text.trim()),
  );
  return { lines, start, end, rows };
}

/** The new table, with each reason carried over from the old rows of the same file and mutation. */
export function carryReasons(old: string[][], left: string[][]) {
  const reasons = new Map<string, string[]>();
  const key = (row: string[]) => `${row[0]?.replace(/^`|:\d+`$/g, "")} ${row[2]}`;
  for (const row of old) reasons.set(key(row), [...(reasons.get(key(row)) ?? []), row[3] ?? ""]);
  const rows = left.map((row) => [...row, reasons.get(key(row))?.shift() ?? NO_REASON]);
  const gone = [...reasons].flatMap(([mutant, rest]) =>
    rest.map((reason) => `${mutant}: ${reason}`),
  );
  return { table: alignedTable([HEADER, ...rows]), rows, gone };
}

function main([module, reportPath]: string[]): number {
  if (module === undefined || !/^[a-z]+$/.test(module)) {
    console.error("Usage: npm run docs:mutation-survivors -- <module> [<mutation.json>]");
    return 2;
  }
  const report = JSON.parse(
    readFileSync(reportPath ?? `reports/mutation/${module}/mutation.json`, "utf8"),
  ) as MutationReport;
  const document = readFileSync(SURVIVORS_DOC, "utf8");
  const found = moduleTable(document, module);
  if (found === undefined) {
    console.error(`${SURVIVORS_DOC} has no "## \`src/${module}\`" section with a table.`);
    return 2;
  }
  const { table, rows, gone } = carryReasons(found.rows, leftMutants(report, module));
  const lines = [...found.lines];
  lines.splice(found.start, found.end - found.start, table);
  writeFileSync(SURVIVORS_DOC, lines.join("\n"));
  const missing = rows.filter((row) => row[3] === NO_REASON);
  console.log(`src/${module}: ${rows.length} left, ${missing.length} without a reason.`);
  for (const reason of gone) console.log(`  no longer left: ${reason}`);
  for (const row of missing) console.log(`  needs a reason: ${row.slice(0, 3).join(" ")}`);
  return missing.length === 0 ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
