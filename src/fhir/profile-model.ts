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
  };
}
