import { expect, it } from "vitest";
import { baseIssue, baseConsentIssues as validate } from "../testing/fhir-inputs.js";
import { Terminology } from "./terminology.js";

// FHIR.js on hand-made Consents: which rule each of its messages is filed under.
it.each(["Unexpected property", "Missing property"])(
  "files a code %j quoted in a binding message as a binding issue",
  (status) => {
    expect(validate({ status })).toStrictEqual([
      baseIssue(
        "Consent.status",
        `Code "${status}" not found in value set`,
        "base-binding",
        "code-invalid",
      ),
    ]);
  },
);

it("files a single object where an array belongs as a cardinality issue", () => {
  expect(validate({ category: { text: "x" } })).toStrictEqual([
    baseIssue("Consent.category", "Property is not an array", "base-cardinality", "structure"),
  ]);
});

it("finds no code in a CodeSystem without concepts, not even 'undefined'", () => {
  const terminology = new Terminology();
  terminology.addCodeSystem({ url: "http://cs" });
  terminology.addValueSet({ url: "http://vs", compose: { include: [{ system: "http://cs" }] } });
  expect(terminology.contains("http://vs", "http://cs", "undefined")).toBe("not-member");
});
