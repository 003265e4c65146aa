import { expect, it } from "vitest";
import { ProfileSetError } from "../errors/index.js";

import {
  elementById as byId,
  childIds,
  elementIds as ids,
  pathAndMin,
  handMadeProfile as profile,
  generatedSnapshot as snapshotOf,
  idsUnder as under,
} from "../testing/snapshot-profiles.js";
import { thrownBy } from "../testing/thrown.js";

// Hand-made differentials against the STU3 base: each test builds its generator itself.

it("takes the base from the type when a profile names no base definition, and copies it whole without a differential", () => {
  const snapshot = snapshotOf(profile("urn:p", "Consent", undefined));
  expect(snapshot).toHaveLength(65);
  expect(ids(snapshot).slice(0, 3)).toEqual(["Consent", "Consent.id", "Consent.meta"]);
  expect(byId(snapshot, "Consent.status")?.min).toBe(1);
});

it("refuses a base definition it does not know, naming it", () => {
  const definition = profile("urn:p", "Consent", [{ path: "Consent" }], "urn:nowhere");
  const error = thrownBy(() => snapshotOf(definition));
  expect(error).toBeInstanceOf(ProfileSetError);
  expect((error as ProfileSetError).message).toBe(
    "No base definition urn:nowhere to build a snapshot on.",
  );
  expect((error as ProfileSetError).context).toEqual({ url: "urn:nowhere" });
});

it("refuses a base profile whose snapshot has no root element", () => {
  const empty = { ...profile("urn:empty", "Consent", undefined), snapshot: { element: [] } };
  const definition = profile("urn:p", "Consent", [{ path: "Consent" }], "urn:empty");
  expect(() => snapshotOf(definition, [empty])).toThrow(
    new ProfileSetError("A snapshot needs at least a root element."),
  );
});

it("appends a differential's constraints to the base's and replaces its other keys", () => {
  const constraint = { key: "ndop-1", severity: "error", human: "h", expression: "true" };
  const snapshot = snapshotOf(
    profile("urn:p", "Consent", [
      { id: "Consent", path: "Consent", constraint: [constraint] },
      { id: "Consent.status", path: "Consent.status", short: "the status" },
    ]),
  );
  expect(snapshot[0]?.constraint?.map((rule) => rule.key)).toEqual([
    "dom-2",
    "dom-1",
    "dom-4",
    "dom-3",
    "ppc-1",
    "ndop-1",
  ]);
  expect(byId(snapshot, "Consent.status")?.short).toBe("the status");
  expect(byId(snapshot, "Consent.status")?.path).toBe("Consent.status");
});

it("shows the children of a constrained element of a complex type, and of no primitive or choice", () => {
  const snapshot = snapshotOf(
    profile("urn:p", "Consent", [
      { id: "Consent.except", path: "Consent.except", min: 1 },
      { id: "Consent.source[x]", path: "Consent.source[x]", min: 1 },
      { id: "Consent.status", path: "Consent.status", min: 1 },
      { id: "Consent.period", path: "Consent.period", min: 1 },
    ]),
  );
  expect(under(snapshot, "Consent.except.")).toHaveLength(23);
  expect(under(snapshot, "Consent.except.").slice(2, 4)).toEqual([
    "Consent.except.modifierExtension",
    "Consent.except.type",
  ]);
  expect(byId(snapshot, "Consent.except")?.min).toBe(1);
  expect(under(snapshot, "Consent.source[x].")).toEqual([]);
  expect(under(snapshot, "Consent.status.")).toEqual([]);
  expect(under(snapshot, "Consent.period.")).toEqual([
    "Consent.period.id",
    "Consent.period.extension",
    "Consent.period.start",
    "Consent.period.end",
  ]);
  expect(byId(snapshot, "Consent.period.start")?.path).toBe("Consent.period.start");
  expect(snapshot).toHaveLength(69);
});

it("reaches into a type's elements, rebasing their paths and ids", () => {
  const snapshot = snapshotOf(
    profile("urn:p", "Consent", [
      { id: "Consent.patient.reference", path: "Consent.patient.reference", min: 1 },
    ]),
  );
  expect(under(snapshot, "Consent.patient.")).toEqual(
    childIds("Consent.patient", ["id", "extension", "reference", "identifier", "display"]),
  );
  expect(pathAndMin(snapshot, "Consent.patient.reference")).toEqual([
    "Consent.patient.reference",
    1,
  ]);
});

it("gives an element defined by a content reference the referenced element's children", () => {
  const snapshot = snapshotOf(
    profile("urn:q", "Questionnaire", [
      { id: "Questionnaire.item.item.linkId", path: "Questionnaire.item.item.linkId", min: 1 },
    ]),
  );
  const nested = under(snapshot, "Questionnaire.item.item.");
  expect(nested).toHaveLength(28);
  expect(nested.slice(0, 5)).toEqual(
    childIds("Questionnaire.item.item", [
      "id",
      "extension",
      "modifierExtension",
      "linkId",
      "definition",
    ]),
  );
  expect(nested.at(-1)).toBe("Questionnaire.item.item.item");
  expect(pathAndMin(snapshot, "Questionnaire.item.item.option.value[x]")).toEqual([
    "Questionnaire.item.item.option.value[x]",
    1,
  ]);
  expect(byId(snapshot, "Questionnaire.item.item.linkId")?.min).toBe(1);
  expect(snapshot.filter((element) => element.path.startsWith("Questionnaire.item."))).toHaveLength(
    under(snapshot, "Questionnaire.item.").length,
  );
});

it("finds a content reference's element deep in the tree (exclude is defined as #ValueSet.compose.include)", () => {
  const snapshot = snapshotOf(
    profile("urn:v", "ValueSet", [{ path: "ValueSet.compose.exclude.system", min: 1 }]),
  );
  const exclude = under(snapshot, "ValueSet.compose.exclude.");
  expect(exclude).toHaveLength(26);
  expect(exclude.slice(3, 6)).toEqual(
    childIds("ValueSet.compose.exclude", ["system", "version", "concept"]),
  );
  expect(byId(snapshot, "ValueSet.compose.exclude.system")?.min).toBe(1);
  expect(byId(snapshot, "ValueSet.compose.include.system")?.min).toBe(0);
  const value = byId(snapshot, "ValueSet.compose.exclude.concept.designation.value");
  expect(value?.path).toBe("ValueSet.compose.exclude.concept.designation.value");
});

it("never slices the root, whatever slice name a differential gives it", () => {
  const snapshot = snapshotOf(profile("urn:p", "Consent", [{ path: "Consent", sliceName: "x" }]));
  expect(snapshot).toHaveLength(65);
  expect(snapshot[0]?.sliceName).toBeUndefined();
});
