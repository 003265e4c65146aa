import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuiltCli } from "../testing/index.js";
import { compiledSources } from "./compiled-suites.js";
import { PROJECT_ROOT } from "./project-root.js";
import { moduleCacheIn, suitesTestConfig } from "./suites-config.js";

const CACHE = join(PROJECT_ROOT, "node_modules", ".experimental-vitest-cache");

describe("vitest's module cache for the conformance suites", () => {
  it("lives in the installation's own node_modules, made on first use", () => {
    const root = mkdtempSync(join(tmpdir(), "ndop-install-"));
    const folder = join(root, "node_modules", ".experimental-vitest-cache");
    expect(moduleCacheIn(root)).toEqual({
      experimental: { fsModuleCache: true, fsModuleCachePath: folder },
    });
    expect(existsSync(folder)).toBe(true);
    expect(suitesTestConfig().experimental).toEqual({
      fsModuleCache: true,
      fsModuleCachePath: CACHE,
    });
  });

  it("is left off, not failed on, where that folder cannot be made", () => {
    const root = mkdtempSync(join(tmpdir(), "ndop-install-"));
    writeFileSync(join(root, "node_modules"), "a file where the folder should be");
    expect(moduleCacheIn(root)).toEqual({});
    const readOnlyParent = mkdtempSync(join(tmpdir(), "ndop-install-"));
    mkdirSync(join(readOnlyParent, "node_modules"));
    writeFileSync(join(readOnlyParent, "node_modules", ".experimental-vitest-cache"), "");
    expect(moduleCacheIn(readOnlyParent)).toEqual({});
  });

  it("is kept apart for each way the suites' imports resolve: to the bundle or to dist/", () => {
    const keyIn = (root: string) => {
      let key: unknown;
      const { plugin } = compiledSources(root);
      (plugin.configureVitest as (context: object) => void)({
        experimental_defineCacheKeyGenerator: (generate: () => unknown) => {
          key = generate();
        },
      });
      return key;
    };
    expect(keyIn(PROJECT_ROOT)).toBe("bundled: fixtures, judge, report, fixture-files");
    const root = mkdtempSync(join(tmpdir(), "ndop-install-"));
    expect(keyIn(root)).toBe("bundled: ");
    mkdirSync(join(root, "dist", "bundle"), { recursive: true });
    writeFileSync(join(root, "dist", "bundle", "judge.js"), "");
    expect(keyIn(root)).toBe("bundled: judge");
  });

  it("serves a user's run (no test settings) the suites it transformed before", () => {
    const args = ["run", "--suite", "capability", "--reports-dir"];
    const debug = { DEBUG: "vitest:cache:fs" };
    const first = runBuiltCli([...args, mkdtempSync(join(tmpdir(), "ndop-cache-"))], debug);
    expect(first.status, first.stdout + first.stderr).toBe(0);
    const second = runBuiltCli([...args, mkdtempSync(join(tmpdir(), "ndop-cache-"))], debug);
    expect(second.status, second.stdout + second.stderr).toBe(0);
    const suite = join(PROJECT_ROOT, "suites", "conformance", "conformance-suite.ts");
    expect(second.stderr).toContain(`[read] ${suite} is cached in ${CACHE}/`);
  });
});
