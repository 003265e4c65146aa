import { fileURLToPath } from "node:url";

/** The project's root folder (where package.json is), from the built or the source tree alike. */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));
