import { describe, expect, it } from "vitest";
import { type JsonObject, SPINE_OUTCOME_PROFILE } from "../fhir/index.js";
import { consentFor, send, withTestSandbox } from "../testing/index.js";

/** The serialisation freedoms of the sandbox variants (settings jsonStyle, xmlStyle, charset). */

/** Whether `indented` has the keys of `compact` in reverse order, at every depth. */
function keysReversed(compact: unknown, indented: unknown): boolean {
  if (Array.isArray(compact) !== Array.isArray(indented)) return false;
  if (Array.isArray(compact))
    return compact.every((item, index) => keysReversed(item, (indented as unknown[])[index]));
  // Leaves may differ (the two sandboxes listen on different ports): only the shape is compared.
  if (compact === null || typeof compact !== "object") return typeof compact === typeof indented;
  const keys = Object.keys(compact);
  const other = indented as Record<string, unknown>;
  return (
    JSON.stringify(Object.keys(other)) === JSON.stringify([...keys].reverse()) &&
    keys.every((key) => keysReversed((compact as JsonObject)[key], other[key]))
  );
}

const NARRATIVE = {
  status: "generated",
  div: '<div xmlns="http://www.w3.org/1999/xhtml"><p>Opted out</p></div>',
};

describe("jsonStyle indented-reordered", () => {
  it("indents by two spaces and reverses every object's keys, arrays kept in order", async () => {
    const compact = await withTestSandbox({}, (plain) => send(plain, "GET", "/metadata"));
    const indented = await withTestSandbox({ jsonStyle: "indented-reordered" }, (variant) =>
      send(variant, "GET", "/metadata"),
    );
    expect(compact.text.startsWith('{"')).toBe(true);
    expect(indented.text).toBe(JSON.stringify(JSON.parse(indented.text), null, 2));
    expect(keysReversed(JSON.parse(compact.text), JSON.parse(indented.text))).toBe(true);
  });
});

describe("xmlStyle prefixed-indented", () => {
  it("binds the FHIR namespace to f: and breaks the line between elements", async () => {
    const answer = await withTestSandbox({ xmlStyle: "prefixed-indented" }, (variant) =>
      send(variant, "GET", "/nothing-here", { format: "xml" }),
    );
    expect(answer.text.replace(/<f:id value="[^"]+"\/>/, '<f:id value="ID"/>')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<f:OperationOutcome xmlns:f="http://hl7.org/fhir">',
        '  <f:id value="ID"/>',
        "  <f:meta>",
        `  <f:profile value="${SPINE_OUTCOME_PROFILE}"/>`,
        "  </f:meta>",
        "  <f:issue>",
        '  <f:severity value="error"/>',
        '  <f:code value="not-found"/>',
        "  <f:details>",
        "  <f:coding>",
        '  <f:system value="https://fhir.nhs.uk/STU3/CodeSystem/Spine-ErrorOrWarningCode-1"/>',
        '  <f:code value="INVALID_REQUEST_TYPE"/>',
        '  <f:display value="The type of request is not supported by the API call"/>',
        "  </f:coding>",
        "  </f:details>",
        '  <f:diagnostics value="/STU3/nothing-here is not an NDOP API path."/>',
        "  </f:issue>",
        "  </f:OperationOutcome>",
      ].join("\n"),
    );
    // The project's reader takes it as a valid OperationOutcome.
    expect(answer.validation?.valid).toBe(true);
  });

  it("leaves a resource with XHTML narrative unprefixed, one element a line", async () => {
    const answer = await withTestSandbox({ xmlStyle: "prefixed-indented" }, (variant) => {
      const stored = variant.seed({ ...consentFor(), text: NARRATIVE });
      const path = `/Consent/${stored.id}/_history/${stored.versionId}`;
      return send(variant, "GET", path, { format: "xml", interaction: "vread" });
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.text).toContain(
      '<div xmlns="http://www.w3.org/1999/xhtml">\n<p>Opted out</p>\n</div>',
    );
    expect(answer.text).toContain('?>\n<Consent xmlns="http://hl7.org/fhir">\n<id value=');
    expect(answer.text).not.toContain("<f:");
    expect(answer.text).not.toContain("><");
  });
});

describe("charset false", () => {
  it("sends the media type without a charset parameter, in both formats", async () => {
    const [json, xml] = await withTestSandbox({ charset: false }, (variant) =>
      Promise.all([
        send(variant, "GET", "/metadata"),
        send(variant, "GET", "/metadata", { format: "xml" }),
      ]),
    );
    expect([json.headers["content-type"], xml.headers["content-type"]]).toEqual([
      "application/fhir+json",
      "application/fhir+xml",
    ]);
  });
});

describe("fault json-when-xml-asked", () => {
  it("answers JSON, labelled JSON, to a client that asked for XML", async () => {
    const answer = await withTestSandbox({ faults: ["json-when-xml-asked"] }, (variant) =>
      send(variant, "GET", "/metadata", { format: "xml" }),
    );
    expect(answer.headers["content-type"]).toBe("application/fhir+json; charset=utf-8");
    expect(answer.text.startsWith('{"resourceType":"CapabilityStatement"')).toBe(true);
  });
});
