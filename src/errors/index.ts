export type { ErrorCode } from "./conformance-error.js";
export {
  ConfigError,
  ConformanceError,
  FixtureError,
  isConformanceError,
  ProductionGuardError,
  ProfileSetError,
  TransportError,
} from "./conformance-error.js";
