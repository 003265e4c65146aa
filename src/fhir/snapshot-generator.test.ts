import { beforeAll, expect, it } from "vitest";
import { describeWithPublishedAssets, publishedAssetsDir } from "../testing/index.js";
import { sharedSnapshotBases } from "../testing/snapshot-profiles.js";
import type { ElementDefinitionJson, StructureDefinitionJson } from "./base-definitions.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import { loadProfileSet } from "./profile-set.js";
import { SnapshotGenerator } from "./snapshot-generator.js";
import { PROJECT_PROFILES_DIR } from "./validator.js";

const SD = "https://fhir.nhs.uk/STU3/StructureDefinition/";
let published: ReadonlyMap<string, StructureDefinitionJson>;
let project: ReadonlyMap<string, StructureDefinitionJson>;

function loadBoth(): void {
  const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
  published = loadProfileSet(publishedAssetsDir(), model).definitions();
  project = loadProfileSet(PROJECT_PROFILES_DIR, model).definitions();
}

const cardinality = (element: ElementDefinitionJson) => ({
  min: element.min,
  max: element.max,
  fixed: fixedOf(element),
});
const fixedOf = (element: ElementDefinitionJson) =>
  Object.entries(element).find(([key]) => key.startsWith("fixed"))?.[1];

/** Regenerates a published profile's snapshot from its differential alone. */
function regenerate(url: string): {
  generated: Map<string, ElementDefinitionJson>;
  publishedSnapshot: ElementDefinitionJson[];
} {
  const withoutSnapshots = new Map(
    [...published].map(([key, definition]) => [key, { ...definition, snapshot: undefined }]),
  );
  const definition = withoutSnapshots.get(url) as StructureDefinitionJson;
  const snapshot =
    new SnapshotGenerator(withoutSnapshots, sharedSnapshotBases()).generate(definition).snapshot
      ?.element ?? [];
  return {
    generated: new Map(snapshot.map((element) => [element.id ?? element.path, element])),
    publishedSnapshot: published.get(url)?.snapshot?.element ?? [],
  };
}

describeWithPublishedAssets("snapshot generation from differentials against the STU3 base", () => {
  beforeAll(loadBoth);

  it.each([
    ["NDOP-Consent-1", 258],
    ["Extension-NDOP-OptOutSource-1", 16],
  ])(
    "regenerates every element of the published %s snapshot (%i), with its cardinality and fixed value",
    (name, elements) => {
      const { generated, publishedSnapshot } = regenerate(`${SD}${name}`);
      expect(publishedSnapshot).toHaveLength(elements);
      for (const element of publishedSnapshot) {
        const id = element.id ?? element.path;
        expect(generated.has(id), `${id} generated`).toBe(true);
        expect(cardinality(generated.get(id) as ElementDefinitionJson), id).toEqual(
          cardinality(element),
        );
      }
    },
  );

  it("agrees with the published proxy snapshot wherever that one's element ids are well formed", () => {
    const { generated, publishedSnapshot } = regenerate(`${SD}Extension-NDOP-Proxy-1`);
    const wellFormed = publishedSnapshot.filter((element) =>
      (element.id ?? "").startsWith("Extension"),
    );
    expect(publishedSnapshot.length - wellFormed.length).toBe(5); // the malformed valueCodeableConcept:… ids
    for (const element of wellFormed) {
      expect(
        cardinality(generated.get(element.id as string) as ElementDefinitionJson),
        element.id,
      ).toEqual(cardinality(element));
    }
    expect(
      generated.get("Extension.extension:role.value[x]:valueCodeableConcept.coding.display")?.min,
    ).toBe(1);
  });

  it("agrees with the published Spine-OperationOutcome-1 snapshot on every element both show", () => {
    const { generated, publishedSnapshot } = regenerate(`${SD}Spine-OperationOutcome-1`);
    const shared = publishedSnapshot.filter((element) => generated.has(element.id as string));
    expect(shared).toHaveLength(30); // of the published 80: the rest are base elements it expands
    for (const element of shared) {
      expect(
        cardinality(generated.get(element.id as string) as ElementDefinitionJson),
        element.id,
      ).toEqual(cardinality(element));
    }
  });

  it.each([
    "NDOP-Consent-1",
    "Extension-NDOP-OptOutSource-1",
    "Extension-NDOP-Proxy-1",
    "Spine-OperationOutcome-1",
  ])("carries every constraint of the project's %s differential into its snapshot", (name) => {
    const definition = project.get(`${SD}${name}`) as StructureDefinitionJson;
    const snapshot =
      new SnapshotGenerator(project, sharedSnapshotBases()).generate(definition).snapshot
        ?.element ?? [];
    const byId = new Map(snapshot.map((element) => [element.id, element]));
    for (const differential of definition.differential?.element ?? []) {
      const element = byId.get(differential.id);
      expect(element, `${differential.id} in the snapshot`).toBeDefined();
      if (differential.min !== undefined)
        expect(element?.min, differential.id).toBe(differential.min);
      if (differential.max !== undefined)
        expect(element?.max, differential.id).toBe(differential.max);
      if (fixedOf(differential) !== undefined)
        expect(fixedOf(element as ElementDefinitionJson)).toEqual(fixedOf(differential));
    }
  });
});
