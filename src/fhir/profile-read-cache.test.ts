import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { xmlProjectProfiles } from "../testing/xml-profiles.js";
import { loadBaseDefinitions } from "./base-definitions.js";
import type { JsonObject } from "./json-object.js";
import { builtProfileReadCache, type ProfileReadCache } from "./profile-read-cache.js";
import { loadProfileSet } from "./profile-set.js";
import { PROJECT_PROFILES_DIR } from "./validator.js";

const CONSENT = "https://fhir.nhs.uk/STU3/StructureDefinition/NDOP-Consent-1";
const model = () => loadBaseDefinitions().parser.parsedStructureDefinitions;

const newCache = (build = "build-1"): ProfileReadCache => ({
  folder: mkdtempSync(join(tmpdir(), "ndop-profile-cache-")),
  build,
});
const entriesOf = (cache: ProfileReadCache) =>
  readdirSync(join(cache.folder, `profiles-read-${cache.build}`)).sort();
const definitions = (folder: string, cache?: ProfileReadCache) =>
  Object.fromEntries(loadProfileSet(folder, model(), cache).definitions());
const consentName = (folder: string, cache: ProfileReadCache) =>
  (definitions(folder, cache)[CONSENT] as unknown as { name: string }).name;

/** Every cached resource of `cache` renamed, so that a load that used the cache shows it. */
function markEntries(cache: ProfileReadCache, name: string): void {
  const folder = join(cache.folder, `profiles-read-${cache.build}`);
  for (const entry of readdirSync(folder)) {
    const resource = JSON.parse(readFileSync(join(folder, entry), "utf8")) as JsonObject;
    writeFileSync(join(folder, entry), JSON.stringify({ ...resource, name }));
  }
}

let folder: string;
let uncached: Record<string, unknown>;
beforeAll(() => {
  folder = xmlProjectProfiles();
  uncached = definitions(folder);
});

describe("the cache of conformance resources read from XML", () => {
  it("keeps one entry per XML file, and a second load from it gives the same definitions", () => {
    const cache = newCache();
    expect(definitions(folder, cache)).toStrictEqual(uncached);
    expect(entriesOf(cache)).toHaveLength(readdirSync(folder).length);
    expect(definitions(folder, cache)).toStrictEqual(uncached);
  });

  it("is read on the next load of the same build", () => {
    const cache = newCache();
    definitions(folder, cache);
    markEntries(cache, "FromTheCache");
    expect(consentName(folder, cache)).toBe("FromTheCache");
  });

  it("is never given to another build, whose first entry clears the earlier build's away", () => {
    const first = newCache("build-1");
    definitions(folder, first);
    markEntries(first, "FromTheCache");
    const second = { folder: first.folder, build: "build-2" };
    expect(definitions(folder, second)).toStrictEqual(uncached);
    expect(readdirSync(first.folder)).toEqual(["profiles-read-build-2"]);
  });

  it("reads a file again once its content changes", () => {
    const own = xmlProjectProfiles();
    const cache = newCache();
    definitions(own, cache);
    const file = join(own, "StructureDefinition-NDOP-Consent-1.xml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('<name value="NDOPConsent1"/>', '<name value="Changed"/>'),
    );
    expect(consentName(own, cache)).toBe("Changed");
    expect(entriesOf(cache)).toHaveLength(readdirSync(own).length + 1);
  });

  it("reads the XML again when an entry is damaged or not a resource, and replaces the entry", () => {
    const cache = newCache();
    definitions(folder, cache);
    const entries = entriesOf(cache);
    const entryFolder = join(cache.folder, `profiles-read-${cache.build}`);
    // Cut short, or JSON that is not a resource.
    const damaged = ['{"resourceType":', "null", "[]", '{"url":"x"}', '"text"'];
    for (const [index, entry] of entries.entries())
      writeFileSync(join(entryFolder, entry), damaged[index % damaged.length] as string);
    expect(definitions(folder, cache)).toStrictEqual(uncached);
    for (const entry of entries)
      expect(JSON.parse(readFileSync(join(entryFolder, entry), "utf8"))).toHaveProperty("url");
  });

  it("keeps nothing of JSON files, which read as fast as their cache would", () => {
    const cache = newCache();
    definitions(PROJECT_PROFILES_DIR, cache);
    expect(existsSync(join(cache.folder, `profiles-read-${cache.build}`))).toBe(false);
  });

  it("costs only speed where the cache folder cannot be written", () => {
    const parent = mkdtempSync(join(tmpdir(), "ndop-profile-cache-unwritable-"));
    writeFileSync(join(parent, "file"), "a file where the cache folder would be");
    const cache = { folder: join(parent, "file"), build: "build-1" };
    expect(definitions(folder, cache)).toStrictEqual(uncached);
    expect(definitions(folder, cache)).toStrictEqual(uncached);
    expect(readdirSync(parent)).toEqual(["file"]);
  });

  it("is used by the built CLI alone: tsc's output and the sources have no build id", () => {
    expect(builtProfileReadCache()).toBeUndefined();
  });
});
