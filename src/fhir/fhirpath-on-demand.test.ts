import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * fhirpath.js's compiler costs ~100 ms of CPU to load, paid twice by every conformance run (the
 * sandbox and the suites' worker each hold a validator) and once by every `validate`. Only an
 * invariant that invariant-shortcut.ts cannot decide needs it, so it is loaded then. A fresh
 * process (real, not this worker, which other test files may have loaded it into) shows when.
 */
const PROJECT = fileURLToPath(new URL("../../", import.meta.url));

const SCRIPT = `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
const { NdopValidator } = await import("./dist/fhir/index.js");
const cache = createRequire(import.meta.url)("node:module")._cache;
const compilerLoaded = () =>
  Object.keys(cache).some((file) => file.endsWith("/node_modules/fhirpath/src/fhirpath.js"));
const validator = NdopValidator.create();
const consent = JSON.parse(readFileSync("fixtures/validation/consent.json", "utf8"));
const inputs = [
  ["Consent", consent],
  ["history Bundle", JSON.parse(readFileSync("fixtures/validation/history-bundle.json", "utf8"))],
  ["OperationOutcome", JSON.parse(readFileSync("fixtures/validation/operation-outcome.json", "utf8"))],
  ["Consent with an empty period", { ...consent, period: { id: "p" } }],
];
for (const [name, resource] of inputs) {
  const { valid, issues } = validator.validate(JSON.stringify(resource));
  const errors = issues.filter((issue) => issue.severity === "error");
  console.log(name + ": " + (valid ? "valid" : errors.map((issue) => issue.location + " " + issue.ruleId).join(", ")) + ", compiler " + (compilerLoaded() ? "loaded" : "not loaded"));
}
`;

describe("fhirpath.js's compiler", () => {
  it("is loaded only when an invariant needs it", () => {
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", SCRIPT], {
      cwd: PROJECT,
      encoding: "utf8",
    });
    expect(output.trim().split("\n")).toEqual([
      "Consent: valid, compiler not loaded",
      "history Bundle: valid, compiler not loaded",
      "OperationOutcome: valid, compiler not loaded",
      "Consent with an empty period: Consent.period inv-ele-1, Consent.period profile-forbidden, compiler loaded",
    ]);
  });
});
