import { describe, expect, it } from "vitest";
import { type HttpExchange, prettyBody, renderCurl, renderHttpExchange } from "./http-exchange.js";

const exchange: HttpExchange = {
  method: "PUT",
  url: "https://user:s3cret@127.0.0.1:9000/STU3/Consent/abc",
  requestHeaders: {
    Authorization: "Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig",
    "Content-Type": "application/fhir+json",
    "If-Match": 'W/"1"',
  },
  requestBody: '{"resourceType":"Consent","note":"it\'s"}',
  status: 200,
  responseHeaders: { "content-type": "application/fhir+json", "set-cookie": "session=abc" },
  responseBody: '{"resourceType":"Consent","id":"abc"}',
  durationMs: 12.4,
  attempts: 1,
};

describe("an exchange as readable HTTP", () => {
  it("gives the request line, headers and pretty bodies, credentials redacted", () => {
    expect(renderHttpExchange(exchange)).toBe(
      [
        "PUT https://user:[redacted]@127.0.0.1:9000/STU3/Consent/abc HTTP/1.1",
        "Authorization: Bearer [redacted]",
        "Content-Type: application/fhir+json",
        'If-Match: W/"1"',
        "",
        '{\n  "resourceType": "Consent",\n  "note": "it\'s"\n}',
        "",
        "HTTP/1.1 200   (12 ms, 1 attempt)",
        "content-type: application/fhir+json",
        "set-cookie: [redacted]",
        "",
        '{\n  "resourceType": "Consent",\n  "id": "abc"\n}',
        "",
      ].join("\n"),
    );
  });

  it("says when no answer came, with what the client saw", () => {
    const lost = { ...exchange, responseHeaders: {}, attempts: 3 };
    delete lost.status;
    lost.responseBody = "no answer (ECONNREFUSED: connect ECONNREFUSED)";
    expect(renderHttpExchange(lost).split("\n").slice(-4)).toEqual([
      "(no answer, 12 ms, 3 attempts)",
      "",
      "no answer (ECONNREFUSED: connect ECONNREFUSED)",
      "",
    ]);
  });

  it("makes a curl command with the token left to a shell variable, quoted for the shell", () => {
    expect(renderCurl(exchange)).toBe(
      [
        "curl -i -X PUT 'https://user:[redacted]@127.0.0.1:9000/STU3/Consent/abc' \\",
        '  -H "Authorization: Bearer $NDOP_BEARER_TOKEN" \\',
        "  -H 'Content-Type: application/fhir+json' \\",
        `  -H 'If-Match: W/"1"' \\`,
        `  --data-binary '{"resourceType":"Consent","note":"it'\\''s"}'`,
        "",
      ].join("\n"),
    );
  });

  it("shows a malformed or non-JSON body as sent", () => {
    expect(prettyBody('{"a":')).toBe('{"a":');
    expect(prettyBody("plain text")).toBe("plain text");
    expect(prettyBody("<a><b></a>")).toBe("<a><b></a>");
  });

  it("indents XML one element per line, keeping text, attributes and comments", () => {
    expect(
      prettyBody(
        '<Consent xmlns="http://hl7.org/fhir"><!-- c --><id value="a&amp;b"/><text><div>x</div></text></Consent>',
      ),
    ).toBe(
      [
        '<Consent xmlns="http://hl7.org/fhir">',
        "  <!-- c -->",
        '  <id value="a&amp;b"/>',
        "  <text>",
        "    <div>x</div>",
        "  </text>",
        "</Consent>",
      ].join("\n"),
    );
  });

  it("leaves out the body lines of a request or answer with no body", () => {
    const read: HttpExchange = {
      method: "GET",
      url: "http://127.0.0.1:9000/STU3/Consent?patient=9990000018",
      requestHeaders: { Accept: "application/fhir+json" },
      status: 204,
      responseHeaders: {},
      responseBody: "",
      durationMs: 3,
      attempts: 2,
    };
    expect(renderHttpExchange(read)).toBe(
      [
        "GET http://127.0.0.1:9000/STU3/Consent?patient=9990000018 HTTP/1.1",
        "Accept: application/fhir+json",
        "",
        "HTTP/1.1 204   (3 ms, 2 attempts)",
        "",
      ].join("\n"),
    );
    expect(renderCurl(read)).toBe(
      [
        "curl -i -X GET 'http://127.0.0.1:9000/STU3/Consent?patient=9990000018' \\",
        "  -H 'Accept: application/fhir+json'",
        "",
      ].join("\n"),
    );
  });
});

describe("a body made readable", () => {
  it("indents JSON objects and arrays, even after leading whitespace", () => {
    expect(prettyBody('\n  {"a":[1,{"b":2}]}')).toBe(
      '{\n  "a": [\n    1,\n    {\n      "b": 2\n    }\n  ]\n}',
    );
    expect(prettyBody("[1,2]")).toBe("[\n  1,\n  2\n]");
  });

  it("shows JSON that is neither an object nor an array exactly as sent", () => {
    for (const body of [" 42 ", "true", ' "text"']) expect(prettyBody(body)).toBe(body);
  });

  it("indents XML after leading whitespace, and shows malformed XML as sent", () => {
    expect(prettyBody("\n<a><b/></a>")).toBe("<a>\n  <b/>\n</a>");
    expect(prettyBody(" <a><b></a>")).toBe(" <a><b></a>");
  });
});
