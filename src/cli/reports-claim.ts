import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConformanceError } from "../errors/index.js";

/** The file a run keeps in its reports folder while it writes there: its process id. */
export const CLAIM_FILE = ".run-in-progress";

/**
 * One run at a time per reports folder: a second run clears the first's Allure results and
 * overwrites its summary while the first still writes them. A claim left by a run that died
 * (its process is gone) is taken over. Returns the release.
 */
export function claimReportsFolder(reportsDir: string): () => void {
  mkdirSync(reportsDir, { recursive: true });
  const claim = join(reportsDir, CLAIM_FILE);
  if (!tryClaim(claim)) {
    const holder = Number.parseInt(readFileSync(claim, "utf8"), 10);
    if (isRunning(holder))
      throw new ConformanceError(
        "REPORTS_FOLDER_BUSY",
        `Another run (process ${holder}) is writing its reports to ${reportsDir}; give this run a --reports-dir of its own, or wait for that run to end.`,
        { reportsDir, holder },
      );
    writeFileSync(claim, String(process.pid));
  }
  return () => rmSync(claim, { force: true });
}

function tryClaim(claim: string): boolean {
  try {
    writeFileSync(claim, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Whether a process with this id runs (one of another user's answers EPERM, and runs). */
function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
