import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import {
  applyEdits,
  PUBLISHED_ASSETS_SKIP_REASON,
  publishedAssetsDir,
  publishedAssetsPresent,
  type ResourceEdit,
} from "../testing/index.js";
import { NdopValidator, PROJECT_PROFILES_DIR } from "./validator.js";
import { writeFhirXml } from "./xml-writer.js";

interface FactCase {
  fact: string;
  name: string;
  base: string;
  formats?: ("json" | "xml")[];
  edits: ResourceEdit[];
  /** Judge against this profile (validate --profile). */
  profile?: string;
  /** Validate with `strict: true` (known specification defects become errors). */
  strict?: boolean;
  /** How the JSON text is written, for the JSON-only rules (duplicate names). */
  json?: { replace?: [string, string][] };
  /** How the XML is written: members as they stand (not in definition order), a prefix, edits of the text. */
  xml?: { order?: "as-written"; prefix?: string; replace?: [string, string][] };
  /** "valid", or the issue expected: an error unless its severity says warning (then still valid). */
  expect: "valid" | { ruleId: string; location: string; severity?: "warning" };
}

function replaced(text: string, replacements: [string, string][] = []): string {
  return replacements.reduce((written, [from, to]) => {
    if (!written.includes(from)) throw new Error(`the case's text edit finds no ${from}`);
    return written.replace(from, to);
  }, text);
}

function writeXml(validator: NdopValidator, resource: Record<string, unknown>, testCase: FactCase) {
  const options = testCase.xml ?? {};
  const ordered = options.order === "as-written" ? resource : validator.inDefinitionOrder(resource);
  let xml = writeFhirXml(ordered);
  if (options.prefix !== undefined) {
    const prefix = options.prefix;
    xml = xml
      .replace(/<(\/?)([A-Za-z])/g, `<$1${prefix}:$2`)
      .replace('xmlns="http://hl7.org/fhir"', `xmlns:${prefix}="http://hl7.org/fhir"`);
  }
  return replaced(xml, options.replace);
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
  if (publishedAssetsPresent)
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

  const project = runs.filter(({ profiles }) => profiles === "project");
  const published = runs.filter(({ profiles }) => profiles === "published");
  const publishedIt = publishedAssetsPresent ? it.each(published) : it.skip.each(published);
  const publishedNote = publishedAssetsPresent ? "" : ` [${PUBLISHED_ASSETS_SKIP_REASON}]`;
  it.each(project)("§$fact: $name ($format, $profiles profiles)", checkCase);
  publishedIt(`§$fact: $name ($format, $profiles profiles)${publishedNote}`, checkCase);
});

function checkCase(testCase: (typeof runs)[number]): void {
  const { base, edits, expect: expected, format, profiles } = testCase;
  const validator = validators.get(profiles);
  if (validator === undefined) throw new Error(`no ${profiles} validator`);
  const resource = applyEdits(baseResource(base), edits) as Record<string, unknown>;
  const input =
    format === "json"
      ? replaced(JSON.stringify(resource), testCase.json?.replace)
      : writeXml(validator, resource, testCase);
  const result = validator.validate(input, {
    format,
    strict: testCase.strict === true,
    ...(testCase.profile === undefined ? {} : { profile: testCase.profile }),
  });
  const errors = result.issues.filter(
    (issue) => issue.severity === "error" || issue.severity === "fatal",
  );
  if (expected === "valid" || expected.severity === "warning") {
    expect(errors).toEqual([]);
    expect(result.valid).toBe(true);
  }
  if (expected === "valid") return;
  const found = expected.severity === "warning" ? result.issues : errors;
  if (expected.severity !== "warning") expect(result.valid).toBe(false);
  expect(
    found
      .filter((issue) => issue.severity === (expected.severity ?? issue.severity))
      .map(({ ruleId, location }) => ({ ruleId, location })),
  ).toContainEqual({ ruleId: expected.ruleId, location: expected.location });
}

describe("strict as a validator option", () => {
  it("makes a known specification defect an error for every validation, unless one call says otherwise", () => {
    const bundle = JSON.parse(readFileSync(`${fixtures}history-bundle.json`, "utf8"));
    bundle.entry[0].response = { status: "200 OK" };
    const strict = NdopValidator.create({ profilesDir: PROJECT_PROFILES_DIR, strict: true });
    const severities = (valid: boolean, options = {}) => {
      const result = strict.validate(bundle, options);
      expect(result.valid).toBe(valid);
      return result.issues.map(({ severity, ruleId }) => `${severity} ${ruleId}`);
    };
    expect(severities(false)).toEqual(["error known-defect:stu3-bdl-4"]);
    expect(severities(true, { strict: false })).toEqual(["warning known-defect:stu3-bdl-4"]);
  });
});
