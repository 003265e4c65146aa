import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Model } from "fhirpath";
import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { shortcutFor } from "./invariant-shortcut.js";
import { logicShortcut } from "./invariant-shortcut-logic.js";
import { InvariantChecker } from "./invariants.js";

const require = createRequire(import.meta.url);
const { compile } = require("fhirpath") as typeof import("fhirpath");
const stu3Model = require("fhirpath/fhir-context/stu3/index.js") as Model;

// The STU3 texts (the project's definitions: bdl-1 is about total, bdl-9 about documents).
const BDL = {
  "bdl-1": "total.empty() or (type = 'searchset') or (type = 'history')",
  "bdl-2": "entry.search.empty() or (type = 'searchset')",
  "bdl-3": "entry.request.empty() or type = 'batch' or type = 'transaction' or type = 'history'",
  "bdl-4": "entry.response.empty() or type = 'batch-response' or type = 'transaction-response'",
  "bdl-9": "type = 'document' implies (identifier.system.exists() and identifier.value.exists())",
} as const;
type Key = keyof typeof BDL;

function both(key: Key, node: unknown): { shortcut: unknown; general: unknown[] } {
  const decided = shortcutFor("Bundle", BDL[key], stu3Model)?.(node);
  const general = compile({ base: "Bundle", expression: BDL[key] }, stu3Model, {
    resolveInternalTypes: true,
  })(node as object, {});
  return {
    shortcut: decided === null ? [] : decided === undefined ? "deferred" : [decided],
    general,
  };
}

const consent = JSON.parse(readFileSync("fixtures/validation/consent.json", "utf8")) as object;
const history = {
  resourceType: "Bundle",
  type: "history",
  total: 2,
  entry: [1, 2].map((version) => ({
    fullUrl: "urn:uuid:3f2a4b8e-0c1d-4e5f-9a6b-7c8d9e0f1a2b",
    resource: { ...consent, meta: { versionId: String(version) } },
    request: { method: "PUT", url: "Consent/3f2a4b8e-0c1d-4e5f-9a6b-7c8d9e0f1a2b" },
  })),
};

describe("the five Bundle invariants on Bundles NDOP meets", () => {
  it("are decided on a history Bundle, each holding as fhirpath.js says", () => {
    for (const key of Object.keys(BDL) as Key[])
      expect(both(key, history), key).toEqual({ shortcut: [true], general: [true] });
  });

  it("are broken where fhirpath.js finds them broken", () => {
    const searchset = { ...history, type: "searchset" };
    expect(both("bdl-3", searchset)).toEqual({ shortcut: [false], general: [false] });
    const document = { resourceType: "Bundle", type: "document", identifier: { system: "urn:a" } };
    expect(both("bdl-9", document)).toEqual({ shortcut: [false], general: [false] });
    const response = { ...history, entry: [{ response: { status: "200" } }] };
    expect(both("bdl-4", response)).toEqual({ shortcut: [false], general: [false] });
  });

  it("give the empty collection for `empty or false` with no type, and the invariant holds", () => {
    const untyped = {
      resourceType: "Bundle",
      total: 2,
      entry: [{ search: { mode: "match" }, resource: consent }],
    };
    for (const key of ["bdl-1", "bdl-2"] as const)
      expect(both(key, untyped), key).toEqual({ shortcut: [], general: [] });
    const unidentified = { resourceType: "Bundle", identifier: { value: "1" } };
    expect(both("bdl-9", unidentified)).toEqual({ shortcut: [], general: [] });
    const identified = { resourceType: "Bundle", identifier: { system: "urn:a", value: "1" } };
    expect(both("bdl-9", identified)).toEqual({ shortcut: [true], general: [true] });
    const checker = new InvariantChecker(loadBaseDefinitions().structureDefinitions);
    const issues = checker.checkResource(untyped, "Bundle").map(({ ruleId }) => ruleId);
    expect(issues).toEqual([]);
    const typed = { ...untyped, type: "history" };
    const broken = checker.checkResource(typed, "Bundle").map(({ ruleId }) => ruleId);
    expect(broken).toEqual(["inv-bdl-2"]);
  });

  it("defer a _type or _total sibling, a non-string type, an entry that is not an object", () => {
    const unusual = [
      ["bdl-1", { ...history, _type: { id: "t" } }],
      ["bdl-1", { ...history, _total: { id: "t" } }],
      ["bdl-1", { ...history, type: 5 }],
      ["bdl-1", { ...history, type: ["history", "history"] }],
      ["bdl-3", { ...history, entry: ["x"] }],
      ["bdl-3", { ...history, entry: [null] }],
      ["bdl-3", { ...history, entry: [{ resourceType: "request" }] }],
      ["bdl-3", { ...history, _entry: [{ id: "e" }] }],
      ["bdl-9", { ...history, identifier: [{ system: "s" }, 5] }],
      ["bdl-2", { ...history, resourceType: "Patient" }],
      ["bdl-2", [history]],
    ] as const;
    for (const [key, node] of unusual)
      expect(both(key, node).shortcut, `${key} ${JSON.stringify(node)}`).toBe("deferred");
  });
});

