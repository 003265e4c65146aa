import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { BUILT_CLI as CLI } from "./built-cli.js";

/** The environment every test run of the CLI gets: no colour. A test's own settings win. */
const TEST_ENV: NodeJS.ProcessEnv = { NO_COLOR: "1" };

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a real process, as a user or a pipeline would. */
export function runBuiltCli(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  if (!existsSync(CLI))
    throw new Error(`${CLI} is missing: run npm run build (npm test does) first.`);
  const run = spawnSync(process.execPath, [CLI, ...args], {
    encoding: "utf8",
    env: { ...process.env, ...TEST_ENV, ...env },
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export interface AsyncRunOptions {
  /** A run still going after this long is killed, so a hung run fails its test (default 120 s). */
  timeoutMs?: number;
  /** Ctrl-C, once, as soon as stdout matches: how a user stops a long command. */
  interruptWhen?: RegExp;
}

/** The same, without blocking: several runs can go at once (each is its own process). */
export function runBuiltCliAsync(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  { timeoutMs = 120_000, interruptWhen }: AsyncRunOptions = {},
): Promise<CliRun> {
  if (!existsSync(CLI))
    return Promise.reject(new Error(`${CLI} is missing: run npm run build (npm test does) first.`));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...TEST_ENV, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      if (interruptWhen && !interrupted && interruptWhen.test(stdout)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
