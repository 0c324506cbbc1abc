/**
 * Journeys a board secretary makes in a real browser, signed in through the form: adding a
 * governance body and a member to it, and adding and editing an organisation; each change must
 * then show in the record's audit history.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo-users.ts";
import { axeViolations, describeViolations } from "./support/axe.ts";
import { chromiumAvailable, launchChromium, warnIfChromiumMissing } from "./support/browser.ts";
import { startDemoServer, type DemoServer } from "./support/demo-server.ts";
import { openSession, type BrowserSession } from "./support/session.ts";
import { BodyFormPage } from "./pages/body-form.page.ts";
import { MemberFormPage } from "./pages/member-form.page.ts";
import { OrganisationFormPage } from "./pages/organisation-form.page.ts";
import { RecordPage } from "./pages/record.page.ts";
import { SignInPage } from "./pages/sign-in.page.ts";

warnIfChromiumMissing("journeys");

let server: DemoServer;
let browser: Browser;

async function signedInSecretary(): Promise<BrowserSession> {
  const session = await openSession(browser, server.baseUrl);
  const secretary = DEMO_USERS.find((u) => u.role === "secretary");
  if (!secretary) throw new Error("the demo has no secretary");
  const status = await new SignInPage(session.page).open().then((p) => p.signIn(secretary.email, DEMO_PASSWORD));
  expect(status).toBe(200);
  await expect.poll(() => session.page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
  return session;
}

describe.skipIf(!chromiumAvailable)("secretary journeys", () => {
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("creates a body, adds a member, and sees both in the body's history", async () => {
    const session = await signedInSecretary();
    const { page } = session;
    try {
      const record = new RecordPage(page);
      await page.goto("/");
      expect(await record.follow(/^Bodies$/)).toBe(200);
      expect(await record.follow("Add a body")).toBe(200);

      const form = new BodyFormPage(page);
      await form.fill({
        name: "Kent and Medway Digital Programme Board",
        shortName: "Digital",
        kind: "Sub-board",
        reportsTo: "Kent and Medway STP Programme Board",
        purpose: "Leads shared care records and digital transformation across the partnership.",
        meetsInPublic: true,
      });
      expect(await form.submit()).toBe(200);
      await expect.poll(() => record.heading().textContent()).toContain("Kent and Medway Digital Programme Board");
      expect(await record.flash().textContent()).toContain("has been added");

      expect(await record.follow("Add a member")).toBe(200);
      const member = new MemberFormPage(page);
      await member.fill({ person: "Glenn Douglas", role: "Chair", voting: true, startsOn: { day: 5, month: 3, year: 2018 } });
      expect(await member.submit()).toBe(200);
      expect(await record.flash().textContent()).toContain("Glenn Douglas has been added");

      const members = page.locator("section[aria-labelledby='members-heading']");
      await expect.poll(() => members.textContent()).toContain("Glenn Douglas");
      const history = record.historyRows();
      await expect.poll(() => history.count()).toBeGreaterThanOrEqual(2);
      // Newest first: the member added, then the body created, both by the signed-in secretary.
      expect(await history.nth(0).textContent()).toMatch(/Member added: Glenn Douglas/);
      expect(await history.nth(0).textContent()).toContain("Demo Board Secretary");
      expect(await history.last().textContent()).toMatch(/Created/);
      expect(describeViolations(page.url(), await axeViolations(page))).toBe("");
      expect(session.faults).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it("adds an organisation, edits it, and sees the change in its history", async () => {
    const session = await signedInSecretary();
    const { page } = session;
    try {
      const record = new RecordPage(page);
      await page.goto("/");
      expect(await record.follow(/^Organisations$/)).toBe(200);
      expect(await record.follow("Add an organisation")).toBe(200);

      const form = new OrganisationFormPage(page);
      await form.fill({ name: "Kent Surrey Sussex Academic Health Science Network", kind: "Other" });
      expect(await form.submit()).toBe(200);
      await expect.poll(() => record.heading().textContent()).toContain("Kent Surrey Sussex Academic Health Science Network");

      expect(await record.follow(/^Edit/)).toBe(200);
      await form.fill({ shortName: "KSS AHSN" });
      expect(await form.submit()).toBe(200);
      expect(await record.flash().textContent()).toContain("Your changes have been saved");

      const latest = record.historyRows().first();
      await expect.poll(() => latest.textContent()).toMatch(/Updated/);
      expect(await latest.textContent()).toMatch(/Short name: \(empty\) → KSS AHSN/);
      expect(await latest.textContent()).toContain("Demo Board Secretary");
      expect(describeViolations(page.url(), await axeViolations(page))).toBe("");
      expect(session.faults).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
