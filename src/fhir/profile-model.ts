/** What one differential element constrains, compiled for checking instances. */
export interface ElementRule {
  /** Element id for messages, e.g. `Consent.extension:optOutSource`. */
  id: string;
  min?: number;
  max?: number;
  /** fixed[x]: the instance value must equal it exactly. */
  fixed?: unknown;
  /** pattern[x]: the instance value must contain it. */
  pattern?: unknown;
  binding?: { strength: string; valueSet: string };
  /** For a slice of `extension` typed with an extension profile: that profile's url. */
  extensionProfile?: string;
  children: Map<string, ElementRule>;
  /** Slices of this element, in order of definition. */
  slices: ElementRule[];
  sliceName?: string;
  /**
   * The children as the checker steps through them (childSteps, profile-steps.ts), worked out on
   * first use, once the rule is compiled: a copy of a rule that changes its children must not carry them.
   */
  steps?: ChildStep[] | undefined;
}

/**
 * What checking one child rule needs, worked out once per rule (so once per profile set) rather
 * than for every instance: the JSON keys to look at, and whether an absent child can be passed over.
 */
export interface ChildStep {
  name: string;
  rule: ElementRule;
  /** `_name`, where JSON keeps a primitive's id and extensions. */
  extrasKey: string;
  /** For a choice `value[x]`: `value`, the stem every type's key starts with. */
  choiceStem?: string;
  /** Optional (no min above 0) and unsliced: when absent, nothing to count or to check below it. */
  passOverWhenAbsent: boolean;
}

export interface CompiledProfile {
  url: string;
  /** Human name for messages (NDOP-Consent-1). */
  name: string;
  /** The constrained type: Consent, OperationOutcome, Extension ... */
  type: string;
  root: ElementRule;
}

/**
 * A rule with every member present, set or not: the checker reads the same members of every
 * rule, and objects of one shape keep those reads fast (V8 caches them per shape).
 */
export function newRule(id: string): ElementRule {
  return {
    id,
    min: undefined,
    max: undefined,
    fixed: undefined,
    pattern: undefined,
    binding: undefined,
    extensionProfile: undefined,
    children: new Map(),
    slices: [],
    sliceName: undefined,
    steps: undefined,
  };
}
