import type { ElementRule } from "./profile-model.js";
import type { JsonObject } from "./resource-reader.js";

/** An instance value the profile checker judges, with its location. */
export interface Item {
  value: unknown;
  path: string;
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

const stepsByRule = new WeakMap<ElementRule, ChildStep[]>();

/** The child rules of `rule`, in definition order, as steps. */
export function childSteps(rule: ElementRule): ChildStep[] {
  let steps = stepsByRule.get(rule);
  // Stryker disable next-line ConditionalExpression: building the steps anew every time gives the same steps; the cache only saves the work.
  if (steps === undefined) {
    steps = [...rule.children].map(([name, child]) => ({
      name,
      rule: child,
      extrasKey: `_${name}`,
      // Present on every step, set or not: one shape for all (see newRule).
      choiceStem: name.endsWith("[x]") ? name.slice(0, -3) : undefined,
      passOverWhenAbsent: !child.min && child.slices.length === 0,
    }));
    stepsByRule.set(rule, steps);
  }
  return steps;
}

/** Neither the child (any type of a choice) nor its primitive extras `_name` is there. */
export function isAbsent(object: JsonObject, step: ChildStep): boolean {
  if (step.choiceStem !== undefined) return choiceNames(object, step.choiceStem).length === 0;
  return object[step.name] === undefined && object[step.extrasKey] === undefined;
}

/** The instance values of the child (or of every type of a choice `value[x]`), with their paths. */
export function itemsOf(object: JsonObject, step: ChildStep, parentPath: string): Item[] {
  const names = step.choiceStem === undefined ? [step.name] : choiceNames(object, step.choiceStem);
  const items: Item[] = [];
  for (const key of names) {
    const value = object[key];
    if (Array.isArray(value)) {
      for (const [index, entry] of value.entries())
        items.push({ value: entry, path: `${parentPath}.${key}[${index}]` });
    } else if (value !== undefined || object[extrasKeyOf(step, key)] !== undefined) {
      items.push({ value, path: `${parentPath}.${key}` });
    }
  }
  return items;
}

/** The precomputed `_name` of a plain child; a choice's type is known only per instance. */
function extrasKeyOf(step: ChildStep, key: string): string {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a plain child's key is `_${key}` either way, and a choice's is read only for a value key holding undefined, which JSON cannot write.
  return step.choiceStem === undefined ? step.extrasKey : `_${key}`;
}

function choiceNames(object: JsonObject, stem: string): string[] {
  return Object.keys(object).filter((key) => {
    if (!key.startsWith(stem)) return false;
    // A type name follows the stem: `valueString`, not `value` or `valuestring`.
    const next = key.charCodeAt(stem.length);
    return next >= 65 && next <= 90;
  });
}
