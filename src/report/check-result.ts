/** What the conformance suite attaches to each test, so reports and baselines can name the check. */
export interface CheckMeta {
  /** `<suite>/<fixture> [<format>]`: stable while the fixture file keeps its name. */
  checkId: string;
  fixture: string;
  suite: string;
  format: string;
  requirements: string[];
  severity: string;
}

/** Where the suite keeps the CheckMeta in vitest's task meta. */
export interface CheckTaskMeta {
  ndop?: CheckMeta;
}

export type CheckState = "passed" | "failed" | "skipped";

export interface CheckResult extends CheckMeta {
  title: string;
  state: CheckState;
  durationMs: number;
  /** The failure, as the check reported it (first line: the broken behaviour). */
  failure?: string;
  /** Why it did not run here. */
  skipReason?: string;
}

export interface RunSummary {
  environment: string;
  baseUrl: string;
  startedAt: string;
  durationMs: number;
  counts: { passed: number; failed: number; skipped: number; total: number };
  suites: Record<string, { passed: number; failed: number; skipped: number }>;
  failures: Pick<CheckResult, "checkId" | "title" | "failure" | "requirements">[];
  /** Errors outside any check (a suite that could not load, the sandbox failing to start). */
  runErrors: string[];
  checks: CheckResult[];
}
