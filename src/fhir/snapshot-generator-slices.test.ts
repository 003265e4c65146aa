import { expect, it } from "vitest";
import { ProfileSetError } from "../errors/index.js";
import {
  elementById as byId,
  childIds,
  elementIds as ids,
  pathAndMin,
  handMadeProfile as profile,
  sharedSnapshotBases,
  generatedSnapshot as snapshotOf,
  idsUnder as under,
} from "../testing/snapshot-profiles.js";
import type { ElementDefinitionJson } from "./base-definitions.js";
import { SnapshotGenerator } from "./snapshot-generator.js";

// Slices, choices and profiles built on profiles, from hand-made differentials.
const EXTENSION_CHILDREN = [".id", ".extension", ".url", ".value[x]"];

function extensionSlices(): ElementDefinitionJson[] {
  return [
    { id: "Consent.extension", path: "Consent.extension", slicing: { rules: "open" } },
    { id: "Consent.extension:a", path: "Consent.extension", sliceName: "a", min: 1 },
    { id: "Consent.extension:a.url", path: "Consent.extension.url", fixedUri: "urn:a" },
    { id: "Consent.identifier", path: "Consent.identifier", min: 1 },
    { id: "Consent.extension.url", path: "Consent.extension.url", short: "any" },
    { id: "Consent.extension:a", path: "Consent.extension", sliceName: "a", max: "1" },
  ];
}

it("copies an element for a slice, keeps it open for its children only, and reopens it by name", () => {
  const snapshot = snapshotOf(profile("urn:p", "Consent", extensionSlices()));
  expect(under(snapshot, "Consent.extension")).toEqual([
    "Consent.extension",
    ...EXTENSION_CHILDREN.map((child) => `Consent.extension${child}`),
    "Consent.extension:a",
    ...EXTENSION_CHILDREN.map((child) => `Consent.extension:a${child}`),
  ]);
  const slice = byId(snapshot, "Consent.extension:a");
  expect([slice?.path, slice?.sliceName, slice?.min, slice?.max]).toEqual([
    "Consent.extension",
    "a",
    1,
    "1",
  ]);
  expect(byId(snapshot, "Consent.extension")?.slicing).toEqual({ rules: "open" });
  expect(slice?.slicing).toBeUndefined();
  expect(byId(snapshot, "Consent.extension:a.url")?.fixedUri).toBe("urn:a");
  expect(byId(snapshot, "Consent.extension:a.url")?.short).toBe(
    "identifies the meaning of the extension",
  );
  expect(byId(snapshot, "Consent.extension.url")?.short).toBe("any");
  expect(byId(snapshot, "Consent.extension.url")?.fixedUri).toBeUndefined();
  expect(byId(snapshot, "Consent.extension:a.url")?.path).toBe("Consent.extension.url");
});

it.each([
  ["an unknown extension", [], [0, "*"]],
  ["an extension with neither snapshot nor differential", [{}], [0, "*"]],
  [
    "an extension's differential root",
    [{ differential: { element: [{ path: "Extension", min: 1, max: "1" }] } }],
    [1, "1"],
  ],
  [
    "an extension's snapshot root before its differential",
    [
      {
        snapshot: { element: [{ path: "Extension", min: 1, max: "2" }] },
        differential: { element: [{ path: "Extension", min: 0 }] },
      },
    ],
    [1, "2"],
  ],
])("takes an extension slice's cardinality from %s", (_, extension, cardinality) => {
  const others = extension.map((parts) => ({
    ...profile("urn:ext", "Extension", undefined),
    ...parts,
  }));
  const snapshot = snapshotOf(
    profile("urn:p", "Consent", [
      { path: "Consent.extension.url" },
      {
        path: "Consent.extension",
        sliceName: "e",
        type: [{ code: "Extension", profile: "urn:ext" }],
      },
    ]),
    others,
  );
  const slice = byId(snapshot, "Consent.extension:e");
  expect([slice?.min, slice?.max]).toEqual(cardinality);
});

it("slices an element inside a slice, naming it from the enclosing slice's id", () => {
  const snapshot = snapshotOf(
    profile("urn:p", "Consent", [
      {
        path: "Consent.except",
        sliceName: "x",
        type: [{ code: "BackboneElement", profile: "urn:bb" }],
      },
      { path: "Consent.except.actor", sliceName: "y", min: 1 },
    ]),
    // Only an extension's profile lends a slice its cardinality: this one must not.
    [
      {
        ...profile("urn:bb", "BackboneElement", undefined),
        snapshot: { element: [{ path: "BackboneElement", min: 1, max: "1" }] },
      },
    ],
  );
  const except = byId(snapshot, "Consent.except:x");
  expect([except?.min, except?.max]).toEqual([0, "*"]);
  const actorChildren = ["id", "extension", "modifierExtension", "role", "reference"];
  expect(under(snapshot, "Consent.except:x.actor")).toEqual([
    "Consent.except:x.actor",
    ...childIds("Consent.except:x.actor", actorChildren),
    "Consent.except:x.actor:y",
    ...childIds("Consent.except:x.actor:y", actorChildren),
  ]);
  expect(byId(snapshot, "Consent.except:x.actor:y")?.min).toBe(1);
  expect(byId(snapshot, "Consent.except.actor")?.min).toBe(0);
  expect(byId(snapshot, "Consent.except:x.actor:y.role")?.path).toBe("Consent.except.actor.role");
});

