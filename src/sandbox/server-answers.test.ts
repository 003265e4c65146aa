import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consentFor,
  diagnosticsOf,
  expectSpineOutcome,
  send,
  startTestSandbox,
} from "../testing/index.js";
import { type RunningSandbox, startSandbox } from "./index.js";
import { openSqliteDatabase } from "./store/sqlite-driver.js";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.close());

/** A request to a path of the server's root, outside the FHIR base path. */
const fromRoot = (path: string, method = "GET") =>
  send({ ...sandbox, baseUrl: sandbox.baseUrl.replace(/\/STU3$/, "") }, method, path);

describe("paths the sandbox does not serve: 404 and 405 name the path, cut to 120 characters", () => {
  it("a path outside the FHIR base", async () => {
    const answer = await fromRoot("/other");
    expectSpineOutcome(answer, 404, "not-found", "INVALID_REQUEST_TYPE");
    expect(diagnosticsOf(answer)).toBe("Nothing is served at /other; the FHIR base is /STU3.");
  });

  it("a path that only starts like the base path is outside it", async () => {
    const answer = await fromRoot("/STU3x/metadata");
    expect(diagnosticsOf(answer)).toBe(
      "Nothing is served at /STU3x/metadata; the FHIR base is /STU3.",
    );
  });

  it("a long path outside the base", async () => {
    const path = `/${"y".repeat(200)}`;
    expect(diagnosticsOf(await fromRoot(path))).toBe(
      `Nothing is served at ${path.slice(0, 120)}; the FHIR base is /STU3.`,
    );
  });

  it("the base path itself, and a long path under it, are not NDOP API paths", async () => {
    const base = await fromRoot("/STU3");
    expectSpineOutcome(base, 404, "not-found", "INVALID_REQUEST_TYPE");
    expect(diagnosticsOf(base)).toBe("/STU3 is not an NDOP API path.");
    const path = `/STU3/${"x".repeat(200)}`;
    expect(diagnosticsOf(await fromRoot(path))).toBe(
      `${path.slice(0, 120)} is not an NDOP API path.`,
    );
  });

  it("a method a long NDOP path does not take: 405 with Allow", async () => {
    const path = `/STU3/Consent/${"a".repeat(64)}/_history/${"b".repeat(64)}`;
    const answer = await fromRoot(path, "DELETE");
    expectSpineOutcome(answer, 405, "not-supported", "INVALID_REQUEST_TYPE");
    expect(answer.headers.allow).toBe("GET");
    expect(diagnosticsOf(answer)).toBe(`DELETE is not allowed on ${path.slice(0, 120)}; use GET.`);
  });
});

describe("a format the sandbox cannot answer in", () => {
  it("is refused 400 in FHIR JSON, labelled so", async () => {
    const answer = await send(sandbox, "GET", "/metadata?_format=text/csv");
    expectSpineOutcome(answer, 400, "not-supported", "INVALID_PARAMETER");
    expect(answer.headers["content-type"]).toBe("application/fhir+json; charset=utf-8");
  });
});

describe("publicBaseUrl", () => {
  const refusal = (value: string) =>
    `The public base URL must be an absolute http(s) URL such as https://sandbox.example/STU3, not "${value.slice(0, 120)}".`;

  it.each([
    ["a query", "https://ndop.example/STU3?x=1"],
    ["a fragment", "https://ndop.example/STU3#top"],
    ["another protocol", "mailto:ndop@example.org"],
    ["no URL at all", "ndop.example/STU3"],
    ["a long value (quoted cut to 120)", `ftp://${"z".repeat(200)}/STU3`],
  ])("with %s is refused: USAGE, naming the value", async (_, value) => {
    await expect(startTestSandbox({ publicBaseUrl: value })).rejects.toMatchObject({
      code: "USAGE",
      message: refusal(value),
    });
  });

  it("http is accepted, and trailing slashes are dropped", async () => {
    const other = await startTestSandbox({ publicBaseUrl: "http://ndop.example/STU3///" });
    try {
      expect(other.settings.publicBaseUrl).toBe("http://ndop.example/STU3");
      const metadata = await send(other, "GET", "/metadata");
      expect(metadata.body.url).toBe("http://ndop.example/STU3/metadata");
    } finally {
      await other.close();
    }
  });
});

