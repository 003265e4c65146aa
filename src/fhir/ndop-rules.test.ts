import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-object.js";
import {
  checkConsentRules,
  NDOP_CONSENT_PROFILE,
  PDS_PATIENT_BASE,
  PROXY_EXTENSION,
  X26_ORGANIZATION,
} from "./ndop-rules.js";

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));
const consent = (): JsonObject =>
  JSON.parse(readFileSync(`${fixtures}consent.json`, "utf8")) as JsonObject;

/** The rule issues, one line each: code, rule, location and message (all are rule-layer errors). */
function ruleIssues(resource: JsonObject): string[] {
  return checkConsentRules(resource, "C").map((issue) => {
    expect([issue.severity, issue.layer]).toEqual(["error", "rule"]);
    return `${issue.code} ${issue.ruleId} ${issue.location}: ${issue.message}`;
  });
}

const ROLE_MISSING =
  "The proxy extension must carry a role sub-extension (GUARDIAN, POA or COURTDEP).";

describe("checkConsentRules (contract section 8)", () => {
  it("finds nothing to say about the conformant fixture Consent", () => {
    expect(ruleIssues(consent())).toEqual([]);
  });

  it("names every broken rule of a Consent, with its location and message", () => {
    const broken: JsonObject = {
      ...consent(),
      meta: { profile: ["http://other"] },
      status: "draft",
      dateTime: "2017-12-14",
      patient: { reference: "Patient/1" },
      consentingParty: [{ reference: `${PDS_PATIENT_BASE}9990000019` }],
      organization: [null, { reference: "X" }],
      extension: [null, { url: PROXY_EXTENSION, extension: [null, { url: "role" }] }],
    };
    expect(ruleIssues(broken)).toEqual([
      `required ndop-meta-profile C.meta.profile: An NDOP Consent must declare meta.profile ${NDOP_CONSENT_PROFILE}.`,
      'value ndop-status C.status: status must be "active" (opted out) or "inactive" (opt-out withdrawn), not "draft".',
      'value ndop-datetime C.dateTime: dateTime "2017-12-14" must be a full date, time with seconds, and timezone, e.g. 2017-12-14T11:15:33+00:00.',
      `value ndop-patient-reference C.patient.reference: patient must reference the patient's PDS record as ${PDS_PATIENT_BASE}<NHS number>, not "Patient/1".`,
      'value ndop-nhs-number C.consentingParty[0].reference: "9990000019" in consentingParty is not a valid NHS number (ten digits with a Modulus 11 check digit).',
      `required ndop-proxy-role C.extension[1]: ${ROLE_MISSING}`,
      "business-rule ndop-consenter-xor-proxy C.consentingParty: A Consent has either a consentingParty or a proxy extension, not both.",
      `value ndop-custodian C.organization[0].reference: The custodian must be NHS Digital, ${X26_ORGANIZATION}.`,
      `value ndop-custodian C.organization[1].reference: The custodian must be NHS Digital, ${X26_ORGANIZATION}.`,
    ]);
  });

  it("leaves absent elements to the profile, but needs a consenter or a proxy", () => {
    const bare: JsonObject = { resourceType: "Consent", meta: { profile: [NDOP_CONSENT_PROFILE] } };
    expect(ruleIssues(bare)).toEqual([
      "business-rule ndop-consenter-xor-proxy C.consentingParty: A Consent needs a consentingParty (the patient) or, when a proxy set the preference, the proxy extension.",
    ]);
  });

  it("accepts a proxy with a role in place of a consenter, and refuses one without sub-extensions", () => {
    const proxied = (proxy: JsonObject): JsonObject => {
      const { consentingParty: _, ...rest } = consent();
      return { ...rest, extension: [proxy] };
    };
    const role = { url: "role", valueCodeableConcept: { text: "GUARDIAN" } };
    expect(ruleIssues(proxied({ url: PROXY_EXTENSION, extension: [role] }))).toEqual([]);
    expect(ruleIssues(proxied({ url: PROXY_EXTENSION }))).toEqual([
      `required ndop-proxy-role C.extension[0]: ${ROLE_MISSING}`,
    ]);
    expect(
      ruleIssues(
        proxied({ url: PROXY_EXTENSION, extension: [{ url: "other", valueCodeableConcept: {} }] }),
      ),
    ).toEqual([`required ndop-proxy-role C.extension[0]: ${ROLE_MISSING}`]);
  });
});
