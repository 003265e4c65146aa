import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { cacheDirectory } from "./base-definitions.js";
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

/** The resource this build read from these bytes before, if it kept it. */
export function cachedRead(bytes: Uint8Array, cache: ProfileReadCache): JsonObject | undefined {
  try {
    const value = JSON.parse(readFileSync(entryFile(bytes, cache), "utf8")) as unknown;
    return isResource(value) ? value : undefined;
  } catch {
    // Not cached yet, or cut short or damaged: read the XML again.
    return undefined;
  }
}

/**
 * Keeps what was read from `bytes`, and clears away the folders of earlier builds, which nothing
 * reads again. The cache is an optimisation: a failed write costs speed only.
 */
export function keepRead(bytes: Uint8Array, resource: JsonObject, cache: ProfileReadCache): void {
  try {
    clearEarlierBuilds(cache);
    mkdirSync(buildFolder(cache), { recursive: true });
    const file = entryFile(bytes, cache);
    // Concurrent runs (validate --jobs threads share a pid) each write their own temporary file.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temporary, JSON.stringify(resource));
    renameSync(temporary, file);
  } catch {
    // An unwritable cache folder costs speed, not correctness.
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
  let names: string[] = [];
  try {
    names = readdirSync(cache.folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(FOLDER_PREFIX) && name !== own)
      rmSync(join(cache.folder, name), { recursive: true, force: true });
  }
}
