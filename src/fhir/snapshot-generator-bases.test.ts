import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { ProfileSetError } from "../errors/index.js";
import {
  elementById as byId,
  elementIds as ids,
  handMadeProfile as profile,
  generatedSnapshot as snapshotOf,
} from "../testing/snapshot-profiles.js";
import type { ElementDefinitionJson, StructureDefinitionJson } from "./base-definitions.js";
import { readSnapshotBases, SnapshotGenerator } from "./snapshot-generator.js";

// Differentials on the STU3 base, and on hand-made base profiles with unusual snapshots (a profile
// folder may hold any StructureDefinition): each test builds its generator itself.

/** A hand-made profile at `url` with this snapshot (and no differential). */
function based(url: string, elements: ElementDefinitionJson[]): StructureDefinitionJson {
  return { ...profile(url, "Consent", undefined), snapshot: { element: elements } };
}

it("gives a differential's constraint alone to an element whose base has none", () => {
  const constraint = { key: "ndop-2", severity: "error", human: "h", expression: "true" };
  const snapshot = snapshotOf(
    profile("urn:p", "Consent", [{ path: "Consent.id", constraint: [constraint] }]),
  );
  expect(byId(snapshot, "Consent.id")?.constraint).toEqual([constraint]);
});

it("copies the slices below an element into the elements that reference it", () => {
  // Bundle.entry.link is defined as #Bundle.link.
  const snapshot = snapshotOf(
    profile("urn:p", "Bundle", [
      { path: "Bundle.link.extension", sliceName: "note" },
      { path: "Bundle.entry.link" },
    ]),
  );
  expect(ids(snapshot).filter((id) => id?.endsWith("extension:note"))).toEqual([
    "Bundle.link.extension:note",
    "Bundle.entry.link.extension:note",
  ]);
  expect(byId(snapshot, "Bundle.entry.link.extension:note")?.path).toBe(
    "Bundle.entry.link.extension",
  );
});

it("gives no children to an element whose contentReference names no element", () => {
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    { id: "Consent.a", path: "Consent.a", contentReference: "#Consent.nowhere" },
  ]);
  const snapshot = snapshotOf(profile("urn:p", "Consent", [{ path: "Consent.a" }], "urn:base"), [
    base,
  ]);
  expect(ids(snapshot)).toEqual(["Consent", "Consent.a"]);
});

it("does not take a renamed choice as the element a contentReference names", () => {
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    { id: "Consent.value[x]", path: "Consent.value[x]", type: [{ code: "Period" }] },
    { id: "Consent.b", path: "Consent.b", contentReference: "#Consent.valuePeriod" },
  ]);
  const definition = profile(
    "urn:p",
    "Consent",
    [{ path: "Consent.valuePeriod" }, { path: "Consent.b" }],
    "urn:base",
  );
  const snapshot = snapshotOf(definition, [base]);
  expect(ids(snapshot)).toEqual([
    "Consent",
    "Consent.value[x]:valuePeriod",
    "Consent.value[x]:valuePeriod.id",
    "Consent.value[x]:valuePeriod.extension",
    "Consent.value[x]:valuePeriod.start",
    "Consent.value[x]:valuePeriod.end",
    "Consent.b",
  ]);
});

it("renames a choice the base gives no types", () => {
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    { id: "Consent.value[x]", path: "Consent.value[x]" },
  ]);
  const snapshot = snapshotOf(
    profile("urn:p", "Consent", [{ path: "Consent.valueString", min: 1 }], "urn:base"),
    [base],
  );
  expect(snapshot[1]).toEqual({
    id: "Consent.value[x]:valueString",
    path: "Consent.valueString",
    sliceName: "valueString",
    min: 1,
  });
});

it("expands a type profile by its own root path, and one with an empty snapshot into nothing", () => {
  const note = based("urn:note", [
    { id: "Note", path: "Note" },
    { id: "Note.text", path: "Note.text" },
  ]);
  const empty = based("urn:empty", []);
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    { id: "Consent.a", path: "Consent.a", type: [{ code: "Reference", profile: "urn:note" }] },
    { id: "Consent.b", path: "Consent.b", type: [{ code: "Reference", profile: "urn:empty" }] },
  ]);
  const definition = profile(
    "urn:p",
    "Consent",
    [{ path: "Consent.a" }, { path: "Consent.b" }],
    "urn:base",
  );
  const snapshot = snapshotOf(definition, [base, note, empty]);
  expect(snapshot.map((element) => [element.id, element.path])).toEqual([
    ["Consent", "Consent"],
    ["Consent.a", "Consent.a"],
    ["Consent.a.text", "Consent.a.text"],
    ["Consent.b", "Consent.b"],
  ]);
});

it("keeps the slices of a base's root after its children, the root's id or not", () => {
  for (const root of [{ path: "Consent" }, { id: "Consent", path: "Consent" }]) {
    const base = based("urn:base", [
      root,
      { id: "Consent:s", path: "Consent", sliceName: "s" },
      { id: "Consent.status", path: "Consent.status" },
    ]);
    const snapshot = snapshotOf(profile("urn:p", "Consent", [], "urn:base"), [base]);
    expect(ids(snapshot)).toEqual([root.id, "Consent.status", "Consent:s"]);
  }
});

