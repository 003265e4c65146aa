import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Model } from "fhirpath";
import { describe, expect, it } from "vitest";
import type { StructureDefinitionJson } from "./base-definitions.js";
import { locateDefinitions } from "./base-definitions.js";
import {
  BDL_7,
  BDL_8,
  distinctVersions,
  EXT_1,
  existsDisjunction,
  extensionOrValue,
  isPlainNode,
  unversionedFullUrl,
} from "./invariant-shortcut.js";

const require = createRequire(import.meta.url);
const { compile } = require("fhirpath") as typeof import("fhirpath");
const stu3Model = require("fhirpath/fhir-context/stu3/index.js") as Model;

/** Every STU3 invariant the shortcut takes, with the element path it is defined on. */
function shortcutInvariants(): { key: string; context: string; expression: string }[] {
  const found = new Map<string, { key: string; context: string; expression: string }>();
  for (const file of ["profiles-resources.json", "profiles-types.json"]) {
    const bundle = JSON.parse(readFileSync(join(locateDefinitions(), file), "utf8")) as {
      entry: { resource: StructureDefinitionJson }[];
    };
    for (const { resource } of bundle.entry) {
      for (const element of resource.snapshot?.element ?? []) {
        for (const { key, expression } of element.constraint ?? []) {
          if (expression && existsDisjunction(element.path, expression, stu3Model))
            found.set(`${element.path} ${key}`, { key, context: element.path, expression });
        }
      }
    }
  }
  return [...found.values()];
}

// Right and wrong shapes alike: the invariant layer runs on input the base layer has rejected.
const VALUES = [
  undefined,
  null,
  [],
  [null],
  [1],
  ["a"],
  "a",
  "",
  0,
  false,
  {},
  { length: 2 },
  [{}],
];
const EXTRAS = [undefined, null, [], [null], [{}], [{}, {}], {}, "ab", 5, { length: 3 }];

/** Nodes where each child of the expression takes every value and `_` sibling in turn. */
function nodesFor(expression: string, context: string): Record<string, unknown>[] {
  const names = expression.split(/\s+or\s+/).map((operand) => operand.trim().slice(0, -9));
  const base: Record<string, unknown> = context.includes(".") ? {} : { resourceType: context };
  const nodes = [base];
  for (const name of names) {
    for (const value of VALUES) {
      for (const extras of EXTRAS) {
        const node: Record<string, unknown> = { ...base };
        if (value !== undefined) node[name] = value;
        if (extras !== undefined) node[`_${name}`] = extras;
        nodes.push(node);
      }
    }
  }
  return nodes;
}

describe("existence-disjunction invariants computed without the general evaluator", () => {
  const invariants = shortcutInvariants();

  it("takes ppc-1 and bdl-5, the ones NDOP resources meet on every validation", () => {
    const keys = invariants.map(({ key }) => key);
    expect(keys).toContain("ppc-1");
    expect(keys).toContain("bdl-5");
  });

  it("refuses what is not a disjunction of exists() on plain children", () => {
    const refused = [
      ["Bundle", "total.empty() or (type = 'searchset')"],
      ["Consent", "policy.exists() and policyRule.exists()"],
      ["Observation", "value.exists() or dataAbsentReason.exists()"],
      ["Consent", "policy.where(uri).exists() or policyRule.exists()"],
      ["Consent", "constructor.exists() or policy.exists()"],
    ];
    for (const [context = "", expression = ""] of refused)
      expect(existsDisjunction(context, expression, stu3Model), expression).toBeUndefined();
  });

  it("agrees with fhirpath.js on every STU3 invariant it takes, for every child shape", () => {
    let compared = 0;
    let built = 0;
    for (const { context, expression } of invariants) {
      const shortcut = existsDisjunction(context, expression, stu3Model);
      const general = compile({ base: context, expression }, stu3Model, {
        resolveInternalTypes: true,
      });
      const nodes = nodesFor(expression, context);
      built += nodes.length;
      for (const node of nodes) {
        if (!shortcut || !isPlainNode(node, context)) continue;
        const expected = general(node, {}) as unknown[];
        expect([shortcut(node)], `${expression} on ${JSON.stringify(node)}`).toEqual(expected);
        compared += 1;
      }
    }
    // Every node built was compared: none fell to the general evaluator.
    expect(compared).toBe(built);
  });
});

