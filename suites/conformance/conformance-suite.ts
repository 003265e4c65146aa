import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as allure from "allure-js-commons";
import { describe, expect, inject, it } from "vitest";
import { NdopClient } from "../../src/client/index.js";
import type { Format, RunConfig } from "../../src/config/index.js";
import { NdopValidator } from "../../src/fhir/index.js";
import {
  type LoadedFixture,
  loadSuiteFixtures,
  PatientPool,
  type RunContext,
  runFixture,
} from "../../src/fixtures/index.js";
import { type CheckTaskMeta, readRequirements } from "../../src/report/index.js";

/** Where the contract lives beside a checkout; reports link each requirement to its section there. */
const CONTRACT = "../shared/spec/ndop-api.md";
const SECTIONS = new Map(
  readRequirements(fileURLToPath(new URL("../requirements.csv", import.meta.url))).map(
    (requirement) => [requirement.key, requirement.section],
  ),
);

let shared: Promise<RunContext> | undefined;

/** One client, validator and patient pool for the whole run (suites run in one worker, in order). */
function runContext(config: RunConfig): Promise<RunContext> {
  shared ??= (async () => {
    const client = new NdopClient(config);
    const validator = NdopValidator.create(
      config.profilesDir ? { profilesDir: config.profilesDir } : {},
    );
    return {
      config,
      client,
      validator,
      patients: new PatientPool(config, client),
      fixturesDir: config.fixturesDir,
      declared: await declaredInteractions(client),
    };
  })();
  return shared;
}

/** The Consent interactions the target's CapabilityStatement declares; none when it cannot be read. */
async function declaredInteractions(client: NdopClient): Promise<Set<string>> {
  try {
    const response = await client.send({
      interaction: "metadata",
      method: "GET",
      path: "/metadata",
    });
    const statement = JSON.parse(response.body) as {
      rest?: { resource?: { type?: string; interaction?: { code: string }[] }[] }[];
    };
    const consent = statement.rest?.[0]?.resource?.find((resource) => resource.type === "Consent");
    return new Set((consent?.interaction ?? []).map((interaction) => interaction.code));
  } catch {
    return new Set();
  }
}

/**
 * A suite is its fixtures: one test per fixture and format, each sent through the NDOP client,
 * every answer validated, and the exchanges attached to the report.
 */
export function conformanceSuite(suite: string, feature: string): void {
  const config = inject("ndopRun");
  const fixtures = existsSync(join(config.fixturesDir, suite))
    ? loadSuiteFixtures(config.fixturesDir, suite)
    : [];
  const selected = config.suites.length === 0 || config.suites.includes(suite);
  describe.skipIf(!selected)(suite, () => {
    for (const loaded of fixtures) {
      for (const format of formatsOf(loaded, config)) {
        it(`${loaded.fixture.title} [${format}] {${loaded.fixture.requirements.join(", ")}}`, async (test) => {
          const { fixture } = loaded;
          (test.task.meta as CheckTaskMeta).ndop = {
            checkId: `${loaded.id} [${format}]`,
            fixture: loaded.id,
            suite,
            format,
            requirements: fixture.requirements,
            severity: fixture.severity,
          };
          await label(loaded, feature, format);
          const outcome = await runFixture(loaded, format, await runContext(config));
          for (const step of outcome.steps) {
            if (step.exchange)
              await allure.attachment(
                step.name,
                JSON.stringify(step.exchange, null, 2),
                "application/json",
              );
            if (step.validation?.issues.length)
              await allure.attachment(
                `${step.name}: validator issues`,
                JSON.stringify(step.validation.issues, null, 2),
                "application/json",
              );
          }
          if (outcome.skipped) test.skip(outcome.skipped);
          if (outcome.failures.length > 0) expect.fail(outcome.failures.join("\n"));
        });
      }
    }
  });
}

function formatsOf(loaded: LoadedFixture, config: RunConfig): Format[] {
  return config.formats.filter(
    (format) => !loaded.fixture.formats || loaded.fixture.formats.includes(format),
  );
}

async function label(loaded: LoadedFixture, feature: string, format: Format): Promise<void> {
  await allure.epic("NDOP FHIR API");
  await allure.feature(feature);
  await allure.story(loaded.id);
  await allure.severity(loaded.fixture.severity);
  await allure.parameter("format", format);
  for (const requirement of loaded.fixture.requirements) {
    await allure.label("requirement", requirement);
    await allure.link(
      `${CONTRACT}#${SECTIONS.get(requirement) ?? ""}`,
      `${requirement} (contract section ${SECTIONS.get(requirement) ?? "?"})`,
      "requirement",
    );
  }
}
