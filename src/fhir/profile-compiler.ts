import type { ElementDefinitionJson, StructureDefinitionJson } from "./base-definitions.js";
import { type CompiledProfile, type ElementRule, newRule } from "./profile-model.js";

/**
 * Compiles a profile's differential into a rule tree, reading it in order as STU3 defines: an
 * element with a `sliceName` opens a slice, and the elements after it that lie below its path
 * constrain that slice until the differential leaves the path. Element ids are not trusted: the
 * published Extension-NDOP-Proxy-1 has malformed ones.
 */
export function compileProfile(definition: StructureDefinitionJson): CompiledProfile {
  const elements = definition.differential?.element ?? [];
  const type = definition.type ?? elements[0]?.path.split(".")[0] ?? "Resource";
  const root = newRule(type);
  const openSlices = new Map<string, ElementRule>();

  for (const element of elements) {
    const segments = element.path.split(".");
    for (const path of [...openSlices.keys()]) {
      if (element.path !== path && !element.path.startsWith(`${path}.`)) openSlices.delete(path);
    }
    let rule = root;
    let prefix = segments[0] ?? type;
    for (const [index, segment] of segments.slice(1).entries()) {
      prefix = `${prefix}.${segment}`;
      rule = childRule(rule, segment);
      const isLast = index === segments.length - 2;
      if (!isLast) rule = openSlices.get(prefix) ?? rule;
    }
    const last = segments.at(-1) ?? type;
    if (element.sliceName !== undefined && element.sliceName !== last && segments.length > 1) {
      const slice = sliceRule(rule, element.sliceName);
      openSlices.set(element.path, slice);
      rule = slice;
    } else {
      // The next element of a slice's own path closes it (a path with no open slice deletes nothing).
      openSlices.delete(element.path);
    }
    applyElement(rule, element);
  }
  return { url: definition.url, name: profileName(definition), type, root };
}

function childRule(parent: ElementRule, name: string): ElementRule {
  let child = parent.children.get(name);
  if (child === undefined) {
    child = newRule(`${parent.id}.${name}`);
    parent.children.set(name, child);
  }
  return child;
}

function sliceRule(parent: ElementRule, sliceName: string): ElementRule {
  let slice = parent.slices.find((candidate) => candidate.sliceName === sliceName);
  if (slice === undefined) {
    slice = newRule(`${parent.id}:${sliceName}`);
    slice.sliceName = sliceName;
    parent.slices.push(slice);
  }
  return slice;
}

function applyElement(rule: ElementRule, element: ElementDefinitionJson): void {
  if (element.min !== undefined) rule.min = element.min;
  if (element.max !== undefined)
    rule.max = element.max === "*" ? Number.POSITIVE_INFINITY : Number(element.max);
  for (const [key, value] of Object.entries(element)) {
    if (key.startsWith("fixed")) rule.fixed = value;
    else if (key.startsWith("pattern")) rule.pattern = value;
  }
  const binding = element.binding;
  const valueSet = binding?.valueSetReference?.reference ?? binding?.valueSetUri;
  if (binding && valueSet) rule.binding = { strength: binding.strength, valueSet };
  const extensionType = element.type?.find((type) => type.code === "Extension" && type.profile);
  if (extensionType?.profile) rule.extensionProfile = extensionType.profile;
}

function profileName(definition: StructureDefinitionJson): string {
  return definition.url.slice(definition.url.lastIndexOf("/") + 1);
}

/** The url a slice of `extension` is recognised by: its extension profile, or its fixed `url`. */
export function sliceDiscriminator(slice: ElementRule): string | undefined {
  if (slice.extensionProfile) return slice.extensionProfile;
  const fixedUrl = slice.children.get("url")?.fixed;
  return typeof fixedUrl === "string" ? fixedUrl : undefined;
}
