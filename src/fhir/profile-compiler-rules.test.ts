import { describe, expect, it } from "vitest";
import { handMadeProfile } from "../testing/snapshot-profiles.js";
import type { StructureDefinitionJson } from "./base-definitions.js";
import { compileProfile, sliceDiscriminator } from "./profile-compiler.js";
import { newRule } from "./profile-model.js";

const URL = "https://example.org/StructureDefinition/Hand-Made-1";

describe("the type a compiled profile constrains", () => {
  it("is the definition's type, else its first element's root, else Resource", () => {
    const typed = compileProfile(handMadeProfile(URL, "Consent", undefined));
    expect([typed.type, typed.name, typed.root.children.size]).toEqual([
      "Consent",
      "Hand-Made-1",
      0,
    ]);

    const untyped = { resourceType: "StructureDefinition", url: URL } as StructureDefinitionJson;
    expect(compileProfile(untyped).type).toBe("Resource");
    const fromPath = {
      ...untyped,
      differential: { element: [{ path: "Consent.status", min: 1 }] },
    };
    const compiled = compileProfile(fromPath);
    expect(compiled.type).toBe("Consent");
    expect(compiled.root.children.get("status")?.min).toBe(1);
  });
});

describe("a slice closed by its element appearing again without a slice name", () => {
  it("sends the elements after it to the unsliced element, not to the slice", () => {
    const profile = handMadeProfile(URL, "Consent", [
      { path: "Consent.extension", sliceName: "source" },
      { path: "Consent.extension.url", fixedUri: "https://example.org/source" },
      { path: "Consent.extension", max: "2" },
      { path: "Consent.extension.url", fixedUri: "https://example.org/any" },
    ]);
    const extension = compileProfile(profile).root.children.get("extension");
    expect(extension?.max).toBe(2);
    expect(extension?.children.get("url")?.fixed).toBe("https://example.org/any");
    const slice = extension?.slices[0];
    expect(slice?.sliceName).toBe("source");
    expect(slice?.children.get("url")?.fixed).toBe("https://example.org/source");
    expect(slice && sliceDiscriminator(slice)).toBe("https://example.org/source");
  });
});

describe("the url a slice of extension is recognised by", () => {
  it("is none when the slice fixes no url, or fixes it to something other than text", () => {
    const bare = newRule("Consent.extension:bare");
    expect(sliceDiscriminator(bare)).toBeUndefined();
    const coded = newRule("Consent.extension:coded");
    coded.children.set("url", { ...newRule("Consent.extension:coded.url"), fixed: { code: "x" } });
    expect(sliceDiscriminator(coded)).toBeUndefined();
  });
});
