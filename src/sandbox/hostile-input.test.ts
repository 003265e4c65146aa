import { connect } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../fhir/index.js";
import { writeOrderedFhirXml } from "../fhir/index.js";
import {
  consentFor,
  type Exchange,
  send,
  spineCodeOf,
  startTestSandbox,
} from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ maxBodyBytes: 64 * 1024 });
});
afterAll(() => sandbox.close());

// Whatever was thrown at it, the sandbox must still be serving afterwards.
afterEach(async () => {
  expect((await send(sandbox, "GET", "/metadata", { interaction: "capabilities" })).status).toBe(
    200,
  );
});

function expectRefused(answer: Exchange, status: number, spineCode: string): void {
  expect(answer.status, answer.text.slice(0, 300)).toBe(status);
  expect(answer.validation?.valid).toBe(true);
  expect(spineCodeOf(answer)).toBe(spineCode);
}

const create = (body: string | Buffer, contentType = "application/fhir+json") =>
  send(sandbox, "POST", "/Consent", { body, contentType, interaction: "create" });

/** Raw bytes on a socket, for what an HTTP client library would refuse to send. */
function rawExchange(payload: string, endAfterWrite: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(sandbox.port, "127.0.0.1");
    let received = "";
    socket.setTimeout(5_000, () => socket.destroy(new Error("no answer in 5 s")));
    socket.on("data", (chunk) => {
      received += chunk.toString();
    });
    socket.on("end", () => resolve(received));
    socket.on("close", () => resolve(received));
    socket.on("error", reject);
    socket.write(payload, () => {
      if (endAfterWrite) socket.end();
    });
  });
}

