import { describe, expect, it } from "vitest";
import { SPINE_CODE_SYSTEM } from "../fhir/index.js";
import { checkAdminRequest, newAdminToken } from "./admin-guard.js";
import { checkBodyShape, MAX_BODY_DEPTH } from "./body-shape.js";
import { idScheme } from "./id-scheme.js";
import { requestFormat, responseType } from "./media-types.js";
import { operationOutcome, SpineError } from "./spine-outcome.js";

/** The checks that refuse a request before a handler sees it, called directly with exact answers. */

function refusal(error: unknown): [number, string, string] {
  expect(error).toBeInstanceOf(SpineError);
  const spine = error as SpineError;
  return [spine.status, spine.spineCode, spine.diagnostics];
}

const NO_TOKEN =
  "The admin routes need Authorization: Bearer <the admin token the sandbox printed at start-up>.";

describe("admin guard: bearer token first, then application/json", () => {
  const token = "s3cret-token";
  const json = "application/json";

  it("lets through the exact token, any case of Bearer, surrounding blanks and a charset", () => {
    expect(
      checkAdminRequest({ authorization: `Bearer ${token}`, "content-type": json }, token),
    ).toBeUndefined();
    expect(
      checkAdminRequest(
        {
          authorization: `  bearer   ${token} `,
          "content-type": " Application/JSON ; charset=utf-8",
        },
        token,
      ),
    ).toBeUndefined();
  });

  it.each([
    ["no Authorization", undefined],
    ["another token of the same length", "Bearer s3cret-tokeX"],
    ["a longer token", `Bearer ${token}x`],
    ["the token without Bearer", token],
    ["Basic instead of Bearer", `Basic ${token}`],
    ["text before Bearer", `x Bearer ${token}`],
    ["a second word after the token", `Bearer ${token} more`],
    ["Bearer with no blank", `Bearer${token}`],
  ])("refuses %s with 403 ACCESS DENIED", (_, authorization) => {
    expect(refusal(checkAdminRequest({ authorization, "content-type": json }, token))).toEqual([
      403,
      "ACCESS DENIED",
      NO_TOKEN,
    ]);
  });

  it("refuses every request when the expected token is empty", () => {
    expect(
      refusal(checkAdminRequest({ authorization: "Bearer ", "content-type": json }, "")),
    ).toEqual([403, "ACCESS DENIED", NO_TOKEN]);
  });

  it.each([
    ["no Content-Type", undefined],
    ["text/plain", "text/plain"],
    ["FHIR JSON", "application/fhir+json"],
  ])("refuses %s with 415 even with the right token", (_, contentType) => {
    expect(
      refusal(
        checkAdminRequest({ authorization: `Bearer ${token}`, "content-type": contentType }, token),
      ),
    ).toEqual([
      415,
      "MESSAGE_NOT_WELL_FORMED",
      "The admin routes take Content-Type: application/json only.",
    ]);
  });

  it("makes a fresh 192-bit URL-safe token each time", () => {
    const first = newAdminToken();
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newAdminToken()).not.toBe(first);
  });
});

