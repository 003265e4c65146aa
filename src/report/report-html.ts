/** The report's name: "NDOP conformance — sandbox — 2026-11-25" (the run's start date, UTC). */
export function reportTitle(run: { environment?: string; startedAt?: string }): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(run.startedAt ?? "")?.[0] ?? "date unknown";
  return `NDOP conformance — ${run.environment || "environment unknown"} — ${date}`;
}

/**
 * Allure's page loads a web analytics script whenever it is opened. A conformance report about
 * a health service's API is opened inside NHS networks and must not call out: both script tags
 * are taken out, so the report makes no request beyond its own file.
 */
export function withoutAnalytics(html: string): string {
  return html.replace(
    /<script async src="https:\/\/www\.googletagmanager\.com[^"]*"><\/script>\s*<script>[\s\S]*?<\/script>/,
    "",
  );
}
