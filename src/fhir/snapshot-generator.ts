import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ProfileSetError } from "../errors/index.js";
import type { ElementDefinitionJson, StructureDefinitionJson } from "./base-definitions.js";
import { locateDefinitions } from "./base-definitions.js";

interface SnapshotNode {
  element: ElementDefinitionJson;
  children: SnapshotNode[];
  slices: SnapshotNode[];
}

const FHIR_BASE = "http://hl7.org/fhir/StructureDefinition/";
/** Keys of a differential element that place it rather than constrain it. */
const PLACEMENT_KEYS = new Set(["id", "path", "sliceName"]);

/**
 * The StructureDefinitions with a snapshot in the STU3 definitions in `directory`, by url: the
 * base types and resources a snapshot is built on. Reading them parses 25 MB of JSON, so a caller
 * making many generators reads them once and gives each the same map.
 */
export function readSnapshotBases(
  directory = locateDefinitions(),
): ReadonlyMap<string, StructureDefinitionJson> {
  const bases = new Map<string, StructureDefinitionJson>();
  for (const file of ["profiles-types.json", "profiles-resources.json"]) {
    const bundle = JSON.parse(readFileSync(join(directory, file), "utf8")) as {
      entry: { resource: StructureDefinitionJson }[];
    };
    for (const { resource } of bundle.entry) {
      if (resource.resourceType === "StructureDefinition" && resource.snapshot)
        bases.set(resource.url, resource);
    }
  }
  return bases;
}

/**
 * Generates STU3 snapshots from differentials against the STU3 3.0.1 base. FHIR.js's own
 * generator leaves the children of slices and of constrained types unexpanded (131 of the 258
 * elements of the published NDOP-Consent-1), so this one walks the differential in order, expands
 * a type's elements where the differential reaches into them, copies an element for each slice,
 * and renames a choice (`value[x]:valueCodeableConcept`) the way STU3 snapshots do.
 */
export class SnapshotGenerator {
  /**
   * `profiles`: the other profiles a differential may name (extension profiles, base profiles);
   * `base`: the STU3 types and resources to build on (readSnapshotBases), which it never changes.
   */
  constructor(
    private readonly profiles: ReadonlyMap<string, StructureDefinitionJson>,
    private readonly base: ReadonlyMap<string, StructureDefinitionJson> = readSnapshotBases(),
  ) {}

  /** A copy of `definition` with its snapshot generated from its differential. */
  generate(definition: StructureDefinitionJson): StructureDefinitionJson {
    const baseUrl = definition.baseDefinition ?? `${FHIR_BASE}${definition.type}`;
    const baseElements = this.snapshotOf(baseUrl);
    const root = buildTree(structuredClone(baseElements));
    const openSlices = new Map<string, SnapshotNode>();
    const constrained: SnapshotNode[] = [];
    for (const differential of definition.differential?.element ?? []) {
      for (const path of [...openSlices.keys()]) {
        if (differential.path !== path && !differential.path.startsWith(`${path}.`))
          openSlices.delete(path);
      }
      const node = this.locate(root, differential, openSlices);
      merge(node.element, differential);
      constrained.push(node);
    }
    // As the published NDOP snapshots do, show the children of every element the differential names.
    for (const node of constrained)
      if (node.children.length === 0 && node !== root) this.expand(node, root);
    return { ...structuredClone(definition), snapshot: { element: flatten(root) } };
  }

  private snapshotOf(url: string): ElementDefinitionJson[] {
    const profile = this.profiles.get(url);
    if (profile)
      // Stryker disable next-line OptionalChaining: either branch has a snapshot (generate always makes one), so ?. never meets a missing one.
      return (profile.snapshot ? profile : this.generate(profile)).snapshot?.element ?? [];
    const base = this.base.get(url);
    if (!base?.snapshot)
      throw new ProfileSetError(`No base definition ${url} to build a snapshot on.`, { url });
    return base.snapshot.element;
  }

