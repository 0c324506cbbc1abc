import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
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
