export type { ErrorCode } from "./conformance-error.js";
export { ConformanceError, isConformanceError, ProfileSetError } from "./conformance-error.js";
