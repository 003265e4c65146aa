/**
 * One `validate --jobs` worker thread (validate-jobs.ts): one engine, built on the first task,
 * judging each run of files it is handed exactly as `validate` does in one process.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isConformanceError } from "../errors/index.js";
import type { NdopValidator } from "../fhir/index.js";
import { createEngine, type FileOptions, validateFile } from "./validate-files.js";
import type { WorkerReply, WorkerTask } from "./validate-jobs.js";

const options = workerData as FileOptions;
let validator: NdopValidator | undefined;

function judge(task: WorkerTask): WorkerReply {
  try {
    validator ??= createEngine(options);
    const engine = validator;
    return {
      start: task.start,
      verdicts: task.files.map((file) => validateFile(engine, file, options)),
    };
  } catch (error) {
    // Settings the engine refuses (an unknown --profile, unreadable profiles) end the whole
    // command with the same message and exit code as in one process.
    if (isConformanceError(error)) return { failure: { code: error.code, message: error.message } };
    return { failure: { message: error instanceof Error ? error.message : String(error) } };
  }
}

parentPort?.on("message", (task: WorkerTask) => {
  parentPort?.postMessage(judge(task));
});
