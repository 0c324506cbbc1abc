/**
 * The browser journey of a board secretary preparing and recording a meeting with JavaScript off
 * (issue 3): from the Programme Board's page to its meetings, set up a standard opening item,
 * schedule a meeting, build its agenda (standard items, two items through the item form, one moved
 * up), upload a real PDF to an item, publish the agenda, mark the meeting held, record attendance
 * and see the quorum, and write the minutes of an item. axe-core (WCAG 2.2 AA) runs on every page
 * the journey reaches, and none may have a violation.
 *
 * axe does not run in the JavaScript-disabled page itself: with javaScriptEnabled: false Chromium
 * fires no timers, not even for code evaluated through the DevTools protocol, and axe.run waits on
 * timers, so it never finishes. NoScriptAxe (support/axe.ts) instead checks, in a tab of its own
 * with JavaScript on, a snapshot of each page exactly as the secretary has it (flash messages and
 * the pages that form posts lead to included), with scripts refused so that nhsuk-frontend cannot
 * change the markup under test.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo-users.ts";
import { NoScriptAxe, describeViolations } from "./support/axe.ts";
import { chromiumAvailable, launchChromium, warnIfChromiumMissing } from "./support/browser.ts";
import { startDemoServer, type DemoServer } from "./support/demo-server.ts";
import { openSession } from "./support/session.ts";
import { AgendaItemFormPage } from "./pages/agenda-item-form.page.ts";
import { AttendancePage } from "./pages/attendance.page.ts";
import { MeetingFormPage } from "./pages/meeting-form.page.ts";
import { MeetingPage } from "./pages/meeting.page.ts";
import { MinutesPage } from "./pages/minutes.page.ts";
import { PaperUploadPage } from "./pages/paper-upload.page.ts";
import { SignInPage } from "./pages/sign-in.page.ts";

warnIfChromiumMissing("meeting journey");

const BOARD = "Kent and Medway STP Programme Board";
const MEETING_TITLE = "Programme Board – journey test";
/** In the past, so that the meeting may be marked as held (a meeting that has not started may not). */
const MEETING_DATE = { day: 15, month: 5, year: 2024 };
const OPENING_ITEM = "Welcome, introductions and apologies";
const DEEP_DIVE = "Mental health deep dive";
const BUDGET = "STP planning and budget 2024/25";

let server: DemoServer;
let browser: Browser;
let workDir: string;

/** A small real PDF, made with pdf-lib, with text that the paper's text extraction can read. */
async function writePdf(path: string): Promise<void> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText("STP planning and budget 2024/25", { x: 50, y: 780, size: 18, font });
  page.drawText("The Board is asked to approve the planning assumptions and the budget.", { x: 50, y: 750, size: 11, font });
  pdf.setTitle("STP planning and budget 2024/25");
  await writeFile(path, await pdf.save());
}

