import { Worker } from "node:worker_threads";
import { ConformanceError, type ErrorCode } from "../errors/index.js";
import type { FileOptions, FileVerdict } from "./validate-files.js";

/** More threads than this only adds memory (one engine each) on any machine this runs on. */
export const MAX_JOBS = 64;

/** A run of files for one worker, from `start` in the command line's order. */
export interface WorkerTask {
  start: number;
  files: string[];
}

/** A worker's verdicts on a task, or why it could not judge at all (bad profiles, say). */
export type WorkerReply =
  | { start: number; verdicts: FileVerdict[] }
  | { failure: { code?: ErrorCode; message: string } };

const WORKER_MODULE = new URL("./validate-worker.js", import.meta.url);

/**
 * `validate --jobs N`: the files are judged by N worker threads with one engine each, handed out
 * in small runs as workers become free (files differ in size), and the verdicts come back in the
 * order the files were named, so the output is the same as in one process.
 */
export function validateInWorkers(
  files: string[],
  options: FileOptions,
  jobs: number,
): Promise<FileVerdict[]> {
  const verdicts = new Array<FileVerdict>(files.length);
  const size = runSize(files.length, jobs);
  let next = 0;
  let outstanding = files.length;
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(verdicts);
    };
    const feed = (worker: Worker) => {
      if (next >= files.length) return;
      worker.postMessage({ start: next, files: files.slice(next, next + size) } as WorkerTask);
      next += size;
    };
    const onReply = (worker: Worker, reply: WorkerReply) => {
      if ("failure" in reply) return settle(asError(reply.failure));
      reply.verdicts.forEach((verdict, offset) => {
        verdicts[reply.start + offset] = verdict;
      });
      outstanding -= reply.verdicts.length;
      if (outstanding === 0) settle();
      else feed(worker);
    };
    for (let index = 0; index < Math.min(jobs, files.length); index += 1) {
      const worker = new Worker(WORKER_MODULE, { workerData: options });
      workers.push(worker);
      worker.on("message", (reply: WorkerReply) => onReply(worker, reply));
      worker.on("error", settle);
      worker.on("exit", (code) => {
        if (outstanding > 0) settle(new Error(`a validation worker stopped (exit ${code}) early`));
      });
      feed(worker);
    }
  });
}

/** Small enough runs that a worker given large files does not hold the others up at the end. */
function runSize(files: number, jobs: number): number {
  return Math.max(1, Math.min(50, Math.ceil(files / (jobs * 8))));
}

function asError(failure: { code?: ErrorCode; message: string }): Error {
  return failure.code === undefined
    ? new Error(failure.message)
    : new ConformanceError(failure.code, failure.message);
}
