/**
 * Settings, resolved and checked: load-config.ts composes config-sources.ts (environment, .env,
 * .env.<environment>, flags), target-settings.ts (base URL, proxy, refused settings),
 * tls-settings.ts, safety-settings.ts, patient-settings.ts and setting-parsers.ts. spine.ts names
 * the NDOP interactions, the one table from each name to its Spine interaction id.
 */
export {
  ENVIRONMENT_NAMES,
  ENVIRONMENTS,
  type Environment,
  type EnvironmentName,
  isEnvironmentName,
} from "./environments.js";
export {
  type ConfigSources,
  type Format,
  type ResolvedConfig,
  type RunConfig,
  resolveConfig,
} from "./load-config.js";
export { redactHeaders, redactSecrets, redactUrlCredentials } from "./redact.js";
export { SERVICE_HOURS, type ServiceHoursVerdict, serviceHoursAt } from "./service-hours.js";
export {
  PRODUCTION_WRITE_CONFIRMATION,
  SECRET_SETTINGS,
  SETTINGS,
  type SettingName,
} from "./settings.js";
export {
  DEFAULT_INTERACTION_IDS,
  FORMER_INTERACTION_NAMES,
  INTERACTIONS,
  type Interaction,
  type SpineIdentity,
} from "./spine.js";
