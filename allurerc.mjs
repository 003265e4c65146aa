/**
 * Allure 3 configuration for `ndop-conformance report` (which passes it with --config and sets
 * the report's name, "NDOP conformance — <environment> — <date>", with --report-name).
 *
 * - One self-contained HTML file (singleFile): it opens from file://, can be mailed or kept as a
 *   CI artifact, and needs no server.
 * - The tree groups checks by epic (the API), feature (the suite) and story (the fixture).
 * - Failures fall into categories by what kind of problem they are; the first rule that matches
 *   wins. The suite labels each check `level` (SHALL/SHOULD) and, when it did not simply pass or
 *   fail, `outcome` (warning/blocked).
 */
export default {
  name: "NDOP conformance",
  plugins: {
    awesome: {
      options: {
        singleFile: true,
        groupBy: ["epic", "feature", "story"],
        reportLanguage: "en",
      },
    },
  },
  categories: [
    {
      id: "transport",
      name: "Transport: the target gave no answer",
      matchers: { statuses: ["failed", "broken"], message: /got no answer|timed out|ECONNREFUSED/ },
    },
    {
      id: "contract-breach",
      name: "Contract breach: a SHALL is broken",
      matchers: { statuses: ["failed"], labels: { level: "SHALL" } },
    },
    {
      id: "strict-warning",
      name: "A SHOULD is broken (failed under --strict)",
      matchers: { statuses: ["failed"], labels: { level: "SHOULD" } },
    },
    {
      id: "blocked",
      name: "Blocked: a setup step failed, nothing judged",
      matchers: { labels: { outcome: "blocked" } },
    },
    {
      id: "warning",
      name: "Warnings: passed, but a SHOULD or a validator warning",
      matchers: { statuses: ["passed"], labels: { outcome: "warning" } },
    },
    {
      id: "tool-error",
      name: "Tool errors: the check itself broke",
      matchers: { statuses: ["broken"] },
    },
  ],
};
