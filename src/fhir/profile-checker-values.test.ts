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

// Fixed values, patterns, cardinality and choices, checked against hand-made compiled rules.
const URL = "urn:profile:P";

function check(resource: JsonObject, children: Record<string, ElementRule>) {
  const profile = compiled("P", "Consent", rule("Consent", {}, children));
  return checkProfile(resource, profile, "Consent", {
    profile: () => undefined,
    terminology: new Terminology(),
  });
}

const fixedIssue = (location: string, message: string) =>
  profileIssue(URL, location, "profile-fixed", "value", message);

it.each([
  ["an equal value", "active", "active", []],
  ["an absent optional value", undefined, "active", []],
  ["an equal object", { system: "s", code: "c" }, { code: "c", system: "s" }, []],
  ["another value", "draft", "active", ['"active"', '"draft"']],
  [
    "an object with a key more",
    { system: "s", code: "c", display: "d" },
    { system: "s", code: "c" },
    ['{"system":"s","code":"c"}', '{"system":"s","code":"c","display":"d"}'],
  ],
  [
    "an object with a key less",
    { system: "s" },
    { system: "s", code: "c" },
    ['{"system":"s","code":"c"}', '{"system":"s"}'],
  ],
  ["null for an object", null, { system: "s" }, ['{"system":"s"}', "null"]],
  ["null for a string", null, "active", ['"active"', "null"]],
  ["a string for an object", "s", { system: "s" }, ['{"system":"s"}', '"s"']],
  ["an object for a string", { system: "s" }, "s", ['"s"', '{"system":"s"}']],
])("checks a fixed value against %s", (_, value, fixed, shown) => {
  const resource = value === undefined ? {} : { status: value };
  const issues = check(resource as JsonObject, { status: rule("Consent.status", { fixed }) });
  const [expected, actual] = shown as string[];
  expect(issues).toEqual(
    expected === undefined
      ? []
      : [
          fixedIssue(
            "Consent.status",
            `Consent.status must be ${expected} (fixed by P), not ${actual}.`,
          ),
        ],
  );
});

it("checks a fixed value whose element has only its primitive extension", () => {
  const issues = check(
    { _status: { extension: [] } },
    { status: rule("Consent.status", { fixed: "active" }) },
  );
  expect(issues).toEqual([
    fixedIssue("Consent.status", 'Consent.status must be "active" (fixed by P), not missing.'),
  ]);
});

const CONCEPT = { coding: [{ system: "s", code: "c" }] };

it.each([
  [
    "a concept holding the coding among others",
    {
      text: "t",
      coding: [
        { system: "x", code: "y" },
        { system: "s", code: "c", display: "d" },
      ],
    },
    true,
  ],
  ["a concept whose coding lacks the code", { coding: [{ system: "s" }] }, false],
  ["a concept whose coding is not an array", { coding: { system: "s", code: "c" } }, false],
  ["a concept without coding", { text: "c" }, false],
  ["null", null, false],
  ["a string", "c", false],
])("matches a CodeableConcept pattern against %s", (_, value, matches) => {
  const issues = check({ category: [value] } as JsonObject, {
    category: rule("Consent.category", { pattern: CONCEPT }),
  });
  const message = `Consent.category[0] must match ${JSON.stringify(CONCEPT)} (pattern of P).`;
  expect(issues).toEqual(matches ? [] : [fixedIssue("Consent.category[0]", message)]);
});

it.each([
  ["c", []],
  ["d", ['Consent.status must match "c" (pattern of P).']],
])("matches a primitive pattern against %s", (value, messages) => {
  const issues = check({ status: value }, { status: rule("Consent.status", { pattern: "c" }) });
  expect(issues).toEqual(messages.map((message) => fixedIssue("Consent.status", message)));
});

it("requires every coding of a pattern in the instance", () => {
  const pattern = { coding: [{ code: "a" }, { code: "b" }] };
  const category = rule("Consent.category", { pattern });
  expect(check({ category: [{ coding: [{ code: "b" }, { code: "a" }] }] }, { category })).toEqual(
    [],
  );
  expect(check({ category: [{ coding: [{ code: "a" }] }] }, { category })).toEqual([
    fixedIssue(
      "Consent.category[0]",
      `Consent.category[0] must match ${JSON.stringify(pattern)} (pattern of P).`,
    ),
  ]);
});

// Instance shapes at the edge of what the profile layer reads: choices, absent elements, null.

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

it("reports a choice where it stands, without an index its name may end in", () => {
  const forbidden = (location: string) =>
    profileIssue(
      URL,
      location,
      "profile-forbidden",
      "structure",
      `${location} is not allowed by P (max 0).`,
    );
  const choice = { "value[x]": rule("Consent.value[x]", { max: 0 }) };
  expect(check({ "valueX[12]": "x" } as JsonObject, choice)).toEqual([forbidden("Consent.valueX")]);
  // A name that is not a choice is reported as the rule names it, index and all.
  const indexed = { "a[1]": rule("Consent.a[1]", { max: 0 }) };
  expect(check({ "a[1]": "x" } as JsonObject, indexed)).toEqual([forbidden("Consent.a[1]")]);
});

it("never counts an absent element against a maximum, even a malformed negative one", () => {
  const children = { status: rule("Consent.status", { max: -1 }) };
  expect(check({ id: "c" }, children)).toEqual([]);
  expect(check({ status: "active" }, children)).toEqual([
    profileIssue(
      URL,
      "Consent.status",
      "profile-max",
      "structure",
      "Consent.status occurs 1 times; P allows at most -1.",
    ),
  ]);
});

it("reports a fixed object as missing where the element has only its primitive extension", () => {
  const issues = check(
    { _status: { extension: [] } },
    { status: rule("Consent.status", { fixed: { code: "c" } }) },
  );
  expect(issues).toEqual([
    fixedIssue("Consent.status", 'Consent.status must be {"code":"c"} (fixed by P), not missing.'),
  ]);
});
