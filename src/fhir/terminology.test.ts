import { expect, it } from "vitest";
import { Terminology } from "./terminology.js";

// Membership in hand-made value sets: listed codes and whole code systems.
function terminology(): Terminology {
  const result = new Terminology();
  result.addCodeSystem({
    url: "urn:cs:tree",
    concept: [{ code: "parent", concept: [{ code: "child" }] }, { code: "other" }],
  });
  result.addCodeSystem({ url: "urn:cs:empty" });
  result.addValueSet({
    url: "urn:vs:mixed",
    compose: {
      include: [
        { system: "urn:cs:listed", concept: [{ code: "a" }, { code: "b" }] },
        { system: "urn:cs:tree" },
      ],
    },
  });
  result.addValueSet({
    url: "urn:vs:missing-system",
    compose: { include: [{ system: "urn:cs:absent" }] },
  });
  result.addValueSet({
    url: "urn:vs:empty-system",
    compose: { include: [{ system: "urn:cs:empty" }] },
  });
  result.addValueSet({ url: "urn:vs:no-compose" });
  return result;
}

it.each([
  ["urn:vs:mixed", "urn:cs:listed", "a", "member"],
  ["urn:vs:mixed", "urn:cs:listed", "c", "not-member"],
  ["urn:vs:mixed", "urn:cs:tree", "a", "not-member"],
  ["urn:vs:mixed", "urn:cs:tree", "child", "member"],
  ["urn:vs:mixed", "urn:cs:tree", "other", "member"],
  ["urn:vs:mixed", undefined, "b", "member"],
  ["urn:vs:mixed", undefined, "parent", "member"],
  ["urn:vs:mixed", undefined, "zzz", "not-member"],
  ["urn:vs:mixed", "urn:cs:listed", undefined, "not-member"],
  ["urn:vs:mixed", "urn:cs:elsewhere", "a", "not-member"],
  ["urn:vs:missing-system", "urn:cs:absent", "a", "unknown-value-set"],
  ["urn:vs:missing-system", "urn:cs:other", "a", "not-member"],
  ["urn:vs:missing-system", undefined, undefined, "not-member"],
  ["urn:vs:empty-system", "urn:cs:empty", "a", "not-member"],
  ["urn:vs:no-compose", undefined, "a", "not-member"],
  ["urn:vs:unknown", "urn:cs:listed", "a", "unknown-value-set"],
  ["urn:vs:unknown", "urn:cs:listed", undefined, "unknown-value-set"],
])("finds %s | %s | %s: %s", (valueSet, system, code, membership) => {
  expect(terminology().contains(valueSet, system, code)).toBe(membership);
});

it("knows which value sets it holds", () => {
  const held = terminology();
  expect([held.hasValueSet("urn:vs:mixed"), held.hasValueSet("urn:vs:unknown")]).toEqual([
    true,
    false,
  ]);
});
