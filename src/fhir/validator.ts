import { fileURLToPath } from "node:url";
import { ConformanceError } from "../errors/index.js";
import { type BaseDefinitions, loadBaseDefinitions } from "./base-definitions.js";
import { validateBaseStructure } from "./base-validator.js";
import { checkJsonDatatype } from "./datatype-checks.js";
import { inDefinitionOrder } from "./element-order.js";
import { walkElements } from "./element-walker.js";
import { InvariantChecker } from "./invariants.js";
import { IssueList, isBlocking, type ValidationIssue, type ValidationResult } from "./issues.js";
import { asKnownDefect, knownDefectBehind } from "./known-spec-defects.js";
import { checkConsentRules, NDOP_CONSENT_PROFILE, SPINE_OUTCOME_PROFILE } from "./ndop-rules.js";
import { PrimitiveFormats } from "./primitive-formats.js";
import { checkProfile } from "./profile-checker.js";
import type { CompiledProfile } from "./profile-model.js";
import { loadProfileSet, type ProfileSet } from "./profile-set.js";
import { type JsonObject, readResource } from "./resource-reader.js";

/** Wrong JSON shapes, after which FHIR.js's own "could not walk" message says nothing new. */
const SHAPE_RULES = new Set(["base-datatype", "base-cardinality", "json-empty-array"]);

/** The project's own profiles, written from the contract's facts. */
export const PROJECT_PROFILES_DIR = fileURLToPath(new URL("../../profiles/", import.meta.url));

/** The profile each resource type is judged against when it declares none. */
export const DEFAULT_PROFILES: Readonly<Record<string, string>> = {
  Consent: NDOP_CONSENT_PROFILE,
  OperationOutcome: SPINE_OUTCOME_PROFILE,
};

export interface ValidatorOptions {
  /** A directory of profiles (JSON or XML) to use instead of the project's; e.g. NHS-published ones. */
  profilesDir?: string;
  /** The default for every validation's `strict` (known specification defects as errors). */
  strict?: boolean;
}

export interface ValidateOptions {
  /** Judge the resource against this profile instead of its meta.profile or its type's default. */
  profile?: string;
  /** The format the input is declared to be in (a file extension, a Content-Type); a mismatch is a parse error. */
  format?: "json" | "xml";
  /**
   * Report breaches of known defects of the published specifications (known-spec-defects.ts)
   * as errors; by default they are warnings naming the defect.
   */
  strict?: boolean;
}

/**
 * Validates NDOP resources in layers: parse, STU3 base structure, profile constraints, FHIRPath
 * invariants, NDOP business rules. Every layer reports into one list of issues; nothing throws
 * for bad input.
 */
export class NdopValidator {
  private readonly invariants: InvariantChecker;
  private readonly formats: PrimitiveFormats;

  private constructor(
    private readonly base: BaseDefinitions,
    readonly profileSet: ProfileSet,
    private readonly strict: boolean,
  ) {
    this.invariants = new InvariantChecker(base.structureDefinitions);
    this.formats = new PrimitiveFormats(base.primitiveFormats);
  }

  static create(options: ValidatorOptions = {}): NdopValidator {
    const base = loadBaseDefinitions();
    const directory = options.profilesDir ?? process.env.NDOP_PROFILES_DIR ?? PROJECT_PROFILES_DIR;
    return new NdopValidator(
      base,
      loadProfileSet(directory, base.parser.parsedStructureDefinitions),
      options.strict === true,
    );
  }

  validate(input: Uint8Array | string | object, options: ValidateOptions = {}): ValidationResult {
    return this.check(input, options).result;
  }

  /** Validates and also hands back the resource as read (FHIR JSON), for callers that go on to use it. */
  check(
    input: Uint8Array | string | object,
    options: ValidateOptions = {},
  ): { result: ValidationResult; resource?: JsonObject } {
    if (options.profile !== undefined && this.profileSet.profile(options.profile) === undefined) {
      throw new ConformanceError(
        "PROFILE_UNKNOWN",
        `Profile ${options.profile} is not in ${this.profileSet.directory}.`,
        {
          profile: options.profile,
          known: this.profileSet.urls(),
        },
      );
    }
    const model = this.base.parser.parsedStructureDefinitions;
    const read = readResource(input, model, options.format);
    if (!read.ok) {
      const result: ValidationResult = {
        valid: false,
        parsed: read.readable === true,
        profiles: [],
        issues: read.issues,
      };
      if (read.format) result.format = read.format;
      return { result };
    }
    const { resource } = read;
    const issues = new IssueList();
    issues.push(...read.issues);
    issues.addDropped(read.dropped);
    this.checkStructure(resource, issues);
    const profiles: string[] = [];
    for (const [target, path, explicit] of this.resourcesIn(resource, options.profile)) {
      if (issues.blockingFull) break;
      issues.push(...this.invariantIssues(target, path, options.strict ?? this.strict));
      issues.push(...this.checkAgainstProfiles(target, path, explicit, profiles));
    }
    const all = issues.finish();
    const result: ValidationResult = {
      valid: !all.some(isBlocking),
      parsed: true,
      format: read.format,
      resourceType: String(resource.resourceType),
      profiles,
      issues: all,
    };
    return { result, resource };
  }

