import { expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { InvariantChecker } from "./invariants.js";

// ele-1 and ext-1 are checked element by element (checkElement), never as resource invariants.
it.each([
  [
    "a Consent with an empty actor",
    {
      resourceType: "Consent",
      status: "active",
      patient: { reference: "Patient/1" },
      policyRule: "http://example.org/policy",
      actor: [{}],
    },
  ],
  [
    "a Bundle with a link of only an id",
    { resourceType: "Bundle", type: "history", link: [{ id: "l" }] },
  ],
])("finds no resource invariant broken by %s", (_, resource) => {
  const checker = new InvariantChecker(loadBaseDefinitions().structureDefinitions);
  expect(checker.checkResource(resource, resource.resourceType)).toStrictEqual([]);
});
