/**
 * One `validate --jobs` worker thread (validate-jobs.ts): one engine, built as the thread starts
 * (it says so, and is then handed runs of files), judging each run exactly as `validate` does in
 * one process.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isConformanceError } from "../errors/index.js";
import type { NdopValidator } from "../fhir/index.js";
import { createEngine, type FileOptions, validateFile } from "./validate-files.js";
import type { WorkerReply, WorkerTask } from "./validate-jobs.js";

const options = workerData as FileOptions;

function failure(error: unknown): WorkerReply {
  // Settings the engine refuses (an unknown --profile, unreadable profiles) end the whole
  // command with the same message and exit code as in one process.
  if (isConformanceError(error)) return { failure: { code: error.code, message: error.message } };
  return { failure: { message: error instanceof Error ? error.message : String(error) } };
}

function judge(engine: NdopValidator, task: WorkerTask): WorkerReply {
  try {
    return {
      start: task.start,
      verdicts: task.files.map((file) => validateFile(engine, file, options)),
    };
  } catch (error) {
    return failure(error);
  }
}

function start(): void {
  let engine: NdopValidator;
  try {
    engine = createEngine(options);
  } catch (error) {
    parentPort?.postMessage(failure(error));
    return;
  }
  parentPort?.on("message", (task: WorkerTask) => {
    parentPort?.postMessage(judge(engine, task));
  });
  parentPort?.postMessage({ ready: true } satisfies WorkerReply);
}

start();
