import { describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import { consentFor, proxyExtension, testValidator } from "../testing/index.js";
import type { FaultName } from "./faults.js";
import { readInboundConsent } from "./inbound-consent.js";
import { ruleSet } from "./rule-set.js";
import { SpineError } from "./spine-outcome.js";

/**
 * The rule-forgetting fault modes judged through the real validator: each forgives exactly the
 * issues (`<ruleId>@<location>`) its pattern names, whatever the index in the location.
 */

/** The inbound judge's answer: "accepted", or the refusal's status, Spine code and diagnostics. */
function judge(consent: JsonObject, faults: FaultName[]) {
  const out = readInboundConsent(
    Buffer.from(JSON.stringify(consent)),
    "application/fhir+json",
    testValidator(),
    ruleSet(faults),
  );
  return out instanceof SpineError ? [out.status, out.spineCode, out.diagnostics] : "accepted";
}

const OTHER_ORGANIZATION = { reference: "https://example.org/Organization/A" };

describe("a fault mode that forgets a rule of sections 7 and 8", () => {
  it("accept-any-custodian forgives another custodian, at every organization index", () => {
    const consent = consentFor();
    const oneOther = { ...consent, organization: [OTHER_ORGANIZATION] };
    expect(judge(oneOther, [])).toEqual([
      422,
      "INVALID_VALUE",
      'Consent.organization[0].reference: Consent.organization[0].reference must be "https://directory.spineservices.nhs.uk/STU3/Organization/X26" (fixed by NDOP-Consent-1), not "https://example.org/Organization/A". (and 1 more: Consent.organization[0].reference)',
    ]);
    expect(judge(oneOther, ["accept-any-custodian"])).toBe("accepted");
    // Eleven: the custodian issues of organization[10] are forgiven too; only the count is left.
    const eleven = { ...consent, organization: Array(11).fill(OTHER_ORGANIZATION) };
    expect(judge(eleven, ["accept-any-custodian"])).toEqual([
      422,
      "INVALID_RESOURCE",
      "Consent.organization: Consent.organization occurs 11 times; NDOP-Consent-1 allows at most 1.",
    ]);
  });

  it("accept-proxy-value forgives a value on the proxy extension, and nothing else", () => {
    const consent = consentFor();
    const proxy = { ...proxyExtension(), valueString: "x" };
    const withValue = {
      ...consent,
      consentingParty: undefined,
      extension: [...(consent.extension as JsonObject[]), proxy],
    };
    expect(judge(withValue, [])).toEqual([
      422,
      "FHIR_CONSTRAINT_VIOLATION",
      "Consent.extension[1]: Must have either extensions or value[x], not both (ext-1). (and 1 more: Consent.extension[1].valueString)",
    ]);
    expect(judge(withValue, ["accept-proxy-value"])).toBe("accepted");
  });

  it("accept-forbidden-elements forgives a source[x] of any type", () => {
    const consent = consentFor();
    for (const source of [
      { sourceReference: { reference: "https://example.org/Consent/1" } },
      { sourceAttachment: { url: "https://example.org/form.pdf" } },
    ]) {
      const [name] = Object.keys(source);
      expect(judge({ ...consent, ...source }, [])).toEqual([
        422,
        "INVALID_ELEMENT",
        `Consent.${name}: Consent.${name} is not allowed by NDOP-Consent-1 (max 0).`,
      ]);
      expect(judge({ ...consent, ...source }, ["accept-forbidden-elements"])).toBe("accepted");
    }
  });
});
