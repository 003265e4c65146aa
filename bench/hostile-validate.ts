/**
 * npm run bench:hostile (first half) — worst peak memory and time of `validate` on hostile input,
 * measured, not asserted. Each file is validated by the built CLI in its own process, measured by
 * /usr/bin/time (peak resident set size, wall time). "over baseline" subtracts the peak of
 * validating the small valid Consent: the cost of the input itself, to compare with its size.
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { builtCli } from "./built-cli.js";

const root = fileURLToPath(new URL("../", import.meta.url));
const cli = builtCli(root);
const TIME = "/usr/bin/time";
const MB = 1024 * 1024;
const TEN_MB = 10 * MB;

interface Measure {
  name: string;
  bytes: number;
  exit: number | null;
  peakMb: number;
  seconds: number;
}

/** Repeats `unit` between `head` and `tail` until the whole is just under `size` bytes. */
function filled(head: string, unit: string, separator: string, tail: string, size: number): string {
  const count = Math.floor((size - head.length - tail.length) / (unit.length + separator.length));
  return `${head}${Array(count).fill(unit).join(separator)}${tail}`;
}

const CONSENT_XML = '<Consent xmlns="http://hl7.org/fhir">';

function hostileFiles(dir: string): [string, string][] {
  const write = (name: string, content: string): [string, string] => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return [name, path];
  };
  const link = join(dir, "dev-zero.json");
  symlinkSync("/dev/zero", link);
  const fifo = join(dir, "fifo.json");
  spawnSync("mkfifo", [fifo]);
  mkdirSync(join(dir, "folder.json"));
  return [
    write("xml-10mb-unknown-elements.xml", filled(CONSENT_XML, "<x/>", "", "</Consent>", TEN_MB)),
    write(
      "xml-10mb-extensions.xml",
      filled(
        CONSENT_XML,
        '<extension url="u"><valueString value="v"/></extension>',
        "",
        "</Consent>",
        TEN_MB,
      ),
    ),
    write(
      "xml-96k-elements-under-cap.xml",
      `${CONSENT_XML}${'<extension url="u"><valueString value="v"/></extension>'.repeat(48_000)}</Consent>`,
    ),
    write(
      "json-10mb-empty-objects.json",
      filled('{"resourceType":"Consent","extension":[', "{}", ",", "]}", TEN_MB),
    ),
    write(
      "json-10mb-number-array.json",
      filled('{"resourceType":"Consent","extension":[', "1", ",", "]}", TEN_MB),
    ),
    write(
      "json-10mb-unknown-properties.json",
      `{"resourceType":"Consent",${Array.from({ length: 700_000 }, (_, i) => `"p${i}":1`).join(",")}}`,
    ),
    write(
      "json-96k-values-under-cap.json",
      `{"resourceType":"Consent","extension":[${Array(32_000).fill('{"url":"u","valueString":"v"}').join(",")}]}`,
    ),
    write(
      "json-10mb-one-string.json",
      `{"resourceType":"Consent","status":"${"a".repeat(TEN_MB - 50)}"}`,
    ),
    ["symlink to /dev/zero", link],
    ["FIFO", fifo],
    ["directory", join(dir, "folder.json")],
  ];
}

function measure(name: string, path: string): Measure {
  const run = spawnSync(TIME, ["-f", "%M %e", process.execPath, cli, "validate", path], {
    encoding: "utf8",
    maxBuffer: 256 * MB,
    timeout: 300_000,
  });
  const last = run.stderr.trim().split("\n").at(-1) ?? "";
  const [kilobytes, seconds] = last.split(" ").map(Number);
  const bytes = /\.(json|xml)$/.test(name) ? statSync(path).size : 0;
  return { name, bytes, exit: run.status, peakMb: (kilobytes ?? 0) / 1024, seconds: seconds ?? 0 };
}

function main(): void {
  if (!existsSync(cli)) throw new Error("dist/ is missing: run npm run build first.");
  if (!existsSync(TIME)) throw new Error(`${TIME} is needed to measure peak memory.`);
  const dir = mkdtempSync(join(tmpdir(), "ndop-hostile-validate-"));
  try {
    const baseline = measure("valid Consent (baseline)", `${root}fixtures/validation/consent.json`);
    const results = hostileFiles(dir).map(([name, path]) => measure(name, path));
    console.log("validate on hostile input (built CLI, one process each, /usr/bin/time):");
    console.log(
      `  baseline: valid Consent  peak ${baseline.peakMb.toFixed(0)} MB  ${baseline.seconds.toFixed(2)} s`,
    );
    for (const result of results) {
      const over = result.peakMb - baseline.peakMb;
      const ratio =
        result.bytes > 0 ? `  ${(over / (result.bytes / MB)).toFixed(1)}x its size` : "";
      console.log(
        `  ${result.name.padEnd(36)} ${(result.bytes / MB).toFixed(1).padStart(5)} MB  exit ${result.exit}  peak ${result.peakMb.toFixed(0).padStart(4)} MB (+${over.toFixed(0)} MB${ratio})  ${result.seconds.toFixed(2)} s`,
      );
    }
    const worstMemory = results.reduce((a, b) => (b.peakMb > a.peakMb ? b : a));
    const worstTime = results.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    console.log(`  worst peak memory: ${worstMemory.peakMb.toFixed(0)} MB (${worstMemory.name})`);
    console.log(`  worst time: ${worstTime.seconds.toFixed(2)} s (${worstTime.name})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
