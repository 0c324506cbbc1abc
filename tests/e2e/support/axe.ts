import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { AxeResults } from "axe-core";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol rather than added as a <script> tag: Quorum's
// Content-Security-Policy (script-src 'self') rightly blocks inline scripts, and turning the policy
// off for the tests (bypassCSP) would hide CSP violations of our own pages from them.
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The WCAG 2.2 AA rule sets the NHS service standard asks for. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page as it is now and returns its violations (none is the goal). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    async (tags) => (globalThis as unknown as { axe: { run(options: object): Promise<AxeResults> } }).axe.run({ runOnly: { type: "tag", values: tags } }),
    WCAG_TAGS,
  );
  return results.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
}

/** One line per violation, for failure messages. */
export function describeViolations(url: string, violations: AxeViolation[]): string {
  return violations.map((v) => `${url}: ${v.id} (${v.impact ?? "?"}) ${v.help} at ${v.targets.slice(0, 3).join(", ")}`).join("\n");
}

/**
 * axe for pages seen with JavaScript off. In a context with javaScriptEnabled: false, Chromium
 * runs no timers for the page, not even for code evaluated through the DevTools protocol, and
 * axe.run waits on timers: it would never finish (turning script execution back on through a
 * second DevTools session does not wake them either). So axe runs in a JavaScript-enabled tab of
 * its own, on a snapshot of the page exactly as the person without JavaScript has it (flash
 * messages and the results of form posts included): the snapshot is served at the page's own
 * address, its stylesheets and images come from the server, and scripts are refused, so that
 * nhsuk-frontend cannot change the markup that is checked.
 */
export class NoScriptAxe {
  private snapshot: string | null = null;

  private constructor(
    private readonly context: BrowserContext,
    private readonly page: Page,
  ) {}

  static async open(browser: Browser, baseUrl: string): Promise<NoScriptAxe> {
    const origin = new URL(baseUrl).origin;
    const context = await browser.newContext({ baseURL: baseUrl, javaScriptEnabled: true, locale: "en-GB", timezoneId: "Europe/London" });
    const checker = new NoScriptAxe(context, await context.newPage());
    await context.route("**/*", async (route) => {
      const request = route.request();
      if (request.isNavigationRequest() && checker.snapshot !== null) {
        const body = checker.snapshot;
        checker.snapshot = null;
        return route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body });
      }
      if (request.resourceType() === "script" || new URL(request.url()).origin !== origin) return route.abort("blockedbyclient");
      return route.continue();
    });
    return checker;
  }

  /** axe's violations on `source` (a page of a JavaScript-disabled context) as it is now. */
  async violations(source: Page): Promise<AxeViolation[]> {
    this.snapshot = await source.content();
    // Without the fragment: a goto that differs from the current address only there would not load.
    await this.page.goto(source.url().split("#")[0] ?? source.url());
    if (this.snapshot !== null) throw new Error(`axe: the snapshot of ${source.url()} was not served`);
    return axeViolations(this.page);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
