import { expect, it } from "vitest";
import { checkBodyShape } from "./body-shape.js";

it("answers 413 when commas pass the node cap, even if a bracket after them would nest too deep", () => {
  const body = `${"[".repeat(64)}${"1,".repeat(10)}[`;
  const refusal = checkBodyShape(Buffer.from(body), "json", 70);
  expect(refusal && [refusal.status, refusal.spineCode, refusal.diagnostics]).toStrictEqual([
    413,
    "MESSAGE_NOT_WELL_FORMED",
    "The body has more than 70 JSON objects, arrays, members and items; an NDOP Consent has about 60.",
  ]);
});
