import { NdopClient } from "../client/index.js";
import type { RunConfig } from "../config/index.js";
import { NdopValidator } from "../fhir/index.js";
import { PatientPool, type RunContext } from "../fixtures/index.js";

export interface RunContextOptions {
  /** `--shard i/n`: this run's slice of the patient pool. */
  shard?: string;
  /** A validator to share between runs; one is made for the run's profiles otherwise. */
  validator?: NdopValidator;
}

/**
 * What every check of one run shares: one client, validator and patient pool, and the Consent
 * interactions the target declares. The suites run in one worker, in order, on one of these.
 */
export async function createRunContext(
  config: RunConfig,
  options: RunContextOptions = {},
): Promise<RunContext> {
  const client = new NdopClient(config);
  const validator =
    options.validator ??
    NdopValidator.create(config.profilesDir ? { profilesDir: config.profilesDir } : {});
  return {
    config,
    client,
    validator,
    patients: new PatientPool(config, client, options.shard),
    fixturesDir: config.fixturesDir,
    declared: await declaredInteractions(client),
  };
}

/** The Consent interactions the target's CapabilityStatement declares; none when it cannot be read. */
async function declaredInteractions(client: NdopClient): Promise<Set<string>> {
  try {
    const response = await client.capabilities();
    const statement = JSON.parse(response.body) as {
      rest?: {
        resource?: { type?: string; versioning?: string; interaction?: { code: string }[] }[];
      }[];
    };
    const consent = statement.rest?.[0]?.resource?.find((resource) => resource.type === "Consent");
    const declared = new Set((consent?.interaction ?? []).map((interaction) => interaction.code));
    // Version-aware update (If-Match) is a versioning policy, not an interaction code.
    if (consent?.versioning === "versioned-update") declared.add("versioned-update");
    return declared;
  } catch {
    return new Set();
  }
}
