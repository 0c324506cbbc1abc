/**
 * Progressive enhancement: with JavaScript off, signing in and the organisation form still work,
 * errors come back in the NHS error summary with what was typed kept, and a corrected form saves.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo-users.ts";
import { chromiumAvailable, launchChromium, warnIfChromiumMissing } from "./support/browser.ts";
import { startDemoServer, type DemoServer } from "./support/demo-server.ts";
import { openSession } from "./support/session.ts";
import { OrganisationFormPage } from "./pages/organisation-form.page.ts";
import { RecordPage } from "./pages/record.page.ts";
import { SignInPage } from "./pages/sign-in.page.ts";

warnIfChromiumMissing("no-JavaScript");

let server: DemoServer;
let browser: Browser;

describe.skipIf(!chromiumAvailable)("without JavaScript", () => {
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the organisation form submits, shows the error summary keeping what was typed, then saves", async () => {
    const session = await openSession(browser, server.baseUrl, { javaScriptEnabled: false });
    const { page } = session;
    try {
      const secretary = DEMO_USERS.find((u) => u.role === "secretary");
      if (!secretary) throw new Error("the demo has no secretary");
      expect(await new SignInPage(page).open().then((p) => p.signIn(secretary.email, DEMO_PASSWORD))).toBe(200);
      // Nothing of ours ran: nhsuk-frontend marks the body only when its script starts.
      expect(await page.locator("body.nhsuk-frontend-supported").count()).toBe(0);

      const form = await new OrganisationFormPage(page).openNew();
      await form.fill({ name: "Medway Community Healthcare" });
      expect(await form.submit()).toBe(422);
      const summary = form.errorSummary();
      expect(await summary.isVisible()).toBe(true);
      expect(await summary.textContent()).toContain("There is a problem");
      expect(await page.title()).toMatch(/^Error: /);
      // Each message links to its field, and the name typed is still there.
      const link = summary.getByRole("link").first();
      expect(await link.getAttribute("href")).toBe("#kind");
      expect(await page.getByLabel("Name", { exact: true }).inputValue()).toBe("Medway Community Healthcare");

      await form.fill({ kind: "Other" });
      expect(await form.submit()).toBe(200);
      expect(await new RecordPage(page).heading().textContent()).toContain("Medway Community Healthcare");
      expect(session.faults).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
