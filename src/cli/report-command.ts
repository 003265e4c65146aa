import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command } from "commander";
import { ConformanceError } from "../errors/index.js";
import { reportTitle, withoutAnalytics } from "../report/index.js";
import { ExitCode } from "./exit-codes.js";
import { PROJECT_ROOT } from "./preflight.js";

const require = createRequire(import.meta.url);

interface ReportFlags {
  reportsDir: string;
  results?: string[];
}

/** The Allure 3 command line, from the `allure` package installed with the project (no Java). */
function allureCli(): string {
  // The package exports no package.json; its entry point is dist/index.js beside cli.js's folder.
  const cli = join(dirname(require.resolve("allure")), "..", "cli.js");
  if (!existsSync(cli))
    throw new ConformanceError(
      "FILE_UNREADABLE",
      `The Allure command line is missing (${cli}); run npm ci.`,
    );
  return cli;
}

/** The project's Allure configuration: one-file report, grouping, failure categories. */
const ALLURE_CONFIG = join(PROJECT_ROOT, "allurerc.mjs");

/**
 * The run the results come from: summary.json beside them, or else the environment the suite
 * wrote into the (first) results folder, for shards merged without a summary.
 */
function runOf(
  reportsDir: string,
  results: string[],
): { environment?: string; startedAt?: string } {
  const summary = join(reportsDir, "summary.json");
  if (existsSync(summary)) {
    try {
      return JSON.parse(readFileSync(summary, "utf8")) as {
        environment?: string;
        startedAt?: string;
      };
    } catch {
      // An unreadable summary only costs the title its details; the report itself is still made.
    }
  }
  const properties = join(results[0] ?? "", "environment.properties");
  const environment = existsSync(properties)
    ? /^environment=(.*)$/m.exec(readFileSync(properties, "utf8"))?.[1]
    : undefined;
  return environment ? { environment } : {};
}

export function reportCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("report")
    .description("Generate the Allure HTML report from a run's results (reports/allure-report).")
    .option("--reports-dir <dir>", "the run's reports folder", "reports")
    .option(
      "--results <dirs...>",
      "allure-results folders to merge (e.g. one per CI shard); default <reports-dir>/allure-results",
    )
    .action((flags: ReportFlags) => {
      const results = (flags.results ?? [join(flags.reportsDir, "allure-results")]).map((folder) =>
        resolve(folder),
      );
      for (const folder of results) {
        if (!existsSync(folder) || readdirSync(folder).length === 0) {
          throw new ConformanceError(
            "FILE_UNREADABLE",
            `${folder} holds no Allure results: run ndop-conformance run first.`,
            { folder },
          );
        }
      }
      const output = resolve(flags.reportsDir, "allure-report");
      const title = reportTitle(runOf(flags.reportsDir, results));
      const generated = spawnSync(
        process.execPath,
        [
          allureCli(),
          "generate",
          ...results,
          "-o",
          output,
          "--config",
          ALLURE_CONFIG,
          "--report-name",
          title,
        ],
        { encoding: "utf8" },
      );
      const page = join(output, "index.html");
      if (generated.status !== 0 || !existsSync(page)) {
        throw new ConformanceError(
          "FILE_UNREADABLE",
          `Allure could not generate the report: ${(generated.stderr || generated.stdout).trim().slice(0, 500)}`,
        );
      }
      writeFileSync(page, withoutAnalytics(readFileSync(page, "utf8")));
      process.stdout.write(
        `Allure report (one file, opens in a browser): ${pathToFileURL(page).href}\n`,
      );
      setExitCode(ExitCode.Passed);
    });
}
