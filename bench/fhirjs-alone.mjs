/**
 * The cold-start baseline of npm run bench:validate: FHIR.js 4.12 alone, as a whole process,
 * validating one file with its STU3 base checks only. The STU3 model is parsed once and cached
 * (its own file beside the engine's cache, holding only what FHIR.js needs), so a run costs what
 * FHIR.js with a cached model costs: load FHIR.js, read the cache, validate, print the verdict.
 *
 *   node bench/fhirjs-alone.mjs fixtures/validation/consent.json
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { ParseConformance } from "fhir/parseConformance.js";
import { Validator } from "fhir/validator.js";

const require = createRequire(import.meta.url);
const DEFINITIONS = "fhir-stu3-definitions";
const FILES = [
  "valuesets.json",
  "v3-codesystems.json",
  "profiles-types.json",
  "profiles-resources.json",
];

const versionOf = (pkg) =>
  JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
const cacheFile = join(
  dirname(require.resolve("fhir/package.json")),
  "..",
  ".cache",
  "ndop-conformance",
  `fhirjs-alone-stu3-${versionOf(DEFINITIONS)}-fhirjs-${versionOf("fhir")}.json`,
);

function cachedModel() {
  try {
    return JSON.parse(readFileSync(cacheFile, "utf8"));
  } catch {
    const parser = new ParseConformance(false, "STU3");
    const folder = join(
      dirname(require.resolve(`${DEFINITIONS}/package.json`)),
      "profiles",
      "stu3",
    );
    for (const file of FILES)
      parser.parseBundle(JSON.parse(readFileSync(join(folder, file), "utf8")));
    const model = {
      structures: parser.parsedStructureDefinitions,
      valueSets: parser.parsedValueSets,
    };
    mkdirSync(dirname(cacheFile), { recursive: true });
    writeFileSync(`${cacheFile}.${process.pid}.tmp`, JSON.stringify(model));
    renameSync(`${cacheFile}.${process.pid}.tmp`, cacheFile);
    return model;
  }
}

const model = cachedModel();
const parser = new ParseConformance(false, "STU3");
parser.parsedStructureDefinitions = model.structures;
parser.parsedValueSets = model.valueSets;
const file = process.argv[2];
const resource = JSON.parse(readFileSync(file, "utf8"));
const { valid, messages } = new Validator(parser, { errorOnUnexpected: true }).validate(resource);
process.stdout.write(`${valid ? "VALID" : "INVALID"}  ${file} (${messages.length} messages)\n`);
process.exitCode = valid ? 0 : 1;
