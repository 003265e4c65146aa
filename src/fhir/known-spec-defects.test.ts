import { expect, it } from "vitest";
import type { ValidationIssue } from "./issues.js";
import { asKnownDefect, knownDefectBehind, knownSpecDefect } from "./known-spec-defects.js";
import type { JsonObject } from "./resource-reader.js";

// Which invariant issues on which hand-made Bundles are known defects of the published specification.
const invariantIssue = (ruleId: string): ValidationIssue => ({
  severity: "error",
  code: "invariant",
  location: "Bundle",
  message: "Rule broken.",
  ruleId,
  layer: "invariant",
});

const entry = (fullUrl: unknown, versionId?: unknown) => ({
  fullUrl,
  resource: {
    resourceType: "Consent",
    ...(versionId === undefined ? {} : { meta: { versionId } }),
  },
});

const history = (entries: unknown[]): JsonObject => ({
  resourceType: "Bundle",
  type: "history",
  entry: entries,
});

it.each([
  [
    "two versions of one resource",
    [entry("urn:a", "1"), entry("urn:a", "2")],
    "stu3-bdl-7-history",
  ],
  ["one url without versions", [entry("urn:a"), entry("urn:a")], "stu3-bdl-7-history"],
  ["entries without a string url", [null, entry(5, "1"), entry(5, "1")], "stu3-bdl-7-history"],
  [
    "the same url and version twice",
    [entry("urn:a", "1"), entry("urn:b", "1"), entry("urn:a", "1")],
    undefined,
  ],
  [
    "the same version of different urls",
    [entry("urn:a", "1"), entry("urn:b", "1")],
    "stu3-bdl-7-history",
  ],
])("judges inv-bdl-7 on a history Bundle with %s", (_, entries, defect) => {
  expect(knownDefectBehind(invariantIssue("inv-bdl-7"), history(entries))?.id).toBe(defect);
});

it.each([
  [history([]), "inv-bdl-4", "stu3-bdl-4"],
  [history([]), "inv-bdl-1", undefined],
  [{ resourceType: "Bundle", type: "searchset", entry: [] }, "inv-bdl-4", undefined],
  [{ resourceType: "Bundle", type: "searchset", entry: [] }, "inv-bdl-7", undefined],
  [{ resourceType: "Consent", type: "history" }, "inv-bdl-4", undefined],
])("judges an issue on %j with rule %s", (resource, ruleId, defect) => {
  expect(knownDefectBehind(invariantIssue(ruleId), resource as JsonObject)?.id).toBe(defect);
});

it.each([
  ["stu3-bdl-4", "stu3-bdl-4"],
  ["known-defect:stu3-bdl-7-history", "stu3-bdl-7-history"],
  ["known-defect:", undefined],
  ["x-known-defect:stu3-bdl-4", undefined],
  ["inv-bdl-4", undefined],
])("finds the defect %s", (id, found) => {
  expect(knownSpecDefect(id)?.id).toBe(found);
});

it.each([
  [false, "warning", "a warning; --strict makes it an error"],
  [true, "error", "an error because strict mode is on"],
])("turns an issue into its known defect (strict: %s)", (strict, severity, says) => {
  const defect = knownSpecDefect("stu3-bdl-4");
  if (defect === undefined) throw new Error("stu3-bdl-4 is in the register");
  expect(asKnownDefect(invariantIssue("inv-bdl-4"), defect, strict)).toEqual({
    ...invariantIssue("inv-bdl-4"),
    severity,
    ruleId: "known-defect:stu3-bdl-4",
    message: `Rule broken. This is known defect stu3-bdl-4 of the published specification (see docs/known-spec-defects.md): ${says}.`,
  });
});
