import { Option } from "commander";
import { ConfigError, ConformanceError } from "../errors/index.js";
import type { LoadedFixture } from "../fixtures/index.js";
import type { Requirement } from "../report/index.js";
import { projectRequirements } from "./project-fixtures.js";

/** `--fixture`, `--grep` and `--requirement`: which fixtures a focused run (or `list`) takes. */
export interface SelectionFlags {
  fixture?: string[];
  grep?: string;
  requirement?: string[];
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function selectionOptions(): Option[] {
  return [
    new Option(
      "--fixture <suite/case>",
      "run only this fixture (repeatable; * and ? match within a name, ** across suites)",
    ).argParser(collect),
    new Option("--grep <text>", "run only fixtures whose id or title contains this text"),
    new Option(
      "--requirement <key>",
      "run only fixtures citing this requirement (repeatable), e.g. ndop-create-01",
    ).argParser(collect),
  ];
}

export function hasSelection(flags: SelectionFlags): boolean {
  return Boolean(flags.fixture?.length || flags.grep !== undefined || flags.requirement?.length);
}

/** A selection records part of a run: a baseline records the whole of it. */
export function refuseSelection(flags: SelectionFlags, command: string): void {
  if (hasSelection(flags))
    throw new ConformanceError(
      "USAGE",
      `--fixture, --grep and --requirement cannot be used with ${command}: a baseline records the whole run.`,
    );
}

/** A fixture glob: `*` and `?` stay within a suite or case name, `**` crosses the slash. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*|\?)/)
    .map((part) =>
      part === "**"
        ? ".*"
        : part === "*"
          ? "[^/]*"
          : part === "?"
            ? "[^/]"
            : part.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}$`);
}

/**
 * The fixtures a selection keeps (all of them without one). Each kind of flag narrows the run;
 * repeats of one flag add to it. A pattern, text or key that matches nothing is refused (exit 2),
 * every such problem listed, so a typo never passes as a green run of nothing.
 */
export function selectFixtures(
  fixtures: readonly LoadedFixture[],
  flags: SelectionFlags,
  requirements: readonly Requirement[] = projectRequirements(),
): LoadedFixture[] {
  if (!hasSelection(flags)) return [...fixtures];
  const problems: string[] = [];
  const keep = (test: (loaded: LoadedFixture) => boolean, what: string) => {
    if (!fixtures.some(test)) problems.push(`${what} matches no fixture.`);
    return test;
  };
  const tests: ((loaded: LoadedFixture) => boolean)[] = [];
  if (flags.fixture?.length) {
    const patterns = flags.fixture.map((glob) => {
      const pattern = globToRegExp(glob.replace(/\.json$/, ""));
      return keep((loaded) => pattern.test(loaded.id), `--fixture ${glob}`);
    });
    tests.push((loaded) => patterns.some((test) => test(loaded)));
  }
  if (flags.grep !== undefined) {
    const text = flags.grep.toLowerCase();
    tests.push(
      keep(
        (loaded) => `${loaded.id} ${loaded.fixture.title}`.toLowerCase().includes(text),
        `--grep "${flags.grep}"`,
      ),
    );
  }
  if (flags.requirement?.length) {
    const known = new Set(requirements.map((requirement) => requirement.key));
    const keys = flags.requirement;
    for (const key of keys.filter((key) => !known.has(key)))
      problems.push(`--requirement ${key} is not a requirement key (suites/requirements.csv).`);
    for (const key of keys.filter((key) => known.has(key)))
      keep((loaded) => loaded.fixture.requirements.includes(key), `--requirement ${key}`);
    tests.push((loaded) => keys.some((key) => loaded.fixture.requirements.includes(key)));
  }
  const selected = fixtures.filter((loaded) => tests.every((test) => test(loaded)));
  if (problems.length === 0 && selected.length === 0)
    problems.push("--fixture, --grep and --requirement together match no fixture.");
  if (problems.length > 0) throw new ConfigError(problems);
  return selected;
}
