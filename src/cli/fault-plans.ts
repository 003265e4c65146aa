import { ConfigError } from "../errors/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import type { Requirement } from "../report/index.js";
import { FAULTS, type FaultName, isFaultName } from "../sandbox/index.js";

/** What `faults` runs for one fault mode, and what it must see. */
export interface FaultPlan {
  fault: FaultName;
  requirement: string;
  /** SHALL: a citing check must fail. SHOULD: one must warn, and no check fail. */
  level: "SHALL" | "SHOULD";
  /** The fixtures run: those citing the requirement, after any precondition suite's. */
  fixtures: string[];
  suites: string[];
}

/**
 * Suites whose fixtures run before the citing ones, because the fault only shows once they have:
 * a patient's history can only list someone else's Consent once another patient has one (on Int
 * and Dep, other teams' patients always do; in a fresh sandbox, the create suite makes them).
 */
const PRECONDITION_SUITES: Partial<Record<string, string[]>> = {
  "ndop-history-05": ["create"],
};

/**
 * One plan per fault mode chosen (all of them without a choice), in the catalogue's order. An
 * unknown name, or a requirement no fixture cites, is refused: a fault mode nothing could catch
 * is a gap in the suite, not a pass.
 */
export function faultPlans(
  chosen: readonly string[],
  fixtures: readonly LoadedFixture[],
  requirements: readonly Requirement[],
): FaultPlan[] {
  const unknown = chosen.filter((name) => !isFaultName(name));
  if (unknown.length > 0)
    throw new ConfigError(
      unknown.map(
        (name) => `--fault ${name} is not a fault mode (ndop-conformance sandbox --list-faults).`,
      ),
    );
  const names = chosen.length > 0 ? (chosen as FaultName[]) : (Object.keys(FAULTS) as FaultName[]);
  const plans = names.map((fault) => planFor(fault, fixtures, requirements));
  const uncited = plans.filter((plan) => !plan.fixtures.length);
  if (uncited.length > 0)
    throw new ConfigError(
      uncited.map(
        (plan) =>
          `fault mode ${plan.fault}: no fixture cites ${plan.requirement}, so none can catch it.`,
      ),
    );
  return plans;
}

function planFor(
  fault: FaultName,
  fixtures: readonly LoadedFixture[],
  requirements: readonly Requirement[],
): FaultPlan {
  const { requirement } = FAULTS[fault];
  const citing = fixtures.filter((loaded) => loaded.fixture.requirements.includes(requirement));
  const before = PRECONDITION_SUITES[requirement] ?? [];
  const chosen = [
    ...new Set(
      citing.length
        ? [...fixtures.filter((loaded) => before.includes(loaded.suite)), ...citing]
        : [],
    ),
  ];
  const level = requirements.find((each) => each.key === requirement)?.level;
  return {
    fault,
    requirement,
    level: level === "SHOULD" ? "SHOULD" : "SHALL",
    fixtures: chosen.map((loaded) => loaded.id),
    suites: [...new Set(chosen.map((loaded) => loaded.suite))],
  };
}
