export type { ErrorCode } from "./conformance-error.js";
export {
  ConfigError,
  ConformanceError,
  FixtureError,
  isConformanceError,
  ProfileSetError,
  TransportError,
} from "./conformance-error.js";
