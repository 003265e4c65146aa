import { expect, it } from "vitest";
import { type JsonObject, NdopValidator } from "../fhir/index.js";
import { consentFor } from "../testing/index.js";
import { readInboundConsent } from "./inbound-consent.js";
import { ruleSet } from "./rule-set.js";

/** A Consent whose purpose coding has `changes`, judged as the body of a create. */
function judge(changes: JsonObject) {
  const consent = consentFor("9990000018");
  const [purpose] = consent.purpose as JsonObject[];
  const body = Buffer.from(JSON.stringify({ ...consent, purpose: [{ ...purpose, ...changes }] }));
  const judged = readInboundConsent(
    body,
    "application/fhir+json",
    NdopValidator.create(),
    ruleSet([]),
  );
  return "spineCode" in judged ? [judged.status, judged.spineCode, judged.diagnostics] : judged;
}

it("answers an error at a .system from a rule other than a fixed value with that rule's code", () => {
  expect(judge({ system: 5 })).toStrictEqual([
    422,
    "INVALID_VALUE",
    "Consent.purpose[0].system: system is a FHIR uri, so it must be a JSON string, not a number. (and 1 more: Consent.purpose[0].system)",
  ]);
});