describe("body shape: node and depth limits before parsing", () => {
  const json = (text: string, max = 250) => checkBodyShape(Buffer.from(text), "json", max);
  const xml = (text: string, max = 250) => checkBodyShape(Buffer.from(text), "xml", max);
  const JSON_TOO_MANY = (max: number) =>
    `The body has more than ${max} JSON objects, arrays, members and items; an NDOP Consent has about 60.`;
  const XML_TOO_MANY = (max: number) =>
    `The body has more than ${max} XML elements and attributes; an NDOP Consent has about 60.`;
  const TOO_DEEP = `The body nests deeper than ${MAX_BODY_DEPTH} levels.`;

  it("counts JSON objects, arrays, members and items: exactly the limit passes, one more is 413", () => {
    // 1 object + 2 members (2 colons, 1 comma) + 1 array + 2 items' comma = 6 nodes.
    const body = '{"a":1,"b":[1,2]}';
    expect(json(body, 6)).toBeUndefined();
    expect(refusal(json(body, 5))).toEqual([413, "MESSAGE_NOT_WELL_FORMED", JSON_TOO_MANY(5)]);
  });

  it("does not count braces, colons or commas inside strings, nor escaped quotes", () => {
    expect(json('{"a":"{[:,]}\\",:{"}', 2)).toBeUndefined();
    expect(refusal(json('{"a":"x\\"","b":1}', 3))).toEqual([
      413,
      "MESSAGE_NOT_WELL_FORMED",
      JSON_TOO_MANY(3),
    ]);
  });

  it("refuses JSON nested deeper than 64 levels with 400, and takes exactly 64", () => {
    const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
    expect(json(nested(MAX_BODY_DEPTH), 1000)).toBeUndefined();
    expect(refusal(json(nested(MAX_BODY_DEPTH + 1), 1000))).toEqual([
      400,
      "MESSAGE_NOT_WELL_FORMED",
      TOO_DEEP,
    ]);
  });

  it("lets closed JSON levels count down: many siblings at depth 2 are not deep", () => {
    expect(json(`[${"[],".repeat(100)}[]]`, 1000)).toBeUndefined();
    expect(json(`[${"{},".repeat(100)}{}]`, 1000)).toBeUndefined();
  });

  it("a body at exactly 64 levels that crosses the node limit there is too large, not too deep", () => {
    const nested = "[".repeat(MAX_BODY_DEPTH) + "]".repeat(MAX_BODY_DEPTH);
    expect(refusal(json(nested, MAX_BODY_DEPTH - 1))).toEqual([
      413,
      "MESSAGE_NOT_WELL_FORMED",
      JSON_TOO_MANY(MAX_BODY_DEPTH - 1),
    ]);
  });

  it("a body that crosses the node limit before it is too deep is too large (the first limit crossed)", () => {
    const deep = "[".repeat(MAX_BODY_DEPTH + 5) + "]".repeat(MAX_BODY_DEPTH + 5);
    expect(refusal(json(deep, 10))).toEqual([413, "MESSAGE_NOT_WELL_FORMED", JSON_TOO_MANY(10)]);
    const deepXml = "<a>".repeat(MAX_BODY_DEPTH + 5) + "</a>".repeat(MAX_BODY_DEPTH + 5);
    expect(refusal(xml(deepXml, 10))).toEqual([413, "MESSAGE_NOT_WELL_FORMED", XML_TOO_MANY(10)]);
  });

  it("counts XML elements and attributes; declarations, comments and closing tags are no elements", () => {
    // Consent, status, value= and id= : 4 nodes (the declaration's two `=` count too: 6).
    const body =
      '<?xml version="1.0" encoding="UTF-8"?><!-- c --><Consent xmlns="x"><status value="a"/></Consent>';
    expect(xml(body, 6)).toBeUndefined();
    expect(refusal(xml(body, 5))).toEqual([413, "MESSAGE_NOT_WELL_FORMED", XML_TOO_MANY(5)]);
  });

  it("does not count an = or > inside a quoted XML attribute value, in either quote", () => {
    expect(xml(`<a b="x=>y" c='p=>q'/>`, 3)).toBeUndefined();
    expect(refusal(xml(`<a b="x=>y" c='p=>q'/>`, 2))).toEqual([
      413,
      "MESSAGE_NOT_WELL_FORMED",
      XML_TOO_MANY(2),
    ]);
  });

  it("refuses XML nested deeper than 64 elements with 400; self-closed and closed elements count down", () => {
    const nested = (levels: number) => "<a>".repeat(levels) + "</a>".repeat(levels);
    expect(xml(nested(MAX_BODY_DEPTH), 1000)).toBeUndefined();
    expect(refusal(xml(nested(MAX_BODY_DEPTH + 1), 1000))).toEqual([
      400,
      "MESSAGE_NOT_WELL_FORMED",
      TOO_DEEP,
    ]);
    expect(xml(`<r>${"<b/>".repeat(100)}</r>`, 1000)).toBeUndefined();
    expect(xml(`<r>${"<b></b>".repeat(100)}</r>`, 1000)).toBeUndefined();
    expect(xml(`${"<a>".repeat(63)}<b/><b/>${"</a>".repeat(63)}`, 1000)).toBeUndefined();
  });

  it("counts an attribute after a quoted value holding an =, in either quote, once", () => {
    expect(xml(`<a b="x=y" c='1'/>`, 3)).toBeUndefined();
    expect(xml(`<a b='x=y' c="1"/>`, 3)).toBeUndefined();
  });

  it("text between XML elements opens nothing", () => {
    expect(xml("<a>x=y/z</a>", 1)).toBeUndefined();
  });
});

