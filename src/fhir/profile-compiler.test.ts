import { beforeAll, expect, it } from "vitest";
import { describeWithPublishedAssets, publishedAssetsDir } from "../testing/index.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import { sliceDiscriminator } from "./profile-compiler.js";
import type { CompiledProfile, ElementRule } from "./profile-model.js";
import { loadProfileSet, type ProfileSet } from "./profile-set.js";
import { PROJECT_PROFILES_DIR } from "./validator.js";

const SD = "https://fhir.nhs.uk/STU3/StructureDefinition/";
let project: ProfileSet;
let published: ProfileSet;

function loadBoth(): void {
  const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
  project = loadProfileSet(PROJECT_PROFILES_DIR, model);
  published = loadProfileSet(publishedAssetsDir(), model);
}

function rule(profile: CompiledProfile | undefined, path: string): ElementRule | undefined {
  let current = profile?.root;
  for (const step of path.split(".")) {
    const [name, slice] = step.split(":");
    current = current?.children.get(name as string);
    if (slice !== undefined)
      current = current?.slices.find((candidate) => candidate.sliceName === slice);
  }
  return current;
}

const both = (url: string) => [project.profile(url), published.profile(url)] as const;

describeWithPublishedAssets(
  "compiling differentials: the project's profiles and the published ones agree on the contract's facts",
  () => {
    beforeAll(loadBoth);

    it.each([
      "period",
      "actor",
      "action",
      "source[x]",
      "policyRule",
      "securityLabel",
      "dataPeriod",
      "data",
      "except",
      "patient.identifier",
      "organization.display",
    ])("NDOP-Consent-1 forbids %s", (path) => {
      for (const profile of both(`${SD}NDOP-Consent-1`)) expect(rule(profile, path)?.max).toBe(0);
    });

    it.each([
      ["purpose.system", "http://snomed.info/sct"],
      ["purpose.code", "370856009"],
      ["purpose.display", "Limiting access to confidential patient information"],
      ["organization.reference", "https://directory.spineservices.nhs.uk/STU3/Organization/X26"],
    ])("NDOP-Consent-1 fixes %s", (path, value) => {
      for (const profile of both(`${SD}NDOP-Consent-1`))
        expect(rule(profile, path)?.fixed).toBe(value);
    });

    it("reads slices in differential order, whatever the element ids say (the published proxy's are malformed)", () => {
      for (const profile of both(`${SD}Extension-NDOP-Proxy-1`)) {
        const slices = rule(profile, "extension")?.slices ?? [];
        expect(slices.map(sliceDiscriminator)).toEqual(["role", "NIC"]);
        expect(rule(profile, "extension:role.valueCodeableConcept.coding.display")?.min).toBe(1);
        expect(rule(profile, "value[x]")?.max).toBe(0);
      }
    });

    it("finds the opt-out source slice by its extension profile, which (or the slice) fixes the code system", () => {
      const path = "valueCodeableConcept.coding.system";
      for (const set of [project, published]) {
        const consent = set.profile(`${SD}NDOP-Consent-1`);
        const slice = rule(consent, "extension")?.slices.find(
          (candidate) => sliceDiscriminator(candidate) === `${SD}Extension-NDOP-OptOutSource-1`,
        );
        const extension = set.profile(slice?.extensionProfile ?? "");
        const fixed = [
          slice && rule({ ...(consent as CompiledProfile), root: slice }, path)?.fixed,
          rule(extension, path)?.fixed,
        ];
        expect(fixed).toContain("https://fhir.nhs.uk/STU3/CodeSystem/NDOP-OptOutSource-1");
      }
    });

    it("binds Spine-OperationOutcome-1 details to the Spine code value set", () => {
      for (const profile of both(`${SD}Spine-OperationOutcome-1`)) {
        expect(rule(profile, "issue.details")?.binding).toEqual({
          strength: "required",
          valueSet: "https://fhir.nhs.uk/STU3/ValueSet/Spine-ErrorOrWarningCode-1",
        });
        expect(rule(profile, "issue.expression")?.max).toBe(0);
      }
    });
  },
);
