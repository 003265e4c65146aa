import { describe, expect, it } from "vitest";
import { stableReason } from "./baseline-reasons.js";
import { globToRegExp } from "./selection.js";

describe("baseline reasons carry no run-specific ids", () => {
  it("replaces UUIDs, version ids, ports, times and NHS numbers with placeholders", () => {
    expect(
      stableReason(
        'failing when recorded: step 2: GET http://127.0.0.1:40123/STU3/Consent/6f1c2a9e-3b4d-4e5f-8a9b-0c1d2e3f4a5b/_history/3: ETag W/"3" at 2026-11-25T22:41:12.345Z for 9992284129',
      ),
    ).toBe(
      'failing when recorded: step 2: GET http://127.0.0.1:<port>/STU3/Consent/<id>/_history/<vid>: ETag W/"<vid>" at <time> for <nhs-number>',
    );
  });

  it("two runs' reasons for the same failure read the same", () => {
    const first = stableReason(
      "GET /Consent/ndop-conformance-missing-9992284129/_history: expected HTTP 404, got 500",
    );
    const second = stableReason(
      "GET /Consent/ndop-conformance-missing-9993330011/_history: expected HTTP 404, got 500",
    );
    expect(first).toBe(second);
    expect(first).toBe("GET /Consent/<id>/_history: expected HTTP 404, got 500");
  });
});

describe("fixture globs", () => {
  it("* stays within a name, ** crosses suites, ? is one character", () => {
    expect(globToRegExp("create/*").test("create/201-new-patient")).toBe(true);
    expect(globToRegExp("*").test("create/201-new-patient")).toBe(false);
    expect(globToRegExp("**/422-*").test("errors/422-duplicate")).toBe(true);
    expect(globToRegExp("errors/40?-*").test("errors/405-create-with-id")).toBe(true);
    expect(globToRegExp("errors/40?-*").test("errors/422-duplicate")).toBe(false);
    expect(globToRegExp("a.b/c").test("aXb/c")).toBe(false);
  });
});
