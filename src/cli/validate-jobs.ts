import { Worker } from "node:worker_threads";
import { ConformanceError, type ErrorCode } from "../errors/index.js";
import type { NdopValidator } from "../fhir/index.js";
import {
  createEngine,
  type FileOptions,
  type FileVerdict,
  validateFile,
} from "./validate-files.js";

/** Each thread holds its own engine (about 40 MB): more than this only adds memory. */
export const MAX_JOBS = 16;

/** A run of files for one worker, from `start` in the command line's order. */
export interface WorkerTask {
  start: number;
  files: string[];
}

/**
 * A worker's word: its engine is built (only then is it handed files), its verdicts on a task, or
 * why it could not judge at all (bad profiles, say).
 */
export type WorkerReply =
  | { ready: true }
  | { start: number; verdicts: FileVerdict[] }
  | { failure: { code?: ErrorCode; message: string } };

/** How the pool shares the work; only the project's tests change it. */
export interface PoolSettings {
  /** Whether this thread judges files too (default); off, the workers judge them all. */
  mainThreadJudges?: boolean;
}

const WORKER_MODULE = new URL("./validate-worker.js", import.meta.url);

/**
 * `validate --jobs N`: the files are judged by N threads with one engine each, this one and N-1
 * workers (each engine costs its start-up again, so the main thread works too). Files are handed
 * out in small runs as threads free up (files differ in size), and the verdicts are put back in
 * the order the files were named, so the output is the same as with one thread. A worker is
 * handed files only once its engine is built: a run given to a worker still starting would hold
 * the command up after this thread had judged the rest (1,000 files took longer with 2 jobs than 1).
 */
export function validateInWorkers(
  files: string[],
  options: FileOptions,
  jobs: number,
  settings: PoolSettings = {},
): Promise<FileVerdict[]> {
  if (files.length === 0) return Promise.resolve([]);
  const here = settings.mainThreadJudges !== false;
  const threads = Math.min(jobs, files.length);
  return new Promise((resolve, reject) => {
    const pool = new JobPool(files, options, threads, resolve, reject);
    pool.start(here ? threads - 1 : threads, here);
  });
}

class JobPool {
  private readonly verdicts: FileVerdict[];
  private readonly runSize: number;
  private readonly workers: Worker[] = [];
  private next = 0;
  private outstanding: number;
  private settled = false;
  private engine: NdopValidator | undefined;

  constructor(
    private readonly files: string[],
    private readonly options: FileOptions,
    threads: number,
    private readonly resolve: (verdicts: FileVerdict[]) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.verdicts = new Array<FileVerdict>(files.length);
    this.outstanding = files.length;
    // Small enough runs that a thread given large files does not hold the others up at the end.
    this.runSize = Math.max(1, Math.min(50, Math.ceil(files.length / (threads * 8))));
  }

  start(workers: number, here: boolean): void {
    for (let index = 0; index < workers; index += 1) this.startWorker();
    if (here) this.judgeHere();
  }

  private startWorker(): void {
    const worker = new Worker(WORKER_MODULE, { workerData: this.options });
    this.workers.push(worker);
    worker.on("message", (reply: WorkerReply) => {
      if ("failure" in reply) return this.settle(asError(reply.failure));
      if ("verdicts" in reply) this.record(reply.start, reply.verdicts);
      this.feed(worker);
    });
    worker.on("error", (error) => this.settle(error));
    worker.on("exit", (code) => {
      if (this.outstanding > 0)
        this.settle(new Error(`a validation worker stopped (exit ${code}) early`));
    });
  }

  /** This thread's share: one run at a time, letting the workers' replies in between runs. */
  private judgeHere(): void {
    setImmediate(() => {
      const task = this.settled ? undefined : this.take();
      if (task === undefined) return;
      try {
        this.engine ??= createEngine(this.options);
        const engine = this.engine;
        this.record(
          task.start,
          task.files.map((file) => validateFile(engine, file, this.options)),
        );
      } catch (error) {
        return this.settle(error as Error);
      }
      this.judgeHere();
    });
  }

  private take(): WorkerTask | undefined {
    if (this.next >= this.files.length) return undefined;
    const task = { start: this.next, files: this.files.slice(this.next, this.next + this.runSize) };
    this.next += this.runSize;
    return task;
  }

  private feed(worker: Worker): void {
    const task = this.settled ? undefined : this.take();
    if (task !== undefined) worker.postMessage(task);
  }

  private record(start: number, verdicts: FileVerdict[]): void {
    verdicts.forEach((verdict, offset) => {
      this.verdicts[start + offset] = verdict;
    });
    this.outstanding -= verdicts.length;
    if (this.outstanding === 0) this.settle();
  }

  private settle(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    for (const worker of this.workers) void worker.terminate();
    if (error) this.reject(error);
    else this.resolve(this.verdicts);
  }
}

function asError(failure: { code?: ErrorCode; message: string }): Error {
  return failure.code === undefined
    ? new Error(failure.message)
    : new ConformanceError(failure.code, failure.message);
}
