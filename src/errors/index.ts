/** The one error hierarchy: every thrown error is a ConformanceError with a stable `code`. */
export type { ErrorCode } from "./conformance-error.js";
export {
  ConfigError,
  ConformanceError,
  DefinitionsError,
  EditPathError,
  FixtureError,
  type FixtureProblem,
  FixtureSetError,
  fixtureProblemLine,
  isConformanceError,
  PactError,
  ProductionGuardError,
  ProfileSetError,
  TemplateVariableError,
  TransportError,
} from "./conformance-error.js";
