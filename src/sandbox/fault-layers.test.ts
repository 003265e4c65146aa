import { describe, expect, it } from "vitest";
import { FAULTS } from "./faults.js";
import { REPLY_FAULTS } from "./reply-faults.js";
import { WIRE_FAULTS } from "./responses.js";
import {
  RULES_A_FAULT_FORGETS,
  ruleSet,
  SANDBOX_RULES,
  VALIDATOR_RULE_FAULTS,
} from "./rule-set.js";

describe("the fault layers", () => {
  it("put every fault mode of the catalogue in exactly one layer", () => {
    const layered = [
      ...Object.keys(REPLY_FAULTS),
      ...Object.keys(RULES_A_FAULT_FORGETS),
      ...WIRE_FAULTS,
    ];
    expect(layered.slice().sort()).toEqual(Object.keys(FAULTS).sort());
  });

  it("give every named rule a fault mode that forgets it", () => {
    const forgotten = Object.values(RULES_A_FAULT_FORGETS)
      .flat()
      .filter((rule) => typeof rule === "string");
    expect([...new Set(forgotten)].sort()).toEqual(Object.keys(SANDBOX_RULES).sort());
  });

  it("forget only what the fault modes on forget", () => {
    const rules = ruleSet(["skip-security-checks", "accept-any-status"]);
    expect(rules.enforces("jwt-required")).toBe(false);
    expect(rules.enforces("ssp-headers-required")).toBe(false);
    expect(rules.enforces("server-assigns-id")).toBe(true);
    expect(rules.refusesWith({ ruleId: "ndop-status", location: "Consent.status" })).toBe(false);
    expect(rules.refusesWith({ ruleId: "ndop-datetime", location: "Consent.dateTime" })).toBe(true);
    expect(VALIDATOR_RULE_FAULTS.has("accept-any-status")).toBe(true);
    expect(VALIDATOR_RULE_FAULTS.has("skip-security-checks")).toBe(false);
  });
});