describe("the admin token", () => {
  const tokenOf = async (settings: Parameters<typeof startTestSandbox>[0]) => {
    const other = await startTestSandbox(settings);
    await other.close();
    return [other.adminToken, other.settings.adminToken];
  };

  it("is generated (32 URL-safe characters) when admin is on and none is given", async () => {
    const [token, setting] = await tokenOf({ adminEnabled: true });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(setting).toBe(token);
  });

  it("is the one given when admin is on", async () => {
    expect(await tokenOf({ adminEnabled: true, adminToken: "given-token" })).toEqual([
      "given-token",
      "given-token",
    ]);
  });

  it("is not made when admin is off", async () => {
    expect(await tokenOf({ adminEnabled: false })).toEqual([undefined, undefined]);
  });
});

describe("a store that throws", () => {
  it("is answered 500 with its message cut to 200 characters, logged whole; the sandbox keeps serving", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "ndop-server-")), "sandbox.db");
    const log: string[] = [];
    const other = await startTestSandbox(
      { store: `sqlite:${path}` },
      { log: (line) => log.push(line) },
    );
    try {
      // A trigger under the running sandbox fails every write with a long message.
      const reason = `disk says no ${"n".repeat(300)}`;
      const foreign = openSqliteDatabase(path);
      foreign.exec(
        `CREATE TRIGGER refuse BEFORE INSERT ON versions BEGIN SELECT RAISE(ABORT, '${reason}'); END`,
      );
      foreign.close();
      const answer = await send(other, "POST", "/Consent", {
        body: consentFor(),
        interaction: "create",
      });
      expectSpineOutcome(answer, 500, "exception", "INVALID_REQUEST_STATE");
      expect(diagnosticsOf(answer)).toBe(
        `The sandbox could not complete the request: ${reason.slice(0, 200)}`,
      );
      expect(log[0]).toBe(`internal error: ${reason}`);
      expect((await send(other, "GET", "/metadata")).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe("a failure while writing the answer", () => {
  it("is still a 500 OperationOutcome in JSON, logged, and the sandbox keeps serving", async () => {
    const log: string[] = [];
    const other = await startTestSandbox({}, { log: (line) => log.push(line) });
    try {
      // A seeded id with a control character cannot go into the Location header: writing the
      // head throws, after the handler has answered.
      const answer = await send(other, "POST", "/_admin/seed", {
        body: JSON.stringify(consentFor(undefined, { id: "bad\u0001id" })),
        contentType: "application/json",
        interaction: "none",
        headers: { Authorization: `Bearer ${other.adminToken}` },
      });
      expectSpineOutcome(answer, 500, "exception", "INVALID_REQUEST_STATE");
      expect(answer.headers["content-type"]).toBe("application/fhir+json; charset=utf-8");
      expect(diagnosticsOf(answer)).toBe(
        `The sandbox could not complete the request: ${log[0]?.replace("internal error: ", "")}`,
      );
      expect(log[0]).toMatch(
        /^internal error: Invalid character in header content \["Location"\]$/,
      );
      expect((await send(other, "GET", "/metadata")).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe("start-up options", () => {
  it("loads its own validator when none is shared, and judges Consents with it", async () => {
    const other = await startSandbox({ security: "relaxed" });
    try {
      const created = await send(other, "POST", "/Consent", { body: consentFor() });
      expect(created.status).toBe(201);
      const invalid = await send(other, "POST", "/Consent", { body: { resourceType: "Consent" } });
      expect(invalid.status).toBe(422);
    } finally {
      await other.close();
    }
  });

  it("logs one line per request: time, method, path and query, status, elapsed ms", async () => {
    const log: string[] = [];
    const other = await startTestSandbox({}, { log: (line) => log.push(line) });
    try {
      const before = process.hrtime.bigint();
      await send(other, "GET", "/metadata?_format=json");
      const roundTrip = Number(process.hrtime.bigint() - before) / 1e6;
      expect(log).toHaveLength(1);
      const [, stamp, elapsed] =
        /^(\S+) GET \/STU3\/metadata\?_format=json 200 (\d+\.\d)ms$/.exec(log[0] ?? "") ?? [];
      expect(new Date(stamp ?? "").toISOString()).toBe(stamp);
      // The server's own time for the request fits within the client's round trip.
      expect(Number(elapsed)).toBeLessThanOrEqual(roundTrip + 0.05);
    } finally {
      await other.close();
    }
  });
});
