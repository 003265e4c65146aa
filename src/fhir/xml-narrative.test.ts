import { describe, expect, it } from "vitest";
import { loadBaseDefinitions } from "./base-definitions.js";
import { readResource } from "./resource-reader.js";

const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

/** The narrative div of a Consent written in FHIR XML, as the reader hands it back in JSON. */
function divOf(div: string): unknown {
  const xml = `<Consent xmlns="http://hl7.org/fhir"><text><status value="generated"/>${div}</text></Consent>`;
  const read = readResource(xml, loadBaseDefinitions().parser.parsedStructureDefinitions);
  expect(read.issues).toEqual([]);
  return read.ok ? (read.resource.text as { div?: unknown }).div : undefined;
}

describe("XhtmlWriter (through the XML reader): the narrative as text", () => {
  it("writes tags, attributes, text and empty elements back, escaped", () => {
    const div = `<div ${XHTML}><p class="a&quot;b" id="p1">x &amp; y &lt; z<br/></p><span></span></div>`;
    expect(divOf(div)).toBe(
      `<div ${XHTML}><p class="a&quot;b" id="p1">x &amp; y &lt; z<br/></p><span/></div>`,
    );
  });

  it("keeps every tag of a narrative with thousands of them", () => {
    const breaks = "<br/>".repeat(3000);
    expect(divOf(`<div ${XHTML}><p>${breaks}</p></div>`)).toBe(
      `<div ${XHTML}><p>${breaks}</p></div>`,
    );
  });
});

describe("the narrative div's namespace", () => {
  it("refuses a div in the FHIR namespace and an XHTML element in place of a FHIR one", () => {
    const model = loadBaseDefinitions().parser.parsedStructureDefinitions;
    const xml = (text: string) => `<Consent xmlns="http://hl7.org/fhir">${text}</Consent>`;
    const inFhir = readResource(
      xml('<text><status value="generated"/><div><p>x</p></div></text>'),
      model,
    );
    expect(
      inFhir.issues.map((issue) => `${issue.ruleId} ${issue.location}: ${issue.message}`),
    ).toEqual([
      "xml-namespace Consent.text.div: <div> must be in the XHTML namespace (http://www.w3.org/1999/xhtml).",
    ]);
    const xhtmlStatus = readResource(xml(`<status ${XHTML} value="active"/>`), model);
    expect(xhtmlStatus.issues.map((issue) => `${issue.ruleId} ${issue.location}`)).toEqual([
      "base-unknown-element Consent.status",
    ]);
  });
});
