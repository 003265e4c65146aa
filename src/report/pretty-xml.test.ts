import { describe, expect, it } from "vitest";
import { prettyXml } from "./pretty-xml.js";

describe("XML made readable", () => {
  it("keeps the XML declaration, with its encoding when it has one", () => {
    expect(prettyXml('<?xml version="1.0" encoding="UTF-8"?><a/>')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<a/>',
    );
    expect(prettyXml('<?xml version="1.1"?><a/>')).toBe('<?xml version="1.1"?>\n<a/>');
  });

  it("puts each nested element on its own line, two spaces deeper than its parent", () => {
    expect(prettyXml("<a><b><c/><d><e>1</e></d></b><f/></a>")).toBe(
      [
        "<a>",
        "  <b>",
        "    <c/>",
        "    <d>",
        "      <e>1</e>",
        "    </d>",
        "  </b>",
        "  <f/>",
        "</a>",
      ].join("\n"),
    );
  });

  it("drops the layout whitespace between elements and around the root", () => {
    expect(prettyXml("\n<a>\n    <b>x</b>\n  <c> y </c>\n</a>\n")).toBe(
      ["<a>", "  <b>x</b>", "  <c> y </c>", "</a>"].join("\n"),
    );
  });

  it("keeps comments, inside and outside the root element", () => {
    expect(prettyXml("<!-- first --><a><!-- only child --></a>")).toBe(
      ["<!-- first -->", "<a>", "  <!-- only child -->", "</a>"].join("\n"),
    );
  });

  it("keeps every attribute and escapes text and attribute values again", () => {
    expect(prettyXml('<a b="x &quot;y&quot;" c="&lt;&amp;">1 &lt; 2 &amp; 3</a>')).toBe(
      '<a b="x &quot;y&quot;" c="&lt;&amp;">1 &lt; 2 &amp; 3</a>',
    );
  });

  it("is undefined for text that is not well-formed XML", () => {
    expect(prettyXml("<a><b></a>")).toBe(undefined);
    expect(prettyXml("<a>")).toBe(undefined);
  });
});
