import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { ProfileSetError } from "../errors/index.js";
import type { StructureDefinitionJson } from "./base-definitions.js";
import type { ProfileLookup } from "./profile-checker.js";
import { compileProfile } from "./profile-compiler.js";
import type { CompiledProfile } from "./profile-model.js";
import {
  builtProfileReadCache,
  type ProfileReadCache,
  readThroughCache,
} from "./profile-read-cache.js";
import { type JsonObject, readResource } from "./resource-reader.js";
import { Terminology } from "./terminology.js";
import type { TypeModel } from "./type-model.js";

/** A directory's worth of profiles, value sets and code systems, compiled for checking. */
export class ProfileSet implements ProfileLookup {
  readonly terminology = new Terminology();
  private readonly profiles = new Map<string, CompiledProfile>();
  private readonly sources = new Map<string, StructureDefinitionJson>();

  constructor(readonly directory: string) {}

  profile(url: string): CompiledProfile | undefined {
    return this.profiles.get(stripVersion(url));
  }

  /** The StructureDefinitions as loaded, by url: the input of snapshot generation. */
  definitions(): ReadonlyMap<string, StructureDefinitionJson> {
    return this.sources;
  }

  urls(): string[] {
    return [...this.profiles.keys()];
  }

  add(resource: JsonObject, source: string): void {
    switch (resource.resourceType) {
      case "StructureDefinition": {
        const definition = resource as StructureDefinitionJson;
        if (!definition.differential)
          throw new ProfileSetError(`${source} has no differential to compile.`, { source });
        this.profiles.set(definition.url, compileProfile(definition));
        this.sources.set(definition.url, definition);
        break;
      }
      case "ValueSet":
        this.terminology.addValueSet(resource);
        break;
      case "CodeSystem":
        this.terminology.addCodeSystem(resource);
        break;
      // Stryker disable next-line ConditionalExpression: emptying the last case (its lone break) changes nothing, as no case follows it.
      default:
        // Examples and other resources may share a published folder; they are not conformance data.
        break;
    }
  }
}

/**
 * Loads every JSON or XML conformance resource below `directory` (StructureDefinitions,
 * ValueSets, CodeSystems). A file that cannot be read as FHIR stops the load with its name.
 * What an XML file read to is kept in `cache` (the built CLI's, by default) for the next load.
 */
export function loadProfileSet(
  directory: string,
  model: TypeModel,
  cache: ProfileReadCache | undefined = builtProfileReadCache(),
): ProfileSet {
  const files = conformanceFiles(directory);
  const set = new ProfileSet(directory);
  for (const file of files) {
    const source = relative(process.cwd(), file);
    set.add(readConformanceFile(file, source, model, cache), source);
  }
  if (set.urls().length === 0) {
    throw new ProfileSetError(`${directory} holds no StructureDefinition (JSON or XML).`, {
      directory,
    });
  }
  return set;
}

function readConformanceFile(
  file: string,
  source: string,
  model: TypeModel,
  cache: ProfileReadCache | undefined,
): JsonObject {
  const bytes = readFileSync(file);
  const read = () => {
    const result = readResource(bytes, model);
    if (result.ok) return result.resource;
    throw new ProfileSetError(
      // Stryker disable next-line OptionalChaining: a failed read always carries the issue that failed it, so issues[0] is never missing.
      `${source} is not a readable FHIR resource: ${result.issues[0]?.message}`,
      { file },
    );
  };
  // JSON reads at JSON.parse's speed already; XML is what costs.
  return cache !== undefined && extname(file) === ".xml"
    ? readThroughCache(bytes, cache, read)
    : read();
}

function conformanceFiles(directory: string): string[] {
  let entries: string[];
  try {
    if (!statSync(directory).isDirectory())
      throw new ProfileSetError("not a directory", { directory });
    // Stryker disable next-line StringLiteral: readdirSync takes an empty encoding as its default, utf8, so it lists the same names as strings either way.
    entries = readdirSync(directory, { recursive: true, encoding: "utf8" });
  } catch (cause) {
    throw new ProfileSetError(
      `Profile directory ${directory} cannot be read.`,
      { directory },
      { cause },
    );
  }
  return entries
    .filter(
      (entry) => [".json", ".xml"].includes(extname(entry)) && !/(^|\/)Examples?\//i.test(entry),
    )
    .map((entry) => join(directory, entry))
    .sort();
}

function stripVersion(url: string): string {
  const bar = url.indexOf("|");
  return bar === -1 ? url : url.slice(0, bar);
}
