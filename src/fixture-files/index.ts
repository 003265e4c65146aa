/**
 * Fixture files: the schema a fixture is checked against (with its JSON Schema for editors), and
 * the loader, which reads a folder of fixtures and templates and reports every problem at once.
 * Apart from src/fixtures, which runs fixtures: a run reads and checks its fixture files once,
 * before the suites start, and the suite worker then never loads zod (about 0.1 s of every run).
 */
export type { Fixture, FixtureExpectation, FixtureStep } from "./fixture-schema.js";
export { fixtureJsonSchema } from "./json-schema.js";
export {
  type FixtureInspection,
  inspectFixtures,
  type LoadedFixture,
  type LoadOptions,
  loadFixture,
  loadFixtureSet,
  loadSuiteFixtures,
  MAX_FIXTURE_DEPTH,
  suiteNames,
} from "./load-fixtures.js";
