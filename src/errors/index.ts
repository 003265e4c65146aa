export type { ErrorCode } from "./conformance-error.js";
export {
  ConfigError,
  ConformanceError,
  EditPathError,
  FixtureError,
  type FixtureProblem,
  FixtureSetError,
  fixtureProblemLine,
  isConformanceError,
  ProductionGuardError,
  ProfileSetError,
  TransportError,
} from "./conformance-error.js";
