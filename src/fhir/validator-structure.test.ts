import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json-object.js";
import { NDOP_CONSENT_PROFILE } from "./ndop-rules.js";
import { NdopValidator } from "./validator.js";

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));

function consent(): JsonObject {
  return JSON.parse(readFileSync(`${fixtures}consent.json`, "utf8")) as JsonObject;
}

const validator = () => NdopValidator.create();

const policyNotObject = (index: number) => ({
  severity: "error",
  code: "value",
  location: `Consent.policy[${index}]`,
  message: "policy is a FHIR BackboneElement, so it must be a JSON object, not a number.",
  ruleId: "base-datatype",
  layer: "base",
});

describe("NdopValidator: a Bundle's entries", () => {
  it("judges each entry's resource at its own location, and names each profile once", () => {
    const bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [{ resource: consent() }, { resource: { ...consent(), status: "draft" } }],
    };
    expect(validator().validate(bundle)).toStrictEqual({
      valid: false,
      parsed: true,
      format: "json",
      resourceType: "Bundle",
      profiles: [NDOP_CONSENT_PROFILE],
      issues: [
        {
          severity: "error",
          code: "value",
          location: "Bundle.entry[1].resource.status",
          message:
            'status must be "active" (opted out) or "inactive" (opt-out withdrawn), not "draft".',
          ruleId: "ndop-status",
          layer: "rule",
        },
      ],
    });
  });

  it("passes over entries that are null or hold no typed resource", () => {
    const bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [null, { resource: { id: "x" } }, { resource: null }],
    };
    const result = validator().validate(bundle);
    expect(result.profiles).toEqual([]);
    expect(result.issues.map((issue) => [issue.ruleId, issue.location])).toEqual([
      ["base-datatype", "Bundle.entry[0]"],
      ["inv-ele-1", "Bundle.entry[1].resource"],
      ["inv-ele-1", "Bundle.entry[2]"],
      ["base-datatype", "Bundle.entry[2].resource"],
      ["inv-bdl-5", "Bundle.entry[0]"],
      ["inv-bdl-5", "Bundle.entry[2]"],
    ]);
  });

  it("does not look for entries in a resource that is not a Bundle", () => {
    const withEntry = { ...consent(), entry: [{ resource: { ...consent(), status: "draft" } }] };
    const result = validator().validate(withEntry);
    expect(result.issues.map((issue) => [issue.ruleId, issue.location])).toEqual([
      ["base-unknown-element", "Consent.entry"],
    ]);
  });
});

describe("NdopValidator: structure before profiles", () => {
  it("reports a wrongly shaped element once, without FHIR.js's could-not-walk message", () => {
    const result = validator().validate({ ...consent(), status: ["active"] });
    expect(result.issues.map((issue) => [issue.ruleId, issue.location])).toEqual([
      ["base-cardinality", "Consent.status"],
      ["base-binding", "Consent.status"],
      ["ndop-status", "Consent.status"],
    ]);
  });

  it("still runs the profiles when errors stay below the cap", () => {
    const result = validator().validate({ ...consent(), policy: Array(999).fill(5) });
    expect(result.profiles).toEqual([NDOP_CONSENT_PROFILE]);
    expect(result.issues.length).toBe(1000);
    expect(result.issues.at(-1)).toStrictEqual({
      severity: "error",
      code: "structure",
      location: "Consent.policy",
      message: "Consent.policy occurs 999 times; NDOP-Consent-1 allows at most 1.",
      ruleId: "profile-max",
      layer: "profile",
      profile: NDOP_CONSENT_PROFILE,
    });
  });

  it("stops once the cap is full of errors: the verdict cannot change", () => {
    const result = validator().validate({ ...consent(), policy: Array(1001).fill(5) });
    expect(result.valid).toBe(false);
    expect(result.profiles).toEqual([]);
    expect(result.issues.slice(-2)).toStrictEqual([
      policyNotObject(999),
      {
        severity: "error",
        code: "too-costly",
        location: "",
        message: "and 1 more issues, not listed (only the first 1,000 are kept).",
        ruleId: "issues-capped",
        layer: "parse",
      },
    ]);
  });

  it("once the cap is full of errors, skips the base validator's findings", () => {
    const tags = Array.from({ length: 1001 }, () => ({ code: " x" }));
    const bogus: JsonObject = { ...consent(), status: "bogus" };
    const result = validator().validate({
      ...bogus,
      meta: { ...(bogus.meta as object), tag: tags },
    });
    expect(result.issues.length).toBe(1001);
    expect(result.issues[0]?.ruleId).toBe("base-format");
    expect(result.issues.at(-1)?.message).toBe(CAPPED_BY_ONE);
  });

  it("once the cap is full of errors, skips the element invariants", () => {
    const result = validator().validate({
      ...consent(),
      policy: Array(1001).fill(5),
      dataPeriod: { id: "d" },
    });
    expect(result.issues.length).toBe(1001);
    expect(result.issues.at(-1)?.message).toBe(CAPPED_BY_ONE);
  });
});

const CAPPED_BY_ONE = "and 1 more issues, not listed (only the first 1,000 are kept).";
