import type { RunConfig } from "../config/index.js";
import { ConfigError } from "../errors/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import { prepareRun } from "./preflight.js";

/** A setting a sweep chooses itself for each sandbox, and so refuses to be given. */
export interface OwnedSetting {
  name: string;
  given(config: RunConfig): boolean;
  /** Why the sweep cannot take it, said in the refusal. */
  why: string;
}

export const SANDBOX_FAULTS: OwnedSetting = {
  name: "NDOP_SANDBOX_FAULTS",
  given: (config) => config.sandbox.faults.length > 0,
  why: "choose fault modes with --fault",
};

export const SANDBOX_STORE: OwnedSetting = {
  name: "NDOP_SANDBOX_STORE",
  given: (config) => config.sandbox.store !== "memory",
  why: "each run gets a fresh sandbox in memory",
};

/** A sweep's settings, and the fixtures as preflight checked them. */
export interface SweepSettings {
  config: RunConfig;
  fixtures: LoadedFixture[];
}

/**
 * The settings of a sweep (`faults`, `variants`): those of a run against the embedded sandbox,
 * the only target with fault modes and variants. A setting the sweep would otherwise have to
 * ignore is refused, in one sentence each.
 */
export function sweepSettings(command: string, owned: readonly OwnedSetting[]): SweepSettings {
  const prepared = prepareRun({ NDOP_ENV: "sandbox" });
  const given = owned.filter((setting) => setting.given(prepared.config));
  if (given.length > 0)
    throw new ConfigError(
      given.map(
        (setting) => `${command} does not take ${setting.name} (${setting.why}); unset it.`,
      ),
    );
  return prepared;
}