describe.skipIf(!chromiumAvailable)("meeting journey without JavaScript", () => {
  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launchChromium();
    workDir = await mkdtemp(join(tmpdir(), "quorum-meeting-journey-"));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it("a secretary builds an agenda, uploads a paper, records attendance and minutes; axe finds nothing on any page", async () => {
    const session = await openSession(browser, server.baseUrl, { javaScriptEnabled: false });
    const { page } = session;
    const origin = server.baseUrl;
    const checker = await NoScriptAxe.open(browser, server.baseUrl);
    page.setDefaultTimeout(15_000);
    const checked: string[] = [];
    const violations: string[] = [];
    /** Runs axe on the page as it is now (each page once per state the journey leaves it in). */
    const axe = async () => {
      const url = page.url().replace(origin, "");
      checked.push(url);
      const found = await checker.violations(page);
      if (found.length > 0) violations.push(describeViolations(url, found));
    };
    try {
      const secretary = DEMO_USERS.find((u) => u.role === "secretary");
      if (!secretary) throw new Error("the demo has no secretary");
      expect(await new SignInPage(page).open().then((p) => p.signIn(secretary.email, DEMO_PASSWORD))).toBe(200);
      // Nothing of ours ran: nhsuk-frontend marks the body only when its script starts.
      expect(await page.locator("body.nhsuk-frontend-supported").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);

      // -- From the board's page to its meetings, and a standard opening item for them.
      const meeting = new MeetingPage(page);
      await page.goto("/");
      expect(await meeting.follow(/^Bodies$/)).toBe(200);
      expect(await meeting.follow(new RegExp(`^${BOARD}$`))).toBe(200);
      expect(await meeting.heading().textContent()).toContain(BOARD);
      expect(await meeting.follow(`Meetings of ${BOARD}`)).toBe(200);
      expect(await meeting.heading().textContent()).toBe(`Meetings of ${BOARD}`);
      await axe();

      expect(await meeting.follow("Manage the standard opening items")).toBe(200);
      await axe();
      await page.getByLabel("Title", { exact: true }).fill(OPENING_ITEM);
      await page.getByLabel("Kind of item").selectOption({ label: "Welcome and apologies" });
      await page.getByLabel("Time allowed in minutes (optional)").fill("5");
      expect(await meeting.press("Add the item")).toBe(200);
      expect(await meeting.flash().textContent()).toContain(`“${OPENING_ITEM}” has been added`);
      expect(await page.getByRole("table").textContent()).toContain(OPENING_ITEM);
      await axe();

      // -- Schedule the meeting: the body is already chosen when coming from its meetings page.
      expect(await meeting.follow(`Meetings of ${BOARD}`)).toBe(200);
      expect(await meeting.follow("Schedule a meeting")).toBe(200);
      const meetingForm = new MeetingFormPage(page);
      expect(await page.getByLabel("Body", { exact: true }).locator("option:checked").textContent()).toBe(BOARD);
      await axe();
      await meetingForm.fill({ title: MEETING_TITLE, date: MEETING_DATE, startTime: "10:00", endTime: "12:00", venue: "Council Chamber, Maidstone" });
      expect(await meetingForm.submit()).toBe(200);
      expect(await meeting.flash().textContent()).toContain("The meeting has been scheduled");
      expect(await meeting.heading().textContent()).toContain(MEETING_TITLE);
      const meetingPath = new URL(page.url()).pathname;
      expect(meetingPath).toMatch(/^\/meetings\/[0-9a-f-]{36}$/);
      expect(await meeting.agenda().textContent()).toContain("No items have been added to the agenda yet");
      await axe();

      // -- Build the agenda: the standard opening item, then two items through the form.
      expect(await meeting.press("Add standard opening items")).toBe(200);
      expect(await meeting.flash().textContent()).toContain("1 standard opening item has been added");
      expect(await meeting.agendaHeadings()).toEqual([`1 ${OPENING_ITEM}`]);

      const itemForm = new AgendaItemFormPage(page);
      expect(await meeting.follow("Add an item")).toBe(200);
      await axe();
      await itemForm.fill({ title: DEEP_DIVE, kind: "Deep dive", purpose: "For discussion", minutesAllowed: 30 });
      expect(await itemForm.submit()).toBe(200);
      expect(await meeting.flash().textContent()).toContain("Item 2 has been added");

      expect(await meeting.follow("Add an item")).toBe(200);
      await itemForm.fill({
        title: BUDGET,
        kind: "Decision",
        purpose: "For decision",
        minutesAllowed: 45,
        presenters: [{ person: "Glenn Douglas", role: "STP Chief Executive" }],
        recommendation: "The Board is asked to approve the planning assumptions and the budget.",
      });
      expect(await itemForm.submit()).toBe(200);
      expect(await meeting.flash().textContent()).toContain("Item 3 has been added");
      expect(await meeting.agendaHeadings()).toEqual([`1 ${OPENING_ITEM}`, `2 ${DEEP_DIVE}`, `3 ${BUDGET}`]);

      // -- Reorder without JavaScript: "Move up" is a form of its own; the items are renumbered.
      expect(await meeting.press("Move up item 3")).toBe(200);
      expect(await meeting.agendaHeadings()).toEqual([`1 ${OPENING_ITEM}`, `2 ${BUDGET}`, `3 ${DEEP_DIVE}`]);
      const budget = meeting.agendaEntry(BUDGET);
      expect(await budget.textContent()).toContain("For decision");
      expect(await budget.textContent()).toContain("Presented by Glenn Douglas, STP Chief Executive");
      // Running start times: 10:00 opening item (5 minutes), so the budget starts at 10:05.
      expect(await budget.textContent()).toContain("10:05");
      await axe();

      // -- Upload a real PDF to item 2 (a multipart form; its CSRF token travels in the action).
      const pdfPath = join(workDir, "stp-budget-2024-25.pdf");
      await writePdf(pdfPath);
      expect(await meeting.follow("Add a paper to item 2")).toBe(200);
      expect(await meeting.heading().textContent()).toBe("Upload a paper");
      await axe();
      const upload = new PaperUploadPage(page);
      await upload.fill({ title: "STP budget 2024/25 paper", file: pdfPath });
      expect(await upload.submit()).toBe(200);
      expect(await meeting.flash().textContent()).toBe("The paper has been uploaded");
      expect(await meeting.heading().textContent()).toContain("STP budget 2024/25 paper");
      const versions = page.getByRole("region", { name: "Versions" });
      expect(await versions.textContent()).toContain("stp-budget-2024-25.pdf");
      expect(await versions.textContent()).toContain("Demo Board Secretary");
      await axe();

      // Back on the meeting, the paper is listed under its item.
      expect(await meeting.follow(new RegExp(`^${MEETING_TITLE}, `))).toBe(200);
      expect(new URL(page.url()).pathname).toBe(meetingPath);
      expect(await budget.getByRole("link", { name: /^STP budget 2024\/25 paper \(PDF, / }).count()).toBe(1);

      // -- Publish the agenda, then record that the meeting was held.
      expect(await meeting.press("Publish the agenda")).toBe(200);
      expect(await meeting.flash().textContent()).toContain("The agenda has been published");
      expect(await meeting.press("Mark as held")).toBe(200);
      expect(await meeting.flash().textContent()).toBe("The meeting has been marked as held");
      expect(await meeting.heading().textContent()).toContain("Held");
      await axe();

      // -- Attendance: six voting members present (a clinician and a local-authority member among
      //    them) meet the board's quorum of six.
      expect(await meeting.follow(/^Attendance$/)).toBe(200);
      const attendance = new AttendancePage(page);
      expect(await attendance.quorum().textContent()).toContain("Not quorate");
      await axe();
      await attendance.choose({
        "Glenn Douglas": "Present",
        "Dr Alex Example": "Present",
        "Chris Example": "Present",
        "Pat Example": "Present",
        "Lee Example": "Present",
        "Kim Example": "Present",
        "Ash Example": "Apologies",
        "Taylor Example": "Present",
      });
      expect(await attendance.save()).toBe(200);
      expect(await meeting.flash().textContent()).toBe("Attendance has been saved");
      expect(await attendance.chosen("Ash Example")).toBe("Apologies");
      expect(await attendance.chosen("Glenn Douglas")).toBe("Present");
      const quorum = (await attendance.quorum().textContent())?.replace(/\s+/g, " ") ?? "";
      expect(quorum).toContain("Quorate 6 voting members present; 6 needed");
      expect(quorum).not.toContain("Not quorate");
      await axe();

      expect(await meeting.follow("Back to the meeting")).toBe(200);
      expect(await page.getByRole("region", { name: "Attendance and quorum" }).textContent()).toMatch(/Quorate\s+6 voting members present; 6 needed/);

      // -- Minutes: start drafting, then minute item 2.
      expect(await meeting.follow(/^Minutes$/)).toBe(200);
      const minutes = new MinutesPage(page);
      await axe();
      expect(await minutes.startDrafting()).toBe(200);
      expect(await meeting.flash().textContent()).toBe("The minutes are in draft");
      const discussion = "Glenn Douglas introduced the paper. Members asked about the capital assumptions.";
      const summary = "The Board approved the STP planning assumptions and budget for 2024/25.";
      await minutes.write("2", BUDGET, { discussion, publicSummary: summary, outcome: "Approved" });
      expect(await minutes.save("2", BUDGET)).toBe(200);
      expect(await meeting.flash().textContent()).toBe("The minutes of item 2 have been saved");
      const minuted = minutes.item("2", BUDGET);
      expect(await minuted.getByLabel("Discussion", { exact: true }).inputValue()).toBe(discussion);
      expect(await minuted.getByLabel("Public summary", { exact: true }).inputValue()).toBe(summary);
      expect(await minuted.getByLabel("Outcome", { exact: true }).inputValue()).toBe("Approved");
      // The minutes open with who came and the quorum, as real minutes do.
      expect(await page.getByRole("region", { name: "Attendance", exact: true }).textContent()).toContain("Glenn Douglas");
      expect(await attendance.quorum().textContent()).toContain("Quorate");
      await axe();

      // The meeting page shows the item's minutes too.
      expect(await meeting.follow("Back to the meeting")).toBe(200);
      expect(await meeting.agendaEntry(BUDGET).textContent()).toContain(discussion);
      expect(await meeting.agendaEntry(BUDGET).textContent()).toContain("Outcome: Approved");
      await axe();

      // Still no script of ours ran anywhere on the way.
      expect(await page.locator("body.nhsuk-frontend-supported").count()).toBe(0);
      console.log(
        `[a11y] meeting journey: axe ran on ${checked.length} pages: ${[...new Set(checked.map((u) => u.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, ":id")))].join(", ")}`,
      );
      expect(violations.join("\n"), "axe violations").toBe("");
      expect(session.faults).toEqual([]);
    } finally {
      await checker.close();
      await session.close();
    }
  }, 300_000);
});
