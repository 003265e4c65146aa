import { describe, expect, it } from "vitest";
import { DefinitionsError } from "../errors/index.js";
import type { StructureDefinitionJson } from "./base-definitions.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import type { VisitedElement } from "./element-walker.js";
import { InvariantChecker } from "./invariants.js";

const baseChecker = () => new InvariantChecker(loadBaseDefinitions().structureDefinitions);

const period = (value: unknown): VisitedElement => ({
  path: "P.x",
  type: "Period",
  value,
  multiple: false,
});

/** The STU3 definitions with Bundle replaced by one holding a single invariant three steps deep. */
function checkerWithDeepInvariant(): InvariantChecker {
  const definitions = new Map(loadBaseDefinitions().structureDefinitions);
  const bundle: StructureDefinitionJson = {
    resourceType: "StructureDefinition",
    url: "http://example.org/Bundle",
    snapshot: {
      element: [
        { path: "Bundle" },
        {
          path: "Bundle.entry.request",
          constraint: [
            {
              key: "tst-1",
              severity: "error",
              human: "A request names its method",
              expression: "method.exists()",
            },
          ],
        },
      ],
    },
  };
  definitions.set("Bundle", bundle);
  return new InvariantChecker(definitions);
}

describe("InvariantChecker: edges of ele-1 and of invariant locations", () => {
  it("leaves a boolean where an element belongs to the datatype check, though FHIRPath finds no content in it", () => {
    expect(baseChecker().checkElement(period(true))).toBeUndefined();
  });

  it("leaves an element whose only member FHIRPath cannot see (_id) to the unknown-element check", () => {
    const checks = baseChecker();
    expect(checks.checkElement(period({ _id: { id: "y" } }))).toBeUndefined();
    expect(checks.checkElement(period({ _id: [{ id: "y" }] }))).toBeUndefined();
  });

  it("refuses definitions whose Element has no ele-1, naming the type and the key", () => {
    let thrown: unknown;
    try {
      new InvariantChecker(new Map());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DefinitionsError);
    expect((thrown as DefinitionsError).message).toBe(
      "The STU3 definition of Element has no invariant ele-1.",
    );
    expect((thrown as DefinitionsError).context).toStrictEqual({ type: "Element", key: "ele-1" });
  });

  it("finds an invariant three steps deep, stepping over null and missing elements on the way", () => {
    const bundle = {
      resourceType: "Bundle",
      type: "batch",
      entry: [null, {}, { request: { url: "x" } }, { request: [{ method: "GET" }, {}] }],
    };
    const broken = (location: string) => ({
      severity: "error",
      code: "invariant",
      location,
      message: "A request names its method (tst-1).",
      ruleId: "inv-tst-1",
      layer: "invariant",
    });
    expect(checkerWithDeepInvariant().checkResource(bundle, "B")).toStrictEqual([
      broken("B.entry[2].request"),
      broken("B.entry[3].request[1]"),
    ]);
  });

  it("finds nothing to check in a Bundle with no entries", () => {
    expect(
      baseChecker().checkResource({ resourceType: "Bundle", type: "collection" }, "B"),
    ).toStrictEqual([]);
  });
});
