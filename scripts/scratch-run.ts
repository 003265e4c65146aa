import { spawn, spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { compiledAddonPath } from "../src/testing/node-runtimes.js";
import { npmCli, type Runtime } from "./runtime-cache.js";

/**
 * The soak runs once per CI, under the machine's Node: its 17 full runs drive the same CLI code as
 * the other CLI tests, so repeating it per runtime adds a minute and no runtime coverage. (The
 * fault modes and variants, once minutes of vitest runs, take seconds since they are judged in
 * one process, and run under every runtime.)
 */
export const MATRIX_EXCLUDES = ["--exclude", "src/cli/patient-soak.test.ts"];

export interface RuntimeResult {
  runtime: Runtime;
  ok: boolean;
  passed: number | undefined;
  failed: number | undefined;
  skipped?: number | undefined;
  rebuildMs: number | undefined;
  testMs: number | undefined;
  logFile: string;
}

/**
 * Copies the project (its tracked and new files, and node_modules) into a fresh folder, beside a
 * link to the ../shared folder the project reads the contract and published assets from.
 */
function scratchCopy(project: string, label: string): string {
  const parent = mkdtempSync(join(tmpdir(), `ndop-runtime-${label.split(" ")[0]}-`));
  const scratch = join(parent, basename(resolve(project)));
  const shared = join(project, "..", "shared");
  if (existsSync(shared)) symlinkSync(realpathSync(shared), join(parent, "shared"));
  const listing = spawnSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    {
      cwd: project,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (listing.status !== 0) throw new Error(`git ls-files failed in ${project}: ${listing.stderr}`);
  for (const file of new Set(listing.stdout.split("\0").filter(Boolean))) {
    if (existsSync(join(project, file))) cpSync(join(project, file), join(scratch, file));
  }
  // cp -a keeps node_modules/.bin's links and the file modes as they are.
  const copy = spawnSync("cp", ["-a", join(project, "node_modules"), scratch]);
  if (copy.status !== 0) throw new Error(`Cannot copy node_modules: ${copy.stderr}`);
  // vitest's cache would otherwise carry this Node's results over.
  rmSync(join(scratch, "node_modules", ".vite"), { recursive: true, force: true });
  return scratch;
}

/** The environment npm runs in under `runtime`: its node first on the PATH, no inherited npm_* settings. */
function runtimeEnv(runtime: Runtime): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { CI: "true", NO_COLOR: "1" };
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.toLowerCase().startsWith("npm_") && !(name in env)) env[name] = value;
  }
  env.PATH = [dirname(runtime.node), process.env.PATH ?? ""].join(delimiter);
  // node-gyp builds against the runtime's own headers (only the npm registry is reachable).
  if (runtime.nodedir) env.npm_config_nodedir = runtime.nodedir;
  return env;
}

/** Runs npm with the runtime's node, appending its output to the log; resolves with exit code and time. */
function npmUnder(runtime: Runtime, args: string[], cwd: string, log: string) {
  const started = Date.now();
  return new Promise<{ status: number; ms: number }>((resolve) => {
    const out = createWriteStream(log, { flags: "a" });
    out.write(`$ npm ${args.join(" ")}   (node ${runtime.version})\n`);
    const child = spawn(runtime.node, [npmCli(), ...args], {
      cwd,
      env: runtimeEnv(runtime),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(out, { end: false });
    child.stderr.pipe(out, { end: false });
    child.on("close", (code) => {
      out.end(() => resolve({ status: code ?? 1, ms: Date.now() - started }));
    });
  });
}

/**
 * `npm rebuild better-sqlite3` under the runtime. The compiled addon is kept in the runtime's cache
 * folder, by better-sqlite3 version, and later runs copy it in: the compile takes minutes here.
 */
async function rebuildNative(runtime: Runtime, scratch: string, log: string) {
  const moduleDir = join(scratch, "node_modules", "better-sqlite3");
  const { version } = JSON.parse(readFileSync(join(moduleDir, "package.json"), "utf8"));
  const cached = compiledAddonPath(runtime.version, version);
  const addon = join(moduleDir, "build", "Release", "better_sqlite3.node");
  if (existsSync(cached)) {
    const started = Date.now();
    cpSync(cached, addon);
    appendFileSync(
      log,
      `better-sqlite3 ${version} for Node ${runtime.version}: built before, from ${cached}\n`,
    );
    return { status: 0, ms: Date.now() - started };
  }
  const rebuild = await npmUnder(runtime, ["rebuild", "better-sqlite3"], scratch, log);
  if (rebuild.status === 0) {
    cpSync(addon, `${cached}.partial`);
    renameSync(`${cached}.partial`, cached);
  }
  return rebuild;
}

/** vitest's summary line, e.g. "Tests  2 failed | 1170 passed | 3 skipped (1175)". */
export function parseVitestCounts(output: string): {
  passed?: number;
  failed?: number;
  skipped?: number;
} {
  const lines = output.split("\n").filter((line) => /^\s*Tests\s{2,}\d/.test(line));
  const summary = lines.at(-1);
  if (summary === undefined) return {};
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(summary)?.[1] ?? 0);
  return { passed: count("passed"), failed: count("failed"), skipped: count("skipped") };
}

export async function testInScratchCopy(
  project: string,
  runtime: Runtime,
  logs: string,
): Promise<RuntimeResult> {
  const logFile = join(logs, `node-${runtime.version}.log`);
  rmSync(logFile, { force: true });
  const scratch = scratchCopy(project, runtime.label);
  try {
    let rebuildMs: number | undefined;
    if (runtime.nodedir) {
      const rebuild = await rebuildNative(runtime, scratch, logFile);
      rebuildMs = rebuild.ms;
      if (rebuild.status !== 0)
        return {
          runtime,
          ok: false,
          passed: undefined,
          failed: undefined,
          rebuildMs,
          testMs: undefined,
          logFile,
        };
    }
    const test = await npmUnder(runtime, ["test", "--", ...MATRIX_EXCLUDES], scratch, logFile);
    const counts = parseVitestCounts(readFileSync(logFile, "utf8"));
    const ok = test.status === 0 && counts.failed === 0 && (counts.passed ?? 0) > 0;
    return {
      runtime,
      ok,
      passed: counts.passed,
      failed: counts.failed,
      skipped: counts.skipped,
      rebuildMs,
      testMs: test.ms,
      logFile,
    };
  } finally {
    rmSync(dirname(scratch), { recursive: true, force: true });
  }
}
