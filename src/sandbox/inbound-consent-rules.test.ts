import { describe, expect, it } from "vitest";
import { answerOf } from "./inbound-consent.js";
import type { SpineErrorName } from "./spine-errors.js";

/**
 * Which 422 answer each validator rule id gets (contract section 6, row 4: INVALID_RESOURCE or a
 * more precise code). Each rule id is pinned exactly: the id itself gets its code, and its near
 * misses (a character before it, one after it, a longer or shorter id) get the answer of the
 * entry they do match, which is never the id's own (an id is matched whole, or by its prefix only
 * where the table means a family: inv-* invariants, ndop-* business rules).
 */

const AT = "Consent.status";

/** [rule id, its answer]: every rule id the validator emits that refuses a Consent, and near misses. */
const ANSWERS: [string, SpineErrorName][] = [
  ["ndop-nhs-number", "invalidNhsNumber"],
  ["xndop-nhs-number", "invalidResource"],
  ["ndop-nhs-numbers", "invalidFieldValue"],
  ["ndop-consenter-xor-proxy", "conflictingValues"],
  ["xndop-consenter-xor-proxy", "invalidResource"],
  ["ndop-consenter-xor-proxy-2", "invalidFieldValue"],
  ["profile-binding", "invalidCodeValue"],
  ["xprofile-binding", "invalidResource"],
  ["profile-binding-unresolved", "invalidResource"],
  ["base-binding", "invalidCodeValue"],
  ["xbase-binding", "invalidResource"],
  ["base-bindings", "invalidResource"],
  ["profile-forbidden", "invalidElement"],
  ["xprofile-forbidden", "invalidResource"],
  ["profile-forbiddenx", "invalidResource"],
  ["base-unknown-element", "invalidElement"],
  ["xbase-unknown-element", "invalidResource"],
  ["base-unknown-elements", "invalidResource"],
  ["inv-ext-1", "constraintViolation"],
  ["inv-ppc-1", "constraintViolation"],
  ["xinv-ext-1", "invalidResource"],
  ["known-defect:inv-bdl-4", "invalidResource"],
  ["profile-min", "invalidStructure"],
  ["xprofile-min", "invalidResource"],
  ["profile-minx", "invalidResource"],
  ["profile-max", "invalidStructure"],
  ["xprofile-max", "invalidResource"],
  ["profile-maxx", "invalidResource"],
  ["base-required", "invalidStructure"],
  ["xbase-required", "invalidResource"],
  ["base-requiredx", "invalidResource"],
  ["base-cardinality", "invalidStructure"],
  ["xbase-cardinality", "invalidResource"],
  ["base-cardinalityx", "invalidResource"],
  ["ndop-meta-profile", "invalidStructure"],
  ["xndop-meta-profile", "invalidResource"],
  ["ndop-meta-profiles", "invalidFieldValue"],
  ["ndop-proxy-role", "invalidStructure"],
  ["xndop-proxy-role", "invalidResource"],
  ["ndop-proxy-roles", "invalidFieldValue"],
  ["profile-fixed", "invalidFieldValue"],
  ["xprofile-fixed", "invalidResource"],
  ["profile-fixedx", "invalidResource"],
  ["ndop-status", "invalidFieldValue"],
  ["ndop-datetime", "invalidFieldValue"],
  ["xndop-status", "invalidResource"],
  ["base-datatype", "invalidFieldValue"],
  ["xbase-datatype", "invalidResource"],
  ["base-datatypes", "invalidResource"],
  ["base-format", "invalidResource"],
  ["profile-type-mismatch", "invalidResource"],
];

describe("the 422 answer of a refused Consent, by the rule id of its first issue", () => {
  it.each(ANSWERS)("%s: %s", (ruleId, answer) => {
    expect(answerOf({ ruleId, location: AT })).toBe(answer);
  });

  it("a fixed value broken at a .system is a wrong code system; other rules there keep their code", () => {
    const at = "Consent.purpose[0].system";
    expect(answerOf({ ruleId: "profile-fixed", location: at })).toBe("invalidCodeSystem");
    expect(answerOf({ ruleId: "profile-fixed", location: "Consent.purpose[0].code" })).toBe(
      "invalidFieldValue",
    );
    expect(answerOf({ ruleId: "base-datatype", location: at })).toBe("invalidFieldValue");
    expect(answerOf({ ruleId: "profile-binding", location: at })).toBe("invalidCodeValue");
  });
});
