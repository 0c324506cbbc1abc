import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { buildApp, buildServices, type Services } from "../../app.ts";
import { loadConfig } from "../../config.ts";
import { openDatabase, type DatabaseHandle } from "../../platform/db/client.ts";
import { LocalFileStore } from "../../platform/files/file-store.ts";
import { ANONYMOUS, type Principal } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/setup/database.ts";
import { createUser } from "../../../tests/factories/index.ts";
import { seedDemoPartnership } from "../../../seeds/kent-and-medway.ts";
import { partnerships, type PartnershipRow } from "../partnerships/partnerships.tables.ts";
import { agendaItems } from "../meetings/meetings.tables.ts";
import { milestones } from "../milestones/milestones.tables.ts";
import { deepDiveSections } from "./portfolio.presenter.ts";
import { extractText, getDocumentProxy } from "unpdf";

// Done when (issue 4): "The mental-health deep-dive section for the 5 March 2018 meeting shows the
// live milestones, products, risks and budget." The demo partnership is loaded as `npm run seed`
// loads it, and the section is read through the services, the page and the API.

let testDb: TestDatabase;
let database: DatabaseHandle;
let services: Services;
let app: FastifyInstance;
let filesDir: string;
let partnership: PartnershipRow;
let itemId: string;
let meetingId: string;
let secretary: Principal;

const ctx = (principal: Principal): RequestContext => ({ partnership, principal, requestId: "deep-dive-test" });

beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openDatabase(testDb.url, { max: 5 });
  const pid = await seedDemoPartnership(database.db);
  [partnership] = (await database.db.select().from(partnerships).where(eq(partnerships.id, pid))) as [PartnershipRow];
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: testDb.url, LOG_LEVEL: "silent", QUORUM_DEMO: "false", DEFAULT_PARTNERSHIP: "kent-and-medway" });
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-deep-dive-"));
  const fileStore = new LocalFileStore(filesDir);
  services = buildServices(config, database, { fileStore });
  app = await buildApp({ config, database, services, fileStore, logger: false });
  await app.ready();
  const [item] = await database.db
    .select({ id: agendaItems.id, meetingId: agendaItems.meetingId })
    .from(agendaItems)
    .where(and(eq(agendaItems.partnershipId, pid), eq(agendaItems.title, "Mental health ‘deep dive’")));
  itemId = item!.id;
  meetingId = item!.meetingId;
  const user = await createUser(database.db, pid, "secretary");
  secretary = { kind: "user", userId: user.id, name: user.name, email: user.email, role: "secretary", via: "session", scope: "write" };
});

afterAll(async () => {
  await app.close();
  await database.close();
  fs.rmSync(filesDir, { recursive: true, force: true });
  await testDb.drop();
});

