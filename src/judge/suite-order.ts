/**
 * The order a run takes its suites in: create first, then by name. The create suite's new
 * patients' Consents are the ones the rest of the run reuses (README, "Test patients"), so a full
 * run spends no patient beyond them and concurrent runs each reuse their own.
 */
export function suiteOrder(suites: readonly string[]): string[] {
  const rank = (suite: string) => `${suite === "create" ? 0 : 1}${suite}`;
  return [...suites].sort((a, b) => rank(a).localeCompare(rank(b)));
}
