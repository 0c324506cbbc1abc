import type { Browser, BrowserContext, Page, Response } from "playwright-core";

/** One browser profile on the demo server, noting anything a person would meet as a fault. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Uncaught script errors, CSP violations, console errors and broken same-origin resources, each with its page. */
  faults: string[];
  close(): Promise<void>;
}

/**
 * A fresh context (its own cookies) on the demo server. Requests to any other origin are refused
 * inside the browser, so the tests never reach the network (nhsuk-frontend's CSS asks for its
 * fonts from assets.nhs.uk; the fallback fonts are fine for testing).
 */
export async function openSession(browser: Browser, baseUrl: string, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserSession> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    locale: "en-GB",
    timezoneId: "Europe/London",
  });
  const origin = new URL(baseUrl).origin;
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.abort("blockedbyclient"),
  );
  const faults: string[] = [];
  // Every page of the context is watched, so that crawls may use several at once.
  context.on("page", (page) => {
    const here = () => page.url().replace(origin, "");
    page.on("pageerror", (err) => faults.push(`${here()}: uncaught script error: ${err.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      // The refused requests to other origins (above) and HTTP errors of pages (judged by the tests
      // themselves) show up as console errors too; anything else, a CSP violation say, is a fault.
      if (/net::ERR_BLOCKED_BY_CLIENT|the server responded with a status of/.test(text)) return;
      faults.push(`${here()}: console error: ${text}`);
    });
    page.on("response", (response: Response) => {
      const request = response.request();
      if (request.isNavigationRequest() || !response.url().startsWith(origin) || response.status() < 400) return;
      faults.push(`${here()}: ${request.resourceType()} ${response.url().replace(origin, "")} answered ${response.status()}`);
    });
  });
  const page = await context.newPage();
  return { context, page, faults, close: () => context.close() };
}
