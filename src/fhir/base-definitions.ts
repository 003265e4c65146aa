import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { ParsedStructure } from "fhir/model/parsed-structure.js";
import type { ParsedValueSet } from "fhir/model/parsed-value-set.js";
import type { ParseConformance } from "fhir/parseConformance.js";
import { ConformanceError } from "../errors/index.js";
import { writeCacheFile } from "./cache-file.js";

const require = createRequire(import.meta.url);
// CommonJS, so loaded with require: imported as ESM, Node would scan its source for exports at
// every start-up, a cost `validate` pays once per file.
const FhirJs = require("fhir/parseConformance.js") as typeof import("fhir/parseConformance.js");

/** The STU3 3.0.1 definitions ship in `fhir@3.3.1`, installed under this npm alias. */
const DEFINITIONS_PACKAGE = "fhir-stu3-definitions";
/** Order matters: value sets and code systems before the types and resources that bind to them. */
const DEFINITION_FILES = [
  "valuesets.json",
  "v3-codesystems.json",
  "profiles-types.json",
  "profiles-resources.json",
] as const;

export interface BaseDefinitions {
  /** FHIR.js parser holding the STU3 type model; shared by the base validator and the XML reader. */
  parser: ParseConformance;
  /** Raw STU3 StructureDefinitions by type name, for invariants and differential compilation. */
  structureDefinitions: ReadonlyMap<string, StructureDefinitionJson>;
  /** Each STU3 primitive's value rule as its StructureDefinition states it (regex, maxLength). */
  primitiveFormats: Readonly<Record<string, PrimitiveFormat>>;
}

export interface PrimitiveFormat {
  regex?: string;
  maxLength?: number;
}

export interface StructureDefinitionJson {
  resourceType: "StructureDefinition";
  id?: string;
  url: string;
  type?: string;
  baseDefinition?: string;
  snapshot?: { element: ElementDefinitionJson[] };
  differential?: { element: ElementDefinitionJson[] };
  [key: string]: unknown;
}

export interface ElementDefinitionJson {
  id?: string;
  path: string;
  sliceName?: string;
  min?: number;
  max?: string;
  type?: { code: string; profile?: string; targetProfile?: string }[];
  binding?: { strength: string; valueSetUri?: string; valueSetReference?: { reference: string } };
  constraint?: { key: string; severity: string; human: string; expression?: string }[];
  [key: string]: unknown;
}

export interface CachedModel {
  key: string;
  structures: Record<string, ParsedStructure>;
  valueSets: Record<string, ParsedValueSet>;
  invariantSources: Record<string, StructureDefinitionJson>;
  primitiveFormats: Record<string, PrimitiveFormat>;
}

/** Types whose StructureDefinitions the invariant layer needs in full. */
const INVARIANT_TYPES = ["Element", "Extension", "Resource", "DomainResource", "Bundle", "Consent"];

/** Bump when the cached model's shape (or INVARIANT_TYPES) changes, so old caches are rebuilt, not misread. */
const CACHE_FORMAT = 4;

let loaded: BaseDefinitions | undefined;

/**
 * Loads the STU3 base definitions once per process. Parsing them costs ~300 ms of CPU, so the
 * parsed model is cached under node_modules/.cache, keyed by the installed package versions, and
 * each type and value set in it is parsed from the cache only when first used (readCache).
 */
export function loadBaseDefinitions(): BaseDefinitions {
  if (loaded) return loaded;
  const model = loadModel();
  const parser = new FhirJs.ParseConformance(false, "STU3");
  parser.parsedStructureDefinitions = model.structures;
  parser.parsedValueSets = model.valueSets;
  loaded = {
    parser,
    structureDefinitions: new Map(Object.entries(model.invariantSources)),
    primitiveFormats: model.primitiveFormats,
  };
  return loaded;
}

/**
 * The parsed STU3 model: read from the cache in `cacheFolder` when one was written for the installed
 * versions, else built from the definitions in `definitionsDir` and cached there for the next start.
 */
export function loadModel(
  cacheFolder = cacheDirectory(),
  definitionsDir = locateDefinitions(),
): CachedModel {
  const key = cacheKey();
  const cacheFile = join(cacheFolder, `stu3-model-${key}.json`);
  return readCache(cacheFile, key) ?? buildModel(definitionsDir, key, cacheFile);
}

export function locateDefinitions(packageName: string = DEFINITIONS_PACKAGE): string {
  try {
    const manifest = require.resolve(`${packageName}/package.json`);
    return join(dirname(manifest), "profiles", "stu3");
  } catch (cause) {
    throw new ConformanceError(
      "DEFINITIONS_UNAVAILABLE",
      `The STU3 definitions package "${packageName}" is not installed; run npm ci.`,
      {},
      { cause },
    );
  }
}

function cacheKey(): string {
  const version = (pkg: string) =>
    (
      JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")) as {
        version: string;
      }
    ).version;
  return `${version(DEFINITIONS_PACKAGE)}-fhirjs-${version("fhir")}-v${CACHE_FORMAT}`;
}

/** This installation's cache folder, beside its packages: never one that others can write to. */
export function cacheDirectory(): string {
  return join(dirname(require.resolve("fhir/package.json")), "..", ".cache", "ndop-conformance");
}

/** The cache's sections: each holds one JSON text per name, parsed only when first used. */
const SECTIONS = ["structures", "valueSets", "invariantSources", "primitiveFormats"] as const;
type Section = (typeof SECTIONS)[number];

