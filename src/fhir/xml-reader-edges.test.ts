import { describe, expect, it } from "vitest";
import {
  FHIR_NS as NS,
  readStu3 as read,
  unplacedIssue as unplaced,
} from "../testing/fhir-inputs.js";

describe("readFhirXml: what it reads, and what it leaves out", () => {
  it("keeps the first of two resources in one <contained>, not the second", () => {
    const patient = (id: string) => `<Patient ${NS}><id value="${id}"/></Patient>`;
    const result = read(
      `<Consent ${NS}><contained>${patient("a")}${patient("b")}</contained></Consent>`,
    );
    expect(result).toStrictEqual({
      ok: true,
      format: "xml",
      resource: { resourceType: "Consent", contained: [{ resourceType: "Patient", id: "a" }] },
      issues: [
        unplaced(
          "xml-resource-expected",
          "Consent.contained[0]",
          "<contained> must contain exactly one FHIR resource.",
        ),
      ],
      dropped: { total: 0, blocking: 0 },
    });
  });

  it("takes no element named like a JSON _ twin for a property", () => {
    const result = read(`<Consent ${NS}><_status value="active"/></Consent>`);
    expect(result.ok && result.resource).toStrictEqual({ resourceType: "Consent" });
    expect(result.issues).toStrictEqual([
      unplaced(
        "base-unknown-element",
        "Consent._status",
        "Unknown element <_status>: it is not part of Consent in FHIR STU3.",
      ),
    ]);
  });

  it("takes a div in a namespace other than XHTML for an unknown element", () => {
    const result = read(
      `<Consent ${NS}><text><status value="generated"/><div xmlns="urn:x">x</div></text></Consent>`,
    );
    expect(result.ok && result.resource).toStrictEqual({
      resourceType: "Consent",
      text: { status: "generated" },
    });
    expect(result.issues).toStrictEqual([
      unplaced(
        "base-unknown-element",
        "Consent.text.div",
        'Unknown element <div> in namespace "urn:x": it is not part of Consent in FHIR STU3.',
      ),
    ]);
  });

  it("lets a primitive hold extensions only: its id is an attribute, not a child", () => {
    const result = read(`<Consent ${NS}><status value="active"><id value="s"/></status></Consent>`);
    expect(result.ok && result.resource).toStrictEqual({
      resourceType: "Consent",
      status: "active",
    });
    expect(result.issues).toStrictEqual([
      unplaced(
        "base-unknown-element",
        "Consent.status.id",
        "Unknown element <id>: it is not part of Consent in FHIR STU3.",
      ),
    ]);
  });

  it("puts a repeated primitive's ids and extensions in a _ twin array, null where there are none", () => {
    const given =
      '<given value="a"/><given id="g2"><extension url="u"><valueString value="v"/></extension></given><given id="g3" value="c"/>';
    const result = read(`<Patient ${NS}><name>${given}</name></Patient>`);
    expect(result.issues).toStrictEqual([]);
    expect(result.ok && result.resource).toStrictEqual({
      resourceType: "Patient",
      name: [
        {
          given: ["a", null, "c"],
          _given: [null, { id: "g2", extension: [{ url: "u", valueString: "v" }] }, { id: "g3" }],
        },
      ],
    });
  });

  it("refuses, in saxes's words, a document with no root element", () => {
    expect(read("<!-- c -->")).toStrictEqual({
      ok: false,
      format: "xml",
      issues: [
        {
          severity: "fatal",
          code: "structure",
          location: "",
          message: "The XML is not well-formed: 1:10: document must contain a root element.",
          ruleId: "parse-xml",
          layer: "parse",
        },
      ],
    });
  });

  it("ends saxes's message with one full stop, keeping the dots inside it", () => {
    expect(
      read(`<Consent ${NS} xmlns:xml="urn:x"/>`).issues.map((issue) => issue.message),
    ).toStrictEqual([
      "The XML is not well-formed: 1:54: xml prefix must be bound to http://www.w3.org/XML/1998/namespace.",
    ]);
  });
});
