import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParsedStructure } from "fhir/model/parsed-structure.js";
import { describe, expect, it } from "vitest";
import { type CachedModel, readCache, serialiseCache } from "./base-definitions.js";

const dir = mkdtempSync(join(tmpdir(), "ndop-stu3-cache-"));
const model: CachedModel = {
  key: "test-key",
  structures: {
    Consent: { _type: "Consent", _kind: "resource", _properties: [] } as unknown as ParsedStructure,
    Ünïcode: { _type: "Ünïcode — ✓", _kind: "complex-type" } as unknown as ParsedStructure,
    code: { _type: "code", _kind: "primitive-type" } as unknown as ParsedStructure,
  },
  valueSets: {
    "http://example.org/vs": { systems: [{ uri: "s", codes: [{ code: "é", display: "café" }] }] },
  },
  invariantSources: {},
  primitiveFormats: { code: { regex: "[^\\s]+(\\s[^\\s]+)*" } },
};

function cacheFile(name: string, content: string): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

describe("the STU3 model cache (each entry parsed when first read)", () => {
  it("reads back every entry as written, non-ASCII text included (offsets are in bytes)", () => {
    const read = readCache(cacheFile("whole.json", serialiseCache(model)), "test-key");
    expect(JSON.parse(JSON.stringify(read))).toEqual(model);
    expect(Object.keys(read?.structures ?? {})).toEqual(["Consent", "Ünïcode", "code"]);
  });

  it("keeps a value assigned over an entry, as FHIR.js assigns parsed structures", () => {
    const read = readCache(cacheFile("assign.json", serialiseCache(model)), "test-key");
    const replacement = { _type: "Consent", _kind: "resource" } as unknown as ParsedStructure;
    if (read) read.structures.Consent = replacement;
    expect(read?.structures.Consent).toBe(replacement);
  });

  it("is not read when cut short, or when written for another key", () => {
    const text = serialiseCache(model);
    expect(readCache(cacheFile("short.json", text.slice(0, -1)), "test-key")).toBeUndefined();
    expect(readCache(cacheFile("other.json", text), "other-key")).toBeUndefined();
    expect(readCache(join(dir, "absent.json"), "test-key")).toBeUndefined();
  });
});