it.each([
  ["valueCodeableConcept", [{ code: "CodeableConcept" }], 9],
  ["valueString", [{ code: "string" }], 5],
])("renames a choice constrained as %s to that one type", (name, type, length) => {
  const snapshot = snapshotOf(
    profile("urn:e", "Extension", [{ path: `Extension.${name}`, sliceName: name, min: 1 }]),
  );
  const choice = byId(snapshot, `Extension.value[x]:${name}`);
  expect([choice?.path, choice?.sliceName, choice?.min, choice?.type]).toEqual([
    `Extension.${name}`,
    name,
    1,
    type,
  ]);
  expect(ids(snapshot)).toHaveLength(length);
});

it("reaches into a renamed choice's type", () => {
  const snapshot = snapshotOf(
    profile("urn:e", "Extension", [{ path: "Extension.valueCodeableConcept.coding", min: 1 }]),
  );
  expect(under(snapshot, "Extension.value[x]:valueCodeableConcept.")).toEqual([
    "Extension.value[x]:valueCodeableConcept.id",
    "Extension.value[x]:valueCodeableConcept.extension",
    "Extension.value[x]:valueCodeableConcept.coding",
    ...[".id", ".extension", ".system", ".version", ".code", ".display", ".userSelected"].map(
      (child) => `Extension.value[x]:valueCodeableConcept.coding${child}`,
    ),
    "Extension.value[x]:valueCodeableConcept.text",
  ]);
  expect(pathAndMin(snapshot, "Extension.value[x]:valueCodeableConcept.coding")).toEqual([
    "Extension.valueCodeableConcept.coding",
    1,
  ]);
});

it("keeps every type of a choice named with a type it does not allow", () => {
  const snapshot = snapshotOf(profile("urn:e", "Extension", [{ path: "Extension.valueFoo" }]));
  const choice = byId(snapshot, "Extension.value[x]:valueFoo");
  expect(choice?.path).toBe("Extension.valueFoo");
  expect(choice?.type).toHaveLength(38);
});

it.each(["valuexCode", "idX", "urlFoo"])(
  "refuses %s, which names no element of Extension",
  (name) => {
    const definition = profile("urn:e", "Extension", [{ path: `Extension.${name}` }]);
    expect(() => snapshotOf(definition)).toThrow(
      new ProfileSetError(`Extension has no element ${name}.`),
    );
  },
);

it("builds on a base profile's snapshot, finding its slices again by name", () => {
  const generator = new SnapshotGenerator(new Map(), sharedSnapshotBases());
  const base = generator.generate(profile("urn:a", "Consent", extensionSlices()));
  const derived = profile(
    "urn:b",
    "Consent",
    [{ path: "Consent.extension", sliceName: "a", short: "derived" }],
    "urn:a",
  );
  for (const others of [[base], [{ ...base, snapshot: undefined }]]) {
    const snapshot = snapshotOf(derived, others);
    expect(ids(snapshot)).toEqual(ids(base.snapshot?.element ?? []));
    expect(byId(snapshot, "Consent.extension:a")?.short).toBe("derived");
    expect(byId(snapshot, "Consent.extension:a")?.min).toBe(1);
  }
});

it("replaces a base's fixed value with a fixed one and its pattern with a pattern, and keeps the rest", () => {
  const base = profile("urn:a", "Consent", [
    { path: "Consent.status", fixedCode: "active" },
    { path: "Consent.language", patternCode: "en" },
    { path: "Consent.implicitRules", patternUri: "urn:r" },
    { path: "Consent.identifier", fixedIdentifier: { system: "s" } },
  ]);
  const derived = profile(
    "urn:b",
    "Consent",
    [
      { path: "Consent.status", fixedString: "x" },
      { path: "Consent.language", patternString: "y" },
      { path: "Consent.implicitRules", min: 1 },
      { path: "Consent.identifier", patternIdentifier: { system: "t" } },
    ],
    "urn:a",
  );
  const snapshot = snapshotOf(derived, [base]);
  const valuesOf = (id: string) =>
    Object.fromEntries(
      Object.entries(byId(snapshot, id) ?? {}).filter(([key]) => /^(fixed|pattern|path)/.test(key)),
    );
  expect(valuesOf("Consent.status")).toEqual({ path: "Consent.status", fixedString: "x" });
  expect(valuesOf("Consent.language")).toEqual({ path: "Consent.language", patternString: "y" });
  expect(valuesOf("Consent.implicitRules")).toEqual({
    path: "Consent.implicitRules",
    patternUri: "urn:r",
  });
  expect(valuesOf("Consent.identifier")).toEqual({
    path: "Consent.identifier",
    fixedIdentifier: { system: "s" },
    patternIdentifier: { system: "t" },
  });
});
