import type { Baseline } from "../report/index.js";

/** Run-specific parts of a failure message, and the stable placeholder each becomes. */
const RUN_SPECIFIC: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<id>"],
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?/g, "<time>"],
  [/(\/_history\/)[^\s/"',):;]+/g, "$1<vid>"],
  [/(\b(?:versionId|version id)\s*"?|W\/")\d+/gi, "$1<vid>"],
  [/\b((?:localhost|127\.\d+\.\d+\.\d+|\[::1\])):\d{2,5}\b/g, "$1:<port>"],
  [/\b(Consent\/)(?!_history\b)[^\s/"',):;<]{1,64}/g, "$1<id>"],
  [/\b999\d{7}\b/g, "<nhs-number>"],
];

/**
 * A baseline is compared run after run: its reasons must read the same every time, so the ids,
 * versions, ports and times one run happened to get are replaced by placeholders.
 */
export function stableReason(reason: string): string {
  return RUN_SPECIFIC.reduce(
    (text, [pattern, placeholder]) => text.replace(pattern, placeholder),
    reason,
  );
}

export function withStableReasons(baseline: Baseline): Baseline {
  return {
    ...baseline,
    knownFailures: baseline.knownFailures.map((entry) => ({
      ...entry,
      reason: stableReason(entry.reason),
    })),
  };
}
