import { NdopClient } from "../client/index.js";
import type { RunConfig } from "../config/index.js";
import { ConformanceError } from "../errors/index.js";
import { type LoadedFixture, patientNeed, shardSlice, skipReason } from "../fixtures/index.js";

/** The pool before a run: its size (this shard's slice), how many are free, and what the run needs. */
export interface PatientBudget {
  pool: number;
  freeBefore: number;
  needed: number;
}

/**
 * The patient budget at preflight, for a configured pool (NDOP_PATIENTS): each patient's history
 * says whether it is free. A run that would exhaust the pool stops here (exit 2), saying how many
 * it needs. Undefined with no pool (synthetic numbers are endless) or when the history cannot be
 * read: the run's own history checks then judge that fault.
 */
export async function checkPatientBudget(
  config: RunConfig,
  fixtures: readonly LoadedFixture[],
  shard: string | undefined,
): Promise<PatientBudget | undefined> {
  if (config.patients.length === 0) return undefined;
  const slice = shardSlice(config.patients, shard);
  const client = new NdopClient({ ...config, retries: 0 });
  let free = 0;
  try {
    for (const nhsNumber of slice) {
      const answer = await client.patientHistory(nhsNumber, { accept: "application/fhir+json" });
      if (answer.status !== 200) return undefined;
      if (((JSON.parse(answer.body) as { entry?: unknown[] }).entry ?? []).length === 0) free += 1;
    }
  } catch {
    return undefined;
  } finally {
    await client.close();
  }
  const needed = patientsNeeded(config, fixtures, slice.length - free);
  if (free < needed)
    throw new ConformanceError(
      "PATIENTS_EXHAUSTED",
      `The test patient pool is exhausted: ${free} of its ${slice.length} patients${shard ? ` (shard ${shard})` : ""} have no Consent and this run needs ${needed}, so add at least ${needed - free} unused synthetic patient${needed - free === 1 ? "" : "s"} to NDOP_PATIENTS.`,
      { free, needed },
    );
  return { pool: slice.length, freeBefore: free, needed };
}

/**
 * Patients a full run needs free: one per check that creates for a never-seen patient, one shared
 * by the checks that must not write, and one more for a Consent to reuse when none exists yet.
 */
function patientsNeeded(config: RunConfig, fixtures: readonly LoadedFixture[], used: number) {
  const context = { config, declared: new Set<string>() };
  let news = 0;
  const needs = new Set<string>();
  for (const loaded of fixtures) {
    const suite = loaded.id.split("/")[0] ?? "";
    if (config.suites.length > 0 && !config.suites.includes(suite)) continue;
    if (skipReason(loaded, context)) continue;
    const formats = config.formats.filter(
      (format) => !loaded.fixture.formats || loaded.fixture.formats.includes(format),
    );
    const need = patientNeed(loaded.fixture);
    if (need === "new") news += formats.length;
    if (formats.length > 0) needs.add(need);
  }
  const reuse = needs.has("existing") && used === 0 && news === 0 ? 1 : 0;
  return news + (needs.has("free") ? 1 : 0) + reuse;
}
