export { applyEdits, type ResourceEdit } from "./resource-edits.js";
export { PUBLISHED_ASSETS_DIR, publishedAssetsDir } from "./shared-assets.js";
