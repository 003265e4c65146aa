/**
 * npm run bench:validate — figures for the validation engine, measured, not asserted:
 *   - cold start to the first verdict, process start included: the built CLI against FHIR.js
 *     alone (bench/fhirjs-alone.mjs) on the same file, alternating runs, median of 9 each, and
 *     the ratio (bench/cold-start.ts);
 *   - validations per second on one core for a valid Consent, an invalid Consent and a
 *     20-entry history Bundle, each as JSON and as XML, against FHIR.js validate() alone on the
 *     same text in the same run, alternating (bench/throughput.ts);
 *   - the CPU time per call of each layer of the engine on the valid Consent, beside the whole
 *     engine and FHIR.js alone (bench/layers.ts);
 *   - batch files per second, --jobs 1 and 2, for a folder of 1,000 of those (bench/batch.ts).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { reportBatch } from "./batch.js";
import { builtEngineModule } from "./built-engine.js";
import { formatColdStart, measureColdStart } from "./cold-start.js";
import { consentLayers } from "./layers.js";
import { watchSteal } from "./machine-steal.js";
import { formatThroughput, measureThroughput } from "./throughput.js";

const { NdopValidator, writeFhirXml } =
  await builtEngineModule<typeof import("../src/fhir/index.js")>("index");
const root = fileURLToPath(new URL("../", import.meta.url));
const fixture = (name: string) =>
  JSON.parse(readFileSync(`${root}fixtures/validation/${name}.json`, "utf8"));

function historyBundle(entries: number): object {
  const consent = fixture("consent");
  const id = "3f2a4b8e-0c1d-4e5f-9a6b-7c8d9e0f1a2b";
  return {
    resourceType: "Bundle",
    type: "history",
    total: entries,
    entry: Array.from({ length: entries }, (_, index) => ({
      fullUrl: `https://clinicals.spineservices.nhs.uk/STU3/Consent/${id}`,
      resource: {
        ...consent,
        id,
        meta: { ...consent.meta, versionId: String(entries - index) },
        status: index % 2 ? "active" : "inactive",
      },
      request: {
        method: index === entries - 1 ? "POST" : "PUT",
        url: index === entries - 1 ? "Consent" : `Consent/${id}`,
      },
    })),
  };
}

const steal = watchSteal();
const cold = measureColdStart(root, `${root}fixtures/validation/consent.json`);
const validator = NdopValidator.create();
const valid = fixture("consent");
const invalid = {
  ...valid,
  purpose: [{ ...valid.purpose[0], system: "https://snomed.info/sct" }],
  dateTime: "2017-12-14",
};
const bundle = historyBundle(20);
const rows: [string, object, boolean][] = [
  ["valid Consent", valid, true],
  ["invalid Consent", invalid, false],
  ["20-entry history Bundle", bundle, true],
];

console.log(formatColdStart(cold));
console.log(
  "validations per CPU second (one core), engine and FHIR.js 4.12 validate() alone on the same text, median of 30 rounds of a 50 ms slice each; the share is the median of the rounds' own shares:",
);
for (const [name, resource, expectValid] of rows) {
  const ordered = validator.inDefinitionOrder(resource as Record<string, unknown>);
  const json = measureThroughput(validator, JSON.stringify(resource), expectValid);
  console.log(formatThroughput(name, "JSON", json));
  const xml = measureThroughput(validator, writeFhirXml(ordered), expectValid);
  console.log(formatThroughput(name, "XML", xml));
}

console.log(
  "engine layers on the valid Consent (JSON), CPU µs per call, median of 10 rounds of 2,000 calls in which every row takes its turn, after 2,000 untimed:",
);
for (const line of consentLayers(validator, JSON.stringify(valid))) console.log(line);

const xmlOf = (resource: object) =>
  writeFhirXml(validator.inDefinitionOrder(resource as Record<string, unknown>));
console.log(
  reportBatch(
    root,
    [
      { name: "valid-consent", extension: "json", content: JSON.stringify(valid) },
      { name: "invalid-consent", extension: "json", content: JSON.stringify(invalid) },
      { name: "valid-consent", extension: "xml", content: xmlOf(valid) },
      { name: "invalid-consent", extension: "xml", content: xmlOf(invalid) },
      { name: "history-bundle", extension: "json", content: JSON.stringify(bundle) },
    ],
    1000,
  ),
);
console.log(steal());
