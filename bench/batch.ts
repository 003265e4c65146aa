/**
 * Batch validation: files per second for a folder of mixed resources (valid and invalid
 * Consents, JSON and XML, and history Bundles), judged by the built CLI as a whole process, with
 * `--jobs 1` and `--jobs 2`, alternating runs, median of 3 each.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtCli } from "./built-cli.js";
import { median } from "./statistics.js";

/** One kind of file in the folder: its name's stem and extension, and its content. */
export interface BatchKind {
  name: string;
  extension: "json" | "xml";
  content: string;
}

/** `count` files, the kinds in turn, in a new temporary folder; returns their paths. */
export function writeMixedFolder(
  kinds: BatchKind[],
  count: number,
): { dir: string; files: string[] } {
  const dir = mkdtempSync(join(tmpdir(), "ndop-bench-batch-"));
  const files = Array.from({ length: count }, (_, index) => {
    const kind = kinds[index % kinds.length] as BatchKind;
    const file = join(dir, `${String(index).padStart(4, "0")}-${kind.name}.${kind.extension}`);
    writeFileSync(file, kind.content);
    return file;
  });
  return { dir, files };
}

function runSeconds(root: string, files: string[], jobs: number): number {
  const started = process.hrtime.bigint();
  const run = spawnSync(
    process.execPath,
    [builtCli(root), "validate", "--jobs", String(jobs), ...files],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Exit 1: the folder holds invalid resources on purpose; anything else is a broken run.
  if (run.status !== 1) throw new Error(`batch run failed (exit ${run.status}): ${run.stderr}`);
  return seconds;
}

/** Files per second for each job count, whole process included. */
export function measureBatch(
  root: string,
  files: string[],
  jobCounts: number[],
  runs = 3,
): Map<number, number> {
  const times = new Map(jobCounts.map((jobs) => [jobs, [] as number[]]));
  for (let run = 0; run < runs; run += 1) {
    for (const jobs of jobCounts) times.get(jobs)?.push(runSeconds(root, files, jobs));
  }
  return new Map(jobCounts.map((jobs) => [jobs, files.length / median(times.get(jobs) ?? [])]));
}

export function reportBatch(root: string, kinds: BatchKind[], count: number): string {
  const { dir, files } = writeMixedFolder(kinds, count);
  try {
    const rates = measureBatch(root, files, [1, 2]);
    return [
      `batch: validate over a folder of ${count} files (${kinds.map((kind) => `${kind.name}.${kind.extension}`).join(", ")}),`,
      "  whole process, median of 3 alternating runs:",
      ...[...rates].map(
        ([jobs, rate]) => `  --jobs ${jobs}  ${rate.toFixed(0).padStart(6)} files/s`,
      ),
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
