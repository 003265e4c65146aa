import { createRequire } from "node:module";
import type * as PactJs from "@pact-foundation/pact";

let loaded: typeof PactJs | undefined;

/**
 * Pact JS, loaded on first use rather than with this folder: its index costs about 0.3 s of CPU
 * (its native core, GraphQL, express, axios), which `pact publish`, `pact can-i-deploy` and a
 * refused command never use. Required, not imported: it is CommonJS.
 */
export function pactJs(): typeof PactJs {
  loaded ??= createRequire(import.meta.url)("@pact-foundation/pact") as typeof PactJs;
  return loaded;
}

/** Pact's V3 matchers, from Pact JS loaded on first use. */
export function matchers(): typeof PactJs.MatchersV3 {
  return pactJs().MatchersV3;
}
