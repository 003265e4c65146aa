import { type IssueType, quote, type ValidationIssue } from "./issues.js";
import type { Located } from "./lazy-location.js";
import { sliceDiscriminator } from "./profile-compiler.js";
import type { CompiledProfile, ElementRule } from "./profile-model.js";
import { type ChildStep, childSteps, type Item, isAbsent, itemsOf } from "./profile-steps.js";
import type { JsonObject } from "./resource-reader.js";
import type { Terminology } from "./terminology.js";

/** Bindings to a whole external code system (SNOMED CT): only the system can be checked here. */
const EXTERNAL_CODE_SYSTEMS = new Set(["http://snomed.info/sct"]);

export interface ProfileLookup {
  profile(url: string): CompiledProfile | undefined;
  terminology: Terminology;
}

/**
 * Checks what FHIR.js cannot see in a profile: max = 0, min and max inside the profile, fixed
 * and pattern values, extension slices matched by url (with their own extension profiles), and
 * required bindings to the profile set's value sets.
 */
export function checkProfile(
  resource: JsonObject,
  profile: CompiledProfile,
  path: string,
  lookup: ProfileLookup,
): ValidationIssue[] {
  return checkItemAgainst({ value: resource, path }, profile, lookup);
}

/** The profile's checks of one item, as its root: a resource, or an extension's value. */
function checkItemAgainst(
  item: Item,
  profile: CompiledProfile,
  lookup: ProfileLookup,
): ValidationIssue[] {
  const checker = new ProfileChecker(profile, lookup);
  checker.checkItem(item, profile.root);
  return checker.issues;
}

class ProfileChecker {
  readonly issues: ValidationIssue[] = [];

  constructor(
    private readonly profile: CompiledProfile,
    private readonly lookup: ProfileLookup,
  ) {}

  checkItem(item: Item, rule: ElementRule): void {
    if (rule.fixed !== undefined && !deepEqual(item.value, rule.fixed)) {
      this.report(
        item.path,
        "profile-fixed",
        "value",
        `${item.path} must be ${quote(rule.fixed)} (fixed by ${this.profile.name}), not ${quote(item.value)}.`,
      );
    }
    if (rule.pattern !== undefined && !containsPattern(item.value, rule.pattern)) {
      this.report(
        item.path,
        "profile-fixed",
        "value",
        `${item.path} must match ${quote(rule.pattern)} (pattern of ${this.profile.name}).`,
      );
    }
    if (rule.binding?.strength === "required") this.checkBinding(item, rule.binding.valueSet);
    if (item.value === null || typeof item.value !== "object" || Array.isArray(item.value)) return;
    const object = item.value as JsonObject;
    for (const step of childSteps(rule)) this.checkChild(object, step, item);
  }

  private checkChild(object: JsonObject, step: ChildStep, parent: Located): void {
    // Settled before any item is built: most rules, most times.
    if (step.passOverWhenAbsent && isAbsent(object, step)) return;
    const items = itemsOf(object, step, parent);
    const { rule } = step;
    if (outside(items.length, rule.min, rule.max)) {
      const path = stepPath(step, items, parent);
      this.reportCardinality(items.length, rule.min, rule.max, path, path);
    }
    if (rule.slices.length > 0) this.checkSlices(items, rule.slices, stepPath(step, items, parent));
    for (const item of items) this.checkItem(item, rule);
  }

  private checkSlices(items: Item[], slices: ElementRule[], path: string): void {
    for (const slice of slices) {
      const url = sliceDiscriminator(slice);
      const extension = slice.extensionProfile
        ? this.lookup.profile(slice.extensionProfile)
        : undefined;
      const matching = items.filter((item) => (item.value as JsonObject | null)?.url === url);
      const min = slice.min ?? extension?.root.min ?? 0;
      const max = slice.max ?? extension?.root.max ?? Number.POSITIVE_INFINITY;
      if (outside(matching.length, min, max)) {
        const what = `${path}:${slice.sliceName} (url ${url})`;
        this.reportCardinality(matching.length, min, max, path, what);
      }
      for (const item of matching) {
        this.checkItem(item, slice);
        if (extension) this.issues.push(...checkItemAgainst(item, extension, this.lookup));
      }
    }
  }

