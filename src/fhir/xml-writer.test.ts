import { describe, expect, it } from "vitest";
import { escapeXml } from "./xml-text.js";
import { writeFhirXml } from "./xml-writer.js";

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** Writes one resource and returns its XML without the declaration, which every test shares. */
function written(resource: Record<string, unknown>): string {
  const xml = writeFhirXml(resource);
  expect(xml.startsWith(DECLARATION)).toBe(true);
  return xml.slice(DECLARATION.length);
}

describe("escapeXml", () => {
  it("escapes each of & < > and a double quote", () => {
    expect(escapeXml(`a&b<c>d"e'`)).toBe("a&amp;b&lt;c&gt;d&quot;e'");
  });
});

describe("writeFhirXml", () => {
  it("writes a resource's id as a child and an element's or extension's id as an attribute", () => {
    const xml = written({
      resourceType: "Consent",
      id: "c&1",
      meta: { id: "m1", profile: ['a<b>"c"'] },
      extension: [{ id: "e1", url: "http://u", valueString: "v" }],
    });
    expect(xml).toBe(
      '<Consent xmlns="http://hl7.org/fhir"><id value="c&amp;1"/>' +
        '<meta id="m1"><profile value="a&lt;b&gt;&quot;c&quot;"/></meta>' +
        '<extension id="e1" url="http://u"><valueString value="v"/></extension></Consent>',
    );
  });

  it("writes a url attribute only on extensions, and a non-string url or id as a child", () => {
    const xml = written({
      resourceType: "Consent",
      modifierExtension: [{ url: "http://m", valueBoolean: true }],
      extension: [{ url: 5 }],
      period: { id: 7 },
      sourceAttachment: { url: "http://att" },
    });
    expect(xml).toBe(
      '<Consent xmlns="http://hl7.org/fhir">' +
        '<modifierExtension url="http://m"><valueBoolean value="true"/></modifierExtension>' +
        '<extension><url value="5"/></extension><period><id value="7"/></period>' +
        '<sourceAttachment><url value="http://att"/></sourceAttachment></Consent>',
    );
  });

  it("writes a primitive's id and extensions from its _ twin, also when it has no value", () => {
    const xml = written({
      resourceType: "Consent",
      status: "active",
      _status: { id: "s1", extension: [{ url: "http://x", valueCode: "y" }] },
      _dateTime: { extension: [{ url: "http://d" }] },
      period: { start: null },
    });
    expect(xml).toBe(
      '<Consent xmlns="http://hl7.org/fhir">' +
        '<status id="s1" value="active"><extension url="http://x"><valueCode value="y"/></extension></status>' +
        '<period><start/></period><dateTime><extension url="http://d"></extension></dateTime></Consent>',
    );
  });

  it("pairs each item of a repeated primitive with the same item of its _ twin", () => {
    const xml = written({
      resourceType: "Consent",
      policy: ["p1", "p2"],
      _policy: [null, { id: "q" }],
    });
    expect(xml).toBe(
      '<Consent xmlns="http://hl7.org/fhir"><policy value="p1"/><policy id="q" value="p2"/></Consent>',
    );
  });

  it("writes a primitive's extensions one after another", () => {
    const xml = written({
      resourceType: "Consent",
      _status: { extension: [{ url: "http://a" }, { url: "http://b" }] },
    });
    expect(xml).toBe(
      '<Consent xmlns="http://hl7.org/fhir"><status>' +
        '<extension url="http://a"></extension><extension url="http://b"></extension></status></Consent>',
    );
  });

  it("writes a div that is not a string as an element, not as narrative text", () => {
    const xml = written({ resourceType: "Consent", text: { div: 5 } });
    expect(xml).toBe(
      '<Consent xmlns="http://hl7.org/fhir"><text><div value="5"/></text></Consent>',
    );
  });

  it("copies the narrative div as it stands and nests a contained resource in its own namespace", () => {
    const div = '<div xmlns="http://www.w3.org/1999/xhtml">x &amp; y</div>';
    const xml = written({
      resourceType: "Consent",
      text: { status: "generated", div },
      contained: [{ resourceType: "Patient", id: "p" }],
    });
    expect(xml).toBe(
      `<Consent xmlns="http://hl7.org/fhir"><text><status value="generated"/>${div}</text>` +
        '<contained><Patient xmlns="http://hl7.org/fhir"><id value="p"/></Patient></contained></Consent>',
    );
  });
});
