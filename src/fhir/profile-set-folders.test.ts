import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ProfileSetError } from "../errors/index.js";
import { thrownBy } from "../testing/thrown.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import { loadProfileSet } from "./profile-set.js";

const URL = "https://example.org/StructureDefinition/Test-Consent-1";
const DEFINITION = {
  resourceType: "StructureDefinition",
  url: URL,
  type: "Consent",
  differential: { element: [{ path: "Consent.status", min: 1 }] },
};

/** A profile folder holding these files (name to content), made for this test alone. */
function withFolder<T>(files: Record<string, unknown>, use: (directory: string) => T): T {
  const directory = mkdtempSync(join(tmpdir(), "ndop-profile-set-"));
  try {
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(directory, name)), { recursive: true });
      const text = typeof content === "string" ? content : JSON.stringify(content);
      writeFileSync(join(directory, name), text);
    }
    return use(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const load = (directory: string) =>
  loadProfileSet(directory, loadBaseDefinitions().parser.parsedStructureDefinitions);

/** Loading the folder throws a ProfileSetError with this message (given the folder). */
function refusal(files: Record<string, unknown>, expected: (directory: string) => string): void {
  withFolder(files, (directory) => {
    const error = thrownBy(() => load(directory));
    expect(error).toBeInstanceOf(ProfileSetError);
    expect((error as Error).message).toBe(expected(directory));
  });
}

const shown = (directory: string, name: string) => relative(process.cwd(), join(directory, name));

describe("loadProfileSet: the files of a profile folder", () => {
  it("reads JSON and XML below the folder, skipping other files and Example(s) folders", () => {
    const set = withFolder(
      {
        "README.md": "# not FHIR",
        "notes.txt": "{",
        "Example/broken.json": "{",
        "examples/broken.xml": "<",
        "sub/StructureDefinition-Test.json": DEFINITION,
      },
      load,
    );
    expect(set.urls()).toEqual([URL]);
    expect(set.profile(`${URL}|1.0.0`)?.name).toBe("Test-Consent-1");
  });

  it("names the first unreadable file in path order, a sub-folder's included", () => {
    refusal(
      { "b.json": "{", "a/c.json": "[", "d.json": DEFINITION },
      (directory) =>
        `${shown(directory, "a/c.json")} is not a readable FHIR resource: The input is neither FHIR JSON (starting with '{') nor FHIR XML (starting with '<').`,
    );
  });

  it("refuses a folder without any StructureDefinition", () => {
    const valueSet = { resourceType: "ValueSet", url: "https://example.org/vs", status: "draft" };
    refusal(
      { "vs.json": valueSet },
      (directory) => `${directory} holds no StructureDefinition (JSON or XML).`,
    );
  });
});
