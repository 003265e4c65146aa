import { writeFile } from "node:fs/promises";
import { JUnitReporter, type TestModule, type Vitest } from "vitest/node";

/** Where vitest's JUnit reporter (vitest 4.1) sends its lines, and the file they make. */
interface LineSink {
  reportFile?: string;
  baseLog?: unknown;
  logger?: { baseLog?: unknown };
}

/**
 * vitest's JUnit reporter, writing its file once. vitest's own awaits one write per line of the
 * file (two per check, some 400 in a run), one after another when the run ends, when nothing
 * else is left to do. Here the lines are gathered and written together. Should a later vitest
 * keep its lines elsewhere, the reporter writes as vitest's does (slower, same file).
 */
export class JUnitFileReporter extends JUnitReporter {
  /** vitest's file and its lines so far; unset when the reporter's lines are out of reach. */
  private gathered: { file: string; lines: string[] } | undefined;

  override async onInit(ctx: Vitest): Promise<void> {
    await super.onInit(ctx);
    const sink = this as unknown as LineSink;
    if (typeof sink.reportFile !== "string" || typeof sink.logger?.baseLog !== "function") return;
    const gathered = { file: sink.reportFile, lines: [] as string[] };
    const gather = async (text: string): Promise<void> => {
      gathered.lines.push(text);
    };
    sink.baseLog = gather;
    sink.logger.baseLog = gather;
    this.gathered = gathered;
  }

  override async onTestRunEnd(modules: ReadonlyArray<TestModule>): Promise<void> {
    await super.onTestRunEnd(modules);
    if (this.gathered === undefined) return;
    const { file, lines } = this.gathered;
    await writeFile(file, lines.map((line) => `${line}\n`).join(""));
  }
}
