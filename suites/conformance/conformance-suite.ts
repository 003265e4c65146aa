import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as allure from "allure-js-commons";
import { describe, expect, inject, it } from "vitest";
import type { Format, RunConfig } from "../../src/config/index.js";
import {
  type FixtureOutcome,
  type Level,
  type LoadedFixture,
  needsOf,
  type RunContext,
  undeclaredOptional,
  type Verdict,
} from "../../src/fixtures/index.js";
import {
  checkMeta,
  checkTitle,
  createRunContext,
  judgeCheck,
  suiteChecks,
} from "../../src/judge/index.js";
import {
  type CheckTaskMeta,
  contractSectionUrl,
  readRequirements,
  renderCurl,
  renderHttpExchange,
} from "../../src/report/index.js";

const REQUIREMENTS = readRequirements(
  fileURLToPath(new URL("../requirements.csv", import.meta.url)),
);
const SECTIONS = new Map(REQUIREMENTS.map((requirement) => [requirement.key, requirement.section]));
const LEVELS = new Map(REQUIREMENTS.map((requirement) => [requirement.key, requirement.level]));
/**
 * The fixtures `ndop-conformance run` gives the suites. Only vitest run directly on the suites
 * loads the fixture reader, and with it zod: in a run's worker, zod cost about 0.1 s before the
 * first check.
 */
const PROVIDED = inject("ndopFixtures");
const OWN_LOADER = PROVIDED ? undefined : await import("../../src/fixture-files/index.js");
/** `run --strict` (set by the CLI for the suite workers): warnings fail. */
const STRICT = process.env.NDOP_RUN_STRICT === "1";

let shared: Promise<RunContext> | undefined;

/** One client, validator and patient pool for the whole run (suites run in one worker, in order). */
function runContext(config: RunConfig): Promise<RunContext> {
  shared ??= createRunContext(config, { shard: process.env.NDOP_RUN_SHARD || undefined });
  return shared;
}

/**
 * A suite is its fixtures: one test per fixture and format, each sent through the NDOP client,
 * judged (src/judge), and its exchanges attached to the report.
 */
export function conformanceSuite(suite: string, feature: string): void {
  const config = inject("ndopRun");
  const fixtures = suiteFixtures(config, suite);
  const selected = config.suites.length === 0 || config.suites.includes(suite);
  describe.skipIf(!selected)(suite, () => {
    for (const check of suiteChecks(fixtures, config)) {
      it(checkTitle(check), async (test) => {
        const context = await runContext(config);
        const meta = checkMeta(check, LEVELS, context);
        (test.task.meta as CheckTaskMeta).ndop = meta;
        await label(check.loaded, feature, check.format, meta.level);
        const { outcome, verdict } = await judgeCheck(check, context, meta, STRICT);
        await attachSteps(outcome);
        if (verdict.outcome === "skipped") test.skip(verdict.reason);
        if (verdict.outcome === "not-judged") {
          await allure.label("outcome", "not judged");
          test.skip(verdict.reason);
        }
        if (verdict.outcome === "blocked") {
          await markBlocked(verdict.reason ?? "", test.annotate);
          test.skip(`blocked: ${verdict.reason}`);
        }
        if (verdict.warnings.length > 0) {
          await markWarnings(
            {
              name: test.task.name,
              needs: needsOf(check.loaded.fixture),
              declared: context.declared,
            },
            verdict,
            meta.level,
            test.annotate,
          );
        }
        if (verdict.failures.length > 0) expect.fail(verdict.failures.join("\n"));
      });
    }
  });
}

/**
 * The suite's fixtures: those `ndop-conformance run` chose, read and checked before the run
 * (preflight and any selection), or all of them, read here, when vitest runs the suites directly.
 */
function suiteFixtures(config: RunConfig, suite: string): LoadedFixture[] {
  if (PROVIDED) return PROVIDED.filter((loaded) => loaded.suite === suite);
  return existsSync(join(config.fixturesDir, suite)) && OWN_LOADER
    ? OWN_LOADER.loadSuiteFixtures(config.fixturesDir, suite)
    : [];
}

/**
 * Each step of the case becomes an Allure step holding its exchange as readable HTTP; a step that
 * broke something also gets a curl command (credentials left out) to repeat it by hand, and is
 * marked failed with what broke.
 */
async function attachSteps(outcome: FixtureOutcome): Promise<void> {
  for (const step of outcome.steps) {
    try {
      await allure.step(step.name, async () => {
        if (step.exchange)
          await allure.attachment("HTTP exchange", renderHttpExchange(step.exchange), "text/plain");
        if (step.exchange && step.failures.length > 0)
          await allure.attachment(
            "curl (repeat this request)",
            renderCurl(step.exchange),
            "text/plain",
          );
        if (step.validation?.issues.length)
          await allure.attachment(
            "validator issues",
            JSON.stringify(step.validation.issues, null, 2),
            "application/json",
          );
        // Thrown inside the step only so that Allure marks this step failed with the message; it
        // is caught below: the check itself fails (or warns) once, from its verdict.
        if (step.failures.length > 0) expect.fail(step.failures.join("\n"));
      });
    } catch (error) {
      if (step.failures.length === 0) throw error;
    }
  }
}

type Annotate = (message: string, type?: string) => Promise<unknown>;

/** Blocked: skipped in vitest and JUnit (with the reason as a property), labelled in Allure. */
async function markBlocked(reason: string, annotate: Annotate): Promise<void> {
  await annotate(reason, "blocked");
  await allure.label("outcome", "blocked");
  await allure.tag("blocked");
  await allure.description(`**Blocked**: ${reason}`);
}

/**
 * A warning passes in vitest, so JUnit and CI stay green; JUnit carries each warning as a
 * property, and Allure shows it in the name, a label and the description.
 */
async function markWarnings(
  check: { name: string; needs: string[]; declared: ReadonlySet<string> },
  verdict: Verdict,
  level: Level,
  annotate: Annotate,
): Promise<void> {
  for (const warning of verdict.warnings) await annotate(warning, "warning");
  await allure.label("outcome", "warning");
  await allure.tag("warning");
  await allure.displayName(`WARNING (${level}) ${check.name}`);
  const undeclared = undeclaredOptional(check.needs, check.declared);
  await allure.description(
    [
      `**Warning** (${level}: does not fail the run unless \`--strict\`).`,
      ...(undeclared.length > 0
        ? [`Needs ${undeclared.join(", ")}, which the target does not declare.`]
        : []),
      "",
      ...verdict.warnings.map((warning) => `- ${warning}`),
    ].join("\n"),
  );
}

async function label(
  loaded: LoadedFixture,
  feature: string,
  format: Format,
  level: Level,
): Promise<void> {
  await allure.epic("NDOP FHIR API");
  await allure.label("level", level);
  await allure.feature(feature);
  await allure.story(loaded.id);
  await allure.severity(loaded.fixture.severity);
  await allure.parameter("format", format);
  for (const requirement of loaded.fixture.requirements) {
    await allure.label("requirement", requirement);
    await allure.link(
      contractSectionUrl(SECTIONS.get(requirement) ?? ""),
      `${requirement} (contract section ${SECTIONS.get(requirement) ?? "?"})`,
      "requirement",
    );
  }
}
