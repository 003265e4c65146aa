import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { NdopValidator, PROJECT_PROFILES_DIR } from "./validator.js";

const historyBundle = fileURLToPath(
  new URL("../../fixtures/validation/history-bundle.json", import.meta.url),
);

it.each([[{}], [{ strict: false }], [{ strict: undefined }]])(
  "reports a known specification defect as a warning when created with %j",
  (options) => {
    const bundle = JSON.parse(readFileSync(historyBundle, "utf8"));
    bundle.entry[0].response = { status: "200 OK" };
    const validator = NdopValidator.create({ profilesDir: PROJECT_PROFILES_DIR, ...options });
    const result = validator.validate(bundle);
    expect(result.issues.map(({ severity, ruleId }) => `${severity} ${ruleId}`)).toStrictEqual([
      "warning known-defect:stu3-bdl-4",
    ]);
    expect(result.valid).toBe(true);
  },
);
