import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { applyEdits, publishedAssetsDir, type ResourceEdit } from "../testing/index.js";
import { NdopValidator, PROJECT_PROFILES_DIR } from "./validator.js";
import { writeFhirXml } from "./xml-writer.js";

interface FactCase {
  fact: string;
  name: string;
  base: string;
  formats?: ("json" | "xml")[];
  edits: ResourceEdit[];
  expect: "valid" | { ruleId: string; location: string };
}

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));
const { cases } = JSON.parse(readFileSync(`${fixtures}cases.json`, "utf8")) as {
  cases: FactCase[];
};
const bases = new Map<string, object>();
const baseResource = (name: string): object => {
  if (!bases.has(name))
    bases.set(name, JSON.parse(readFileSync(`${fixtures}${name}.json`, "utf8")));
  return bases.get(name) as object;
};

const profileSets = ["project", "published"] as const;
const validators = new Map<(typeof profileSets)[number], NdopValidator>();

beforeAll(() => {
  validators.set("project", NdopValidator.create({ profilesDir: PROJECT_PROFILES_DIR }));
  validators.set("published", NdopValidator.create({ profilesDir: publishedAssetsDir() }));
});

const runs = cases.flatMap((testCase) =>
  (testCase.formats ?? ["json", "xml"]).flatMap((format) =>
    profileSets.map((profiles) => ({ ...testCase, format, profiles })),
  ),
);

describe("validation facts of contract sections 6-8 (fixtures/validation/cases.json)", () => {
  it("covers every fact with a valid and an invalid case", () => {
    const facts = new Map<string, Set<string>>();
    for (const testCase of cases) {
      const verdicts = facts.get(testCase.fact) ?? new Set();
      verdicts.add(testCase.expect === "valid" ? "valid" : "invalid");
      facts.set(testCase.fact, verdicts);
    }
    const oneSided = [...facts].filter(([, verdicts]) => verdicts.size < 2).map(([fact]) => fact);
    expect(oneSided, "facts without both a valid and an invalid case").toEqual([]);
  });

  it.each(runs)(
    "§$fact: $name ($format, $profiles profiles)",
    ({ base, edits, expect: expected, format, profiles }) => {
      const validator = validators.get(profiles);
      if (validator === undefined) throw new Error(`no ${profiles} validator`);
      const resource = applyEdits(baseResource(base), edits);
      const input =
        format === "json"
          ? JSON.stringify(resource)
          : writeFhirXml(validator.inDefinitionOrder(resource as Record<string, unknown>));
      const result = validator.validate(input, { format });
      const errors = result.issues.filter(
        (issue) => issue.severity === "error" || issue.severity === "fatal",
      );
      if (expected === "valid") {
        expect(errors).toEqual([]);
        expect(result.valid).toBe(true);
      } else {
        expect(result.valid).toBe(false);
        expect(errors.map(({ ruleId, location }) => ({ ruleId, location }))).toContainEqual(
          expected,
        );
      }
    },
  );
});
