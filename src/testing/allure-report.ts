import { readFileSync } from "node:fs";

/**
 * The data files Allure 3 embeds in a single-file report (index.html), decoded: the same JSON
 * and attachments the multi-file report serves from its data/ and widgets/ folders.
 */
export class SingleFileReport {
  readonly html: string;
  private readonly files = new Map<string, string>();

  constructor(indexHtml: string) {
    this.html = readFileSync(indexHtml, "utf8");
    // Each file is one `d("<name>","<base64>")` call in the page's data script.
    for (const match of this.html.matchAll(/d\(("(?:[^"\\]|\\.)*"),("(?:[^"\\]|\\.)*")\)/g)) {
      const [name, value] = [JSON.parse(match[1] ?? '""'), JSON.parse(match[2] ?? '""')];
      this.files.set(name as string, Buffer.from(value as string, "base64").toString("utf8"));
    }
  }

  /** The <title> of the page. */
  title(): string {
    return /<title>([^<]*)<\/title>/.exec(this.html)?.[1]?.trim() ?? "";
  }

  names(prefix: string): string[] {
    return [...this.files.keys()].filter((name) => name.startsWith(prefix)).sort();
  }

  text(name: string): string {
    const text = this.files.get(name);
    if (text === undefined) throw new Error(`the report holds no ${name}`);
    return text;
  }

  json<T>(name: string): T {
    return JSON.parse(this.text(name)) as T;
  }

  /** Every test result in the report. */
  testResults(): ReportTestResult[] {
    return this.names("data/test-results/").map((name) => this.json<ReportTestResult>(name));
  }

  /** An attachment's content, by the link a step holds. */
  attachment(link: { id: string; ext: string }): string {
    return this.text(`data/attachments/${link.id}${link.ext}`);
  }
}

export interface ReportStep {
  name?: string;
  status?: string;
  message?: string;
  type: "step" | "attachment";
  steps?: ReportStep[];
  link?: { id: string; ext: string; name: string; contentType: string };
}

export interface ReportTestResult {
  name: string;
  status: string;
  labels: { name: string; value: string }[];
  links: { name: string; url: string; type: string }[];
  steps: ReportStep[];
  error?: { message?: string };
}
