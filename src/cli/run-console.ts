import type { GateVerdict, RunSummary } from "../report/index.js";
import { renderConsole, renderVerdict } from "../report/index.js";

/**
 * What a run prints when it is over. Quiet (the default): one line per failure, saying under a
 * baseline whether it is new or known, the warnings, blocked checks and run errors as before, the
 * gate's own news (fixed, missing, newly blocked) and the counts. `--verbose`: the full report.
 */
export function renderRunEnd(
  summary: RunSummary,
  options: { verbose: boolean; verdict?: GateVerdict },
): string {
  const { verdict } = options;
  if (options.verbose) return renderConsole(summary) + (verdict ? renderVerdict(verdict) : "");
  const known = new Set(verdict?.knownFailures.map((entry) => entry.checkId));
  const tag = (checkId: string) =>
    verdict === undefined ? "" : known.has(checkId) ? " (known)" : " (new failure)";
  const lines = summary.failures.map(
    (failure) => `  FAILED ${failure.checkId}: ${failure.failure}${tag(failure.checkId)}`,
  );
  // renderConsole's own lines after its per-suite counts: warnings, blocked, errors and counts.
  const rest = renderConsole(summary)
    .trimEnd()
    .split("\n")
    .filter((line) => !/^ {2}\S+\s+\d+ passed, \d+ warnings?, /.test(line))
    .filter(
      (line) => !line.startsWith("  FAILED ") && !line.startsWith("NDOP conformance against"),
    );
  lines.push(...rest);
  if (verdict) lines.push(...gateLines(verdict));
  return `${lines.join("\n")}\n`;
}

/** The gate's verdict without repeating the failures listed above. */
function gateLines(verdict: GateVerdict): string[] {
  return renderVerdict(verdict)
    .trimEnd()
    .split("\n")
    .filter((line) => !/^ {2}(new failure|known failure): /.test(line));
}
