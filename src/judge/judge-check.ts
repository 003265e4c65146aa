import type { Format, RunConfig } from "../config/index.js";
import {
  checkLevel,
  type FixtureOutcome,
  type LoadedFixture,
  needsOf,
  type RunContext,
  runFixture,
  strongestLevel,
  type Verdict,
  verdictOf,
} from "../fixtures/index.js";
import type { CheckMeta } from "../report/index.js";

/** One check of a run: a fixture, in one format. */
export interface Check {
  loaded: LoadedFixture;
  format: Format;
}

/** The level of each requirement key (suites/requirements.csv). */
export type RequirementLevels = ReadonlyMap<string, string>;

/** A suite's checks, in the order its fixtures load: each fixture in each run format it takes. */
export function suiteChecks(fixtures: readonly LoadedFixture[], config: RunConfig): Check[] {
  return fixtures.flatMap((loaded) =>
    config.formats
      .filter((format) => !loaded.fixture.formats || loaded.fixture.formats.includes(format))
      .map((format) => ({ loaded, format })),
  );
}

/** The check's name in reports: its title, format and the requirements it cites. */
export function checkTitle({ loaded, format }: Check): string {
  return `${loaded.fixture.title} [${format}] {${loaded.fixture.requirements.join(", ")}}`;
}

/**
 * What a check is on this target: its id, what it cites, and the level it is held to, the
 * strongest of its requirements', made SHOULD when it needs an optional capability the target
 * does not declare (verdict.ts).
 */
export function checkMeta(check: Check, levels: RequirementLevels, context: RunContext): CheckMeta {
  const { fixture } = check.loaded;
  const cited = strongestLevel(fixture.requirements.map((key) => levels.get(key)));
  return {
    checkId: `${check.loaded.id} [${check.format}]`,
    fixture: check.loaded.id,
    suite: check.loaded.suite,
    format: check.format,
    requirements: fixture.requirements,
    severity: fixture.severity,
    level: checkLevel(cited, needsOf(fixture), context.declared),
  };
}

/**
 * Runs a check and judges it: the one place a check's verdict is made, for `run`'s suites under
 * vitest and for the sweeps (`faults`, `variants`) alike. What the verdict says beyond pass or
 * fail (warnings, blocked, not judged, patients spent) goes into `meta`, which the reports read.
 */
export async function judgeCheck(
  check: Check,
  context: RunContext,
  meta: CheckMeta,
  strict: boolean,
): Promise<{ outcome: FixtureOutcome; verdict: Verdict }> {
  const outcome = await runFixture(check.loaded, check.format, context);
  if (outcome.patientsConsumed) meta.patientsConsumed = outcome.patientsConsumed;
  const verdict = verdictOf(outcome, meta.level, strict);
  if (verdict.outcome === "not-judged") meta.notJudged = verdict.reason;
  if (verdict.outcome === "blocked") meta.blockedBy = verdict.reason;
  if (verdict.warnings.length > 0) meta.warnings = verdict.warnings;
  return { outcome, verdict };
}
