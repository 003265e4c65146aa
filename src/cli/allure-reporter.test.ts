import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestResult, TestResultContainer } from "allure-js-commons";
import { describe, expect, it } from "vitest";
import type { TestModule, Vitest } from "vitest/node";
import { AllureReporter, UnsyncedAllureWriter } from "./allure-reporter.js";

function resultsFolder(): string {
  return join(mkdtempSync(join(tmpdir(), "ndop-allure-writer-")), "allure-results");
}

describe("UnsyncedAllureWriter", () => {
  it("has every result, group and attachment on disk, byte for byte, once flushed", async () => {
    const dir = resultsFolder();
    const source = join(dir, "..", "response.xml");
    writeFileSync(source, "<Consent/>");
    const writer = new UnsyncedAllureWriter(dir);
    writer.writeResult({ uuid: "r1", name: "create" } as TestResult);
    writer.writeGroup({ uuid: "g1", children: ["r1"] } as unknown as TestResultContainer);
    writer.writeAttachment("a1-attachment.json", Buffer.from('{"resourceType":"Consent"}'));
    writer.writeAttachmentFromPath("a2-attachment.xml", source);
    await writer.flush();
    expect(readdirSync(dir).sort()).toEqual([
      "a1-attachment.json",
      "a2-attachment.xml",
      "g1-container.json",
      "r1-result.json",
    ]);
    expect(readFileSync(join(dir, "r1-result.json"), "utf8")).toBe('{"uuid":"r1","name":"create"}');
    expect(readFileSync(join(dir, "g1-container.json"), "utf8")).toBe(
      '{"uuid":"g1","children":["r1"]}',
    );
    expect(readFileSync(join(dir, "a1-attachment.json"), "utf8")).toBe(
      '{"resourceType":"Consent"}',
    );
    expect(readFileSync(join(dir, "a2-attachment.xml"), "utf8")).toBe("<Consent/>");
  });

  it("rejects the flush with the write that failed, after waiting for the others", async () => {
    const dir = resultsFolder();
    const writer = new UnsyncedAllureWriter(dir);
    writer.writeResult({ uuid: "r1" } as TestResult);
    writer.writeAttachmentFromPath("gone-attachment.txt", join(dir, "no-such-file.txt"));
    writer.writeResult({ uuid: "r2" } as TestResult);
    await expect(writer.flush()).rejects.toMatchObject({ code: "ENOENT", syscall: "copyfile" });
    expect(readdirSync(dir).sort()).toEqual(["r1-result.json", "r2-result.json"]);
    rmSync(join(dir, ".."), { recursive: true });
  });

  it("flushes only what was asked for since the last flush", async () => {
    const dir = resultsFolder();
    const writer = new UnsyncedAllureWriter(dir);
    writer.writeAttachmentFromPath("gone-attachment.txt", join(dir, "no-such-file.txt"));
    await expect(writer.flush()).rejects.toMatchObject({ code: "ENOENT" });
    writer.writeResult({ uuid: "r3" } as TestResult);
    await writer.flush();
    expect(readdirSync(dir).sort()).toEqual(["r3-result.json"]);
  });
});

describe("AllureReporter", () => {
  /** The reporter after start-up with no vitest projects, and the writer it handed allure-vitest. */
  function startedReporter(dir: string): {
    reporter: AllureReporter;
    writer: UnsyncedAllureWriter;
  } {
    const reporter = new AllureReporter({ resultsDir: dir });
    reporter.onInit({ projects: [] } as unknown as Vitest);
    // allure-vitest's private runtime, as the reporter itself reaches it.
    const { writer } = (reporter as unknown as { allureReporterRuntime: { writer: unknown } })
      .allureReporterRuntime;
    expect(writer).toBeInstanceOf(UnsyncedAllureWriter);
    return { reporter, writer: writer as UnsyncedAllureWriter };
  }

  it("ends the run only once every result is on disk", async () => {
    const dir = resultsFolder();
    const { reporter, writer } = startedReporter(dir);
    writer.writeResult({ uuid: "r1" } as TestResult);
    await reporter.onTestRunEnd([]);
    expect(readFileSync(join(dir, "r1-result.json"), "utf8")).toBe('{"uuid":"r1"}');
  });

  /** A suite file with one passed check, shaped as vitest's runner reports it (what allure-vitest reads). */
  function suiteFile(moduleId: string, checkName: string): TestModule {
    const file = { filepath: moduleId };
    const check = {
      type: "test",
      name: checkName,
      mode: "run",
      meta: {},
      file,
      result: { state: "pass", startTime: 1, duration: 2 },
    };
    const task = { type: "suite", name: moduleId, mode: "run", meta: {}, file, tasks: [check] };
    return { moduleId, task } as unknown as TestModule;
  }

  const writtenChecks = (dir: string) =>
    readdirSync(dir)
      .filter((name) => name.endsWith("-result.json"))
      .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")).name)
      .sort();

  it("writes a suite file's results when the file ends, and once only", async () => {
    const dir = resultsFolder();
    const { reporter, writer } = startedReporter(dir);
    const create = suiteFile("/suites/create.test.ts", "creates a Consent");
    reporter.onTestModuleEnd(create);
    await writer.flush();
    expect(writtenChecks(dir)).toEqual(["creates a Consent"]);
    const update = suiteFile("/suites/update.test.ts", "updates a Consent");
    reporter.onTestModuleEnd(update);
    await reporter.onTestRunEnd([create, update]);
    expect(writtenChecks(dir)).toEqual(["creates a Consent", "updates a Consent"]);
  });

  it("writes at the run's end the results of a file that never ended", async () => {
    const dir = resultsFolder();
    const { reporter } = startedReporter(dir);
    await reporter.onTestRunEnd([suiteFile("/suites/vread.test.ts", "reads a version")]);
    expect(writtenChecks(dir)).toEqual(["reads a version"]);
  });

  it("fails the run's end when a result could not be written", async () => {
    const dir = resultsFolder();
    const { reporter, writer } = startedReporter(dir);
    writer.writeAttachmentFromPath("gone-attachment.txt", join(dir, "no-such-file.txt"));
    await expect(reporter.onTestRunEnd([])).rejects.toMatchObject({ code: "ENOENT" });
  });
});
