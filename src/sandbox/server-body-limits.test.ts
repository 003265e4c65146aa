import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  consentFor,
  parseRawAnswer,
  pollFor,
  rawHttp,
  send,
  startTestSandbox,
} from "../testing/index.js";
import type { RunningSandbox } from "./index.js";

/** The byte limit of these tests: small, so a padded valid Consent reaches it exactly. */
const LIMIT = 2000;
const TOO_LARGE = `The body is larger than the sandbox accepts (${LIMIT} bytes).`;

let sandbox: RunningSandbox;
const logLines: string[] = [];

beforeAll(async () => {
  // relaxed: no JWT or Ssp-* headers, so the raw requests below stay short.
  sandbox = await startTestSandbox(
    { maxBodyBytes: LIMIT, security: "relaxed" },
    { log: (line) => logLines.push(line) },
  );
});
afterAll(() => sandbox.close());

/** A valid Consent, padded with trailing spaces to exactly `bytes` bytes. */
function consentOfSize(bytes: number): string {
  const json = JSON.stringify(consentFor());
  expect(json.length).toBeLessThan(bytes);
  return json.padEnd(bytes, " ");
}

const head = (headers: string) =>
  `POST /STU3/Consent HTTP/1.1\r\nHost: x\r\nContent-Type: application/fhir+json\r\n${headers}\r\n`;

/** Sends the body with a Content-Length; the client asks the server to close after answering. */
const sized = (body: string) =>
  rawHttp(
    sandbox.port,
    `${head(`Content-Length: ${body.length}\r\nConnection: close\r\n`)}${body}`,
  );

/** Sends the body chunked, without any Content-Length. */
const chunked = (body: string) =>
  rawHttp(
    sandbox.port,
    `${head("Transfer-Encoding: chunked\r\nConnection: close\r\n")}${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
  );

function expectTooLarge(raw: string): void {
  const answer = parseRawAnswer(raw);
  expect(answer.status, raw.slice(0, 300)).toBe(413);
  const outcome = JSON.parse(answer.body) as { issue: { code: string; diagnostics: string }[] };
  expect(outcome.issue[0]?.code).toBe("too-costly");
  expect(outcome.issue[0]?.diagnostics).toBe(TOO_LARGE);
}

describe("the body size limit (maxBodyBytes)", () => {
  it("accepts a body of exactly the limit with a Content-Length", async () => {
    expect(parseRawAnswer(await sized(consentOfSize(LIMIT))).status).toBe(201);
  });

  it("accepts a chunked body of exactly the limit", async () => {
    expect(parseRawAnswer(await chunked(consentOfSize(LIMIT))).status).toBe(201);
  });

  it("refuses a valid Consent one byte over the limit with a Content-Length: 413", async () => {
    expectTooLarge(await sized(consentOfSize(LIMIT + 1)));
  });

  it("refuses a chunked body one byte over the limit, which declares no length: 413", async () => {
    expectTooLarge(await chunked(consentOfSize(LIMIT + 1)));
  });

  it("refuses a declared Content-Length over the limit before the body comes, and closes", async () => {
    // Only the first byte is sent and the client never ends: the answer and the close must
    // come from the declared length alone.
    const raw = await rawHttp(sandbox.port, `${head(`Content-Length: ${LIMIT + 1}\r\n`)}{`);
    expectTooLarge(raw);
    expect(parseRawAnswer(raw).head.split("\r\n")).toContain("Connection: close");
  });
});

describe("connections", () => {
  it("stay open after an answer whose request was read whole (keep-alive)", async () => {
    // A second request on the same connection once the first is answered: both are answered.
    const get = (last: boolean) =>
      `GET /STU3/metadata HTTP/1.1\r\nHost: x\r\n${last ? "Connection: close\r\n" : ""}\r\n`;
    const raw = await rawHttp(sandbox.port, get(false), {
      // The first answer is chunked: its last chunk ends it.
      followUp: { after: /\r\n0\r\n\r\n$/, payload: get(true) },
    });
    const answers = raw.split(/(?=HTTP\/1\.1 )/);
    expect(answers.map((answer) => parseRawAnswer(answer).status)).toEqual([200, 200]);
    expect(parseRawAnswer(answers[0] ?? "").head.split("\r\n")).toContain("Connection: keep-alive");
  });

  it("a body cut short by the client: answered 400 (logged), not a store or server error", async () => {
    logLines.length = 0;
    await rawHttp(sandbox.port, `${head("Content-Length: 500\r\n")}{"resourceType":"Consent"`, {
      endAfterWrite: true,
    });
    const line = await pollFor(() => logLines.find((entry) => entry.includes(" POST ")));
    expect(line).toMatch(/ POST \/STU3\/Consent 400 \d+\.\dms$/);
    expect(logLines.filter((entry) => entry.startsWith("internal error"))).toEqual([]);
    expect((await send(sandbox, "GET", "/metadata")).status).toBe(200);
  });
});