describe("media types: _format over Accept, then Accept, then JSON", () => {
  it.each([
    ["json", "application/fhir+json", "json"],
    [" XML ", "application/fhir+xml", "xml"],
    ["application/json", "application/fhir+json", "json"],
    ["application/xml", "application/fhir+xml", "xml"],
    ["text/xml", "application/fhir+xml", "xml"],
    ["application/json+fhir", "application/json+fhir", "json"],
    ["application/xml+fhir", "application/xml+fhir", "xml"],
  ])("_format=%s answers %s", (format, mediaType, kind) => {
    expect(responseType("application/fhir+xml", format)).toEqual({ mediaType, format: kind });
  });

  it("refuses an unknown _format with 400 INVALID_PARAMETER", () => {
    expect(refusal(responseType(undefined, "yaml"))).toEqual([
      400,
      "INVALID_PARAMETER",
      "_format=yaml is not supported; use json, xml or a FHIR media type.",
    ]);
  });

  it("ignores _format when told not to honour it", () => {
    expect(responseType("application/fhir+xml", "yaml", false)).toEqual({
      mediaType: "application/fhir+xml",
      format: "xml",
    });
  });

  it.each([
    ["application/xml+fhir", "application/xml+fhir", "xml"],
    ["text/html, Application/FHIR+XML;q=0.9", "application/fhir+xml", "xml"],
    ["application/json", "application/fhir+json", "json"],
    ["text/xml", "application/fhir+xml", "xml"],
    ["text/html, application/xml;q=0.5", "application/fhir+xml", "xml"],
    ["*/*", "application/fhir+json", "json"],
    [undefined, "application/fhir+json", "json"],
  ])("Accept %s answers %s", (accept, mediaType, kind) => {
    expect(responseType(accept, undefined)).toEqual({ mediaType, format: kind });
  });

  it.each([
    ["application/fhir+json", "json"],
    ["Application/FHIR+XML; charset=utf-8", "xml"],
    ["application/json", "json"],
    [" text/xml ", "xml"],
  ])("reads a %s body as %s", (contentType, format) => {
    expect(requestFormat(contentType)).toBe(format);
  });

  it("refuses a body with another Content-Type or none with 415", () => {
    expect(refusal(requestFormat("text/plain"))).toEqual([
      415,
      "MESSAGE_NOT_WELL_FORMED",
      "Content-Type text/plain is not a FHIR media type; send application/fhir+json or application/fhir+xml.",
    ]);
    expect(refusal(requestFormat(undefined))).toEqual([
      415,
      "MESSAGE_NOT_WELL_FORMED",
      "The request has a body but no Content-Type; send application/fhir+json or application/fhir+xml.",
    ]);
  });
});

describe("id schemes", () => {
  it("sequence: ndop-1, ndop-2; versions 1, 2, 3; a non-number restarts at 1", () => {
    const scheme = idScheme("sequence");
    expect([scheme.consentId(), scheme.consentId()]).toEqual(["ndop-1", "ndop-2"]);
    expect(scheme.firstVersion()).toBe("1");
    expect(scheme.nextVersion("1")).toBe("2");
    expect(scheme.nextVersion("9")).toBe("10");
    expect(scheme.nextVersion("x")).toBe("1");
    expect(idScheme("sequence").consentId()).toBe("ndop-1");
  });

  it("uuid: a fresh UUID for every id and version", () => {
    const scheme = idScheme("uuid");
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids = [scheme.consentId(), scheme.firstVersion(), scheme.nextVersion("1")];
    for (const id of ids) expect(id).toMatch(uuid);
    expect(new Set(ids).size).toBe(3);
  });
});

describe("Spine OperationOutcome", () => {
  it("is one error issue with the Spine coding, display and diagnostics", () => {
    const error = new SpineError(404, "not-found", "NO_RECORD_FOUND", "No Consent with id x.");
    expect(error.message).toBe("404 NO_RECORD_FOUND: No Consent with id x.");
    expect(error.headers).toEqual({});
    expect(operationOutcome(error, "oo-1")).toEqual({
      resourceType: "OperationOutcome",
      id: "oo-1",
      meta: {
        profile: ["https://fhir.nhs.uk/STU3/StructureDefinition/Spine-OperationOutcome-1"],
      },
      issue: [
        {
          severity: "error",
          code: "not-found",
          details: {
            coding: [
              {
                system: SPINE_CODE_SYSTEM,
                code: "NO_RECORD_FOUND",
                display: "No record found",
              },
            ],
          },
          diagnostics: "No Consent with id x.",
        },
      ],
    });
    expect(SPINE_CODE_SYSTEM).toBe(
      "https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1",
    );
  });
});
