import { expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { validateBaseStructure } from "./base-validator.js";

// FHIR.js on a hand-made Consent without its required patient: the issue type FHIR.js's message maps to.
it("files a missing required element as a base-required issue of type required", () => {
  const consent = { resourceType: "Consent", status: "active" };
  const issues = validateBaseStructure(consent, loadBaseDefinitions().parser);
  expect(issues.map(({ ruleId, code }) => ({ ruleId, code }))).toStrictEqual([
    { ruleId: "base-required", code: "required" },
  ]);
});
