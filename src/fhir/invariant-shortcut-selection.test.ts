import { createRequire } from "node:module";
import type { Model } from "fhirpath";
import { describe, expect, it } from "vitest";
import {
  BDL_7,
  BDL_8,
  distinctVersions,
  EXT_1,
  existsDisjunction,
  extensionOrValue,
  shortcutFor,
  unversionedFullUrl,
} from "./invariant-shortcut.js";

// The checker picks its shortcuts once, when a validator is built: these tests ask for them
// directly, so a wrong choice (or a wrong answer from the chosen one) shows here.
const require = createRequire(import.meta.url);
const { compile } = require("fhirpath") as typeof import("fhirpath");
const stu3Model = require("fhirpath/fhir-context/stu3/index.js") as Model;

const PPC_1 = "policy.exists() or policyRule.exists()";
const ELE_1 = "hasValue() | (children().count() > id.count())";

/** fhirpath.js's answer for the invariant on the node: the oracle every shortcut must match. */
function general(context: string, expression: string, node: unknown): unknown[] {
  return compile({ base: context, expression }, stu3Model, { resolveInternalTypes: true })(
    node as object,
    {},
  );
}

describe("shortcutFor: which invariants get a shortcut", () => {
  it("takes distinctVersions for bdl-7 on Bundle, and it agrees with FHIRPath", () => {
    expect(shortcutFor("Bundle", BDL_7, stu3Model)).toBe(distinctVersions);
    const bundle = { resourceType: "Bundle", entry: [{ fullUrl: "urn:a" }, { fullUrl: "urn:b" }] };
    expect([distinctVersions(bundle)]).toEqual(general("Bundle", BDL_7, bundle));
    expect(general("Bundle", BDL_7, bundle)).toEqual([true]);
  });

  it("takes unversionedFullUrl for bdl-8 on Bundle.entry, and it agrees with FHIRPath", () => {
    expect(shortcutFor("Bundle.entry", BDL_8, stu3Model)).toBe(unversionedFullUrl);
    for (const fullUrl of ["https://a.example/Consent/1", "https://a.example/Consent/1/_history/2"])
      expect([unversionedFullUrl({ fullUrl })]).toEqual(
        general("Bundle.entry", BDL_8, { fullUrl }),
      );
  });

  it("takes the ext-1 shortcut on Extension, deciding as FHIRPath decides", () => {
    const shortcut = shortcutFor("Extension", EXT_1, stu3Model);
    const nodes = [
      { url: "u", valueString: "a" },
      { url: "u", extension: [{ url: "v", valueString: "a" }] },
      { url: "u", extension: [{ url: "v" }], valueString: "a" },
      { url: "u" },
    ];
    expect(nodes.map((node) => shortcut?.(node))).toEqual([true, true, false, false]);
    for (const node of nodes) expect([shortcut?.(node)]).toEqual(general("Extension", EXT_1, node));
  });

  it("gives none to other invariants of the same contexts, nor to bdl-7, bdl-8, ext-1 elsewhere", () => {
    const refused = [
      ["Extension", ELE_1],
      ["Extension", BDL_7],
      ["Bundle", ELE_1],
      ["Bundle", BDL_8],
      ["Bundle", EXT_1],
      ["Bundle.entry", BDL_7],
      ["Bundle.entry", "resource.exists() or request.exists() or response.exists() or x.y"],
      ["Consent", BDL_7],
      ["Consent", BDL_8],
      ["Consent", EXT_1],
    ];
    for (const [context = "", expression = ""] of refused)
      expect(shortcutFor(context, expression, stu3Model), `${context} ${expression}`).toBe(
        undefined,
      );
  });

  it("decides ppc-1 on a plain Consent as FHIRPath does, and leaves other nodes to it", () => {
    const shortcut = shortcutFor("Consent", PPC_1, stu3Model);
    const consents = [
      { resourceType: "Consent" },
      { resourceType: "Consent", policy: [{ uri: "u" }] },
      { resourceType: "Consent", policyRule: "u" },
    ];
    expect(consents.map((node) => shortcut?.(node))).toEqual([false, true, true]);
    for (const node of consents)
      expect([shortcut?.(node)]).toEqual(general("Consent", PPC_1, node));
    expect(shortcut?.({ resourceType: "Bundle" })).toBe(undefined);
    expect(shortcut?.([])).toBe(undefined);
  });

  it("leaves bdl-8 on a node holding any resourceType, even an empty one, to FHIRPath", () => {
    expect(unversionedFullUrl({ resourceType: "", fullUrl: "x" })).toBe(undefined);
    expect(unversionedFullUrl({ fullUrl: "x" })).toBe(true);
  });
});

describe("existsDisjunction: the form it reads", () => {
  /** The shortcut's answers on a node without, with the first and with the second child. */
  function answers(context: string, expression: string): unknown[] {
    const shortcut = existsDisjunction(context, expression, stu3Model);
    const nodes = [{}, { policy: [{ uri: "u" }] }, { policyRule: "u" }];
    return nodes.map((node) => shortcut?.(node));
  }

  it("reads spaces around the operands and around `or`, as FHIRPath does", () => {
    for (const expression of [
      "policy.exists()  or policyRule.exists()",
      "policy.exists() or  policyRule.exists()",
      " policy.exists() or policyRule.exists() ",
      "\tpolicy.exists()\nor\npolicyRule.exists()",
    ]) {
      expect(answers("Consent", expression), JSON.stringify(expression)).toEqual([
        false,
        true,
        true,
      ]);
      expect(general("Consent", expression, { policyRule: "u" })).toEqual([true]);
    }
  });

  it("refuses a path, a trailing word and a child defined elsewhere in the model", () => {
    const refused = [
      ["Consent", "period.start.exists()"],
      ["Consent", "policy.exists() or policyRule.exists()x"],
      ["Consent", "policy.exists()x"],
      ["Bundle.entry", "link.exists()"],
      ["Questionnaire.item", "item.exists() or text.exists()"],
    ];
    for (const [context = "", expression = ""] of refused)
      expect(existsDisjunction(context, expression, stu3Model), expression).toBe(undefined);
  });
});

describe("extensionOrValue with a model that names no Extension.value types", () => {
  it("decides nothing: every Extension goes to the general evaluator", () => {
    const bare = { ...stu3Model, choiceTypePaths: {} } as unknown as Model;
    const shortcut = extensionOrValue(bare);
    expect(shortcut({ url: "u", valueString: "a" })).toBe(undefined);
    expect(shortcut({ url: "u" })).toBe(undefined);
  });
});