describe("hostile input gets a clear 4xx Spine OperationOutcome, never a 500, a hang or a crash", () => {
  it("a body over the limit: 413", async () => {
    expectRefused(
      await create(`{"resourceType":"Consent","text":"${"a".repeat(70 * 1024)}"}`),
      413,
      "MESSAGE_NOT_WELL_FORMED",
    );
  });

  it("a Content-Length over the limit is refused before the body is read: 413", async () => {
    const answer = await rawExchange(
      `POST /STU3/Consent HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nContent-Length: 100000000\r\n\r\n{`,
      false,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 (413|400) /);
  });

  it("a body cut short by the client closing the connection: no crash", async () => {
    const answer = await rawExchange(
      `POST /STU3/Consent HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\nContent-Length: 500\r\n\r\n{"resourceType":"Consent"`,
      true,
    );
    expect(answer).not.toMatch(/^HTTP\/1\.1 5/);
  });

  it("truncated JSON: 400", async () => {
    expectRefused(
      await create(JSON.stringify(consentFor()).slice(0, 200)),
      400,
      "MESSAGE_NOT_WELL_FORMED",
    );
  });

  it("invalid UTF-8: 400", async () => {
    expectRefused(
      await create(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])),
      400,
      "MESSAGE_NOT_WELL_FORMED",
    );
  });

  it("deeply nested JSON: 400", async () => {
    expectRefused(
      await create(`${'{"a":'.repeat(5_000)}1${"}".repeat(5_000)}`),
      400,
      "MESSAGE_NOT_WELL_FORMED",
    );
  });

  it("deeply nested XML: 400, before it is parsed", async () => {
    expectRefused(
      await create(
        `<Consent xmlns="http://hl7.org/fhir">${"<x>".repeat(5_000)}${"</x>".repeat(5_000)}</Consent>`,
        "application/fhir+xml",
      ),
      400,
      "MESSAGE_NOT_WELL_FORMED",
    );
  });

  // Validation costs 5 to 20 µs per node: a body with thousands of tiny nodes held the event loop
  // for seconds (1 MiB: 1.3 to 2.2 s), stalling every other client. The cap (settings
  // maxBodyNodes, 250 by default; a Consent has about 60) refuses it before parsing.
  it.each([
    [
      "JSON, many small objects",
      `{"resourceType":"Consent","extension":[${'{"url":"a"},'.repeat(5_000)}{"url":"a"}]}`,
      "application/fhir+json",
      "JSON objects, arrays, members and items",
    ],
    [
      "JSON, many distinct keys",
      `{"resourceType":"Consent",${Array.from({ length: 5_000 }, (_, key) => `"k${key}":1`).join(",")}}`,
      "application/fhir+json",
      "JSON objects, arrays, members and items",
    ],
    [
      "XML, many <x/> elements",
      `<Consent xmlns="http://hl7.org/fhir">${"<x/>".repeat(10_000)}</Consent>`,
      "application/fhir+xml",
      "XML elements and attributes",
    ],
    [
      "XML, many attributes",
      `<Consent xmlns="http://hl7.org/fhir"${' a="1"'.repeat(5_000)}/>`,
      "application/fhir+xml",
      "XML elements and attributes",
    ],
  ])("%s: 413 too-costly before it is parsed", async (_name, body, contentType, what) => {
    const answer = await create(body, contentType);
    expectRefused(answer, 413, "MESSAGE_NOT_WELL_FORMED");
    const issue = (answer.body.issue as JsonObject[])[0] as JsonObject;
    expect(issue.code).toBe("too-costly");
    expect(issue.diagnostics).toBe(
      `The body has more than 250 ${what}; an NDOP Consent has about 60.`,
    );
  });

  it("braces and angle brackets inside strings are not counted as nodes", async () => {
    const consent = consentFor(undefined, {
      // A uri may not hold "<" or "{" (the validator's uri rule), so the noise sits in the value.
      identifier: { system: "https://example.org/x", value: "{[<x/>".repeat(1_000) },
    });
    expect((await create(JSON.stringify(consent))).status).toBe(201);
    expect(
      (
        await create(
          writeOrderedFhirXml(
            consentFor(undefined, {
              identifier: { system: "https://example.org/x", value: '<x a="1"/>'.repeat(500) },
            }),
          ),
          "application/fhir+xml",
        )
      ).status,
    ).toBe(201);
  });

  it("__proto__ and constructor keys: 422 INVALID_ELEMENT, and no prototype is polluted", async () => {
    const body = JSON.stringify(consentFor()).replace(
      /^\{/,
      '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},',
    );
    expectRefused(await create(body), 422, "INVALID_ELEMENT");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("XML with a DOCTYPE and entities: 400, nothing expanded or fetched", async () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "http://127.0.0.1:9/x"><!ENTITY y "&x;&x;">]><Consent xmlns="http://hl7.org/fhir"><status value="&y;"/></Consent>';
    expectRefused(await create(xml, "application/fhir+xml"), 400, "MESSAGE_NOT_WELL_FORMED");
  });

  it("a body that is JSON but labelled XML: 400", async () => {
    expectRefused(
      await create(JSON.stringify(consentFor()), "application/fhir+xml"),
      400,
      "MESSAGE_NOT_WELL_FORMED",
    );
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"])(
    "Content-Type %s: 415",
    async (contentType) => {
      expectRefused(
        await create(JSON.stringify(consentFor()), contentType),
        415,
        "MESSAGE_NOT_WELL_FORMED",
      );
    },
  );

  it.each(["/Patient/9990000018", "/Consent/a/b/c/d/e", "/Consent/%2e%2e%2fetc"])(
    "an unknown route %s: 404",
    async (path) => {
      const answer = await send(sandbox, "GET", path, { interaction: "history-instance" });
      expect(answer.status).toBe(404);
      expect(answer.validation?.valid).toBe(true);
    },
  );

  it("a path outside the FHIR base: 404", async () => {
    const answer = await rawExchange(
      "GET /admin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      false,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
  });

  it.each([
    ["DELETE", "/Consent", "POST, GET"],
    ["PATCH", "/metadata", "GET"],
    ["POST", "/Consent/_history", "GET"],
  ])("%s %s: 405 with Allow: %s", async (method, path, allow) => {
    const answer = await send(sandbox, method, path, { interaction: "create" });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    expect(answer.validation?.valid).toBe(true);
  });

  it("an unsupported _format: 400 INVALID_PARAMETER", async () => {
    expectRefused(
      await send(sandbox, "GET", "/metadata?_format=html", { interaction: "capabilities" }),
      400,
      "INVALID_PARAMETER",
    );
  });

  it("garbage instead of HTTP: the connection is closed with 400", async () => {
    const answer = await rawExchange("\u0000\u0001 NOT HTTP\r\n\r\n", false);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
  });
});

describe("one hostile client does not hold the others", () => {
  it("while 1 MiB hostile bodies are posted, a concurrent GET is answered, and each hostile body is refused early", async () => {
    const roomy = await startTestSandbox(); // the default 1 MiB body limit
    try {
      const MIB = 1024 * 1024;
      const hostile = [
        `{"resourceType":"Consent","extension":[${'{"url":"a"},'.repeat(MIB / 12 - 10)}{"url":"a"}]}`,
        `{"resourceType":"Consent",${Array.from({ length: 80_000 }, (_, key) => `"k${key}":1`).join(",")}}`,
      ];
      const posts = hostile.map((body) =>
        send(roomy, "POST", "/Consent", { body, interaction: "create" }),
      );
      const metadata = send(roomy, "GET", "/metadata", { interaction: "capabilities" });
      const answers = await Promise.all([metadata, ...posts]);
      expect(answers.map((answer) => answer.status)).toEqual([200, 413, 413]);
      const capped =
        "The body has more than 250 JSON objects, arrays, members and items; an NDOP Consent has about 60.";
      expect(
        answers.slice(1).map((answer) => (answer.body.issue as JsonObject[])[0]?.diagnostics),
      ).toEqual([capped, capped]);
    } finally {
      await roomy.close();
    }
  });
});
