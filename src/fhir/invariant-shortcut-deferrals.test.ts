import { createRequire } from "node:module";
import type { Model } from "fhirpath";
import { describe, expect, it } from "vitest";
import { distinctVersions, extensionOrValue, unversionedFullUrl } from "./invariant-shortcut.js";

const require = createRequire(import.meta.url);

/** A Bundle of the given entries. */
const bundle = (...entry: unknown[]) => ({ resourceType: "Bundle", entry });
const versioned = (meta: unknown, extra: object = {}) => ({
  fullUrl: "urn:a",
  resource: { resourceType: "Consent", meta, ...extra },
});

describe("distinctVersions: decides plain Bundles, defers everything else (undefined)", () => {
  it("decides entries with no fullUrl, no resource, no meta or no versionId", () => {
    expect(distinctVersions(bundle({}))).toBe(true);
    expect(distinctVersions(bundle({ fullUrl: "urn:a" }))).toBe(true);
    expect(
      distinctVersions(bundle({ fullUrl: "urn:a", resource: { resourceType: "Consent" } })),
    ).toBe(true);
    expect(distinctVersions(bundle(versioned({})))).toBe(true);
    expect(
      distinctVersions(bundle(versioned({ versionId: "1" }), versioned({ versionId: "2" }))),
    ).toBe(true);
  });

  it("defers Bundles whose entries carry _ siblings or are not an array", () => {
    const withEntryExtras = { ...bundle({ fullUrl: "urn:a" }), _entry: [{ id: "e" }] };
    expect(distinctVersions(withEntryExtras)).toBeUndefined();
    expect(
      distinctVersions({ resourceType: "Bundle", entry: { fullUrl: "urn:a" } }),
    ).toBeUndefined();
    expect(distinctVersions(bundle({ fullUrl: "urn:a", _resource: { id: "r" } }))).toBeUndefined();
    expect(
      distinctVersions(bundle(versioned({ versionId: "1" }, { _meta: { id: "m" } }))),
    ).toBeUndefined();
    expect(
      distinctVersions(bundle(versioned({ versionId: "1", _versionId: { id: "v" } }))),
    ).toBeUndefined();
  });

  it("defers a meta that names a resourceType, which FHIRPath would re-root", () => {
    expect(
      distinctVersions(bundle(versioned({ versionId: "1", resourceType: "Meta" }))),
    ).toBeUndefined();
  });
});

describe("unversionedFullUrl and extensionOrValue: what they defer", () => {
  it("defers a fullUrl with a _fullUrl sibling, and decides a plain one", () => {
    expect(unversionedFullUrl({ fullUrl: "urn:a", _fullUrl: { id: "x" } })).toBeUndefined();
    expect(unversionedFullUrl({ fullUrl: "urn:a/_history/1" })).toBe(false);
  });

  it("decides an Extension node that names its own type", () => {
    const ext1 = extensionOrValue(require("fhirpath/fhir-context/stu3/index.js") as Model);
    expect(ext1({ resourceType: "Extension", url: "x", valueString: "a" })).toBe(true);
    expect(ext1({ resourceType: "Patient", url: "x", valueString: "a" })).toBeUndefined();
  });
});
