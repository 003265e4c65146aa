import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import {
  REGISTER_DOC,
  registerBlock,
  renderRegister,
} from "../../scripts/known-defects-register.js";
import { KNOWN_SPEC_DEFECTS } from "./known-spec-defects.js";

// The register people read (docs/known-spec-defects.md) is the one the validator applies.
it("docs/known-spec-defects.md shows the code's register, entry for entry", () => {
  const block = registerBlock(readFileSync(REGISTER_DOC, "utf8"));
  expect(block, "out of date: run npm run docs:known-defects").toBe(
    renderRegister(KNOWN_SPEC_DEFECTS),
  );
});

it("says which entries change a verdict: the two Bundle invariants of STU3", () => {
  const cells = (row: string) =>
    row.split(" | ").map((cell) => cell.replace(/^\| |\|$/g, "").trim());
  const rows = renderRegister(KNOWN_SPEC_DEFECTS).split("\n").slice(2).map(cells);
  expect(rows.map((row) => row.at(-1))).toEqual(["yes", "yes", "no", "no", "no"]);
  expect(rows.map((row) => row[0])).toEqual(KNOWN_SPEC_DEFECTS.map(({ id }) => `\`${id}\``));
});

it("escapes a pipe inside a cell, so a row keeps its columns", () => {
  const [defect] = KNOWN_SPEC_DEFECTS;
  if (!defect) throw new Error("the register is empty");
  const row = renderRegister([{ ...defect, rule: "a | b" }]).split("\n")[2];
  expect(row).toMatch(/\| a \\\| b +\|/);
});

it("finds no register in a document without its markers", () => {
  expect(registerBlock("# Known defects\n\n| id |\n")).toBeUndefined();
});
