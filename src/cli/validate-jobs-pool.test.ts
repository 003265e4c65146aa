import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createEngine, type FileOptions, validateFile } from "./validate-files.js";

// The pool as built (npm test builds first): its worker module is dist/cli/validate-worker.js,
// which a pool loaded from src/ would not find. Real worker threads, real files.
const built = fileURLToPath(new URL("../../dist/cli/validate-jobs.js", import.meta.url));
const { validateInWorkers } = (await import(built)) as typeof import("./validate-jobs.js");

const fixtures = fileURLToPath(new URL("../../fixtures/validation/", import.meta.url));
const consent = JSON.parse(readFileSync(join(fixtures, "consent.json"), "utf8"));
const OPTIONS: FileOptions = { maxSize: 10 };
let files: string[];

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), "ndop-jobs-pool-"));
  const write = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  files = [
    ...Array.from({ length: 6 }, (_, index) =>
      write(`valid-${index}.json`, JSON.stringify({ ...consent, id: `c${index}` })),
    ),
    write("invalid.json", JSON.stringify({ ...consent, status: "proposed" })),
    write("broken.json", '{"resourceType": "Consent",'),
    join(dir, "missing.json"),
  ];
});

describe("validate --jobs: the worker pool", () => {
  it("workers alone (this thread judging nothing) give each file the verdict one engine gives it", async () => {
    const engine = createEngine(OPTIONS);
    const expected = files.map((file) => validateFile(engine, file, OPTIONS));
    const verdicts = await validateInWorkers(files, OPTIONS, 2, { mainThreadJudges: false });
    expect(verdicts).toEqual(expected);
  });

  it("settings a worker's engine refuses end the pool with the engine's typed error", async () => {
    const options = { ...OPTIONS, profile: "https://example.org/Nope" };
    const judged = validateInWorkers(files.slice(0, 2), options, 2, { mainThreadJudges: false });
    // The built pool throws the built ConformanceError, a class apart from src's: compared by name.
    await expect(judged).rejects.toMatchObject({
      name: "ConformanceError",
      code: "PROFILE_UNKNOWN",
      message: expect.stringMatching(/^Profile https:\/\/example\.org\/Nope is not in /),
    });
  });

  it("a profiles folder no worker can load ends the pool with the engine's typed error", async () => {
    const profilesDir = join(tmpdir(), "ndop-no-such-profiles");
    const options = { ...OPTIONS, profilesDir };
    const judged = validateInWorkers(files.slice(0, 2), options, 2, { mainThreadJudges: false });
    await expect(judged).rejects.toMatchObject({
      name: "ConformanceError",
      code: "PROFILES_INVALID",
      message: `Profile directory ${profilesDir} cannot be read.`,
    });
  });

  it("judges no files without starting a thread", async () => {
    expect(await validateInWorkers([], OPTIONS, 4)).toEqual([]);
  });
});
