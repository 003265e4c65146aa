/**
 * Test support only (never imported by the product): built-CLI runners, sandbox processes,
 * loopback stand-ins (proxies, the recording Pact Broker), expected-results files and readers of
 * the generated Allure report.
 */
export { applyEdits, type ResourceEdit } from "../fixtures/index.js";
export {
  type ReportStep,
  type ReportTestResult,
  SingleFileReport,
} from "./allure-report.js";
export { BUILT_CLI } from "./built-cli.js";
export { type ConnectProxy, startConnectProxy } from "./connect-proxy.js";
export { consentFor, nextPatient, proxyExtension, withProxy } from "./consents.js";
export { customTarget } from "./custom-target.js";
export { expectedCounts, expectedFile, expectedSandboxRun } from "./expected-results.js";
export { fixtureFolder, goodFixture } from "./fixture-folders.js";
export { generatePactFile } from "./generate-pact.js";
export { type KillOutcome, killDuringWrites } from "./kill-during-writes.js";
export { moduleLog } from "./module-log.js";
export {
  cachedOtherRuntime,
  cachedRuntimeNode,
  compiledAddonPath,
  type PinnedRuntime,
  pinnedRuntimes,
  runtimeCacheDir,
  runtimeDir,
} from "./node-runtimes.js";
export { parseRawAnswer, pollFor, type RawHttpOptions, rawHttp } from "./raw-http.js";
export {
  type RecordedRequest,
  type RecordingBroker,
  startRecordingBroker,
} from "./recording-broker.js";
export { type Rewrite, type RewritingProxy, startRewritingProxy } from "./rewriting-proxy.js";
export { type CliRun, runBuiltCli, runBuiltCliAsync } from "./run-cli.js";
export {
  diagnosticsOf,
  type Exchange,
  expectSpineOutcome,
  type SendOptions,
  send,
  spineCodeOf,
  startTestSandbox,
  testValidator,
  withTestSandbox,
} from "./sandbox-client.js";
export {
  checkHistory,
  type HistoryCheck,
  type SandboxProcess,
  spawnSandbox,
} from "./sandbox-process.js";
export {
  describeWithPublishedAssets,
  PUBLISHED_ASSETS_DIR,
  PUBLISHED_ASSETS_SKIP_REASON,
  publishedAssetsDir,
  publishedAssetsPresent,
} from "./shared-assets.js";
export {
  type AcknowledgedWrite,
  type LoadReport,
  percentile,
  runWriteLoad,
  type WriteLoadOptions,
} from "./write-load.js";
export { xmlProjectProfiles } from "./xml-profiles.js";
