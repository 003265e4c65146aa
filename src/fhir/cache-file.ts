import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { threadId } from "node:worker_threads";

/**
 * Writes one file of a cache, whole or not at all (a temporary file, then renamed), making its
 * folder if need be. A cache is an optimisation: a folder that cannot be written costs speed,
 * not correctness, so a failure is swallowed.
 */
export function writeCacheFile(file: string, text: string): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // validate --jobs threads share the pid; each writes its own temporary file.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    // An unwritable cache folder costs speed, not correctness.
  }
}
