import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParsedStructure } from "fhir/model/parsed-structure.js";
import { expect, it } from "vitest";
import {
  type CachedModel,
  loadBaseDefinitions,
  readCache,
  serialiseCache,
} from "./base-definitions.js";

it("loads the base definitions once per process: every call returns the same object", () => {
  expect(loadBaseDefinitions()).toBe(loadBaseDefinitions());
});

it("keeps a value assigned over an entry that was read first", () => {
  const model: CachedModel = {
    key: "test-key",
    structures: {
      Consent: { _type: "Consent", _kind: "resource" } as unknown as ParsedStructure,
    },
    valueSets: {},
    invariantSources: {},
    primitiveFormats: {},
  };
  const file = join(mkdtempSync(join(tmpdir(), "ndop-stu3-cache-")), "read-assign.json");
  writeFileSync(file, serialiseCache(model));
  const read = readCache(file, "test-key");
  if (read === undefined) throw new Error("the cache was not read");
  expect(read.structures.Consent).toStrictEqual(model.structures.Consent);
  const replacement = { _type: "Consent", _kind: "logical" } as unknown as ParsedStructure;
  read.structures.Consent = replacement;
  expect(read.structures.Consent).toBe(replacement);
});
