import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeOrderedFhirXml } from "../fhir/element-order.js";
import { PROJECT_PROFILES_DIR } from "../fhir/validator.js";

/**
 * The project's profiles, each written as XML (as NHS publishes them), in a new folder; `mark`,
 * when given, goes into every file as a comment, so that no other folder's files have its bytes.
 */
export function xmlProjectProfiles(mark?: string): string {
  const folder = mkdtempSync(join(tmpdir(), "ndop-xml-profiles-"));
  for (const name of readdirSync(PROJECT_PROFILES_DIR).filter((file) => file.endsWith(".json"))) {
    const resource = JSON.parse(readFileSync(join(PROJECT_PROFILES_DIR, name), "utf8"));
    const xml = writeOrderedFhirXml(resource);
    writeFileSync(
      join(folder, name.replace(/\.json$/, ".xml")),
      mark === undefined ? xml : `${xml}\n<!-- ${mark} -->\n`,
    );
  }
  return folder;
}
