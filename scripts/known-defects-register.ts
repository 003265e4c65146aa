// `npm run docs:known-defects`: writes the register table of docs/known-spec-defects.md from
// KNOWN_SPEC_DEFECTS, so the register for people and the one the validator applies cannot differ
// (src/fhir/known-spec-defects-doc.test.ts fails when they do).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { KNOWN_SPEC_DEFECTS, type KnownSpecDefect } from "../src/fhir/known-spec-defects.js";
import { alignedTable, cell } from "./markdown-table.js";

export const REGISTER_DOC = fileURLToPath(
  new URL("../docs/known-spec-defects.md", import.meta.url),
);
export const REGISTER_START =
  "<!-- register: generated from src/fhir/known-spec-defects.ts by `npm run docs:known-defects` -->";
export const REGISTER_END = "<!-- end of register -->";

/** The register as a Markdown table, one row per defect, in the code's order. */
export function renderRegister(defects: readonly KnownSpecDefect[]): string {
  const rows = defects.map((defect) =>
    [
      `\`${defect.id}\``,
      defect.rule,
      defect.source,
      defect.defect,
      defect.toolDoes,
      defect.strict,
      defect.inValidator ? "yes" : "no",
    ].map(cell),
  );
  const header = [
    "id",
    "rule",
    "source",
    "defect",
    "what the tool does",
    "`--strict`",
    "changes a verdict",
  ];
  return alignedTable([header, ...rows]);
}

/** The register block of the document (between the markers), or undefined without markers. */
export function registerBlock(document: string): string | undefined {
  const start = document.indexOf(REGISTER_START);
  const end = document.indexOf(REGISTER_END);
  if (start < 0 || end < start) return undefined;
  return document.slice(start + REGISTER_START.length, end).trim();
}

function writeRegister(): void {
  const document = readFileSync(REGISTER_DOC, "utf8");
  const block = registerBlock(document);
  if (block === undefined) {
    console.error(`${REGISTER_DOC} has lost its register markers; put them back around the table.`);
    process.exitCode = 1;
    return;
  }
  writeFileSync(REGISTER_DOC, document.replace(block, renderRegister(KNOWN_SPEC_DEFECTS)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeRegister();
