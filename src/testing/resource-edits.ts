/**
 * Edits to a FHIR JSON resource, so that a test case is data: a base resource plus the change
 * that breaks (or keeps) one fact. Paths are FHIRPath-like without the resource type:
 * `extension[0].valueCodeableConcept.coding[0].code`.
 */
export type ResourceEdit =
  | { set: string; value: unknown }
  | { remove: string }
  | { append: string; value: unknown };

type Container = Record<string, unknown> | unknown[];

export function applyEdits<T extends object>(resource: T, edits: readonly ResourceEdit[]): T {
  const copy = structuredClone(resource);
  for (const edit of edits) {
    if ("set" in edit) assign(copy, edit.set, structuredClone(edit.value));
    else if ("append" in edit) append(copy, edit.append, structuredClone(edit.value));
    else remove(copy, edit.remove);
  }
  return copy;
}

function steps(path: string): (string | number)[] {
  return path.split(".").flatMap((part) => {
    const match = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!match) throw new Error(`Bad edit path step "${part}" in ${path}`);
    const indexes = [...(match[2] ?? "").matchAll(/\[(\d+)\]/g)].map((index) => Number(index[1]));
    return [match[1] as string, ...indexes];
  });
}

function parentOf(root: object, path: string, create: boolean): [Container, string | number] {
  const parts = steps(path);
  let node = root as Container;
  for (const [index, step] of parts.slice(0, -1).entries()) {
    const next = (node as Record<string | number, unknown>)[step];
    if (next === undefined || next === null) {
      if (!create) throw new Error(`Edit path ${path} does not exist at "${step}"`);
      const created = typeof parts[index + 1] === "number" ? [] : {};
      (node as Record<string | number, unknown>)[step] = created;
      node = created;
    } else {
      node = next as Container;
    }
  }
  return [node, parts.at(-1) as string | number];
}

function assign(root: object, path: string, value: unknown): void {
  const [parent, key] = parentOf(root, path, true);
  (parent as Record<string | number, unknown>)[key] = value;
}

function append(root: object, path: string, value: unknown): void {
  const [parent, key] = parentOf(root, path, true);
  const target = (parent as Record<string | number, unknown>)[key];
  if (Array.isArray(target)) target.push(value);
  else (parent as Record<string | number, unknown>)[key] = [value];
}

function remove(root: object, path: string): void {
  const [parent, key] = parentOf(root, path, false);
  if (Array.isArray(parent) && typeof key === "number") parent.splice(key, 1);
  else delete (parent as Record<string, unknown>)[key as string];
}
