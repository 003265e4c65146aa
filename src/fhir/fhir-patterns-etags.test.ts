import { expect, it } from "vitest";
import { versionOfEtag } from "./fhir-patterns.js";

it("names no version for an ETag with anything before or after the quoted version", () => {
  expect(['x"3"', '"3"x', 'W/"3"x', ' "3"', '"3" '].map(versionOfEtag)).toStrictEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  expect(versionOfEtag('W/"3"')).toBe("3");
});
