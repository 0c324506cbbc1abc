/**
 * Accessibility of every page: as the public and as each demo role, follow every link from the
 * home page and run axe-core (WCAG 2.2 AA) on each page; submit each kind of form empty and check
 * its error state too. Anything a person would meet as a fault along the way (a broken link, a
 * missing asset, a script error, a CSP violation) fails the crawl as well.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/modules/accounts/accounts.tables.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo-users.ts";
import { axeViolations, describeViolations } from "./support/axe.ts";
import { chromiumAvailable, launchChromium, warnIfChromiumMissing } from "./support/browser.ts";
import { startDemoServer, type DemoServer } from "./support/demo-server.ts";
import { NON_FIELD_INPUT_TYPES, type DomForm, type DomGlobals } from "./support/dom.ts";
import { openSession } from "./support/session.ts";
import { SignInPage, submitAndWait } from "./pages/sign-in.page.ts";

warnIfChromiumMissing("accessibility");

/** A bound on one crawl, so a paging bug cannot make it run for ever. */
const MAX_PAGES = 300;
/** Pages crawled at once by one person. */
const CRAWL_TABS = 3;
/** Pages of one kind differ only in record ids. */
const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const PAGES_PER_KIND = 2;
/**
 * Not pages: static files, the JSON API, signing out (a POST in any case), and files a browser
 * downloads (paper downloads, CSV and XLSX exports, calendar feeds).
 */
