import { expect, it } from "vitest";
import {
  handMadeCompiled as compiled,
  listedValueSet,
  profileIssue,
  handMadeRule as rule,
} from "../testing/profile-rules.js";
import type { ProfileLookup } from "./profile-checker.js";
import { checkProfile } from "./profile-checker.js";
import type { CompiledProfile, ElementRule } from "./profile-model.js";
import type { JsonObject } from "./resource-reader.js";
import { Terminology } from "./terminology.js";

// Cardinality, choices, extension slices and required bindings, against hand-made compiled rules.
const URL = "urn:profile:P";

function check(
  resource: JsonObject,
  children: Record<string, ElementRule>,
  lookup: Partial<ProfileLookup> = {},
) {
  const profile = compiled("P", "Consent", rule("Consent", {}, children));
  return checkProfile(resource, profile, "Consent", {
    profile: () => undefined,
    terminology: new Terminology(),
    ...lookup,
  });
}

const missing = (what: string, location = what) =>
  profileIssue(URL, location, "profile-min", "required", `${what} is required by P but missing.`);

it.each([
  [[], 1, 2, [missing("Consent.identifier")]],
  [
    [{}],
    2,
    3,
    [
      profileIssue(
        URL,
        "Consent.identifier",
        "profile-min",
        "required",
        "Consent.identifier occurs 1 times; P requires at least 2.",
      ),
    ],
  ],
  [[{}, {}], 2, 2, []],
  [
    [{}, {}, {}],
    0,
    2,
    [
      profileIssue(
        URL,
        "Consent.identifier",
        "profile-max",
        "structure",
        "Consent.identifier occurs 3 times; P allows at most 2.",
      ),
    ],
  ],
  [
    [{}],
    0,
    0,
    [
      profileIssue(
        URL,
        "Consent.identifier",
        "profile-forbidden",
        "structure",
        "Consent.identifier is not allowed by P (max 0).",
      ),
    ],
  ],
  [[], 0, 0, []],
])("counts %j against min %i and max %i", (identifiers, min, max, issues) => {
  const resource = identifiers.length > 0 ? { identifier: identifiers } : {};
  expect(check(resource, { identifier: rule("Consent.identifier", { min, max }) })).toEqual(issues);
});

it.each([
  [{ sourceReference: {} }, []],
  [{ sourceAttachment: {} }, []],
  [{ sourceZone: {} }, []],
  [{ source: {} }, [missing("Consent.source[x]")]],
  [{ sourcereference: {} }, [missing("Consent.source[x]")]],
  [{ statusReason: {} }, [missing("Consent.source[x]")]],
  [{ _sourceUri: {} }, [missing("Consent.source[x]")]],
  [
    { sourceReference: [{}, {}] },
    [
      profileIssue(
        URL,
        "Consent.sourceReference",
        "profile-max",
        "structure",
        "Consent.sourceReference occurs 2 times; P allows at most 1.",
      ),
    ],
  ],
  [
    { sourceIdentifier: {}, sourceReference: {} },
    [
      profileIssue(
        URL,
        "Consent.sourceIdentifier",
        "profile-max",
        "structure",
        "Consent.sourceIdentifier occurs 2 times; P allows at most 1.",
      ),
    ],
  ],
])("counts the types of a choice in %j where they stand", (resource, issues) => {
  const source = rule("Consent.source[x]", { min: 1, max: 1 });
  expect(check(resource, { "source[x]": source })).toEqual(issues);
});

it("checks below an element only where the instance has it, and below every occurrence", () => {
  const actor = rule("Consent.actor", {}, { role: rule("Consent.actor.role", { min: 1 }) });
  expect(check({}, { actor })).toEqual([]);
  expect(check({ actor: [{ role: {} }, {}, { role: {} }, {}] }, { actor })).toEqual([
    missing("Consent.actor[1].role"),
    missing("Consent.actor[3].role"),
  ]);
  expect(check({ actor: "text" }, { actor })).toEqual([]);
  expect(check({ actor: null }, { actor })).toEqual([]);
  expect(check({ actor: [[{}]] }, { actor })).toEqual([]);
});

function extensionProfile(): CompiledProfile {
  const root = rule(
    "Extension",
    { min: 1, max: 1 },
    { valueCode: rule("Extension.valueCode", { fixed: "x" }) },
  );
  return { url: "urn:ext:a", name: "Ext-A", type: "Extension", root };
}

function slicedExtension(): ElementRule {
  const a = rule("Consent.extension:a", { sliceName: "a", extensionProfile: "urn:ext:a" });
  const url = rule("Consent.extension:b.url", { fixed: "urn:b" });
  const b = rule("Consent.extension:b", { sliceName: "b", max: 1 }, { url });
  const c = rule("Consent.extension:c", { sliceName: "c", extensionProfile: "urn:ext:unknown" });
  return rule("Consent.extension", { slices: [a, b, c] });
}

