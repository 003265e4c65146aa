import { expect, it } from "vitest";
import { NdopValidator } from "../fhir/index.js";
import type { FaultName } from "./faults.js";
import { toWire, type WireStyle } from "./responses.js";

const style: WireStyle = { jsonStyle: "compact", xmlStyle: "plain", charset: true };

it.each([
  [{ mediaType: "application/fhir+json", format: "json" as const }],
  [{ mediaType: "application/fhir+xml", format: "xml" as const }],
])("puts a reply with no resource on the wire with its own headers only, as %j", (type) => {
  const validator = NdopValidator.create();
  const reply = { status: 204, headers: { ETag: 'W/"2"' } };
  expect(toWire(reply, type, new Set<FaultName>(), validator, style)).toStrictEqual({
    status: 204,
    headers: { ETag: 'W/"2"' },
  });
});
