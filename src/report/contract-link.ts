import { ConformanceError } from "../errors/index.js";

/**
 * The contract the reports cite: docs/contract.md installed with the tool (src/report and
 * dist/report both sit two folders below the project root), unless NDOP_CONTRACT_URL names
 * another copy (a team's intranet page, a repository's web view).
 */
export function contractBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.NDOP_CONTRACT_URL;
  if (configured === undefined || configured === "")
    return new URL("../../docs/contract.md", import.meta.url).href;
  if (!URL.canParse(configured) || configured.includes("#"))
    throw new ConformanceError(
      "CONFIG_INVALID",
      `NDOP_CONTRACT_URL must be an absolute URL of the contract document without a #fragment, not "${configured}".`,
      { setting: "NDOP_CONTRACT_URL" },
    );
  return configured;
}

/** A requirement's section of the contract: its stable anchor, `#section-<n>`. */
export function contractSectionUrl(section: string, base = contractBaseUrl()): string {
  return `${base}#section-${section}`;
}