const NEWLINE = 0x0a;

/** The cache file's first line: where each entry's JSON text lies (in bytes) in the body that follows it. */
interface CacheHeader {
  key: string;
  bodyLength: number;
  sections: Record<Section, Record<string, [start: number, end: number]>>;
}

/**
 * The cached model with each structure and value set still as text: a verdict on one Consent
 * needs a few dozen of the 173 structures and 652 value sets, and parsing all 5 MB of them cost
 * more than the rest of the start-up together.
 */
export function readCache(file: string, key: string): CachedModel | undefined {
  try {
    // Bytes, not text: decoding all 5 MB up front would cost more than the entries a verdict reads.
    const bytes = readFileSync(file);
    const bodyStart = bytes.indexOf(NEWLINE) + 1;
    const header = JSON.parse(bytes.toString("utf8", 0, bodyStart)) as CacheHeader;
    // A cache from another version, or one cut short, is rebuilt rather than misread.
    if (header.key !== key || bytes.length - bodyStart !== header.bodyLength) return undefined;
    const section = <T>(name: Section) => lazyRecord<T>(bytes, bodyStart, header.sections[name]);
    return {
      key,
      structures: section<ParsedStructure>("structures"),
      valueSets: section<ParsedValueSet>("valueSets"),
      invariantSources: section<StructureDefinitionJson>("invariantSources"),
      primitiveFormats: section<PrimitiveFormat>("primitiveFormats"),
    };
    // Stryker disable next-line BlockStatement: an emptied catch block falls off the end, returning undefined just as its return statement does.
  } catch {
    return undefined;
  }
}

/** A record whose values are parsed from `bytes` on first read (and may be replaced, as FHIR.js does). */
function lazyRecord<T>(
  bytes: Buffer,
  bodyStart: number,
  offsets: Record<string, [number, number]>,
): Record<string, T> {
  const record: Record<string, T> = {};
  const settle = (name: string, value: T) =>
    Object.defineProperty(record, name, {
      value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
  for (const [name, [start, end]] of Object.entries(offsets)) {
    Object.defineProperty(record, name, {
      enumerable: true,
      configurable: true,
      get: () => {
        const value = JSON.parse(bytes.toString("utf8", bodyStart + start, bodyStart + end)) as T;
        settle(name, value);
        return value;
      },
      set: (value: T) => settle(name, value),
    });
  }
  return record;
}

/** The header line, then every entry's JSON text back to back (see CacheHeader). */
export function serialiseCache(model: CachedModel): string {
  const texts: string[] = [];
  let bodyLength = 0;
  const sections = {} as CacheHeader["sections"];
  for (const name of SECTIONS) {
    const offsets: Record<string, [number, number]> = {};
    for (const [entry, value] of Object.entries(model[name])) {
      const json = JSON.stringify(value);
      const length = Buffer.byteLength(json);
      offsets[entry] = [bodyLength, bodyLength + length];
      texts.push(json);
      bodyLength += length;
    }
    sections[name] = offsets;
  }
  const header: CacheHeader = { key: model.key, bodyLength, sections };
  return `${JSON.stringify(header)}\n${texts.join("")}`;
}

function buildModel(definitionsDir: string, key: string, cacheFile: string): CachedModel {
  const parser = new FhirJs.ParseConformance(false, "STU3");
  const invariantSources: Record<string, StructureDefinitionJson> = {};
  const primitiveFormats: Record<string, PrimitiveFormat> = {};
  for (const file of DEFINITION_FILES) {
    const bundle = JSON.parse(readFileSync(join(definitionsDir, file), "utf8")) as {
      entry: { resource: StructureDefinitionJson }[];
    };
    parser.parseBundle(bundle);
    for (const { resource } of bundle.entry) {
      if (
        resource.resourceType === "StructureDefinition" &&
        resource.id &&
        INVARIANT_TYPES.includes(resource.id)
      ) {
        invariantSources[resource.id] = resource;
      }
      if (resource.kind === "primitive-type" && resource.id)
        primitiveFormats[resource.id] = primitiveFormatOf(resource);
    }
  }
  const model: CachedModel = {
    key,
    structures: parser.parsedStructureDefinitions,
    valueSets: parser.parsedValueSets,
    invariantSources,
    primitiveFormats,
  };
  // The cache is an optimisation: a read-only install simply parses every time.
  writeCacheFile(cacheFile, serialiseCache(model));
  return model;
}

/** The regex extension on `<type>.value`'s type, and its maxLength, where the definition has them. */
function primitiveFormatOf(definition: StructureDefinitionJson): PrimitiveFormat {
  const value = definition.snapshot?.element.find(
    (element) => element.path === `${definition.id}.value`,
  );
  const format: PrimitiveFormat = {};
  // Stryker disable next-line ArrayDeclaration: a placeholder string in place of [] has no .extension, so flatMap yields no extensions either way.
  const extensions = (value?.type ?? []).flatMap(
    (type) => (type as { extension?: { url: string; valueString?: string }[] }).extension ?? [],
  );
  const regex = extensions.find((extension) => extension.url.endsWith("regex"))?.valueString;
  if (regex !== undefined) format.regex = regex;
  if (typeof value?.maxLength === "number") format.maxLength = value.maxLength;
  return format;
}
