import { describe, expect, it } from "vitest";
import {
  FHIR_NS as NS,
  readStu3 as read,
  unplacedIssue as unplaced,
} from "../testing/fhir-inputs.js";

/** A refusal of XML: one fatal parse issue. */
const refused = (ruleId: string, message: string) => ({
  ok: false,
  format: "xml",
  issues: [{ severity: "fatal", code: "structure", location: "", message, ruleId, layer: "parse" }],
});

describe("readFhirXml: attributes of complex elements", () => {
  it("reads id on any complex element, url on an extension only", () => {
    const result = read(
      `<Consent ${NS}><meta id="m"><versionId value="1"/></meta><extension id="e" url="http://x"><valueString value="v"/></extension><period url="http://y"><start value="2020"/></period></Consent>`,
    );
    expect(result).toStrictEqual({
      ok: true,
      format: "xml",
      resource: {
        resourceType: "Consent",
        meta: { id: "m", versionId: "1" },
        extension: [{ id: "e", url: "http://x", valueString: "v" }],
        period: { start: "2020" },
      },
      issues: [
        unplaced("base-unknown-element", "Consent.period", 'Unknown attribute "url" on <period>.'),
      ],
      dropped: { total: 0, blocking: 0 },
    });
  });

  it("reads an <id> child of a complex element, first in order, with no order issue", () => {
    expect(
      read(`<Consent ${NS}><meta><id value="m"/><versionId value="1"/></meta></Consent>`),
    ).toStrictEqual({
      ok: true,
      format: "xml",
      resource: { resourceType: "Consent", meta: { id: "m", versionId: "1" } },
      issues: [],
      dropped: { total: 0, blocking: 0 },
    });
  });

  it("counts a primitive that held only an id as present: a second one is one too many", () => {
    const result = read(`<Consent ${NS}><status id="s"/><status value="active"/></Consent>`);
    expect(result.ok && result.resource).toStrictEqual({
      resourceType: "Consent",
      _status: { id: "s" },
    });
    expect(result.issues).toStrictEqual([
      unplaced("base-cardinality", "Consent.status", "<status> may appear at most once here."),
    ]);
  });
});

describe("readFhirXml: depth, malformed XML and CDATA", () => {
  const nested = (levels: number, before = "") =>
    `<Consent ${NS}>${before}${'<extension url="x">'.repeat(levels)}${"</extension>".repeat(levels)}</Consent>`;

  it("reads 128 nested XML elements (then refused as JSON too deep), refuses 129 as XML", () => {
    expect(read(nested(127))).toStrictEqual(
      refused("parse-depth", "The resource nests deeper than 64 levels."),
    );
    expect(read(nested(128))).toStrictEqual(
      refused("parse-depth", "The XML is nested too deeply."),
    );
  });

  it("reports malformed XML as such, even when it nests too deeply after the fault", () => {
    expect(read(nested(130, "&bogus;"))).toStrictEqual(
      refused("parse-xml", "The XML is not well-formed: 1:44: undefined entity."),
    );
  });

  it("keeps CDATA text in the narrative", () => {
    const result = read(
      `<Consent ${NS}><text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml"><![CDATA[a<b]]></div></text></Consent>`,
    );
    expect(result).toStrictEqual({
      ok: true,
      format: "xml",
      resource: {
        resourceType: "Consent",
        text: {
          status: "generated",
          div: '<div xmlns="http://www.w3.org/1999/xhtml">a&lt;b</div>',
        },
      },
      issues: [],
      dropped: { total: 0, blocking: 0 },
    });
  });
});
