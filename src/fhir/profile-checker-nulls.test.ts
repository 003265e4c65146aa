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

// A JSON null in the instance (a datatype issue, but the profile layer still reads it) or in a
// hand-made pattern: the profile layer judges it rather than failing on it.
function check(resource: JsonObject, children: Record<string, ElementRule>) {
  const profile = compiled("P", "Consent", rule("Consent", {}, children));
  return checkProfile(resource, profile, "Consent", {
    profile: () => undefined,
    terminology: new Terminology(),
  });
}

it("finds no code to check in a null under a required binding", () => {
  const children = {
    status: rule("Consent.status", { binding: { strength: "required", valueSet: "urn:vs" } }),
  };
  expect(check({ status: null } as JsonObject, children)).toEqual([]);
});

it("reports an object where a rule's pattern is null, and takes a null as matching it", () => {
  const children = { status: rule("Consent.status", { pattern: null }) };
  expect(check({ status: null } as JsonObject, children)).toEqual([]);
  expect(check({ status: { code: "c" } } as JsonObject, children)).toEqual([
    profileIssue(
      "urn:profile:P",
      "Consent.status",
      "profile-fixed",
      "value",
      "Consent.status must match null (pattern of P).",
    ),
  ]);
});
