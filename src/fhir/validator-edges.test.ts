import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { ConformanceError } from "../errors/index.js";
import { withConsentProfileRenamed } from "../testing/fhir-inputs.js";
import type { JsonObject } from "./json-object.js";
import { NdopValidator } from "./validator.js";

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));

/** A fresh copy of a fixture under fixtures/validation, read inside the test that uses it. */
function fixture(name: string): JsonObject {
  return JSON.parse(readFileSync(`${fixtures}${name}.json`, "utf8")) as JsonObject;
}

describe("NdopValidator: edges of the layers", () => {
  it("names the unknown --profile and the known ones in the error's context", () => {
    const v = NdopValidator.create();
    let thrown: unknown;
    try {
      v.validate(fixture("consent"), { profile: "http://example.org/P" });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as ConformanceError).context).toStrictEqual({
      profile: "http://example.org/P",
      known: v.profileSet.urls(),
    });
  });

  it("keeps FHIR.js's base-structure message when no wrong JSON shape explains it", () => {
    const consent = { ...fixture("consent"), contained: [{ resourceType: "Foo" }] };
    const result = NdopValidator.create().validate(consent);
    expect(result.issues.filter((issue) => issue.ruleId === "base-structure")).toStrictEqual([
      {
        severity: "fatal",
        code: "structure",
        location: "",
        message:
          "Resource does not have resourceType property, or value is not a valid resource type.",
        ruleId: "base-structure",
        layer: "base",
      },
    ]);
  });

  it("judges no Bundle entry against profiles when its resource names no resourceType", () => {
    const bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [{ resource: { meta: { profile: ["http://example.org/unknown"] } } }],
    };
    const result = NdopValidator.create().validate(bundle);
    expect(result.profiles).toStrictEqual([]);
    expect(result.issues.filter((issue) => issue.layer === "profile")).toStrictEqual([]);
  });

  it("finds no default profile for an entry whose resourceType names a member of every object", () => {
    const entry = (type: string) => ({ resource: { resourceType: type } });
    const bundle = {
      resourceType: "Bundle",
      type: "collection",
      entry: [entry("constructor"), entry("toString")],
    };
    const result = NdopValidator.create().validate(bundle);
    expect([result.valid, result.profiles]).toStrictEqual([false, []]);
  });

  it("judges a Consent against no profile when its default one is not in the set", () => {
    withConsentProfileRenamed("https://example.org/Consent-Copy", (dir) => {
      const { meta: _declared, ...undeclared } = fixture("consent");
      const consent = { ...undeclared, patient: { reference: "Patient/1" } };
      const result = NdopValidator.create({ profilesDir: dir }).validate(consent);
      expect([result.valid, result.profiles, result.issues]).toStrictEqual([true, [], []]);
    });
  });
});
