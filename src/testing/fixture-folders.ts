import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const PROJECT_TEMPLATES = fileURLToPath(new URL("../../fixtures/templates/", import.meta.url));

/** A fixture that passes every check: one create from the project's consent template. */
export function goodFixture(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: "creates a Consent from the template",
    requirements: ["ndop-create-01"],
    steps: [
      {
        interaction: "create",
        method: "POST",
        path: "/Consent",
        body: { template: "consent" },
        expect: { status: 201, resource: "Consent", checks: ["location-names-new-version"] },
      },
    ],
    ...overrides,
  };
}

/**
 * A temporary fixtures folder holding the project's templates and the given files, by path under
 * the folder (`create/x.json`): an object is written as JSON, a string as it is.
 */
export function fixtureFolder(files: Record<string, unknown>): string {
  const folder = mkdtempSync(join(tmpdir(), "ndop-fixtures-"));
  cpSync(PROJECT_TEMPLATES, join(folder, "templates"), { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(
      join(folder, path),
      typeof content === "string" ? content : JSON.stringify(content, null, 2),
    );
  }
  return folder;
}
