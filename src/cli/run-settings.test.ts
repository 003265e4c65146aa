import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runBuiltCli } from "../testing/index.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/", import.meta.url));
const temporary = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

describe("bad settings and bad fixtures: one clear message each, exit 2", () => {
  const refused = (args: string[], env: NodeJS.ProcessEnv, message: RegExp) => {
    const run = runBuiltCli(args, env);
    expect(run.status, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  };

  it("an unknown environment (flag)", () =>
    refused(
      ["run", "--env", "staging"],
      {},
      /argument 'staging' is invalid. Allowed choices are sandbox, dev, int, dep, prod, custom/,
    ));
  it("an unknown environment (setting)", () =>
    refused(
      ["run"],
      { NDOP_ENV: "staging" },
      /NDOP_ENV \(--env\) "staging" is not an environment/,
    ));
  it("a missing certificate file", () =>
    refused(
      ["run", "--env", "custom", "--base-url", "https://127.0.0.1:9/STU3"],
      { NDOP_CLIENT_CERT: "/nonexistent/client.pem", NDOP_CLIENT_KEY: "/nonexistent/client.key" },
      /NDOP_CLIENT_CERT names \/nonexistent\/client\.pem, which does not exist\./,
    ));
  it("an unreachable host", () =>
    refused(
      ["run", "--env", "custom", "--base-url", "http://127.0.0.1:9/STU3"],
      { NDOP_TIMEOUT_MS: "2000" },
      /Cannot reach custom at http:\/\/127\.0\.0\.1:9\/STU3: .*ECONNREFUSED/,
    ));
  it("a non-synthetic test patient outside the sandbox", () =>
    refused(
      ["run", "--env", "custom", "--base-url", "http://127.0.0.1:9/STU3"],
      { NDOP_PATIENTS: "9000000009" },
      /NDOP_PATIENTS: 9000000009 is outside the synthetic 999 range/,
    ));
  it("an unknown fault mode", () =>
    refused(
      ["run"],
      { NDOP_SANDBOX_FAULTS: "gremlins" },
      /NDOP_SANDBOX_FAULTS: "gremlins" is not a fault mode/,
    ));

  describe("fixtures", () => {
    const withBrokenFixture = (name: string, write: (path: string) => void) => {
      const folder = temporary("ndop-fixtures-");
      cpSync(FIXTURES, folder, { recursive: true });
      write(join(folder, "create", name));
      return folder;
    };

    it("an unreadable fixture names the file", () => {
      const folder = withBrokenFixture("unreadable.json", (path) => mkdirSync(path));
      refused(
        ["run"],
        { NDOP_FIXTURES_DIR: folder },
        /create\/unreadable\.json: cannot be read \(EISDIR\)/,
      );
    });

    it("a fixture missing a field names the file and the field", () => {
      const folder = withBrokenFixture("no-steps.json", (path) =>
        writeFileSync(
          path,
          JSON.stringify({
            title: "a case with no steps at all",
            requirements: ["ndop-create-01"],
          }),
        ),
      );
      refused(["run"], { NDOP_FIXTURES_DIR: folder }, /create\/no-steps\.json: field steps: /);
    });

    it("a fixture that is not JSON names the file", () => {
      const folder = withBrokenFixture("not-json.json", (path) =>
        writeFileSync(path, "{ title: oops"),
      );
      refused(["run"], { NDOP_FIXTURES_DIR: folder }, /create\/not-json\.json: is not valid JSON/);
    });

    it("a fixture naming a template that does not exist", () => {
      const folder = withBrokenFixture("bad-template.json", (path) =>
        writeFileSync(
          path,
          JSON.stringify({
            title: "a case with a missing template",
            requirements: ["ndop-create-01"],
            steps: [
              {
                interaction: "create",
                method: "POST",
                path: "/Consent",
                body: { template: "nope" },
                expect: { status: 201 },
              },
            ],
          }),
        ),
      );
      refused(
        ["run"],
        { NDOP_FIXTURES_DIR: folder },
        /bad-template\.json: field steps\.0\.body\.template: no template fixtures\/templates\/nope\.json/,
      );
    });

    it("an added fixture file is a new check (adding a case is adding a file)", () => {
      const folder = withBrokenFixture("201-extra.json", (path) =>
        writeFileSync(
          path,
          JSON.stringify({
            title: "creates one more Consent, from a new file",
            requirements: ["ndop-create-01"],
            steps: [
              {
                interaction: "create",
                method: "POST",
                path: "/Consent",
                body: { template: "consent" },
                expect: { status: 201, resource: "Consent" },
              },
            ],
          }),
        ),
      );
      const run = runBuiltCli(["run", "--suite", "create", "--reports-dir", folder], {
        NDOP_FIXTURES_DIR: folder,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/^6 passed, 0 warnings, 0 failed, 0 blocked, 0 skipped$/m);
      expect(existsSync(join(folder, "summary.json"))).toBe(true);
    });
  });
});