describe("bdl-7 decided without the general evaluator where it plainly holds", () => {
  const consent = (meta?: unknown) =>
    meta === undefined ? { resourceType: "Consent" } : { resourceType: "Consent", meta };
  // Entry shapes, plain and not: each pair of them makes a Bundle.
  const ENTRIES: unknown[] = [
    {},
    { fullUrl: "urn:a" },
    { fullUrl: "urn:a", resource: consent({ versionId: "1" }) },
    { fullUrl: "urn:a", resource: consent({ versionId: "2" }) },
    { fullUrl: "urn:a", resource: consent({}) },
    { fullUrl: "urn:a", resource: consent() },
    { fullUrl: "urn:b", resource: consent({ versionId: "1" }) },
    { fullUrl: "", resource: consent({ versionId: "" }) },
    { fullUrl: "urn:a1", resource: consent() },
    { fullUrl: "urn:a", resource: consent({ versionId: 1 }) },
    { fullUrl: "urn:a", _fullUrl: { id: "x" } },
    { fullUrl: 5 },
    { fullUrl: ["urn:a"] },
    { fullUrl: "urn:a", resource: { meta: { versionId: "1" } } },
    { fullUrl: "urn:a", resource: consent({ versionId: "1", _versionId: { id: "v" } }) },
    { resourceType: "Patient", fullUrl: "urn:a" },
    null,
    "entry",
  ];
  const bundles: unknown[] = [
    { resourceType: "Bundle" },
    { resourceType: "Bundle", entry: "x" },
    { resourceType: "Bundle", entry: [{ fullUrl: "urn:a" }], _entry: [{ id: "e" }] },
  ];
  for (const first of ENTRIES) {
    bundles.push({ resourceType: "Bundle", entry: [first] });
    for (const second of ENTRIES) bundles.push({ resourceType: "Bundle", entry: [first, second] });
  }
  const general = compile({ base: "Bundle", expression: BDL_7 }, stu3Model, {
    resolveInternalTypes: true,
  });

  it("is decided as fhirpath.js decides it, wherever it is decided", () => {
    const decided: unknown[] = [];
    for (const bundle of bundles) {
      const shortcut = distinctVersions(bundle);
      if (shortcut === undefined) continue;
      expect([shortcut], JSON.stringify(bundle)).toEqual(general(bundle, {}));
      decided.push(bundle);
    }
    expect(decided).toContainEqual({ resourceType: "Bundle" });
    expect(decided).toContainEqual({ resourceType: "Bundle", entry: [ENTRIES[2], ENTRIES[3]] });
  });

  it("leaves a breach, and every shape it does not know, to the general evaluator", () => {
    const duplicate = { resourceType: "Bundle", entry: [ENTRIES[2], ENTRIES[2]] };
    expect(general(duplicate, {})).toEqual([false]);
    expect(distinctVersions(duplicate)).toBeUndefined();
    for (const entry of ENTRIES.slice(9))
      expect(
        distinctVersions({ resourceType: "Bundle", entry: [entry] }),
        JSON.stringify(entry),
      ).toBeUndefined();
  });
});

describe("bdl-8 decided without the general evaluator on a plain fullUrl", () => {
  const general = compile({ base: "Bundle.entry", expression: BDL_8 }, stu3Model, {
    resolveInternalTypes: true,
  });
  const entries: unknown[] = [
    { fullUrl: "https://a.example/Consent/1" },
    { fullUrl: "https://a.example/Consent/1/_history/2" },
    { fullUrl: "/_history/" },
    { fullUrl: "_history" },
    { fullUrl: "" },
    {},
    { fullUrl: 5 },
    { fullUrl: ["/_history/"] },
    { fullUrl: "x", _fullUrl: { id: "u" } },
    { resourceType: "Consent", fullUrl: "x" },
    null,
  ];

  it.each(entries.map((entry) => [JSON.stringify(entry), entry]))(
    "%s: decided as fhirpath.js decides it, or left to it",
    (_, entry) => {
      const decided = unversionedFullUrl(entry);
      const plain =
        typeof (entry as { fullUrl?: unknown } | null)?.fullUrl === "string" &&
        !Object.hasOwn(entry as object, "_fullUrl") &&
        !Object.hasOwn(entry as object, "resourceType");
      expect(decided === undefined).toBe(!plain);
      if (decided !== undefined) expect([decided]).toEqual(general(entry, {}));
    },
  );
});

describe("ext-1 decided without the general evaluator on a plain Extension", () => {
  const general = compile({ base: "Extension", expression: EXT_1 }, stu3Model, {
    resolveInternalTypes: true,
  });
  const shortcut = extensionOrValue(stu3Model);
  const EXTENSIONS = [undefined, null, [], [{}], [null], {}, "x"];
  const VALUES: Record<string, unknown>[] = [
    {},
    { valueString: "a" },
    { valueString: "" },
    { valueBoolean: false },
    { valueString: null },
    { valueString: [] },
    { valueString: ["a"] },
    { _valueString: { id: "v" } },
    { valueString: null, _valueString: { id: "v" } },
    { valueString: [], _valueString: [{}] },
    { valueString: [], _valueString: "ab" },
    { valueCodeableConcept: { text: "c" } },
    { valueBoolean: null, valueString: "a" },
    { valueString: null, valueBoolean: true },
    { value: "a" },
    { valueFoo: "a" },
    { valuestring: "a" },
  ];
  const nodes: unknown[] = [null, "x", [], { resourceType: "Patient", valueString: "a" }];
  for (const extension of EXTENSIONS) {
    for (const value of VALUES) {
      const node: Record<string, unknown> = { url: "http://a.example", ...value };
      if (extension !== undefined) node.extension = extension;
      nodes.push(node);
    }
  }

  it("is decided as fhirpath.js decides it on every plain Extension, and only on those", () => {
    let decided = 0;
    for (const node of nodes) {
      const result = shortcut(node);
      if (result === undefined) continue;
      expect([result], JSON.stringify(node)).toEqual(general(node, {}));
      decided += 1;
    }
    expect(decided).toBe(EXTENSIONS.length * VALUES.length);
  });
});
