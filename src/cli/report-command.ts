import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { Command } from "commander";
import { ConformanceError } from "../errors/index.js";
import { ExitCode } from "./exit-codes.js";

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
      const generated = spawnSync(
        process.execPath,
        [allureCli(), "generate", ...results, "-o", output],
        { encoding: "utf8" },
      );
      if (generated.status !== 0 || !existsSync(join(output, "index.html"))) {
        throw new ConformanceError(
          "FILE_UNREADABLE",
          `Allure could not generate the report: ${(generated.stderr || generated.stdout).trim().slice(0, 500)}`,
        );
      }
      process.stdout.write(`Allure report: ${join(output, "index.html")}\n`);
      setExitCode(ExitCode.Passed);
    });
}
