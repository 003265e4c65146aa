import { expect, it } from "vitest";
import {
  handMadeCompiled as compiled,
  profileIssue,
  handMadeRule as rule,
} from "../testing/profile-rules.js";
import { checkProfile } from "./profile-checker.js";
import type { ElementRule } from "./profile-model.js";
import type { JsonObject } from "./resource-reader.js";
import { Terminology } from "./terminology.js";

// Instance shapes at the edge of what the profile layer reads: choices, absent elements, null.
const URL = "urn:profile:P";

function check(resource: JsonObject, children: Record<string, ElementRule>) {
  const profile = compiled("P", "Consent", rule("Consent", {}, children));
  return checkProfile(resource, profile, "Consent", {
    profile: () => undefined,
    terminology: new Terminology(),
  });
}

it("takes as a choice's value only a member whose stem is followed by a type name", () => {
  const children = { "value[x]": rule("Consent.value[x]", { min: 1 }) };
  const missing = profileIssue(
    URL,
    "Consent.value[x]",
    "profile-min",
    "required",
    "Consent.value[x] is required by P but missing.",
  );
  for (const stray of ["value", "value1", "value_", "valuestring", "valu"]) {
    expect(check({ [stray]: "x" }, children)).toEqual([missing]);
  }
  expect(check({ valueString: "x" }, children)).toEqual([]);
  expect(check({ valueZ: "x" }, children)).toEqual([]);
  expect(check({ valueA: "x" }, children)).toEqual([]);
});

it("checks nothing on an absent element that has a fixed value but no minimum", () => {
  const children = { status: rule("Consent.status", { fixed: "active", max: 1 }) };
  expect(check({ id: "c" }, children)).toEqual([]);
});

it("reports an object where a rule fixes null, rather than failing", () => {
  const issues = check({ status: { code: "c" } } as JsonObject, {
    status: rule("Consent.status", { fixed: null }),
  });
  expect(issues).toEqual([
    profileIssue(
      URL,
      "Consent.status",
      "profile-fixed",
      "value",
      'Consent.status must be null (fixed by P), not {"code":"c"}.',
    ),
  ]);
});

it("does not take a text value as matching an empty object pattern", () => {
  const children = { category: rule("Consent.category", { pattern: {} }) };
  expect(check({ category: [{ text: "t" }] } as JsonObject, children)).toEqual([]);
  expect(check({ category: ["t"] } as JsonObject, children)).toEqual([
    profileIssue(
      URL,
      "Consent.category[0]",
      "profile-fixed",
      "value",
      "Consent.category[0] must match {} (pattern of P).",
    ),
  ]);
});
