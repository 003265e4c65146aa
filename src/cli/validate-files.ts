import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { extname } from "node:path";
import { NdopValidator, type ValidationResult } from "../fhir/index.js";

/**
 * What judging one file needs: shared by `validate` in one process and by its --jobs workers
 * (validate-worker.ts), which must judge every file exactly as the single process does.
 */
export interface FileOptions {
  profile?: string;
  profilesDir?: string;
  strict?: boolean;
  /** Megabytes. */
  maxSize: number;
}

export type FileVerdict =
  | { file: string; result: ValidationResult }
  | { file: string; error: string };

/** The engine every file of one `validate` is judged by (one per thread). */
export function createEngine(options: FileOptions): NdopValidator {
  return NdopValidator.create(options.profilesDir ? { profilesDir: options.profilesDir } : {});
}

/** One file's verdict, or why it could not be judged; bad input never throws. */
export function validateFile(
  validator: NdopValidator,
  file: string,
  flags: FileOptions,
): FileVerdict {
  const read = readBounded(file, flags.maxSize * 1024 * 1024);
  if (typeof read === "string") return { file, error: read };
  const extension = extname(file).toLowerCase();
  const format = extension === ".json" ? "json" : extension === ".xml" ? "xml" : undefined;
  const result = validator.validate(read, {
    ...(flags.profile ? { profile: flags.profile } : {}),
    ...(format ? { format } : {}),
    ...(flags.strict ? { strict: true } : {}),
  });
  return { file, result };
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * The file's bytes, or why they cannot be judged. Only a regular file is read (a FIFO would block
 * for ever, a device such as /dev/zero never ends), and the size is found by reading at most one
 * byte past the limit, not from `stat`, which a growing file or a special file would defeat.
 */
function readBounded(file: string, limit: number): Buffer | string {
  let descriptor: number | undefined;
  try {
    const kind = describeSpecial(statSync(file));
    if (kind !== undefined)
      return `${file} is ${kind}, not a regular file; only files are validated.`;
    // O_NONBLOCK: if the path was swapped for a FIFO after the check, opening it cannot hang.
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    const swapped = describeSpecial(fstatSync(descriptor));
    if (swapped !== undefined)
      return `${file} is ${swapped}, not a regular file; only files are validated.`;
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total));
      const count = readSync(descriptor, chunk, 0, chunk.length, null);
      if (count === 0) break;
      chunks.push(chunk.subarray(0, count));
      total += count;
    }
    if (total > limit)
      return `${file} is over the ${flags(limit)} MB limit (--max-size); it was not read further.`;
    return Buffer.concat(chunks, total);
  } catch (error) {
    return `${file} cannot be read: ${describeReadError(error)}.`;
  } finally {
    if (descriptor !== undefined) closeSync(descriptor);
  }
}

function flags(limit: number): string {
  return String(Math.round((limit / 1024 / 1024) * 100) / 100);
}

function describeSpecial(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a named pipe (FIFO)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ELOOP") return "too many symbolic links";
  return (error as Error).message;
}
