/**
 * `npm run test:mutation [-- --mutate 'src/fhir/**']`: Stryker on one module (default src/report).
 * Stryker's own --mutate would replace the config's exclusions (tests, index files) and could not
 * tell the vitest config which module's tests to run, so it is read here and handed on by env.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const args = process.argv.slice(2);
const flag = args.indexOf("--mutate");
const mutate = flag >= 0 ? (args[flag + 1] ?? "") : "src/report/**";
// Like Stryker's own --mutate, a comma-separated list; here all in one module, whose tests run.
const modules = new Set(mutate.split(",").map((pattern) => /^src\/([^/*]+)/.exec(pattern)?.[1]));
const [module] = modules;
if (module === undefined || modules.size !== 1) {
  console.error(
    `--mutate takes paths under one module, such as 'src/fhir/**' or 'src/fhir/a.ts,src/fhir/b.ts' (got '${mutate}').`,
  );
  process.exit(2);
}
if (flag >= 0) args.splice(flag, 2);
const run = spawnSync("npx", ["stryker", "run", "stryker.config.mjs", ...args], {
  stdio: "inherit",
  env: {
    ...process.env,
    NDOP_MUTATE: mutate,
    NDOP_MUTATION_MODULE: module,
    // Stryker runs the tests in a copy under .stryker-tmp/, where ../shared is not beside the
    // project: an absolute path keeps the published-asset tests running (and killing mutants).
    NDOP_PUBLISHED_ASSETS_DIR: resolve(
      process.env.NDOP_PUBLISHED_ASSETS_DIR || "../shared/reference/ndop-fhir-assets",
    ),
  },
});
process.exit(run.status ?? 2);
