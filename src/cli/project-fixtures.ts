import { fileURLToPath } from "node:url";
import { type FixtureInspection, inspectFixtures } from "../fixture-files/index.js";
import { type Requirement, readRequirements } from "../report/index.js";

const REQUIREMENTS_CSV = fileURLToPath(new URL("../../suites/requirements.csv", import.meta.url));

/**
 * A fixtures folder judged as `run` and `fixtures check` both judge it: the schema, the names the
 * fixtures cite (checks, Spine codes, capture sources, templates) and the project's requirement keys.
 */
export function inspectProjectFixtures(fixturesDir: string): FixtureInspection {
  const requirements = projectRequirements().map((requirement) => requirement.key);
  return inspectFixtures(fixturesDir, { requirements });
}

/** The project's requirements (suites/requirements.csv): key, contract section, level, text. */
export function projectRequirements(): Requirement[] {
  return readRequirements(REQUIREMENTS_CSV);
}