it("counts extension slices by url, taking the cardinality an extension profile gives", () => {
  const lookup = {
    profile: (url: string) => (url === "urn:ext:a" ? extensionProfile() : undefined),
  };
  const extension = slicedExtension();
  expect(check({}, { extension }, lookup)).toEqual([
    missing("Consent.extension:a (url urn:ext:a)", "Consent.extension"),
  ]);
  const resource = {
    extension: [
      null,
      { url: "urn:b" },
      { url: "urn:ext:a", valueCode: "y" },
      { url: "urn:b" },
      { url: "urn:ext:c" },
    ],
  };
  expect(check(resource as JsonObject, { extension }, lookup)).toEqual([
    profileIssue(
      "urn:ext:a",
      "Consent.extension[2].valueCode",
      "profile-fixed",
      "value",
      'Consent.extension[2].valueCode must be "x" (fixed by Ext-A), not "y".',
    ),
    profileIssue(
      URL,
      "Consent.extension",
      "profile-max",
      "structure",
      "Consent.extension:b (url urn:b) occurs 2 times; P allows at most 1.",
    ),
  ]);
});

it("lets a slice's own cardinality override its extension profile's", () => {
  const lookup = { profile: () => extensionProfile() };
  const a = rule("Consent.extension:a", {
    sliceName: "a",
    extensionProfile: "urn:ext:a",
    min: 0,
    max: 0,
  });
  const extension = rule("Consent.extension", { slices: [a] });
  expect(check({}, { extension }, lookup)).toEqual([]);
  expect(
    check({ extension: [{ url: "urn:ext:a", valueCode: "x" }] }, { extension }, lookup),
  ).toEqual([
    profileIssue(
      URL,
      "Consent.extension",
      "profile-forbidden",
      "structure",
      "Consent.extension:a (url urn:ext:a) is not allowed by P (max 0).",
    ),
  ]);
});

const VS = "urn:vs";
const binding = (strength: string, valueSet = VS) => ({
  status: rule("Consent.status", { binding: { strength, valueSet } }),
});
const codeInvalid = (message: string) =>
  profileIssue(URL, "Consent.status", "profile-binding", "code-invalid", message);

it.each([
  ["a listed code", "a", "required", []],
  ["a code of a preferred binding", "z", "preferred", []],
  ["a number", 7, "required", []],
  [
    "a listed coding",
    {
      coding: [
        { system: "urn:s", code: "z" },
        { system: "urn:s", code: "a" },
      ],
    },
    "required",
    [],
  ],
  [
    "an unlisted code",
    "z",
    "required",
    [codeInvalid("(no system)|z is not in the value set urn:vs (required binding of P).")],
  ],
  [
    "unlisted codings",
    { coding: [{ system: "urn:s", code: "z" }, { system: "urn:t" }] },
    "required",
    [
      codeInvalid(
        "urn:s|z, urn:t|(no code) is not in the value set urn:vs (required binding of P).",
      ),
    ],
  ],
  [
    "a bare Coding",
    { system: "urn:t", code: "a" },
    "required",
    [codeInvalid("urn:t|a is not in the value set urn:vs (required binding of P).")],
  ],
])("checks %s against a value set", (_, status, strength, issues) => {
  const terminology = listedValueSet(VS, "urn:s", ["a"]);
  expect(check({ status } as JsonObject, binding(strength), { terminology })).toEqual(issues);
});

const SNOMED = "http://snomed.info/sct";

it.each([
  [
    "a value set not in the profile set",
    "urn:other",
    { coding: [{ code: "a" }] },
    [
      profileIssue(
        URL,
        "Consent.status",
        "profile-binding-unresolved",
        "informational",
        "Value set urn:other is not in the profile set, so Consent.status was not checked against it.",
        "warning",
      ),
    ],
  ],
  [
    "SNOMED CT, coded in it",
    SNOMED,
    { coding: [{ system: "urn:x" }, { system: SNOMED, code: "1" }] },
    [],
  ],
  [
    "SNOMED CT, coded elsewhere",
    SNOMED,
    { coding: [{ system: "urn:x", code: "1" }] },
    [codeInvalid(`Consent.status must be coded in ${SNOMED} (required binding of P).`)],
  ],
])("checks a binding to %s", (_, valueSet, status, issues) => {
  const terminology = listedValueSet(VS, "urn:s", ["a"]);
  expect(check({ status }, binding("required", valueSet), { terminology })).toEqual(issues);
});

it("takes a slice's maximum from its extension profile", () => {
  const lookup = { profile: () => extensionProfile() };
  const a = rule("Consent.extension:a", { sliceName: "a", extensionProfile: "urn:ext:a" });
  const extension = rule("Consent.extension", { slices: [a] });
  const one = { url: "urn:ext:a", valueCode: "x" };
  expect(check({ extension: [one, one] }, { extension }, lookup)).toEqual([
    profileIssue(
      URL,
      "Consent.extension",
      "profile-max",
      "structure",
      "Consent.extension:a (url urn:ext:a) occurs 2 times; P allows at most 1.",
    ),
  ]);
});

it("refuses a code of a value set whose code system is not in the profile set", () => {
  const terminology = new Terminology();
  terminology.addValueSet({ url: VS, compose: { include: [{ system: "urn:cs:absent" }] } });
  expect(check({ status: "a" }, binding("required"), { terminology })).toEqual([
    codeInvalid("(no system)|a is not in the value set urn:vs (required binding of P)."),
  ]);
});
