import { describe, expect, it } from "vitest";
import type { ElementDefinitionJson } from "./base-definitions.js";
import { compileProfile } from "./profile-compiler.js";
import type { ElementRule } from "./profile-model.js";

const URL = "https://example.org/StructureDefinition/Test-Consent-1";

/** Compiles a differential of these elements (with the definition's type, if given). */
function compile(elements: ElementDefinitionJson[], type: string | null = "Consent") {
  return compileProfile({
    resourceType: "StructureDefinition",
    url: URL,
    ...(type === null ? {} : { type }),
    differential: { element: elements },
  });
}

/** A rule tree as plain data, every property it holds shown (undefined ones too). */
function tree(rule: ElementRule): Record<string, unknown> {
  const { children, slices, ...rest } = rule;
  // Every rule has every member (newRule); what a rule shows is what the differential set.
  const shown: Record<string, unknown> = Object.fromEntries(
    Object.entries(rest).filter(([, value]) => value !== undefined),
  );
  if (children.size > 0)
    shown.children = Object.fromEntries([...children].map(([name, child]) => [name, tree(child)]));
  if (slices.length > 0) shown.slices = slices.map(tree);
  return shown;
}

describe("compileProfile: what one element constrains", () => {
  it("compiles cardinality, fixed, pattern, binding and extension profile onto the element's rule", () => {
    const profile = compile([
      { path: "Consent" },
      { path: "Consent.status", min: 1, max: "1", fixedCode: "active" },
      { path: "Consent.action", max: "*", patternCodeableConcept: { text: "opt out" } },
      {
        path: "Consent.purpose",
        binding: { strength: "required", valueSetReference: { reference: "https://vs/p" } },
      },
      { path: "Consent.category", binding: { strength: "example" } },
      {
        path: "Consent.extension",
        type: [{ code: "Reference", profile: "https://p/Reference" }],
      },
      {
        path: "Consent.modifierExtension",
        type: [{ code: "Extension" }, { code: "Extension", profile: "https://p/Proxy" }],
      },
    ]);
    expect({ ...profile, root: tree(profile.root) }).toStrictEqual({
      url: URL,
      name: "Test-Consent-1",
      type: "Consent",
      root: {
        id: "Consent",
        children: {
          status: { id: "Consent.status", min: 1, max: 1, fixed: "active" },
          action: {
            id: "Consent.action",
            max: Number.POSITIVE_INFINITY,
            pattern: { text: "opt out" },
          },
          purpose: {
            id: "Consent.purpose",
            binding: { strength: "required", valueSet: "https://vs/p" },
          },
          category: { id: "Consent.category" },
          extension: { id: "Consent.extension" },
          modifierExtension: {
            id: "Consent.modifierExtension",
            extensionProfile: "https://p/Proxy",
          },
        },
      },
    });
  });

  it("takes the type from the first element's path when the definition names none", () => {
    expect(compile([{ path: "Consent.status", min: 1 }], null).type).toBe("Consent");
    expect(compile([], null).type).toBe("Resource");
  });

  it("compiles a definition without a differential to a rule tree with nothing in it", () => {
    const profile = compileProfile({
      resourceType: "StructureDefinition",
      url: URL,
      type: "Consent",
    });
    expect(tree(profile.root)).toStrictEqual({ id: "Consent" });
  });
});

describe("compileProfile: slices read in differential order", () => {
  const SLICED: ElementDefinitionJson[] = [
    { path: "Consent.extension", sliceName: "proxy", min: 1 },
    { path: "Consent.extension.url", fixedUri: "https://p/Proxy" },
    { path: "Consent.status", min: 1 },
    { path: "Consent.extension.value[x]", max: "0" },
  ];

  it("puts the elements below a slice into it until the differential leaves its path", () => {
    const root = tree(compile(SLICED).root);
    expect(root).toStrictEqual({
      id: "Consent",
      children: {
        extension: {
          id: "Consent.extension",
          children: { "value[x]": { id: "Consent.extension.value[x]", max: 0 } },
          slices: [
            {
              id: "Consent.extension:proxy",
              sliceName: "proxy",
              min: 1,
              children: { url: { id: "Consent.extension:proxy.url", fixed: "https://p/Proxy" } },
            },
          ],
        },
        status: { id: "Consent.status", min: 1 },
      },
    });
  });

  it("closes a slice when its element comes again without a slice name", () => {
    const root = compile([
      SLICED[0] as ElementDefinitionJson,
      { path: "Consent.extension", max: "2" },
      { path: "Consent.extension.url", min: 1 },
    ]).root;
    expect(tree(root.children.get("extension") as ElementRule)).toStrictEqual({
      id: "Consent.extension",
      max: 2,
      children: { url: { id: "Consent.extension.url", min: 1 } },
      slices: [{ id: "Consent.extension:proxy", sliceName: "proxy", min: 1 }],
    });
  });

  it("adds to the slice already compiled when the same slice name comes again", () => {
    const root = compile([
      SLICED[0] as ElementDefinitionJson,
      { path: "Consent.status", min: 1 },
      { path: "Consent.extension", sliceName: "proxy", max: "1" },
    ]).root;
    expect(root.children.get("extension")?.slices.map(tree)).toStrictEqual([
      { id: "Consent.extension:proxy", sliceName: "proxy", min: 1, max: 1 },
    ]);
  });

  it("finds open slices by the elements' paths, whatever type the definition declares", () => {
    const root = compile(SLICED.slice(0, 2), "Basic").root;
    const slice = root.children.get("extension")?.slices[0];
    expect(slice?.children.get("url")?.fixed).toBe("https://p/Proxy");
    expect(root.children.get("extension")?.children.size).toBe(0);
  });

  it("treats a slice name on the root, or equal to the element's own name, as no slice", () => {
    const root = compile([
      { path: "Consent", sliceName: "whole", min: 1 },
      { path: "Consent.extension", sliceName: "extension", max: "3" },
    ]).root;
    expect(tree(root)).toStrictEqual({
      id: "Consent",
      min: 1,
      children: { extension: { id: "Consent.extension", max: 3 } },
    });
  });
});
