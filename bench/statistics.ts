/** The statistics the benches report: medians, and the quartiles of a middle half. */

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The value a `fraction` of the way up the sorted values (0.25, 0.5 and 0.75 for quartiles). */
export function quantile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number;
}

/** The median of the values (the nearest rank, as `quantile`) and the middle half around it. */
export interface MiddleHalf {
  median: number;
  low: number;
  high: number;
}

export function middleHalf(values: number[]): MiddleHalf {
  return {
    median: quantile(values, 0.5),
    low: quantile(values, 0.25),
    high: quantile(values, 0.75),
  };
}

/**
 * Round by round, `mine` less `theirs` (the same round of each): the median difference and the
 * middle half. Runs of one round see the same machine, where each side's own median may not.
 */
export function pairedDifference(mine: readonly number[], theirs: readonly number[]): MiddleHalf {
  if (mine.length !== theirs.length || mine.length === 0)
    throw new Error(`paired rounds need as many of each side: ${mine.length} and ${theirs.length}`);
  return middleHalf(mine.map((value, round) => value - (theirs[round] as number)));
}
