/** A Markdown table cell: its pipes escaped. */
export const cell = (text: string): string => text.replaceAll("|", "\\|");

/** A Markdown table with its columns padded to one width, as the formatter (Biome) writes it. */
export function alignedTable([header, ...rows]: string[][]): string {
  const widths = (header ?? []).map((_, column) =>
    Math.max(3, ...[header, ...rows].map((row) => row?.[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((text, i) => text.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [
    line(header ?? []),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
  ].join("\n");
}