  private locate(
    root: SnapshotNode,
    differential: ElementDefinitionJson,
    openSlices: Map<string, SnapshotNode>,
  ): SnapshotNode {
    const segments = differential.path.split(".");
    let node = root;
    // Stryker disable next-line StringLiteral: split always yields a first part, so the default is never used.
    let prefix = segments[0] ?? "";
    for (const [index, segment] of segments.slice(1).entries()) {
      prefix = `${prefix}.${segment}`;
      node = this.child(node, segment, root);
      const isLast = index === segments.length - 2;
      if (!isLast) node = openSlices.get(prefix) ?? node;
    }
    // Stryker disable next-line StringLiteral: split always yields a last part, so the default is never used.
    const last = segments.at(-1) ?? "";
    if (
      differential.sliceName !== undefined &&
      differential.sliceName !== last &&
      segments.length > 1
    ) {
      const slice = this.slice(node, differential);
      openSlices.set(differential.path, slice);
      return slice;
    }
    openSlices.delete(differential.path);
    return node;
  }

  private child(node: SnapshotNode, name: string, root: SnapshotNode): SnapshotNode {
    if (node.children.length === 0) this.expand(node, root);
    const direct = node.children.find((child) => lastSegment(child.element.path) === name);
    if (direct) return direct;
    const choice = node.children.find((child) => {
      const stem = lastSegment(child.element.path).replace(/\[x\]$/, "");
      return (
        child.element.path.endsWith("[x]") &&
        name.startsWith(stem) &&
        /^[A-Z]/.test(name.slice(stem.length))
      );
    });
    if (choice === undefined)
      throw new ProfileSetError(`${node.element.path} has no element ${name}.`);
    // STU3 snapshots rename a choice constrained to one type: value[x] becomes valueCodeableConcept.
    // Stryker disable next-line Regex: only the stem's length is used, and either pattern takes one "[x]" off a name that ends in it (checked above).
    const stem = lastSegment(choice.element.path).replace(/\[x\]$/, "");
    const typeName = name.slice(stem.length);
    const type = choice.element.type?.find(
      (candidate) => candidate.code.toLowerCase() === typeName.toLowerCase(),
    );
    choice.element = {
      ...choice.element,
      id: `${choice.element.id}:${name}`,
      path: `${node.element.path}.${name}`,
      sliceName: name,
    };
    if (type) choice.element.type = [type];
    return choice;
  }

  /** Adds the elements of a node's type beneath it, so a differential can reach into them. */
  private expand(node: SnapshotNode, root: SnapshotNode): void {
    // A contentReference (`Bundle.entry.link` is defined as `#Bundle.link`) takes that element's children.
    const reference = node.element.contentReference;
    if (typeof reference === "string") {
      const source = find(root, reference.slice(1));
      node.children = (source?.children ?? []).map((child) =>
        // Stryker disable next-line StringLiteral,OptionalChaining: the callback runs only for children of a found source, whose path is always set.
        rebase(structuredClone(child), source?.element.path ?? "", node.element.path),
      );
      return;
    }
    // One type, or one type with several target profiles (Reference(Patient | Practitioner)).
    // Stryker disable next-line ArrayDeclaration: a placeholder type has no code, and "undefined" starts lower-case, so it is skipped like no type.
    const types = node.element.type ?? [];
    const type =
      new Set(types.map((candidate) => candidate.code)).size === 1 ? types[0] : undefined;
    if (type === undefined || /^[a-z]/.test(type.code)) return;
    const elements = this.snapshotOf(type.profile ?? `${FHIR_BASE}${type.code}`).slice(1);
    const rootPath =
      this.snapshotOf(type.profile ?? `${FHIR_BASE}${type.code}`)[0]?.path ?? type.code;
    const rebased = elements.map((element) => ({
      ...structuredClone(element),
      id: `${node.element.id}${(element.id ?? element.path).slice(rootPath.length)}`,
      path: `${node.element.path}${element.path.slice(rootPath.length)}`,
    }));
    node.children = buildTree([node.element, ...rebased]).children;
  }

