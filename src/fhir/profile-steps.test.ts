import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { NdopValidator } from "./validator.js";

const consent = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../fixtures/validation/consent.json", import.meta.url)),
    "utf8",
  ),
);
const validator = NdopValidator.create();

// Consent.source[x] is optional and unsliced, so an absent one is passed over before any item is
// built; a present one, under any of its types' keys, must still reach the profile's max = 0.
it.each([
  ["sourceReference", { reference: "Consent/1" }],
  ["sourceIdentifier", { value: "1" }],
])("reports a %s the NDOP profile forbids (source[x] max 0)", (key, value) => {
  const issues = validator
    .validate({ ...consent, [key]: value })
    .issues.filter((issue) => issue.layer === "profile");
  expect(issues.map(({ ruleId, location }) => `${ruleId} ${location}`)).toEqual([
    `profile-forbidden Consent.${key}`,
  ]);
});

it("passes the same Consent without a source", () => {
  expect(validator.validate(consent).issues.filter((issue) => issue.layer === "profile")).toEqual(
    [],
  );
});