  /** The resource's invariants; a breach of a known specification defect is a warning unless strict. */
  private invariantIssues(resource: JsonObject, path: string, strict: boolean): ValidationIssue[] {
    return this.invariants.checkResource(resource, path).map((issue) => {
      const defect = knownDefectBehind(issue, resource);
      return defect === undefined ? issue : asKnownDefect(issue, defect, strict);
    });
  }

  /** The resource with its elements in STU3 definition order, as FHIR XML requires. */
  inDefinitionOrder(resource: JsonObject): JsonObject {
    return inDefinitionOrder(resource, this.base.parser.parsedStructureDefinitions);
  }

  /**
   * The JSON shape and element invariants, then FHIR.js's base checks. Once the issue list is
   * full of errors the verdict is settled, so the costly layers are skipped rather than run over
   * millions of broken elements.
   */
  private checkStructure(resource: JsonObject, issues: IssueList): void {
    const model = this.base.parser.parsedStructureDefinitions;
    let shapeFound = false;
    walkElements(resource, model, (element) => {
      const datatype = checkJsonDatatype(element) ?? this.formats.checkElement(element);
      if (datatype) {
        issues.push(datatype);
        shapeFound ||= SHAPE_RULES.has(datatype.ruleId);
      } else if (!issues.blockingFull) {
        const invariant = this.invariants.checkElement(element);
        if (invariant) issues.push(invariant);
      }
    });
    if (issues.blockingFull) return;
    const base = validateBaseStructure(resource, this.base.parser);
    // When FHIR.js could not walk a wrongly shaped element, the datatype check has said which.
    issues.push(...base.filter((issue) => !(shapeFound && issue.ruleId === "base-structure")));
  }

  /** The resource itself and, for a Bundle, each entry's resource, each with its location. */
  private resourcesIn(
    resource: JsonObject,
    profile: string | undefined,
  ): [JsonObject, string, string | undefined][] {
    const type = String(resource.resourceType);
    const found: [JsonObject, string, string | undefined][] = [[resource, type, profile]];
    if (type === "Bundle" && Array.isArray(resource.entry)) {
      resource.entry.forEach((entry: unknown, index) => {
        const inner = (entry as JsonObject | null)?.resource;
        if (
          inner !== null &&
          typeof inner === "object" &&
          typeof (inner as JsonObject).resourceType === "string"
        ) {
          found.push([inner as JsonObject, `${type}.entry[${index}].resource`, undefined]);
        }
      });
    }
    return found;
  }

  private checkAgainstProfiles(
    resource: JsonObject,
    path: string,
    explicit: string | undefined,
    judged: string[],
  ): ValidationIssue[] {
    const issues: ValidationIssue[] = [];
    for (const profile of this.profilesFor(resource, explicit, path, issues)) {
      if (!judged.includes(profile.url)) judged.push(profile.url);
      if (profile.type !== resource.resourceType) {
        issues.push(profileTypeMismatch(profile.name, profile.type, resource, path));
        continue;
      }
      issues.push(...checkProfile(resource, profile, path, this.profileSet));
      // The profile's type is the resource's (checked above), so this is a Consent.
      if (profile.url === NDOP_CONSENT_PROFILE) {
        issues.push(...checkConsentRules(resource, path));
      }
    }
    return issues;
  }

  /** The loaded profiles to judge the resource against: the explicit one, those it declares, or its type's default. */
  private profilesFor(
    resource: JsonObject,
    explicit: string | undefined,
    path: string,
    issues: ValidationIssue[],
  ): CompiledProfile[] {
    if (explicit !== undefined) return this.loaded([explicit]);
    const declared = (resource.meta as { profile?: unknown } | undefined)?.profile;
    const urls = Array.isArray(declared)
      ? declared.filter((url): url is string => typeof url === "string")
      : [];
    for (const url of urls) {
      if (this.profileSet.profile(url) === undefined) {
        issues.push({
          severity: "warning",
          code: "not-supported",
          location: `${path}.meta.profile`,
          message: `Profile ${url} is not in the loaded profile set; the resource was checked against the STU3 base only for it.`,
          ruleId: "profile-unknown",
          layer: "profile",
        });
      }
    }
    const known = this.loaded(urls);
    if (known.length > 0) return known;
    const type = String(resource.resourceType);
    // Own keys only: an entry's resourceType "constructor" must not find Object's.
    return Object.hasOwn(DEFAULT_PROFILES, type)
      ? this.loaded([DEFAULT_PROFILES[type] as string])
      : [];
  }

  /** The profiles of the set named by `urls`, skipping those it does not hold. */
  private loaded(urls: string[]): CompiledProfile[] {
    return urls
      .map((url) => this.profileSet.profile(url))
      .filter((profile): profile is CompiledProfile => profile !== undefined);
  }
}

/** A profile constrains one type: judging another type against it can only be a mistake. */
function profileTypeMismatch(
  name: string,
  type: string,
  resource: JsonObject,
  path: string,
): ValidationIssue {
  return {
    severity: "error",
    code: "invalid",
    location: path,
    message: `Profile ${name} constrains ${type}, so a ${String(resource.resourceType)} cannot conform to it.`,
    ruleId: "profile-type-mismatch",
    layer: "profile",
  };
}
