import { type Located, spellLocation } from "./lazy-location.js";
import type { ChildStep, ElementRule } from "./profile-model.js";
import type { JsonObject } from "./resource-reader.js";

export type { ChildStep };

/** An instance value the profile checker judges, with its location (read it only to report). */
export interface Item extends Located {
  readonly value: unknown;
}

/** A child value found in the instance, its location spelled out only if it is read (lazy-location.ts). */
class ChildItem implements Item {
  private spelled: string | undefined = undefined;

  constructor(
    readonly value: unknown,
    private readonly parent: Located,
    private readonly key: string,
    private readonly index: number,
  ) {}

  get path(): string {
    this.spelled ??= spellLocation(this.parent, this.key, this.index);
    return this.spelled;
  }
}

/**
 * The child rules of `rule`, in definition order, as steps; worked out on first use and kept on
 * the rule (a property read, where a WeakMap lookup cost a few per cent of the engine's own work).
 */
export function childSteps(rule: ElementRule): ChildStep[] {
  let steps = rule.steps;
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
    rule.steps = steps;
  }
  return steps;
}

/** Neither the child (any type of a choice) nor its primitive extras `_name` is there. */
export function isAbsent(object: JsonObject, step: ChildStep): boolean {
  if (step.choiceStem !== undefined) return choiceNames(object, step.choiceStem).length === 0;
  return object[step.name] === undefined && object[step.extrasKey] === undefined;
}

/** The instance values of the child (or of every type of a choice `value[x]`), with their locations. */
export function itemsOf(object: JsonObject, step: ChildStep, parent: Located): Item[] {
  const items: Item[] = [];
  if (step.choiceStem === undefined) pushItems(items, object, step.name, step.extrasKey, parent);
  else {
    // A choice's type, so its `_name` key, is known only per instance.
    for (const key of choiceNames(object, step.choiceStem))
      pushItems(items, object, key, `_${key}`, parent);
  }
  return items;
}

/** The values written under `key`, one item each, or one for a primitive's `_key` extras alone. */
function pushItems(
  items: Item[],
  object: JsonObject,
  key: string,
  extrasKey: string,
  parent: Located,
): void {
  const value = object[key];
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1)
      items.push(new ChildItem(value[index], parent, key, index));
  } else if (value !== undefined || object[extrasKey] !== undefined) {
    items.push(new ChildItem(value, parent, key, -1));
  }
}

function choiceNames(object: JsonObject, stem: string): string[] {
  return Object.keys(object).filter((key) => {
    if (!key.startsWith(stem)) return false;
    // A type name follows the stem: `valueString`, not `value` or `valuestring`.
    const next = key.charCodeAt(stem.length);
    return next >= 65 && next <= 90;
  });
}
