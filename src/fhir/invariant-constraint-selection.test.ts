import { expect, it } from "vitest";
import { loadBaseDefinitions, type StructureDefinitionJson } from "./base-definitions.js";
import { InvariantChecker } from "./invariants.js";

// The base STU3 definitions have no warning-level constraint and repeat no key but ele-1, so a
// hand-made Consent definition (added to the real Element and Extension) shows which constraints
// become resource invariants.
function checkerWith(
  constraints: { path: string; key: string; severity: string; expression: string }[],
) {
  const definitions = new Map(loadBaseDefinitions().structureDefinitions);
  const element = constraints.map(({ path, ...constraint }) => ({
    path,
    constraint: [{ ...constraint, human: `${constraint.key} as written` }],
  }));
  definitions.set("Consent", { snapshot: { element } } as StructureDefinitionJson);
  return new InvariantChecker(definitions);
}

const consent = { resourceType: "Consent", status: "active", patient: { reference: "Patient/1" } };

it("leaves out a constraint whose severity is warning", () => {
  const checker = checkerWith([
    { path: "Consent", key: "x-1", severity: "warning", expression: "false" },
  ]);
  expect(checker.checkResource(consent, "Consent")).toStrictEqual([]);
});

it("keeps the first of two constraints with one key, with its own context", () => {
  const checker = checkerWith([
    { path: "Consent", key: "x-1", severity: "error", expression: "status.exists()" },
    { path: "Consent.patient", key: "x-1", severity: "error", expression: "false" },
  ]);
  expect(checker.checkResource(consent, "Consent")).toStrictEqual([]);
});
