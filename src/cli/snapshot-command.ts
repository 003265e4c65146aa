import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { ConformanceError } from "../errors/index.js";
import { NdopValidator, SnapshotGenerator } from "../fhir/index.js";
import { ExitCode } from "./exit-codes.js";

interface SnapshotFlags {
  profilesDir?: string;
  out: string;
}

export function snapshotCommand(setExitCode: (code: ExitCode) => void): Command {
  return new Command("snapshot")
    .description(
      "Generate the snapshots of the loaded profiles from their differentials against the STU3 base.",
    )
    .option(
      "--profiles-dir <dir>",
      "profiles to snapshot instead of the project's (also NDOP_PROFILES_DIR)",
    )
    .requiredOption(
      "--out <dir>",
      "where to write StructureDefinition-<name>.json files with snapshots",
    )
    .action((flags: SnapshotFlags) => {
      const { profileSet } = NdopValidator.create(
        flags.profilesDir ? { profilesDir: flags.profilesDir } : {},
      );
      const definitions = profileSet.definitions();
      const generator = new SnapshotGenerator(definitions);
      try {
        mkdirSync(flags.out, { recursive: true });
      } catch (cause) {
        throw new ConformanceError("FILE_UNREADABLE", `Cannot create ${flags.out}.`, {}, { cause });
      }
      for (const definition of definitions.values()) {
        const withSnapshot = generator.generate({ ...definition, snapshot: undefined });
        const name = definition.url.slice(definition.url.lastIndexOf("/") + 1);
        const file = join(flags.out, `StructureDefinition-${name}.json`);
        writeFileSync(file, `${JSON.stringify(withSnapshot, null, 2)}\n`);
        process.stdout.write(`${file}: ${withSnapshot.snapshot?.element.length ?? 0} elements\n`);
      }
      setExitCode(ExitCode.Passed);
    });
}
