/**
 * npm run bench:hostile (second half) — the worst stall one hostile request causes other clients
 * of the sandbox. The sandbox runs in this process on 127.0.0.1 (so the event-loop delay can be
 * read with perf_hooks); a concurrent client sends cheap GET /metadata requests one after another
 * while each hostile body is POSTed, and its worst latency is the stall another client sees.
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Pool } from "undici";
import { buildSpineHeaders, SANDBOX_IDENTITY } from "../src/client/index.js";
import { DEFAULT_SETTINGS, startSandbox } from "../src/sandbox/index.js";

const MIB = 1024 * 1024;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FHIR = 'xmlns="http://hl7.org/fhir"';
/** The sandbox's default node cap (settings maxBodyNodes): the costliest bodies sit just under it. */
const CAP = DEFAULT_SETTINGS.maxBodyNodes;

/** `open`, `unit` repeated, then `close`: just under 1 MiB. */
function fill(open: string, unit: string, close: string): string {
  const count = Math.floor((MIB - open.length - close.length) / unit.length);
  return `${open}${unit.repeat(count)}${close}`;
}

/** `open`, then `down` n times, `middle`, `up` n times and `close`: just under 1 MiB, balanced. */
function nest(open: string, down: string, middle: string, up: string, close: string): string {
  const count = Math.floor(
    (MIB - open.length - middle.length - close.length) / (down.length + up.length),
  );
  return `${open}${down.repeat(count)}${middle}${up.repeat(count)}${close}`;
}

// Nodes at the cap: the header `{"resourceType":"Consent","extension":[` is 5 JSON nodes and each
// `{"url":…}` 3 (with its comma); `{"resourceType":"Consent",` 3 and each `"k":…` 2; `<Consent
// xmlns>` 2 XML nodes and each `<x a=…/>` 2. The strings fill the rest of the 1 MiB.
const AT_CAP_OBJECTS = Math.floor((CAP - 4) / 3);
const AT_CAP_KEYS = Math.floor((CAP - 2) / 2);
const AT_CAP_ELEMENTS = Math.floor((CAP - 2) / 2);

/** `count` items joined, each with a string long enough to bring the whole near 1 MiB. */
function repeatJoined(
  count: number,
  item: (long: string, index: number) => string,
  separator = ",",
): string {
  const long = "a".repeat(Math.floor(MIB / count) - 40);
  return Array.from({ length: count }, (_, index) => item(long, index)).join(separator);
}

const HOSTILE: [string, string, "json" | "xml"][] = [
  [
    "JSON, many small objects",
    fill('{"resourceType":"Consent","extension":[', '{"url":"a"},', '{"url":"a"}]}'),
    "json",
  ],
  [
    "JSON, at the cap, long urls",
    `{"resourceType":"Consent","extension":[${repeatJoined(AT_CAP_OBJECTS, (long) => `{"url":"${long}"}`)}]}`,
    "json",
  ],
  ["JSON, deep nesting", nest('{"resourceType":"Consent","x":', '{"a":', "1", "}", "}"), "json"],
  ["JSON, deep arrays", nest('{"resourceType":"Consent","x":', "[", "", "]", "}"), "json"],
  ["JSON, one long string", fill('{"resourceType":"Consent","status":"', "a", '"}'), "json"],
  ["JSON, one key repeated", fill('{"resourceType":"Consent"', ',"k":1', "}"), "json"],
  [
    "JSON, many distinct keys",
    `{"resourceType":"Consent",${Array.from({ length: 85_000 }, (_, key) => `"k${key}":1`).join(",")}}`,
    "json",
  ],
  [
    "JSON, at the cap, keys",
    `{"resourceType":"Consent",${repeatJoined(AT_CAP_KEYS, (long, key) => `"k${key}":"${long}"`)}}`,
    "json",
  ],
  ["XML, <x/> elements", fill(`<Consent ${FHIR}>`, "<x/>", "</Consent>"), "xml"],
  [
    "XML, at the cap, long values",
    `<Consent ${FHIR}>${repeatJoined(AT_CAP_ELEMENTS, (long) => `<x a="${long}"/>`, "")}</Consent>`,
    "xml",
  ],
  ["XML, deep nesting", nest(`<Consent ${FHIR}>`, "<x>", "", "</x>", "</Consent>"), "xml"],
  ["XML, many attributes", fill(`<Consent ${FHIR}`, ` a="1"`, "/>"), "xml"],
  [
    "XML, long attribute value",
    fill(`<Consent ${FHIR}><status value="`, "a", '"/></Consent>'),
    "xml",
  ],
];

const sandbox = await startSandbox({ port: 0, host: "127.0.0.1" });
const origin = new URL(sandbox.baseUrl).origin;
const basePath = new URL(sandbox.baseUrl).pathname;
const cheap = new Pool(origin, { connections: 1 });
const hostile = new Pool(origin, { connections: 1 });
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

/** GET /metadata in a loop until `stop` resolves; the worst latency, in ms. */
async function cheapClient(stop: { done: boolean }): Promise<{ worst: number; count: number }> {
  let worst = 0;
  let count = 0;
  while (!stop.done) {
    const started = performance.now();
    const response = await cheap.request({
      method: "GET",
      path: `${basePath}/metadata`,
      headers: {
        Accept: "application/fhir+json",
        ...buildSpineHeaders(SANDBOX_IDENTITY, DEFAULT_SETTINGS.interactionIds.capabilities),
      },
    });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`metadata answered ${response.statusCode}`);
    worst = Math.max(worst, performance.now() - started);
    count += 1;
  }
  return { worst, count };
}

async function postHostile(body: string, format: "json" | "xml"): Promise<number> {
  const response = await hostile.request({
    method: "POST",
    path: `${basePath}/Consent`,
    headers: {
      Accept: "application/fhir+json",
      "Content-Type": `application/fhir+${format}`,
      ...buildSpineHeaders(SANDBOX_IDENTITY, DEFAULT_SETTINGS.interactionIds.create),
    },
    body,
  });
  await response.body.dump();
  return response.statusCode;
}

let overall = 0;
try {
  console.log(
    `sandbox in-process on 127.0.0.1, memory store, strict security; ${ROUNDS} rounds per body; a concurrent client sends GET /metadata back to back`,
  );
  const only = process.env.BENCH_ONLY; // a part of a body's name, to run (and profile) just that one
  for (const [name, body, format] of HOSTILE.filter(([name]) => !only || name.includes(only))) {
    const stop = { done: false };
    await postHostile('{"resourceType":"Consent"}', "json"); // warm both connections
    delay.reset();
    const client = cheapClient(stop);
    const statuses = new Set<number>();
    const started = performance.now();
    for (let round = 0; round < ROUNDS; round += 1) statuses.add(await postHostile(body, format));
    const perRequest = (performance.now() - started) / ROUNDS;
    stop.done = true;
    const { worst, count } = await client;
    const loop = delay.max / 1e6;
    overall = Math.max(overall, worst);
    console.log(
      `${name.padEnd(26)} ${(Buffer.byteLength(body) / 1024).toFixed(0).padStart(5)} KiB  answered ${[...statuses].join("/")} in ${perRequest.toFixed(0).padStart(5)} ms  worst concurrent GET ${worst.toFixed(1).padStart(7)} ms  event-loop delay max ${loop.toFixed(1).padStart(7)} ms  (${count} GETs)`,
    );
  }
  console.log(`worst stall seen by the concurrent client: ${overall.toFixed(1)} ms`);
  if (overall > 100) process.exitCode = 1;
} finally {
  delay.disable();
  await cheap.close();
  await hostile.close();
  await sandbox.close();
}
