import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConformanceError } from "../errors/index.js";
import { withConsentProfileRenamed } from "../testing/fhir-inputs.js";
import type { JsonObject } from "./json-object.js";
import { NDOP_CONSENT_PROFILE, SPINE_OUTCOME_PROFILE } from "./ndop-rules.js";
import { NdopValidator } from "./validator.js";

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));

/** A fresh copy of a fixture under fixtures/validation, read inside the test that uses it. */
function fixture(name: string): JsonObject {
  return JSON.parse(readFileSync(`${fixtures}${name}.json`, "utf8")) as JsonObject;
}

/** Built inside each test, so that mutation testing counts the validator's setup as tested. */
const validator = () => NdopValidator.create();

describe("NdopValidator: unreadable input", () => {
  it("refuses a --profile that is not in the profile set, naming the directory", () => {
    const v = validator();
    const attempt = () => v.validate(fixture("consent"), { profile: "http://example.org/P" });
    expect(attempt).toThrow(ConformanceError);
    expect(attempt).toThrow(`Profile http://example.org/P is not in ${v.profileSet.directory}.`);
    try {
      attempt();
    } catch (error) {
      expect((error as ConformanceError).code).toBe("PROFILE_UNKNOWN");
    }
  });

  it("reports text in no known format as unparsed, with no format", () => {
    expect(validator().validate("not json")).toStrictEqual({
      valid: false,
      parsed: false,
      profiles: [],
      issues: [
        {
          severity: "fatal",
          code: "structure",
          location: "",
          message:
            "The input is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<').",
          ruleId: "parse-format",
          layer: "parse",
        },
      ],
    });
  });

  it("reports broken XML as unparsed XML", () => {
    const result = validator().validate("<Consent");
    expect(result).toStrictEqual({
      valid: false,
      parsed: false,
      format: "xml",
      profiles: [],
      issues: [
        {
          severity: "fatal",
          code: "structure",
          location: "",
          message: "The XML is not well-formed: 1:8: document must contain a root element.",
          ruleId: "parse-xml",
          layer: "parse",
        },
      ],
    });
  });

  it("reports a resource type in the wrong case as read (parsed) but invalid", () => {
    expect(validator().validate({ resourceType: "consent" })).toStrictEqual({
      valid: false,
      parsed: true,
      format: "json",
      profiles: [],
      issues: [
        {
          severity: "error",
          code: "invalid",
          location: "resourceType",
          message:
            '"consent" is not a FHIR STU3 resource type; resource types are case-sensitive (did you mean "Consent"?).',
          ruleId: "resource-type-case",
          layer: "parse",
        },
      ],
    });
  });
});

describe("NdopValidator: which profiles judge a resource", () => {
  it("judges a Consent against the NDOP profile and hands back the resource as read", () => {
    const consent = fixture("consent");
    const { result, resource } = validator().check(JSON.stringify(consent));
    expect(result).toStrictEqual({
      valid: true,
      parsed: true,
      format: "json",
      resourceType: "Consent",
      profiles: [NDOP_CONSENT_PROFILE],
      issues: [],
    });
    expect(resource).toStrictEqual(consent);
  });

  it("judges an OperationOutcome against the Spine profile only, not the Consent rules", () => {
    expect(validator().validate(fixture("operation-outcome"))).toStrictEqual({
      valid: true,
      parsed: true,
      format: "json",
      resourceType: "OperationOutcome",
      profiles: [SPINE_OUTCOME_PROFILE],
      issues: [],
    });
  });

  it("warns of a declared profile it does not hold and falls back to the type's default", () => {
    const consent = { ...fixture("consent"), meta: { profile: ["http://nope/x", 5] } };
    const result = validator().validate(consent);
    expect(result.profiles).toEqual([NDOP_CONSENT_PROFILE]);
    expect(result.issues).toStrictEqual([
      {
        severity: "error",
        code: "value",
        location: "Consent.meta.profile[1]",
        message: "profile is a FHIR uri, so it must be a JSON string, not a number.",
        ruleId: "base-datatype",
        layer: "base",
      },
      {
        severity: "warning",
        code: "not-supported",
        location: "Consent.meta.profile",
        message:
          "Profile http://nope/x is not in the loaded profile set; the resource was checked against the STU3 base only for it.",
        ruleId: "profile-unknown",
        layer: "profile",
      },
      {
        severity: "error",
        code: "required",
        location: "Consent.meta.profile",
        message: `An NDOP Consent must declare meta.profile ${NDOP_CONSENT_PROFILE}.`,
        ruleId: "ndop-meta-profile",
        layer: "rule",
      },
    ]);
  });

  it("judges only the known profile when a known and an unknown one are declared", () => {
    const outcome = fixture("operation-outcome");
    outcome.meta = { profile: ["http://nope/y", SPINE_OUTCOME_PROFILE] };
    const result = validator().validate(outcome);
    expect(result.valid).toBe(true);
    expect(result.profiles).toEqual([SPINE_OUTCOME_PROFILE]);
    expect(result.issues.map((issue) => [issue.ruleId, issue.location])).toEqual([
      ["profile-unknown", "OperationOutcome.meta.profile"],
    ]);
  });

  it("judges a declared profile of another type rather than the type's default", () => {
    const declared = { ...fixture("consent"), meta: { profile: [SPINE_OUTCOME_PROFILE] } };
    const result = validator().validate(declared);
    expect(result.profiles).toEqual([SPINE_OUTCOME_PROFILE]);
    expect(result.issues).toStrictEqual([
      mismatch("Consent", "Spine-OperationOutcome-1", "OperationOutcome"),
    ]);
  });

  it("says a resource of another type cannot conform to the profile it is judged against", () => {
    const v = validator();
    const consent = v.validate(fixture("consent"), { profile: SPINE_OUTCOME_PROFILE });
    const outcome = v.validate(fixture("operation-outcome"), { profile: NDOP_CONSENT_PROFILE });
    expect([consent.profiles, outcome.profiles]).toEqual([
      [SPINE_OUTCOME_PROFILE],
      [NDOP_CONSENT_PROFILE],
    ]);
    expect([...consent.issues, ...outcome.issues]).toStrictEqual([
      mismatch("Consent", "Spine-OperationOutcome-1", "OperationOutcome"),
      mismatch("OperationOutcome", "NDOP-Consent-1", "Consent"),
    ]);
  });
});

function mismatch(type: string, profile: string, constrained: string) {
  return {
    severity: "error",
    code: "invalid",
    location: type,
    message: `Profile ${profile} constrains ${constrained}, so a ${type} cannot conform to it.`,
    ruleId: "profile-type-mismatch",
    layer: "profile",
  };
}

describe("NdopValidator: the NDOP business rules", () => {
  it("applies them for the NDOP Consent profile only, not for another Consent profile", () => {
    const copy = "https://example.org/Consent-Copy";
    withConsentProfileRenamed(copy, (dir) => {
      const consent = { ...fixture("consent"), patient: { reference: "Patient/1" } };
      const result = NdopValidator.create({ profilesDir: dir }).validate({
        ...consent,
        meta: { profile: [copy] },
      });
      expect([result.valid, result.profiles, result.issues]).toEqual([true, [copy], []]);
    });
  });
});
