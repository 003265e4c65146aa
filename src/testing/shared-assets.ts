import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The NHS-published profiles and IG examples, laid beside the project in ../shared. */
export const PUBLISHED_ASSETS_DIR = fileURLToPath(
  new URL("../../../shared/reference/ndop-fhir-assets/", import.meta.url),
);

/**
 * The published assets folder, or a loud failure: a test that needs them must never pass
 * because they are missing.
 */
export function publishedAssetsDir(): string {
  if (!existsSync(PUBLISHED_ASSETS_DIR)) {
    throw new Error(
      `The published NDOP assets are missing: expected them at ${PUBLISHED_ASSETS_DIR} (../shared beside the project). These tests cannot run without them.`,
    );
  }
  return PUBLISHED_ASSETS_DIR;
}