describe("logicShortcut: the form it reads", () => {
  it("refuses expressions outside the form, and comparisons on elements not text", () => {
    const refused = [
      ["Bundle", ""],
      ["Bundle", "type = 'a\\'b'"],
      ["Bundle", "type ~ 'x'"],
      ["Bundle", "type = 5"],
      ["Bundle", "total.empty() xor type = 'x'"],
      ["Bundle", "(type = 'x'"],
      ["Bundle", "type = 'x')"],
      ["Bundle", "type = 'x' implies total.empty() implies total.exists()"],
      ["Bundle", "identifier.system = 'x'"],
      // A dotted comparison, even on a code; a comparison without text; text without an operator.
      ["Bundle", "entry.request.method = 'POST'"],
      ["Bundle", "type = total"],
      ["Bundle", "type 'x'"],
      ["Bundle", "total = '1'"],
      ["Bundle", "entry.search.empty() or"],
      ["Bundle", "entry.search.empty() type = 'x'"],
      ["Bundle", "extension.empty()"],
      ["Bundle", "constructor.empty()"],
      ["Bundle", "entry.search.empty().not()"],
      ["Observation", "value.empty() or status = 'final'"],
      ["Questionnaire.item", "item.empty()"],
      ["MedicationAdministration", "reasonCode.empty() or notGiven = 'false'"],
      // A choice (Timing.repeat.bounds[x]) reached through two datatypes' own definitions.
      ["MedicationRequest", "dosageInstruction.timing.repeat.bounds.empty()"],
      // An implication whose premise does not parse.
      ["Bundle", "'x' implies total.empty()"],
    ];
    for (const [context = "", expression = ""] of refused)
      expect(logicShortcut(context, expression, stu3Model), expression).toBeUndefined();
  });

  it("takes comparisons on string elements as well as codes", () => {
    const expression = "text = 'a' or family.exists()";
    const shortcut = logicShortcut("HumanName", expression, stu3Model);
    const general = compile({ base: "HumanName", expression }, stu3Model);
    for (const node of [{ text: "a" }, { text: "b" }, { family: "F" }, {}]) {
      const decided = shortcut?.(node);
      expect(decided === null ? [] : [decided], JSON.stringify(node)).toEqual(general(node, {}));
    }
  });

  it("takes an expression with white space at either end", () => {
    for (const expression of [
      "total.empty() ",
      "  total.empty()",
      " type = 'x' or total.empty()\n",
    ])
      expect(logicShortcut("Bundle", expression, stu3Model), expression).toBeDefined();
  });

  it("reads precedence as FHIRPath does: and before or, or before implies", () => {
    const cases: [string, object][] = [
      ["type = 'a' or type = 'b' and total.exists()", { type: "a" }],
      ["type = 'b' and total.exists() or type = 'a'", { type: "a" }],
      ["total.exists() implies type = 'a' or type = 'b'", { type: "b", total: 1 }],
      ["(total.exists() implies type = 'a') or type = 'b'", { total: 1 }],
      ["type!='a' or total.empty()", { type: "a", total: 1 }],
      ["total.exists() implies type = 'a' and entry.empty()", { type: "a", total: 1 }],
      // An `and` with an empty side: empty unless the other side is false.
      ["type = 'a' and total.exists()", { total: 1 }],
      ["total.exists() and type = 'a'", { total: 1 }],
      ["type = 'a' and total.exists()", {}],
    ];
    for (const [expression, fields] of cases) {
      const node = { resourceType: "Bundle", ...fields };
      const general = compile({ base: "Bundle", expression }, stu3Model)(node, {});
      const decided = logicShortcut("Bundle", expression, stu3Model)?.(node);
      expect(decided === null ? [] : [decided], expression).toEqual(general);
    }
  });
});