  /** Reports a count `outside` min..max: too few, forbidden (max 0), or too many. */
  private reportCardinality(
    count: number,
    min = 0,
    max = Number.POSITIVE_INFINITY,
    location: string,
    what: string,
  ): void {
    if (count < min) {
      const message =
        count === 0
          ? `${what} is required by ${this.profile.name} but missing.`
          : `${what} occurs ${count} times; ${this.profile.name} requires at least ${min}.`;
      this.report(location, "profile-min", "required", message);
    } else if (count > max) {
      if (max === 0)
        this.report(
          location,
          "profile-forbidden",
          "structure",
          `${what} is not allowed by ${this.profile.name} (max 0).`,
        );
      else
        this.report(
          location,
          "profile-max",
          "structure",
          `${what} occurs ${count} times; ${this.profile.name} allows at most ${max}.`,
        );
    }
  }

  private checkBinding(item: Item, valueSet: string): void {
    const codings = codingsOf(item.value);
    if (codings.length === 0) return;
    const { terminology } = this.lookup;
    if (!terminology.hasValueSet(valueSet)) {
      if (
        EXTERNAL_CODE_SYSTEMS.has(valueSet) &&
        !codings.some((coding) => coding.system === valueSet)
      ) {
        this.report(
          item.path,
          "profile-binding",
          "code-invalid",
          `${item.path} must be coded in ${valueSet} (required binding of ${this.profile.name}).`,
        );
      } else if (!EXTERNAL_CODE_SYSTEMS.has(valueSet)) {
        this.report(
          item.path,
          "profile-binding-unresolved",
          "informational",
          `Value set ${valueSet} is not in the profile set, so ${item.path} was not checked against it.`,
          "warning",
        );
      }
      return;
    }
    const found = codings.some(
      (coding) => terminology.contains(valueSet, coding.system, coding.code) === "member",
    );
    if (!found) {
      const shown = codings
        .map((coding) => `${coding.system ?? "(no system)"}|${coding.code ?? "(no code)"}`)
        .join(", ");
      this.report(
        item.path,
        "profile-binding",
        "code-invalid",
        `${shown} is not in the value set ${valueSet} (required binding of ${this.profile.name}).`,
      );
    }
  }

  private report(
    location: string,
    ruleId: string,
    code: IssueType,
    message: string,
    severity: "error" | "warning" = "error",
  ): void {
    this.issues.push({
      severity,
      code,
      location,
      message,
      ruleId,
      layer: "profile",
      profile: this.profile.url,
    });
  }
}

function outside(count: number, min = 0, max = Number.POSITIVE_INFINITY): boolean {
  return count < min || count > max;
}

/**
 * Where a child rule's count is reported: a choice where it stands in the instance
 * (Consent.sourceReference), not as [x]; any other child by its name under its parent.
 */
function stepPath(step: ChildStep, items: Item[], parent: Located): string {
  const first = items[0];
  if (step.choiceStem !== undefined && first) return first.path.replace(/\[\d+\]$/, "");
  return `${parent.path}.${step.name}`;
}

function codingsOf(value: unknown): { system?: string; code?: string }[] {
  if (typeof value === "string") return [{ code: value }];
  if (value === null || typeof value !== "object") return [];
  const object = value as JsonObject;
  if (Array.isArray(object.coding)) return object.coding as { system?: string; code?: string }[];
  return [object as { system?: string; code?: string }];
}

function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (
    typeof left !== "object" ||
    // Stryker disable next-line ConditionalExpression: containsPattern below also refuses a right side that is not an object.
    typeof right !== "object" ||
    left === null ||
    right === null
  )
    return false;
  const leftKeys = Object.keys(left);
  return leftKeys.length === Object.keys(right).length && containsPattern(left, right);
}

function containsPattern(value: unknown, pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== "object") return value === pattern;
  if (value === null || typeof value !== "object") return false;
  return Object.entries(pattern).every(([key, expected]) => {
    const actual = (value as JsonObject)[key];
    return Array.isArray(expected)
      ? Array.isArray(actual) &&
          expected.every((part) => actual.some((candidate) => containsPattern(candidate, part)))
      : containsPattern(actual, expected);
  });
}
