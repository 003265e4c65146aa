export { applyEdits, type ResourceEdit } from "./resource-edits.js";
export { type CliRun, runBuiltCli } from "./run-cli.js";
export { PUBLISHED_ASSETS_DIR, publishedAssetsDir } from "./shared-assets.js";
