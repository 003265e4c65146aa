import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFolder } from "../testing/config-folders.js";
import { layerSettings } from "./config-sources.js";

const layered = (
  env: Record<string, string>,
  files: Record<string, string> = {},
  flags: Record<string, string> = {},
) => {
  const problems: string[] = [];
  const cwd = configFolder(files);
  const { name, setting, sources } = layerSettings({ env, cwd, flags }, problems);
  return { name, setting, sources, problems, cwd };
};

describe("layerSettings: environment < .env < .env.<environment> < flags", () => {
  it("treats an empty value as not given, so it never hides the one before it", () => {
    const { setting, sources, problems } = layered(
      { NDOP_RETRIES: "3", NDOP_SUITES: "" },
      { ".env": "NDOP_RETRIES=\n" },
    );
    expect(problems).toEqual([]);
    expect(setting("NDOP_RETRIES")).toBe("3");
    expect(setting("NDOP_SUITES")).toBeUndefined();
    expect(sources).toEqual({ NDOP_RETRIES: "environment" });
  });

  it("reads only the settings it knows, and names each one's source", () => {
    const { setting, sources } = layered(
      { NDOP_ENV: "dev", PATH: "/usr/bin" },
      { ".env": "NDOP_RETRIES=1\n", ".env.dev": "NDOP_RETRIES=2\nNDOP_SUITES=read\n" },
      { NDOP_SUITES: "write" },
    );
    expect(sources).toEqual({
      NDOP_ENV: "environment",
      NDOP_RETRIES: ".env.dev",
      NDOP_SUITES: "command line",
    });
    expect([setting("NDOP_RETRIES"), setting("NDOP_SUITES")]).toEqual(["2", "write"]);
  });

  it("reads no .env.<name> file for a name that is not an environment", () => {
    const { name, setting, problems } = layered(
      { NDOP_ENV: "staging" },
      { ".env.staging": "NDOP_RETRIES=7\n" },
    );
    expect(name).toBe("sandbox");
    expect(setting("NDOP_RETRIES")).toBeUndefined();
    expect(problems).toEqual([
      'NDOP_ENV (--env) "staging" is not an environment: use sandbox, dev, int, dep, prod or custom.',
    ]);
  });

  it("says which .env file cannot be read, and goes on without it", () => {
    const cwd = configFolder();
    mkdirSync(join(cwd, ".env"));
    const problems: string[] = [];
    const { name, sources } = layerSettings(
      { env: { NDOP_RETRIES: "3" }, cwd, flags: {} },
      problems,
    );
    expect({ name, sources, problems }).toEqual({
      name: "sandbox",
      sources: { NDOP_RETRIES: "environment" },
      problems: [`${join(cwd, ".env")} exists but cannot be read.`],
    });
  });
});