const NOT_CRAWLED = [/^\/assets\//, /^\/api\//, /^\/sign-out/, /\/download$/, /\.csv$/, /\.xlsx$/, /\.ics$/, /\.pdf$/, /\.rss$/, /\.atom$/];
/** Forms that are not submitted empty: signing in and out, and buttons that change a record at once. */
const NOT_SUBMITTED = /\b(archive|restore|revoke|delete|remove|disable|sign in|sign out)\b/i;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface FoundForm {
  /** Method and action with ids generalised: one of each kind is submitted. */
  key: string;
  path: string;
  index: number;
}

let server: DemoServer;
let browser: Browser;
// Shared by the crawls, so each kind of form is tried once, by the first role that meets it.
const formsTried = new Set<string>();

const PRINCIPALS: readonly ("anonymous" | Role)[] = ["anonymous", ...DEMO_USERS.map((u) => u.role)];

describe.skipIf(!chromiumAvailable)("accessibility (axe-core, WCAG 2.2 AA)", () => {
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const who of PRINCIPALS) {
    it(`${who}: every page reachable from the home page, and each form's error state, has no violations`, async () => {
      const session = await openSession(browser, server.baseUrl);
      try {
        const problems: string[] = [];
        if (who !== "anonymous") {
          const user = DEMO_USERS.find((u) => u.role === who);
          if (!user) throw new Error(`no demo user has the role ${who}`);
          const status = await new SignInPage(session.page).open().then((p) => p.signIn(user.email, DEMO_PASSWORD));
          expect(status, `signing in as ${user.email}`).toBe(200);
        }
        const { visited, forms } = await crawl(session.page, server.baseUrl, problems);
        const submitted = await submitFormsEmpty(session.page, forms, problems);
        console.log(`[a11y] ${who}: ${visited} pages and ${submitted} form error states checked`);
        problems.push(...session.faults);
        expect(problems, `${who}:\n${problems.join("\n")}\n`).toEqual([]);
      } finally {
        await session.close();
      }
    }, 900_000);
  }

  it("the page-not-found page has no violations", async () => {
    const session = await openSession(browser, server.baseUrl);
    try {
      const response = await session.page.goto("/no-such-page");
      expect(response?.status()).toBe(404);
      expect(describeViolations("/no-such-page", await axeViolations(session.page))).toBe("");
      expect(session.faults).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("the sign-in form's error states have no violations and focus the error summary", async () => {
    const session = await openSession(browser, server.baseUrl);
    try {
      const signIn = await new SignInPage(session.page).open();
      for (const [label, email, password] of [
        ["empty", "", ""],
        ["wrong password", "nobody@example.org", "not the password"],
      ] as const) {
        const status = await signIn.signIn(email, password);
        expect(status, label).toBeGreaterThanOrEqual(400);
        await expect.poll(() => signIn.errorSummary().isVisible(), { message: label }).toBe(true);
        expect(await errorSummaryHasFocus(session.page), `${label}: the error summary takes focus`).toBe(true);
        expect(describeViolations(`/sign-in (${label})`, await axeViolations(session.page))).toBe("");
      }
      expect(session.faults).toEqual([]);
    } finally {
      await session.close();
    }
  });
});

/**
 * Breadth-first from the home page over same-origin links; axe on every HTML page. A few pages of
 * the same browser context work through the queue together: each mostly waits on the server or
 * on axe, so this roughly halves the time on two cores.
 */
async function crawl(page: Page, baseUrl: string, problems: string[]): Promise<{ visited: number; forms: FoundForm[] }> {
  const origin = new URL(baseUrl).origin;
  const queue: { path: string; from: string }[] = [{ path: "/", from: "(start)" }];
  const seen = new Set(["/"]);
  const pagesOfKind = new Map<string, number>();
  const forms = new Map<string, FoundForm>();
  let visited = 0;
  let busy = 0;

  async function visit(tab: Page, path: string, from: string): Promise<void> {
    const response = await tab.goto(path);
    const status = response?.status() ?? 0;
    // A link the page offers must lead somewhere this person may go.
    if (status >= 400) problems.push(`${path} (linked from ${from}) answered ${status}`);
    if (!(response?.headers()["content-type"] ?? "").startsWith("text/html")) return;
    const violations = await axeViolations(tab);
    if (violations.length > 0) problems.push(describeViolations(path, violations));

    const hrefs = await tab.$$eval("a[href]", (links) => links.map((a) => (a as unknown as { href: string }).href));
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin || NOT_CRAWLED.some((pattern) => pattern.test(url.pathname))) continue;
      const next = url.pathname + url.search;
      if (seen.has(next)) continue;
      seen.add(next);
      // Every kind of page is checked, a few of each: the same template with another record's id
      // (or another filter value) adds time, not coverage.
      const kind = `${url.pathname.replace(UUID_IN_PATH, ":id")}?${[...url.searchParams.keys()].sort().join("&")}`;
      const count = pagesOfKind.get(kind) ?? 0;
      if (count >= PAGES_PER_KIND) continue;
      pagesOfKind.set(kind, count + 1);
      queue.push({ path: next, from: path });
    }
    for (const form of await formsOn(tab)) if (!forms.has(form.key)) forms.set(form.key, { ...form, path });
  }

  async function worker(tab: Page): Promise<void> {
    for (;;) {
      const next = queue.shift();
      if (!next) {
        // Another tab may still add links; wait for it before deciding the crawl is over.
        if (busy === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      if (visited >= MAX_PAGES) {
        problems.push(`the crawl stopped at ${MAX_PAGES} pages with ${queue.length + 1} more to visit (e.g. ${next.path}); is a list paging for ever?`);
        queue.length = 0;
        return;
      }
      visited += 1;
      busy += 1;
      try {
        await visit(tab, next.path, next.from);
      } finally {
        busy -= 1;
      }
    }
  }

  const extraTabs = await Promise.all(Array.from({ length: CRAWL_TABS - 1 }, () => page.context().newPage()));
  try {
    await Promise.all([page, ...extraTabs].map((tab) => worker(tab)));
  } finally {
    await Promise.all(extraTabs.map((tab) => tab.close()));
  }
  return { visited, forms: [...forms.values()] };
}

/** The page's POST forms that have something to fill in, keyed by kind. */
async function formsOn(page: Page): Promise<Omit<FoundForm, "path">[]> {
  const found = await page.$$eval(
    "form",
    (forms, nonFieldTypes) =>
      (forms as unknown as DomForm[]).map((form, index) => {
        const fields = Array.from(form.elements).filter(
          (el) => (el.tagName === "INPUT" && !nonFieldTypes.includes(el.type)) || el.tagName === "SELECT" || el.tagName === "TEXTAREA",
        );
        const buttons = Array.from(form.querySelectorAll("button, input[type=submit]")).map((b) =>
          (b.tagName === "INPUT" ? (b.value ?? "") : (b.textContent ?? "")).trim(),
        );
        // getAttribute, not form.action: a field named "action" would shadow the property.
        return {
          index,
          method: (form.getAttribute("method") ?? "get").toLowerCase(),
          action: form.getAttribute("action") ?? "",
          fields: fields.length,
          buttons,
        };
      }),
    NON_FIELD_INPUT_TYPES,
  );
  return found
    .map((f) => ({ ...f, action: new URL(f.action, page.url()).pathname }))
    .filter((f) => f.method === "post" && f.fields > 0 && !/^\/sign-(in|out)$/.test(f.action) && !f.buttons.some((b) => NOT_SUBMITTED.test(b)))
    .map((f) => ({ key: `POST ${f.action.replace(UUID, ":id")}`, index: f.index }));
}

/** Submits each kind of form with every field emptied, and checks the error state it shows. */
async function submitFormsEmpty(page: Page, forms: FoundForm[], problems: string[]): Promise<number> {
  let submitted = 0;
  for (const form of forms) {
    if (formsTried.has(form.key)) continue;
    formsTried.add(form.key);
    submitted += 1;
    await page.goto(form.path);
    const element = page.locator("form").nth(form.index);
    await element.evaluate((f, nonFieldTypes) => {
      for (const el of Array.from((f as unknown as DomForm).elements)) {
        if (el.tagName === "INPUT") {
          if (nonFieldTypes.includes(el.type)) continue;
          if (el.type === "checkbox" || el.type === "radio") el.checked = false;
          else el.value = "";
        } else if (el.tagName === "TEXTAREA") {
          el.value = "";
        } else if (el.tagName === "SELECT") {
          const empty = Array.from(el.options).findIndex((o) => o.value === "");
          if (empty >= 0) el.selectedIndex = empty;
          else for (const option of Array.from(el.options)) option.selected = false;
        }
      }
    }, NON_FIELD_INPUT_TYPES);
    const where = `${form.key} (from ${form.path}) submitted empty`;
    const status = await submitAndWait(page, () => element.locator("button:not([type]), button[type=submit], input[type=submit]").first().click());
    if (status >= 500) problems.push(`${where}: answered ${status}`);
    if (status >= 400 && status < 500) {
      if (!(await page.locator(".nhsuk-error-summary").isVisible())) problems.push(`${where}: answered ${status} without an error summary`);
      else if (!(await errorSummaryHasFocus(page))) problems.push(`${where}: the error summary did not take focus`);
    }
    const violations = await axeViolations(page);
    if (violations.length > 0) problems.push(describeViolations(`${where} →`, violations));
  }
  return submitted;
}

/** nhsuk-frontend moves focus to the error summary so that screen readers announce it. */
async function errorSummaryHasFocus(page: Page): Promise<boolean> {
  return page
    .waitForFunction(() => Boolean((globalThis as unknown as DomGlobals).document.activeElement?.closest(".nhsuk-error-summary")), undefined, {
      timeout: 2_000,
    })
    .then(
      () => true,
      () => false,
    );
}
