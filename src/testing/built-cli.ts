import { fileURLToPath } from "node:url";

/** The CLI as users run it (package.json's bin): the bundle `npm run build` writes. */
export const BUILT_CLI = fileURLToPath(new URL("../../dist/bundle/main.js", import.meta.url));
