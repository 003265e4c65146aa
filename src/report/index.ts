/**
 * What a run leaves behind: check results, summary.md/json and the console summary, JUnit and
 * Allure results (readable HTTP exchanges, curl), the baseline gate, requirement coverage with
 * fault modes, timings, and the single-file Allure report.
 */
export { type AllureEntry, writeAllureResult } from "./allure-writer.js";
export {
  type Baseline,
  compareWithBaseline,
  type GateVerdict,
  readBaseline,
  recordBaseline,
  renderVerdict,
  writeBaseline,
} from "./baseline.js";
export type {
  CheckMeta,
  CheckResult,
  CheckState,
  CheckTaskMeta,
  RunSummary,
} from "./check-result.js";
export { CheckCollector } from "./collect-results.js";
export { contractBaseUrl, contractSectionUrl } from "./contract-link.js";
export {
  type FaultCitation,
  faultModeGaps,
  type RequirementCoverage,
  renderCoverage,
  requirementCoverage,
  unknownCitations,
} from "./coverage.js";
export { type HttpExchange, prettyBody, renderCurl, renderHttpExchange } from "./http-exchange.js";
export { reportTitle, withoutAnalytics } from "./report-html.js";
export { parseCsv, type Requirement, readRequirements } from "./requirements.js";
export { renderConsole, renderMarkdown, summarise, writeSummary } from "./summary.js";
export { formatMs, renderTimings, slowestChecks } from "./timings.js";
