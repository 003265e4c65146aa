import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { ProfileSetError } from "../errors/index.js";
import { thrownBy } from "../testing/thrown.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import { loadProfileSet } from "./profile-set.js";
import { PROJECT_PROFILES_DIR } from "./validator.js";

const CONSENT = "https://fhir.nhs.uk/STU3/StructureDefinition/NDOP-Consent-1";

const model = () => loadBaseDefinitions().parser.parsedStructureDefinitions;

/** A fresh folder holding copies of these project profile files (and any written by `extra`). */
function folderWith(files: string[], extra: Record<string, string> = {}): string {
  const folder = mkdtempSync(join(tmpdir(), "ndop-profile-set-"));
  for (const file of files) copyFileSync(join(PROJECT_PROFILES_DIR, file), join(folder, file));
  for (const [name, text] of Object.entries(extra)) writeFileSync(join(folder, name), text);
  return folder;
}

/** The ProfileSetError that loading `folder` throws, with its message, context and cause. */
function loadError(folder: string): ProfileSetError {
  const error = thrownBy(() => loadProfileSet(folder, model()));
  expect(error).toBeInstanceOf(ProfileSetError);
  return error as ProfileSetError;
}

describe("a profile set loaded from a folder", () => {
  it("finds a profile by its url, with or without a version after a bar", () => {
    const set = loadProfileSet(folderWith(["StructureDefinition-NDOP-Consent-1.json"]), model());
    expect(set.urls()).toEqual([CONSENT]);
    const compiled = set.profile(CONSENT);
    expect(compiled?.url).toBe(CONSENT);
    expect(set.profile(`${CONSENT}|1.0.0`)).toBe(compiled);
    expect(set.profile(`${CONSENT}-2`)).toBeUndefined();
  });

  it("refuses a StructureDefinition without a differential, naming its file", () => {
    const consent = JSON.parse(
      readFileSync(join(PROJECT_PROFILES_DIR, "StructureDefinition-NDOP-Consent-1.json"), "utf8"),
    ) as Record<string, unknown>;
    delete consent.differential;
    const folder = folderWith([], { "Consent.json": JSON.stringify(consent) });
    const source = relative(process.cwd(), join(folder, "Consent.json"));
    const error = loadError(folder);
    expect(error.message).toBe(`${source} has no differential to compile.`);
    expect(error.context).toEqual({ source });
  });

  it("refuses a file that is not a readable FHIR resource, with the reader's reason", () => {
    const folder = folderWith(["StructureDefinition-NDOP-Consent-1.json"], { "empty.json": "" });
    const file = join(folder, "empty.json");
    const error = loadError(folder);
    expect(error.message).toBe(
      `${relative(process.cwd(), file)} is not a readable FHIR resource: The input is empty.`,
    );
    expect(error.context).toEqual({ file });
  });

  it("refuses a folder of value sets and code systems with no StructureDefinition", () => {
    const folder = folderWith([
      "ValueSet-NDOP-ProxyRole-1.json",
      "CodeSystem-NDOP-ProxyRole-1.json",
    ]);
    const error = loadError(folder);
    expect(error.message).toBe(`${folder} holds no StructureDefinition (JSON or XML).`);
    expect(error.context).toEqual({ directory: folder });
  });

  it("refuses a file given as the folder, and a folder that is not there", () => {
    const parent = folderWith([], { "file.json": "{}" });
    const file = join(parent, "file.json");
    const notFolder = loadError(file);
    expect(notFolder.message).toBe(`Profile directory ${file} cannot be read.`);
    expect(notFolder.context).toEqual({ directory: file });
    const cause = notFolder.cause as ProfileSetError;
    expect(cause).toBeInstanceOf(ProfileSetError);
    expect(cause.message).toBe("not a directory");
    expect(cause.context).toEqual({ directory: file });

    const absent = join(parent, "absent");
    const missing = loadError(absent);
    expect(missing.message).toBe(`Profile directory ${absent} cannot be read.`);
    expect((missing.cause as NodeJS.ErrnoException).code).toBe("ENOENT");
  });
});
