import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Model } from "fhirpath";
import { describe, expect, it } from "vitest";
import type { StructureDefinitionJson } from "./base-definitions.js";
import { locateDefinitions } from "./base-definitions.js";
import { existsDisjunction, shortcutFor } from "./invariant-shortcut.js";
import { logicShortcut } from "./invariant-shortcut-logic.js";

const require = createRequire(import.meta.url);
const { compile } = require("fhirpath") as typeof import("fhirpath");
const stu3Model = require("fhirpath/fhir-context/stu3/index.js") as Model;

interface Taken {
  key: string;
  context: string;
  expression: string;
}

/** Every STU3 invariant the and/or/implies form takes (and the existence disjunction does not). */
function takenInvariants(): Taken[] {
  const found = new Map<string, Taken>();
  for (const file of ["profiles-resources.json", "profiles-types.json"]) {
    const bundle = JSON.parse(readFileSync(join(locateDefinitions(), file), "utf8")) as {
      entry: { resource: StructureDefinitionJson }[];
    };
    for (const { resource } of bundle.entry) {
      for (const { path: context, constraint } of resource.snapshot?.element ?? []) {
        for (const { key, expression } of constraint ?? []) {
          if (!expression || existsDisjunction(context, expression, stu3Model)) continue;
          if (logicShortcut(context, expression, stu3Model))
            found.set(`${context} ${key}`, { key, context, expression });
        }
      }
    }
  }
  return [...found.values()];
}

/** Seeded, so every run builds the same nodes. */
function random(seed: number): (count: number) => number {
  let state = seed;
  return (count) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % count;
  };
}

interface Trie {
  children: Map<string, Trie>;
}

/** The paths under empty()/exists() as a tree, and the texts each compared name is tested for. */
function shapeOf(expression: string): { trie: Trie; compared: Map<string, string[]> } {
  const trie: Trie = { children: new Map() };
  for (const [, path = ""] of expression.matchAll(/([a-z][A-Za-z0-9.]*)\.(?:empty|exists)\(\)/g)) {
    let at = trie;
    for (const step of path.split(".")) {
      const next = at.children.get(step) ?? { children: new Map() };
      at.children.set(step, next);
      at = next;
    }
  }
  const compared = new Map<string, string[]>();
  for (const [, name = "", text = ""] of expression.matchAll(
    /([a-z][A-Za-z0-9]*)\s*!?=\s*'([^']*)'/g,
  ))
    compared.set(name, [...(compared.get(name) ?? []), text]);
  return { trie, compared };
}

type Pick = (count: number) => number;
/** A generated node, and whether it holds something the shortcut must leave to fhirpath.js. */
interface Built {
  node: Record<string, unknown>;
  unusual: boolean;
}

const LEAVES: unknown[] = [undefined, null, [], [null], "a", "", 0, false, {}, [{}], ["a", "b"]];

function compared(texts: string[], pick: Pick): { value: unknown; unusual: boolean } {
  const usual = [undefined, null, [], "other", "", ...texts, [texts[0]]];
  const unusual = [5, true, [texts[0], texts[0]], [null], {}, [5]];
  const index = pick(usual.length + unusual.length);
  return index < usual.length
    ? { value: usual[index], unusual: false }
    : { value: unusual[index - usual.length], unusual: true };
}

/** Children for each name of the trie, right and wrong shapes alike. */
function build(trie: Trie, pick: Pick, depth: number): Built {
  const node: Record<string, unknown> = {};
  let unusual = false;
  for (const [name, below] of trie.children) {
    if (below.children.size === 0) node[name] = LEAVES[pick(LEAVES.length)];
    else {
      const inner = () => {
        const built = build(below, pick, depth + 1);
        unusual ||= built.unusual;
        return built.node;
      };
      const shape = pick(10);
      if (shape === 0) node[name] = null;
      else if (shape === 1) node[name] = [];
      else if (shape === 2) node[name] = inner();
      else if (shape === 3) node[name] = [inner()];
      else if (shape === 4) node[name] = [inner(), inner()];
      else if (shape === 5) [node[name], unusual] = [["x"], true];
      else if (shape === 6) [node[name], unusual] = [[inner(), null], true];
      else if (shape === 7) [node[name], unusual] = [{ ...inner(), resourceType: "Basic" }, true];
    }
    if (pick(12) === 0) [node[`_${name}`], unusual] = [{ id: "x" }, true];
  }
  return { node, unusual };
}

function nodeFor(context: string, expression: string, pick: Pick): Built {
  const { trie, compared: texts } = shapeOf(expression);
  const built = build(trie, pick, 0);
  for (const [name, tested] of texts) {
    const { value, unusual } = compared(tested, pick);
    if (value === undefined) delete built.node[name];
    else built.node[name] = value;
    built.unusual ||= unusual;
    if (pick(12) === 0) [built.node[`_${name}`], built.unusual] = [{ id: "x" }, true];
  }
  if (!context.includes(".")) built.node.resourceType = context;
  return built;
}

describe("and/or/implies invariants decided without the general evaluator", () => {
  // Worked out inside each test, not while the file is collected, so that mutation testing, which
  // switches the code under test per test, sees a mutant of the parser here too.
  it("takes exactly these STU3 invariants, the five Bundle ones among them", () => {
    const taken = takenInvariants();
    const keys = [...new Set(taken.map(({ key }) => key))].sort();
    expect(keys).toEqual(
      "ait-1 ait-2 att-1 bdl-1 bdl-2 bdl-3 bdl-4 bdl-9 cmd-1 cmd-2 cmd-3 cmp-2 con-3 cpb-14 cpb-15 cpb-3 cpl-3 cpt-2 dae-1 dae-2 dom-1 dom-2 dom-4 inv-12 inv-3 inv-4 lst-1 lst-2 mda-1 mda-2 mda-3 mda-4 nsd-3 qty-3 que-3 que-4 que-5 que-6 que-9 sdf-18 sdf-5 seq-5 sev-1 smp-1 smp-2 spd-1 spd-2 sqty-1 tim-1 tim-10 tim-2 tim-6 tim-7 tim-8 vsd-10 vsd-2 vsd-3".split(
        " ",
      ),
    );
    const bundle = taken.filter(({ context }) => context === "Bundle").map(({ key }) => key);
    expect(bundle.sort()).toEqual(["bdl-1", "bdl-2", "bdl-3", "bdl-4", "bdl-9"]);
  });

  it("agrees with fhirpath.js on every one, and defers exactly the unusual nodes", () => {
    const pick = random(11);
    for (const { context, expression } of takenInvariants()) {
      const general = compile({ base: context, expression }, stu3Model, {
        resolveInternalTypes: true,
      });
      const shortcut = shortcutFor(context, expression, stu3Model);
      const count = context === "Bundle" ? 600 : 60;
      for (let index = 0; index < count; index += 1) {
        const { node, unusual } = nodeFor(context, expression, pick);
        const decided = shortcut?.(node);
        const label = `${context} ${expression} on ${JSON.stringify(node)}`;
        expect(decided === undefined, label).toBe(unusual);
        if (decided !== undefined)
          expect(decided === null ? [] : [decided], label).toEqual(general(node, {}));
      }
    }
  });
});