it("places a base element by its slice name and id together", () => {
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    { id: "Consent.extension", path: "Consent.extension" },
    { id: "Consent.status", path: "Consent.status" },
    // A ':' in the id without a slice name, and a slice name with the ':' before the last '.'.
    { id: "Consent.extension:x", path: "Consent.extension" },
    { id: "Consent.extension:y.url", path: "Consent.extension.url", sliceName: "u" },
  ]);
  const snapshot = snapshotOf(profile("urn:p", "Consent", [], "urn:base"), [base]);
  expect(ids(snapshot)).toEqual([
    "Consent",
    "Consent.extension",
    "Consent.status",
    "Consent.extension:x",
    "Consent.extension:y.url",
  ]);
});

it("does not expand the root, even where its base gives it a type and no children", () => {
  const base = based("urn:base", [{ id: "Consent", path: "Consent", type: [{ code: "Period" }] }]);
  const snapshot = snapshotOf(profile("urn:p", "Consent", [{ path: "Consent" }], "urn:base"), [
    base,
  ]);
  expect(ids(snapshot)).toEqual(["Consent"]);
});

it("slices a base element by id only where the ':' follows the last '.'", () => {
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    { id: "Consentx", path: "Consent", sliceName: "x" },
    { id: "Consent.status", path: "Consent.status" },
  ]);
  const snapshot = snapshotOf(profile("urn:p", "Consent", [], "urn:base"), [base]);
  expect(ids(snapshot)).toEqual(["Consent", "Consentx", "Consent.status"]);
});

it("finds the element a contentReference names by path, only below elements whose path leads to it", () => {
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    // Ids that place elements where their paths do not lead.
    { id: "Consent.a", path: "Consent.a" },
    { id: "Consent.a.z", path: "Consent.z" },
    { id: "Consent.a.z.q", path: "Consent.z.q" },
    { id: "Consent.b", path: "Consent.b" },
    { id: "Consent.c", path: "Consent.b" },
    { id: "Consent.c.q", path: "Consent.b.q" },
    { id: "Consent.c.q.r", path: "Consent.b.q.r" },
    { id: "Consent.d", path: "Consent.d", contentReference: "#Consent.z" },
    { id: "Consent.e", path: "Consent.e", contentReference: "#Consent.b.q" },
  ]);
  const definition = profile(
    "urn:p",
    "Consent",
    [{ path: "Consent.d" }, { path: "Consent.e" }],
    "urn:base",
  );
  const snapshot = snapshotOf(definition, [base]);
  // Consent.e takes the children of the element at Consent.b.q (its id, not led by that path, kept).
  expect(snapshot.slice(8).map((element) => [element.id, element.path])).toEqual([
    ["Consent.d", "Consent.d"],
    ["Consent.e", "Consent.e"],
    ["Consent.c.q.r", "Consent.e.r"],
  ]);
});

it("takes only a final [x] as the mark of a choice", () => {
  const base = based("urn:base", [
    { id: "Consent", path: "Consent" },
    { id: "Consent.a[x]b[x]", path: "Consent.a[x]b[x]", type: [{ code: "string" }] },
  ]);
  const definition = profile("urn:p", "Consent", [{ path: "Consent.a[x]bString" }], "urn:base");
  expect(snapshotOf(definition, [base])[1]).toEqual({
    id: "Consent.a[x]b[x]:a[x]bString",
    path: "Consent.a[x]bString",
    sliceName: "a[x]bString",
    type: [{ code: "string" }],
  });
});

it("refuses a base profile whose snapshot lists no elements at all", () => {
  const base = { ...profile("urn:base", "Consent", undefined), snapshot: {} };
  const definition = profile("urn:p", "Consent", [], "urn:base");
  expect(() => snapshotOf(definition, [base as StructureDefinitionJson])).toThrow(
    new ProfileSetError("A snapshot needs at least a root element."),
  );
});

it("builds only on the StructureDefinitions with a snapshot in the definitions it reads", () => {
  const folder = mkdtempSync(join(tmpdir(), "ndop-snapshot-definitions-"));
  const hl7 = "http://hl7.org/fhir/StructureDefinition/";
  const group = [
    { id: "Group", path: "Group" },
    { id: "Group.name", path: "Group.name" },
  ];
  const resources = [
    // Not a StructureDefinition, though it carries a snapshot at a base url.
    { resourceType: "Basic", url: `${hl7}Consent`, snapshot: { element: [{ path: "Consent" }] } },
    { resourceType: "StructureDefinition", url: `${hl7}Patient` },
    { resourceType: "StructureDefinition", url: `${hl7}Group`, snapshot: { element: group } },
  ];
  const bundle = (list: object[]) =>
    JSON.stringify({ entry: list.map((resource) => ({ resource })) });
  writeFileSync(join(folder, "profiles-types.json"), bundle([]));
  writeFileSync(join(folder, "profiles-resources.json"), bundle(resources));
  const generator = new SnapshotGenerator(new Map(), readSnapshotBases(folder));

  const built = generator.generate(profile("urn:g", "Group", [{ path: "Group.name", min: 1 }]));
  expect(built.snapshot?.element).toEqual([group[0], { ...group[1], min: 1 }]);
  for (const type of ["Consent", "Patient"]) {
    expect(() => generator.generate(profile("urn:p", type, []))).toThrow(
      new ProfileSetError(`No base definition ${hl7}${type} to build a snapshot on.`, {
        url: `${hl7}${type}`,
      }),
    );
  }
});