  private slice(node: SnapshotNode, differential: ElementDefinitionJson): SnapshotNode {
    const name = differential.sliceName as string;
    const existing = node.slices.find((slice) => slice.element.sliceName === name);
    if (existing) return existing;
    const slice = reidentify(
      structuredClone({ ...node, slices: [] }),
      node.element.id ?? node.element.path,
      `${node.element.id ?? node.element.path}:${name}`,
    );
    slice.element.sliceName = name;
    delete slice.element.slicing;
    // An extension slice takes its cardinality from its extension's definition unless it says otherwise.
    const profile = differential.type?.find((type) => type.code === "Extension")?.profile;
    const extensionRoot = profile ? this.snapshotOrDifferentialRoot(profile) : undefined;
    if (extensionRoot?.min !== undefined) slice.element.min = extensionRoot.min;
    if (extensionRoot?.max !== undefined) slice.element.max = extensionRoot.max;
    node.slices.push(slice);
    return slice;
  }

  private snapshotOrDifferentialRoot(url: string): ElementDefinitionJson | undefined {
    const profile = this.profiles.get(url);
    return profile?.snapshot?.element[0] ?? profile?.differential?.element[0];
  }
}

function buildTree(elements: ElementDefinitionJson[]): SnapshotNode {
  const [first, ...rest] = elements;
  if (first === undefined) throw new ProfileSetError("A snapshot needs at least a root element.");
  const root: SnapshotNode = { element: first, children: [], slices: [] };
  const byId = new Map<string, SnapshotNode>([[first.id ?? first.path, root]]);
  for (const element of rest) {
    const id = element.id ?? element.path;
    const node: SnapshotNode = { element, children: [], slices: [] };
    const parentId = id.slice(0, id.lastIndexOf("."));
    const sliceMark = id.lastIndexOf(":");
    const sliced =
      element.sliceName !== undefined && sliceMark > id.lastIndexOf(".")
        ? byId.get(id.slice(0, sliceMark))
        : undefined;
    if (sliced) {
      sliced.slices.push(node);
    } else {
      (byId.get(parentId) ?? root).children.push(node);
    }
    byId.set(id, node);
  }
  return root;
}

function flatten(node: SnapshotNode): ElementDefinitionJson[] {
  return [node.element, ...node.children.flatMap(flatten), ...node.slices.flatMap(flatten)];
}

function find(node: SnapshotNode, path: string): SnapshotNode | undefined {
  if (node.element.path === path && node.element.sliceName === undefined) return node;
  for (const child of node.children) {
    if (path === child.element.path || path.startsWith(`${child.element.path}.`)) {
      const found = find(child, path);
      if (found) return found;
    }
  }
  return undefined;
}

/** Moves a copied subtree from one path to another, ids included. */
function rebase(node: SnapshotNode, from: string, to: string): SnapshotNode {
  node.element.path = `${to}${node.element.path.slice(from.length)}`;
  const id = node.element.id ?? node.element.path;
  node.element.id = id.startsWith(from) ? `${to}${id.slice(from.length)}` : id;
  node.children = node.children.map((child) => rebase(child, from, to));
  node.slices = node.slices.map((slice) => rebase(slice, from, to));
  return node;
}

function reidentify(node: SnapshotNode, from: string, to: string): SnapshotNode {
  const id = node.element.id ?? node.element.path;
  node.element.id = id.startsWith(from) ? `${to}${id.slice(from.length)}` : id;
  node.children = node.children.map((child) => reidentify(child, from, to));
  return node;
}

function merge(element: ElementDefinitionJson, differential: ElementDefinitionJson): void {
  for (const [key, value] of Object.entries(differential)) {
    if (PLACEMENT_KEYS.has(key)) continue;
    if (key.startsWith("fixed") || key.startsWith("pattern")) {
      for (const existing of Object.keys(element)) {
        if (existing.startsWith(key.startsWith("fixed") ? "fixed" : "pattern"))
          delete element[existing];
      }
    }
    element[key] =
      key === "constraint"
        ? [...(element.constraint ?? []), ...(value as unknown[])]
        : structuredClone(value);
  }
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf(".") + 1);
}
