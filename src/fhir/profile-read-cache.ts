import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { cacheDirectory } from "./base-definitions.js";
import { writeCacheFile } from "./cache-file.js";
import type { JsonObject } from "./json-object.js";

/**
 * Where conformance resources read from XML are kept between runs (a folder per build in
 * `folder`), and the build of the reader that read them: a cached resource is only ever given
 * back to the same build.
 */
export interface ProfileReadCache {
  folder: string;
  build: string;
}

// Set by scripts/bundle-cli.ts to a new id on every build; absent from tsc's output and the sources.
declare const __NDOP_BUILD_ID__: string | undefined;

const FOLDER_PREFIX = "profiles-read-";

/**
 * The cache of the built CLI, or none: only a build id proves that a cached resource was read by
 * the reader that would read it now. Reading a folder of published XML profiles was most of a cold
 * `validate` with them (0.12 s of 0.32 s); reading its cache is a JSON.parse per file.
 */
export function builtProfileReadCache(): ProfileReadCache | undefined {
  const build = typeof __NDOP_BUILD_ID__ === "string" ? __NDOP_BUILD_ID__ : undefined;
  if (build === undefined) return undefined;
  return { folder: cacheDirectory(), build };
}

/**
 * What `read` makes of `bytes`, from the cache when this build kept it before; else read, and
 * kept. A build's first entry makes its folder, and the folders of earlier builds go then:
 * nothing reads them again.
 */
export function readThroughCache(
  bytes: Uint8Array,
  cache: ProfileReadCache,
  read: () => JsonObject,
): JsonObject {
  const file = entryFile(bytes, cache);
  const cached = readEntry(file);
  if (cached !== undefined) return cached;
  const resource = read();
  if (!existsSync(buildFolder(cache))) clearEarlierBuilds(cache);
  writeCacheFile(file, JSON.stringify(resource));
  return resource;
}

function readEntry(file: string): JsonObject | undefined {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as unknown;
    return isResource(value) ? value : undefined;
  } catch {
    // Not cached yet, or cut short or damaged: read the XML again.
    return undefined;
  }
}

function isResource(value: unknown): value is JsonObject {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as { resourceType?: unknown }).resourceType === "string"
  );
}

function entryFile(bytes: Uint8Array, cache: ProfileReadCache): string {
  // The build is in the folder's name; within it, the bytes alone name the entry.
  const hash = createHash("sha256").update(bytes).digest("hex");
  return join(buildFolder(cache), `${hash}.json`);
}

function buildFolder(cache: ProfileReadCache): string {
  return join(cache.folder, `${FOLDER_PREFIX}${cache.build}`);
}

function clearEarlierBuilds(cache: ProfileReadCache): void {
  const own = `${FOLDER_PREFIX}${cache.build}`;
  try {
    for (const name of readdirSync(cache.folder)) {
      if (name.startsWith(FOLDER_PREFIX) && name !== own)
        rmSync(join(cache.folder, name), { recursive: true, force: true });
    }
  } catch {
    // No cache folder yet, or one this process cannot change: the next write finds out which.
  }
}
