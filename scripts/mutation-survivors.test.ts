import { describe, expect, it } from "vitest";
import {
  carryReasons,
  leftMutants,
  type MutationReport,
  moduleTable,
  NO_REASON,
} from "./mutation-survivors.js";

const mutant = (status: string, line: number, column: number, mutatorName = "Regex") => ({
  status,
  mutatorName,
  replacement: "/a|b`c`/",
  location: { start: { line, column } },
});

const REPORT: MutationReport = {
  files: {
    "src/sandbox/z.ts": { mutants: [mutant("Survived", 3, 1)] },
    "src/sandbox/a.ts": {
      mutants: [
        mutant("Killed", 1, 1),
        mutant("Survived", 9, 4, "StringLiteral"),
        mutant("NoCoverage", 9, 2),
        mutant("Timeout", 2, 1),
      ],
    },
  },
};

const DOCUMENT = [
  "# Mutants",
  "",
  "## `src/fhir`",
  "",
  "| mutant | state | mutation | why it is left |",
  "| --- | --- | --- | --- |",
  "| `a.ts:1` | survived | Regex `/a\\|b'c'/` | a fhir reason |",
  "",
  "## `src/sandbox`",
  "",
  "Prose.",
  "",
  "| mutant     | state    | mutation             | why it is left |",
  "| ---------- | -------- | -------------------- | -------------- |",
  "| `a.ts:7`   | no coverage | Regex `/a\\|b'c'/` | moved, reason kept |",
  "| `a.ts:8`   | survived | Regex `/a\\|b'c'/` | second of the same kind |",
  "| `old.ts:1` | survived | BooleanLiteral `true` | killed since |",
  "",
  "After.",
].join("\n");

describe("docs:mutation-survivors", () => {
  it("lists the survived and uncovered mutants in file, line and column order, as table cells", () => {
    expect(leftMutants(REPORT, "sandbox")).toEqual([
      ["`a.ts:9`", "no coverage", "Regex `/a\\|b'c'/`"],
      ["`a.ts:9`", "survived", "StringLiteral `/a\\|b'c'/`"],
      ["`z.ts:3`", "survived", "Regex `/a\\|b'c'/`"],
    ]);
  });

  it("cuts a replacement to one line of 60 characters", () => {
    const long = { ...mutant("Survived", 1, 1), replacement: `{\n  ${"x".repeat(70)}\n}` };
    expect(leftMutants({ files: { "src/fhir/b.ts": { mutants: [long] } } }, "fhir")).toEqual([
      ["`b.ts:1`", "survived", `Regex \`{ ${"x".repeat(58)}\``],
    ]);
  });

  it("finds the module's own table, not another module's", () => {
    const table = moduleTable(DOCUMENT, "sandbox");
    expect(table?.start).toBe(12);
    expect(table?.end).toBe(17);
    expect(table?.rows.map((row) => row[3])).toEqual([
      "moved, reason kept",
      "second of the same kind",
      "killed since",
    ]);
    expect(moduleTable(DOCUMENT, "report")).toBeUndefined();
  });

  it("carries each reason to the same mutation of the same file, in order, and names the rest", () => {
    const old = moduleTable(DOCUMENT, "sandbox")?.rows ?? [];
    const { rows, gone, table } = carryReasons(old, leftMutants(REPORT, "sandbox"));
    expect(rows.map((row) => row[3])).toEqual(["moved, reason kept", NO_REASON, NO_REASON]);
    expect(gone).toEqual([
      "a.ts Regex `/a\\|b'c'/`: second of the same kind",
      "old.ts BooleanLiteral `true`: killed since",
    ]);
    expect(table.split("\n")[2]).toBe(
      "| `a.ts:9` | no coverage | Regex `/a\\|b'c'/`         | moved, reason kept |",
    );
  });
});
