import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "./project-root.js";

export interface ToolVersion {
  version: string;
  /** The git commit the tool was built from, or "unknown" outside a checkout. */
  commit: string;
}

let cached: ToolVersion | undefined;

/**
 * The tool's version (package.json) and the commit it runs from, for `--version`, summary.md and
 * the Allure environment, so a report always says which tool produced it.
 */
export function toolVersion(): ToolVersion {
  cached ??= {
    version: (
      JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }
    ).version,
    commit: gitCommit(),
  };
  return cached;
}

export function formatToolVersion({ version, commit }: ToolVersion): string {
  return commit === "unknown" ? version : `${version} (${commit})`;
}

function gitCommit(): string {
  // Only our own checkout: installed under another project, git would name that project's commit.
  if (!existsSync(join(PROJECT_ROOT, ".git"))) return "unknown";
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], {
      cwd: PROJECT_ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 2_000,
    }).trim();
  } catch {
    // Installed from a package, or git is missing: the version alone still identifies the tool.
    return "unknown";
  }
}

/** `--version` and `-V` are answered by every command, before anything else is parsed or checked. */
export function asksForVersion(argv: readonly string[]): boolean {
  const options = argv.includes("--") ? argv.slice(0, argv.indexOf("--")) : argv;
  // `pact can-i-deploy --version <version>` names the version to deploy, not this tool's.
  const ownsVersion = options.includes("can-i-deploy");
  return (!ownsVersion && options.includes("--version")) || options.includes("-V");
}
