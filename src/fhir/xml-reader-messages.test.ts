import { describe, expect, it } from "vitest";
import { FHIR_NS as NS, readStu3 as read } from "../testing/fhir-inputs.js";

/** The issues of XML that was read, one line each: severity, code, rule, layer, location, message. */
function issuesOf(xml: string): string[] {
  const result = read(xml);
  expect(result.ok).toBe(true);
  return result.issues.map(
    (issue) =>
      `${issue.severity} ${issue.code} ${issue.ruleId} ${issue.layer} ${issue.location}: ${issue.message}`,
  );
}

const CONTAINED_ONE =
  "error structure xml-resource-expected base Consent.contained[0]: <contained> must contain exactly one FHIR resource.";

describe("readFhirXml: what it says about XML it reads", () => {
  it.each([
    [
      `<Consent ${NS}><status/></Consent>`,
      "error structure inv-ele-1 base Consent.status: <status> has neither a value attribute nor extensions.",
    ],
    [
      `<Consent ${NS}><status value="active">x</status></Consent>`,
      "error structure xml-unexpected-text base Consent.status: Text content is not allowed in <status>; FHIR XML puts values in value attributes.",
    ],
    [
      `<Consent xmlns="http://x"/>`,
      "error structure xml-namespace parse Consent: The root element is not in the FHIR namespace (http://hl7.org/fhir), so this is not FHIR XML.",
    ],
    [
      `<Consent ${NS}><status value="active"/><meta><versionId value="1"/></meta></Consent>`,
      "error structure xml-element-order base Consent.meta: <meta> comes after <status>, but FHIR XML requires the STU3 definition order (meta before status).",
    ],
    [
      `<Consent ${NS}><status value="active"/><status value="inactive"/></Consent>`,
      "error structure base-cardinality base Consent.status: <status> may appear at most once here.",
    ],
    [
      `<Consent ${NS}><status value="active" foo="1"/></Consent>`,
      'error structure base-unknown-element base Consent.status: Unknown attribute "foo" on <status>.',
    ],
    [
      `<Consent ${NS}><contained><Patient ${NS}/><Patient ${NS}/></contained></Consent>`,
      CONTAINED_ONE,
    ],
    [`<Consent ${NS}><contained><foo/></contained></Consent>`, CONTAINED_ONE],
    [`<Consent ${NS}><contained><Patient xmlns="urn:x"/></contained></Consent>`, CONTAINED_ONE],
  ])("%s", (xml, issue) => {
    expect(issuesOf(xml)).toEqual([issue]);
  });

  it("names an unknown element, and its namespace when that is not FHIR's", () => {
    const xml = `<Consent ${NS}><foo value="1"/><x:bar xmlns:x="urn:x" value="1"/></Consent>`;
    expect(issuesOf(xml)).toEqual([
      "error structure base-unknown-element base Consent.foo: Unknown element <foo>: it is not part of Consent in FHIR STU3.",
      'error structure base-unknown-element base Consent.bar: Unknown element <bar> in namespace "urn:x": it is not part of Consent in FHIR STU3.',
    ]);
  });

  it("accepts a resource contained once, in the FHIR namespace", () => {
    expect(issuesOf(`<Consent ${NS}><contained><Patient ${NS}/></contained></Consent>`)).toEqual(
      [],
    );
  });

  it("keeps the first 1,000 issues and counts the rest", () => {
    const xml = `<Consent ${NS}>${'<foo value="1"/>'.repeat(1002)}</Consent>`;
    const result = read(xml);
    expect(result.ok && result.issues.length).toBe(1000);
    expect(result.ok && result.dropped).toEqual({ total: 2, blocking: 2 });
  });
});

describe("readFhirXml: roots it refuses", () => {
  it("refuses an unknown root element as unreadable", () => {
    expect(read(`<Foo ${NS}/>`)).toStrictEqual({
      ok: false,
      format: "xml",
      issues: [
        {
          severity: "fatal",
          code: "structure",
          location: "Foo",
          message: "<Foo> is not a FHIR STU3 resource type.",
          ruleId: "unknown-resource-type",
          layer: "parse",
        },
      ],
    });
  });

  it("reads a root in the wrong case but judges it invalid", () => {
    expect(read(`<consent ${NS}/>`)).toStrictEqual({
      ok: false,
      format: "xml",
      readable: true,
      issues: [
        {
          severity: "error",
          code: "invalid",
          location: "resourceType",
          message:
            "<consent> is not a FHIR STU3 resource type; resource types are case-sensitive (did you mean <Consent>?).",
          ruleId: "resource-type-case",
          layer: "parse",
        },
      ],
    });
  });
});

describe("readFhirXml: XML refused before it is judged", () => {
  const refusal = (ruleId: string, message: string) => ({
    ok: false,
    format: "xml",
    issues: [
      { severity: "fatal", code: "structure", location: "", message, ruleId, layer: "parse" },
    ],
  });

  it("refuses a DOCTYPE, so that no entity is ever expanded", () => {
    expect(read(`<!DOCTYPE x [<!ENTITY a "b">]><Consent ${NS}/>`)).toStrictEqual(
      refusal(
        "xml-doctype",
        "XML with a DOCTYPE or entity declaration is refused: FHIR XML may not carry a DTD, and entities are never expanded.",
      ),
    );
  });

  it("refuses elements nested too deeply", () => {
    const nested = `${'<extension url="x">'.repeat(130)}${"</extension>".repeat(130)}`;
    expect(read(`<Consent ${NS}>${nested}</Consent>`)).toStrictEqual(
      refusal("parse-depth", "The XML is nested too deeply."),
    );
  });

  it("reads 100,000 elements and refuses more", () => {
    const policies = (count: number) =>
      `<Consent ${NS}>${'<policy><uri value="a"/></policy>'.repeat(count)}</Consent>`;
    expect(read(policies(50_000)).ok).toBe(true);
    expect(read(policies(50_001))).toStrictEqual(
      refusal(
        "too-many-elements",
        "The resource holds more than 100,000 XML elements; it is refused as too costly to judge.",
      ),
    );
  });
});
