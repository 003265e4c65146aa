import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe } from "vitest";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEFAULT_ASSETS_DIR = "../shared/reference/ndop-fhir-assets";

/**
 * The NHS-published profiles and IG examples: NDOP_PUBLISHED_ASSETS_DIR, or ../shared beside the
 * project. Relative paths are taken from the project root.
 */
export const PUBLISHED_ASSETS_DIR = resolve(
  PROJECT_ROOT,
  process.env.NDOP_PUBLISHED_ASSETS_DIR || DEFAULT_ASSETS_DIR,
);

/** Whether the published assets are there; a user's fresh clone does not have them. */
export const publishedAssetsPresent = existsSync(PUBLISHED_ASSETS_DIR);

/** Why a published-asset test is skipped, and how to make it run. */
export const PUBLISHED_ASSETS_SKIP_REASON =
  `skipped: the NHS-published NDOP assets are not at ${PUBLISHED_ASSETS_DIR}. ` +
  "To run these tests, set NDOP_PUBLISHED_ASSETS_DIR to a copy of ndop-fhir-assets (the NDOP " +
  `FHIR profiles and IG examples published by NHS England), or lay it at ${DEFAULT_ASSETS_DIR}. ` +
  ".ci/run always runs them.";

/** The published assets folder, or a loud failure for a test that forgot to skip. */
export function publishedAssetsDir(): string {
  if (!publishedAssetsPresent) throw new Error(PUBLISHED_ASSETS_SKIP_REASON);
  return PUBLISHED_ASSETS_DIR;
}

let warned = false;

/** A describe that runs when the published assets are present and is skipped, saying why, if not. */
export function describeWithPublishedAssets(name: string, body: () => void): void {
  if (publishedAssetsPresent) {
    describe(name, body);
    return;
  }
  if (!warned) console.warn(`Published-asset tests ${PUBLISHED_ASSETS_SKIP_REASON}`);
  warned = true;
  describe.skip(`${name} [${PUBLISHED_ASSETS_SKIP_REASON}]`, body);
}
