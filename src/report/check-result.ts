/** What the conformance suite attaches to each test, so reports and baselines can name the check. */
export interface CheckMeta {
  /** `<suite>/<fixture> [<format>]`: stable while the fixture file keeps its name. */
  checkId: string;
  fixture: string;
  suite: string;
  format: string;
  requirements: string[];
  severity: string;
  /** The level the check is held to here: SHALL fails the run, SHOULD warns (unless --strict). */
  level: "SHALL" | "SHOULD";
  /** What a passing check warns about: a broken SHOULD, a validator warning. */
  warnings?: string[];
  /** The setup step whose failure kept this check from judging anything. */
  blockedBy?: string;
  /** Why the check was not judged: the environment ran out of something it needs (test patients). */
  notJudged?: string;
  /** Pool patients the check spent for good (a Consent for a never-seen patient). */
  patientsConsumed?: number;
}

/** Where the suite keeps the CheckMeta in vitest's task meta. */
export interface CheckTaskMeta {
  ndop?: CheckMeta;
}

/**
 * passed; warning (passed, with warnings); failed (a SHALL broken, or any warning under --strict);
 * blocked (a setup step failed: JUnit shows it skipped); skipped (not for this target, with why).
 */
export type CheckState = "passed" | "warning" | "failed" | "blocked" | "skipped";

export type StateCounts = Record<CheckState, number>;

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
  /** Whether warnings were failures (`--strict`). */
  strict: boolean;
  /** The tool that ran the checks: its package version and git commit ("unknown" outside a checkout). */
  tool?: { version: string; commit: string };
  counts: StateCounts & { total: number };
  suites: Record<string, StateCounts>;
  failures: Pick<CheckResult, "checkId" | "title" | "failure" | "requirements">[];
  warnings: (Pick<CheckResult, "checkId" | "title" | "requirements" | "level"> & {
    warnings: string[];
  })[];
  blocked: Pick<CheckResult, "checkId" | "title" | "blockedBy">[];
  /** Errors outside any check (a suite that could not load, the sandbox failing to start). */
  runErrors: string[];
  /** SHALL and SHOULD checks the environment could not judge (it ran out of test patients). */
  notJudged: (Pick<CheckResult, "checkId" | "title" | "level"> & { reason: string })[];
  /** The test patient budget: what this run spent for good, and what the pool has left. */
  patients: PatientUsage;
  checks: CheckResult[];
}

export interface PatientUsage {
  /** Pool patients this run gave a Consent to (which can never be deleted on Int and Dep). */
  consumed: number;
  /** The pool (this shard's slice), or null with no pool (synthetic numbers, endless). */
  pool: number | null;
  /** Patients with no Consent when the run started (preflight), or null when not known. */
  freeBefore: number | null;
  /** Left free after this run, or null when not known. */
  leftFree: number | null;
  /** Full runs like this one the pool still allows, or null when not known (or none consumed). */
  runsLeft: number | null;
}