describe("the mental health deep dive of 5 March 2018", () => {
  it("shows the milestones, products, key risks and budget as they stood on the day", async () => {
    const d = await services.portfolio.deepDiveFor(ctx(ANONYMOUS), itemId);
    expect(d).not.toBeNull();
    expect(d!.workstream.slug).toBe("mental-health");
    expect(d!.asOf).toBe("2018-03-05");

    expect(d!.milestonesAchieved.map((m) => [m.title, m.actualOn, m.slippageDays])).toEqual([
      ["Mental health workstream and governance established (example)", "2017-07-14", 14],
      ["Crisis care pathway review completed (example)", "2018-02-16", 16],
    ]);
    // The conference on 13 March came after the meeting: still to come at the deep dive.
    expect(d!.milestonesUpcoming.map((m) => m.title)).toEqual([
      "‘Better Together’ stakeholder conference held",
      "Kent and Medway mental health strategy agreed (example)",
    ]);
    expect(d!.milestonesUpcoming[1]).toMatchObject({ forecastOn: "2018-09-28", status: "late", slippageDays: 90 });

    expect(d!.productsDelivered.map((p) => p.title)).toEqual(["Crisis care pathway review report (example)"]);
    expect(d!.productsPlanned.map((p) => p.title)).toEqual([
      "‘Better Together – A Collective Conversation Transforming Mental Health and Wellbeing’ conference",
    ]);

    // Highest first, scored as of the meeting (the workforce risk's review of 26 February 2018: 4 × 3).
    expect(d!.keyRisks.map((r) => [r.title, r.score.score, r.score.band])).toEqual([
      ["Mental health workforce shortages (example)", 12, "high"],
      ["Stakeholder engagement does not reach people with lived experience (example)", 6, "moderate"],
    ]);
    expect(d!.keyRisks[0]).toMatchObject({
      controls: "Joint recruitment campaign with the Local Workforce Action Board (example).",
      assurances: "Monthly workforce report to the workstream board (example).",
      target: { score: 6, band: "moderate" },
    });

    // The 2017/18 plan: £25,000 planned a month; actuals April–February of £25,000 + (i mod 3) × £1,250 − £1,250
    // (i = 0 for April), so the eleven months to date sum to £275,000 + 10 × £1,250 − 11 × £1,250 = £273,750;
    // March is forecast at £27,500.
    expect(d!.budget).toEqual({
      planId: expect.any(String),
      financialYear: 2017,
      financialYearLabel: "2017/18",
      planStatus: "approved",
      isExample: true,
      monthsToDate: 11,
      plannedToDatePence: 27_500_000,
      actualToDatePence: 27_375_000,
      varianceToDatePence: -125_000,
      fullYearPlannedPence: 30_000_000,
      forecastOutturnPence: 30_125_000,
      variancePence: 125_000,
    });
    expect(d!.contributions.map((c) => c.level)).toEqual(["major", "major", "some"]);
    expect(d!.progress?.month).toBe("2018-02-01");
  });

  it("is the section of the agenda item's page, its own page and the API, and prints as board-pack sections", async () => {
    const page = await app.inject({ method: "GET", url: `/meetings/${meetingId}/items/${itemId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Deep dive: Mental health, as at");
    expect(page.body).toContain("Milestones achieved");
    expect(page.body).toContain("Crisis care pathway review completed (example)");
    expect(page.body).toContain("£273,750.00");
    expect(page.body).toContain("Joint recruitment campaign with the Local Workforce Action Board (example).");
    const own = await app.inject({ method: "GET", url: `/meetings/${meetingId}/items/${itemId}/deep-dive` });
    expect(own.statusCode).toBe(200);
    const api = await app.inject({ method: "GET", url: `/api/v1/meetings/${meetingId}/items/${itemId}/deep-dive` });
    expect(api.statusCode).toBe(200);
    expect(api.json<{ data: { budget: { forecastOutturnPence: number } } }>().data.budget.forecastOutturnPence).toBe(30_125_000);

    const sections = deepDiveSections((await services.portfolio.deepDiveFor(ctx(ANONYMOUS), itemId))!);
    expect(sections.map((s) => s.heading)).toContain("Key risks and how they are managed");
    expect(sections.find((s) => s.heading === "Budget against the 2017/18 plan")?.lines[0]).toBe(
      "Planned to date: £275,000.00; actual to date: £273,750.00; variance to date: -£1,250.00",
    );
  });

  it("changes live when a milestone changes", async () => {
    const [strategy] = await database.db
      .select()
      .from(milestones)
      .where(and(eq(milestones.partnershipId, partnership.id), eq(milestones.title, "Kent and Medway mental health strategy agreed (example)")));
    await services.milestones.update(ctx(secretary), strategy!.id, strategy!.version, { status: "complete", actualOn: "2018-03-01" });

    const d = await services.portfolio.deepDiveFor(ctx(ANONYMOUS), itemId);
    expect(d!.milestonesAchieved.map((m) => m.title)).toContain("Kent and Medway mental health strategy agreed (example)");
    expect(d!.milestonesAchieved.find((m) => m.id === strategy!.id)?.slippageDays).toBe(-121);
    expect(d!.milestonesUpcoming.map((m) => m.title)).toEqual(["‘Better Together’ stakeholder conference held"]);
    const page = await app.inject({ method: "GET", url: `/meetings/${meetingId}/items/${itemId}/deep-dive` });
    expect(page.body).toContain("121 days early");
  });

  it("is printed in the meeting's public board pack after the item's cover sheet", async () => {
    const res = await app.inject({ method: "GET", url: `/meetings/${meetingId}/pack.pdf` });
    expect(res.statusCode).toBe(200);
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(res.rawPayload)), { mergePages: false });
    const pages = text;
    const at = pages.findIndex((page) => page.includes("Deep dive: Mental health"));
    expect(at, "a page with the deep dive").toBeGreaterThan(0);
    const section = pages.slice(at).join("\n");
    expect(section).toContain("Milestones achieved");
    expect(section).toContain("Crisis care pathway review completed (example)");
    expect(section).toContain("Mental health workforce shortages (example)");
  });
});
