import { describe, expect, it } from "vitest";
import { loadSuiteFixtures, suiteNames } from "../fixture-files/index.js";
import { FAULTS } from "../sandbox/index.js";
import { thrownBy } from "../testing/thrown.js";
import { faultPlans } from "./fault-plans.js";
import { FIXTURES_DIR } from "./preflight.js";
import { projectRequirements } from "./project-fixtures.js";

const FIXTURES = suiteNames(FIXTURES_DIR).flatMap((suite) =>
  loadSuiteFixtures(FIXTURES_DIR, suite),
);
const REQUIREMENTS = projectRequirements();
const citing = (requirement: string) =>
  FIXTURES.filter((loaded) => loaded.fixture.requirements.includes(requirement)).map(
    (loaded) => loaded.id,
  );

describe("what faults runs for each fault mode", () => {
  it("every fault mode, in the catalogue's order, with the fixtures citing its requirement", () => {
    const plans = faultPlans([], FIXTURES, REQUIREMENTS);
    expect(plans.map((plan) => plan.fault)).toEqual(Object.keys(FAULTS));
    const accept = plans.find((plan) => plan.fault === "accept-duplicate");
    expect(accept).toEqual({
      fault: "accept-duplicate",
      requirement: "ndop-create-05",
      level: "SHALL",
      fixtures: ["errors/422-duplicate"],
      suites: ["errors"],
    });
    expect(plans.find((plan) => plan.fault === "update-ignores-if-match")?.level).toBe("SHOULD");
  });

  it("a patient history's fault runs the create suite first: only then has another patient a Consent", () => {
    const [plan] = faultPlans(["patient-history-ignores-patient"], FIXTURES, REQUIREMENTS);
    const creates = FIXTURES.filter((loaded) => loaded.id.startsWith("create/")).map((l) => l.id);
    expect(plan?.requirement).toBe("ndop-history-05");
    expect(plan?.fixtures).toEqual([...creates, ...citing("ndop-history-05")]);
    expect(plan?.suites).toEqual(["create", "history"]);
  });

  it("refuses every unknown name at once", () => {
    expect(
      thrownBy(() => faultPlans(["errors-as-500", "nope", "nah"], FIXTURES, REQUIREMENTS)),
    ).toEqual(
      expect.objectContaining({
        message: expect.stringMatching(/--fault nope is not a fault mode.*\n.*--fault nah is not/s),
      }),
    );
  });
});
