/**
 * The layers row of npm run bench:validate: the CPU time per call of each layer of the engine on
 * one resource, beside the whole engine and FHIR.js alone on the same text. It shows where the
 * engine's time goes against FHIR.js's, which bounds it (issue 11: the engine at 85% of FHIR.js
 * alone). The layers are called as the engine calls them (validator.ts), each on its own.
 */
import { createRequire } from "node:module";
import type { ParseConformance } from "fhir/parseConformance.js";
import type { JsonObject, NdopValidator } from "../src/fhir/index.js";
import { builtEngineModule as built } from "./built-engine.js";
import { quantile } from "./statistics.js";

// The layers as the shipped build has them (built-engine.ts), each module under its src/ types.
const { loadBaseDefinitions } =
  await built<typeof import("../src/fhir/base-definitions.js")>("base-definitions");
const { validateBaseStructure } =
  await built<typeof import("../src/fhir/base-validator.js")>("base-validator");
const { checkJsonDatatype } =
  await built<typeof import("../src/fhir/datatype-checks.js")>("datatype-checks");
const { walkElements } =
  await built<typeof import("../src/fhir/element-walker.js")>("element-walker");
const { NDOP_CONSENT_PROFILE } = await built<typeof import("../src/fhir/index.js")>("index");
const { InvariantChecker } = await built<typeof import("../src/fhir/invariants.js")>("invariants");
const { checkConsentRules } = await built<typeof import("../src/fhir/ndop-rules.js")>("ndop-rules");
const { PrimitiveFormats } =
  await built<typeof import("../src/fhir/primitive-formats.js")>("primitive-formats");
const { checkProfile } =
  await built<typeof import("../src/fhir/profile-checker.js")>("profile-checker");
const { readResource } =
  await built<typeof import("../src/fhir/resource-reader.js")>("resource-reader");

const { Validator } = createRequire(import.meta.url)(
  "fhir/validator.js",
) as typeof import("fhir/validator.js");

const WARM_UP = 2_000;
const ROUNDS = 10;
const CALLS_PER_ROUND = 2_000;

/** CPU µs per call of `run` over one round of calls. */
function microseconds(run: () => unknown): number {
  const before = process.cpuUsage();
  for (let call = 0; call < CALLS_PER_ROUND; call += 1) run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / CALLS_PER_ROUND;
}

/**
 * The median µs per call of each row, over 10 rounds in which every row takes its turn: this
 * machine's speed drifts within minutes, and rows measured one after another, each for a whole
 * second, would each be timed at a different speed.
 */
function medianMicroseconds(runs: (() => unknown)[]): number[] {
  for (const run of runs) for (let call = 0; call < WARM_UP; call += 1) run();
  const rounds = runs.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, run] of runs.entries()) rounds[index]?.push(microseconds(run));
  }
  return rounds.map((values) => quantile(values, 0.5));
}

/** Each layer's CPU µs per call on a Consent given as JSON text, as lines of the report. */
export function consentLayers(validator: NdopValidator, text: string): string[] {
  const base = loadBaseDefinitions();
  const model = base.parser.parsedStructureDefinitions;
  const consent = JSON.parse(text) as JsonObject;
  const invariants = new InvariantChecker(base.structureDefinitions);
  const formats = new PrimitiveFormats(base.primitiveFormats);
  const profile = validator.profileSet.profile(NDOP_CONSENT_PROFILE);
  if (profile === undefined) throw new Error("the NDOP Consent profile is not loaded");
  const rows: [string, () => unknown][] = [
    ["the whole engine", () => validator.validate(text)],
    [
      "FHIR.js alone, on the text",
      () => new Validator(base.parser, { errorOnUnexpected: true }).validate(text),
    ],
    ["  JSON.parse alone", () => JSON.parse(text)],
    ["reading (readResource, JSON.parse included)", () => readResource(text, model)],
    ["STU3 base: FHIR.js on the parsed object", () => validateBaseStructure(consent, base.parser)],
    [
      "element walk with its datatype, format and invariant checks",
      () =>
        walkElements(consent, model, (element) => {
          if (!(checkJsonDatatype(element) ?? formats.checkElement(element)))
            invariants.checkElement(element);
        }),
    ],
    ["  the element walk alone", () => walkElements(consent, model, () => undefined)],
    ["resource invariants", () => invariants.checkResource(consent, "Consent")],
    [
      "NDOP-Consent-1 profile",
      () => checkProfile(consent, profile, "Consent", validator.profileSet),
    ],
    ["NDOP business rules", () => checkConsentRules(consent, "Consent")],
  ];
  const medians = medianMicroseconds(rows.map(([, run]) => run));
  const line = (µs: number, name: string) => `  ${µs.toFixed(1).padStart(7)} µs  ${name}`;
  const { own, budget } = ownWork(validator, text, base.parser);
  return [
    ...rows.map(([name], index) => line(medians[index] as number, name)),
    line(
      own,
      "the engine with FHIR.js's validate() stubbed out: its own work (JSON.parse in, the filter of FHIR.js's messages out)",
    ),
    line(budget, "  what its own work may take for the engine to run at 85% of FHIR.js alone"),
  ];
}

/**
 * The whole engine with FHIR.js's validate() answering "no messages" at once: what the engine
 * adds to FHIR.js, less its filter of FHIR.js's messages (there are none). Measured after the
 * table, because replacing a prototype's method makes V8 drop what it has learnt about the calls
 * through it; and in rounds with FHIR.js alone (its real method, called directly) and JSON.parse,
 * so that the budget is worked out at the same speed.
 * At 85%, the engine may take FHIR.js alone / 0.85, of which FHIR.js on the parsed object takes
 * FHIR.js alone less its JSON.parse.
 */
function ownWork(
  validator: NdopValidator,
  text: string,
  parser: ParseConformance,
): { own: number; budget: number } {
  const real = Validator.prototype.validate;
  Validator.prototype.validate = () => ({ valid: true, messages: [] });
  try {
    const [own = 0, alone = 0, parse = 0] = medianMicroseconds([
      () => validator.validate(text),
      () => real.call(new Validator(parser, { errorOnUnexpected: true }), text),
      () => JSON.parse(text),
    ]);
    return { own, budget: alone / 0.85 - (alone - parse) };
  } finally {
    Validator.prototype.validate = real;
  }
}
