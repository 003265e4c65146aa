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
  ProductionGuardError,
  ProfileSetError,
  TemplateVariableError,
  TransportError,
} from "./conformance-error.js";
