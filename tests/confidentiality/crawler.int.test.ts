/**
 * The confidentiality guarantee (issue 5): the demo partnership plus Part II and unpublished
 * material carrying unique markers; a crawler that signs in as nobody follows every link, feed,
 * calendar, sitemap entry, board pack, paper and API response reachable from the home page and
 * finds none of them; each role finds exactly what it is entitled to; and the crawler itself is
 * shown to catch a leak (a test of the test).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, buildServices, type Services } from "../../src/app.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import { openDatabase, type DatabaseHandle } from "../../src/platform/db/client.ts";
import { LocalFileStore } from "../../src/platform/files/file-store.ts";
import type { RequestContext } from "../../src/platform/http/context.ts";
import { users } from "../../src/modules/accounts/accounts.tables.ts";
import { bodies } from "../../src/modules/bodies/bodies.tables.ts";
import { meetings } from "../../src/modules/meetings/meetings.tables.ts";
import { people } from "../../src/modules/people/people.tables.ts";
import { workstreams } from "../../src/modules/workstreams/workstreams.tables.ts";
import { partnerships } from "../../src/modules/partnerships/partnerships.tables.ts";
import { seedDemoPartnership } from "../../seeds/kent-and-medway.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../../seeds/demo-users.ts";
import {
  createAction,
  createAgendaItem,
  createBoardUpdate,
  createDecision,
  createForwardPlanEntry,
  createItemMinutes,
  createMeeting,
  createRisk,
  createWorkstream,
} from "../factories/index.ts";
import { cookiesFrom, csrfFrom } from "../setup/app.ts";
import { createTestDatabase, type TestDatabase } from "../setup/database.ts";
import { crawl, describeCrawl, type CrawlResult } from "./crawler.ts";

/** Part II material: only admins, secretaries and members may see it. */
const PART_2 = {
  itemTitle: "QZXPART2ITEMTITLE",
  paperTitle: "QZXPART2PAPERTITLE",
  paperText: "QZXPART2PAPERTEXT",
  minutes: "QZXPART2MINUTESTEXT",
  decision: "QZXPART2DECISIONTEXT",
  action: "QZXPART2ACTIONTEXT",
  forwardPlan: "QZXPART2FORWARDPLAN",
} as const;

/** Material for people with a role in the partnership only: unpublished portfolio records, a draft update, the Part I discussion record. */
const INSIDERS_ONLY = {
  discussion: "QZXPART1DISCUSSION",
  draftWorkstream: "QZXDRAFTWORKSTREAM",
  draftRisk: "QZXDRAFTRISK",
  draftUpdate: "QZXDRAFTBOARDUPDATE",
} as const;

const PART_2_MARKERS = Object.values(PART_2);
const ALL_MARKERS = [...PART_2_MARKERS, ...Object.values(INSIDERS_ONLY)];

let testDatabase: TestDatabase;
let database: DatabaseHandle;
let config: Config;
let services: Services;
let fileStore: LocalFileStore;
let filesDir: string;
let app: FastifyInstance;
let part2ItemId: string;
const log: string[] = [];

/** A real one-page PDF whose text says `text`. */
async function pdfSaying(text: string): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText(text, { x: 50, y: 700, size: 14, font });
  doc.setTitle("Estates valuation");
  return Buffer.from(await doc.save());
}

/** Signs a demo user in through the real sign-in form and returns the browser's cookies. */
async function signIn(target: FastifyInstance, email: string): Promise<string> {
  const form = await target.inject({ method: "GET", url: "/sign-in" });
  const cookie = cookiesFrom(form);
  const res = await target.inject({
    method: "POST",
    url: "/sign-in",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: csrfFrom(form.body), email, password: DEMO_PASSWORD }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`sign-in of ${email} failed: ${res.statusCode}`);
  return cookiesFrom(res, cookie);
}

beforeAll(async () => {
  testDatabase = await createTestDatabase();
  config = loadConfig({ NODE_ENV: "test", DATABASE_URL: testDatabase.url, LOG_LEVEL: "silent", QUORUM_DEMO: "false" });
  database = openDatabase(testDatabase.url, { max: 5 });
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-crawler-files-"));
  fileStore = new LocalFileStore(filesDir);
  const db = database.db;
  const pid = await seedDemoPartnership(db);
  services = buildServices(config, database, { fileStore });
  app = await buildApp({ config, database, services, logger: false });
  await app.ready();

  // The Programme Board meeting whose minutes are approved (4 December 2017): everything public about it is on show.
  const [board] = await db
    .select()
    .from(bodies)
    .where(and(eq(bodies.partnershipId, pid), eq(bodies.slug, "programme-board")));
  if (!board) throw new Error("the demo Programme Board has no slug");
  const boardMeetings = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.partnershipId, pid), eq(meetings.bodyId, board.id)))
    .orderBy(asc(meetings.startsAt));
  const meeting = boardMeetings.find((m) => m.minutesStatus === "approved") ?? boardMeetings[0]!;
  const [owner] = await db.select().from(people).where(eq(people.partnershipId, pid)).limit(1);

  const part2 = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    title: `Estates disposal ${PART_2.itemTitle}`,
    confidentiality: "part_2",
    exemptionReason: "Commercial interests (example)",
    position: 90,
  });
  part2ItemId = part2.id;
  await createItemMinutes(db, pid, { agendaItemId: part2.id, discussion: PART_2.minutes, publicSummary: PART_2.minutes, outcome: PART_2.minutes });
  await createDecision(db, pid, {
    bodyId: board.id,
    meetingId: meeting.id,
    agendaItemId: part2.id,
    text: `The Board agreed ${PART_2.decision}.`,
    decidedOn: "2017-12-04",
  });
  await createAction(db, pid, {
    bodyId: board.id,
    ownerPersonId: owner!.id,
    sourceMeetingId: meeting.id,
    sourceAgendaItemId: part2.id,
    description: `Complete the sale ${PART_2.action}`,
  });
  await createForwardPlanEntry(db, pid, {
    bodyId: board.id,
    title: `Estates disposal ${PART_2.forwardPlan}`,
    scheduledAgendaItemId: part2.id,
    targetMeetingId: meeting.id,
  });

  const part1 = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Crawler test public item", position: 91 });
  await createItemMinutes(db, pid, {
    agendaItemId: part1.id,
    discussion: `Members discussed ${INSIDERS_ONLY.discussion}.`,
    publicSummary: "The Board noted the report.",
    outcome: "Noted",
  });

  // The Part II paper goes through the papers service, so its text is read and stored like any upload.
  const [admin] = await db
    .select()
    .from(users)
    .where(eq(users.email, DEMO_USERS.find((u) => u.role === "admin")!.email));
  const [partnership] = await db.select().from(partnerships).where(eq(partnerships.id, pid));
  const ctx: RequestContext = {
    partnership: partnership!,
    principal: { kind: "user", userId: admin!.id, name: admin!.name, email: admin!.email, role: "admin", via: "token", scope: "write" },
    requestId: "crawler-test-setup",
  };
  await services.papers.upload(ctx, meeting.id, part2.id, {
    title: `Estates valuation ${PART_2.paperTitle}`,
    file: { fileName: "valuation.pdf", content: await pdfSaying(`Valuation ${PART_2.paperText} commercial in confidence`), truncated: false },
  });

  // A public paper with real bytes too, so the public's crawl downloads and reads papers.
  await services.papers.upload(ctx, meeting.id, part1.id, {
    title: "Crawler test public paper",
    file: { fileName: "public.pdf", content: await pdfSaying("A public paper for the crawler"), truncated: false },
  });

  // Unpublished portfolio records and a draft board update.
  await createWorkstream(db, pid, { name: `Estates ${INSIDERS_ONLY.draftWorkstream}`, slug: "crawler-draft-workstream", published: false });
  const [published] = await db
    .select()
    .from(workstreams)
    .where(and(eq(workstreams.partnershipId, pid), eq(workstreams.published, true)))
    .limit(1);
  await createRisk(db, pid, { workstreamId: published?.id ?? null, title: `Risk ${INSIDERS_ONLY.draftRisk}`, published: false });
  const june = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2018-06-04T09:00:00Z"),
    status: "held",
    agendaPublishedAt: new Date("2018-05-25T09:00:00Z"),
  });
  await createBoardUpdate(db, pid, {
    meetingId: june.id,
    bodyId: board.id,
    title: `Update ${INSIDERS_ONLY.draftUpdate}`,
    markdown: INSIDERS_ONLY.draftUpdate,
    status: "draft",
  });
}, 120_000);

afterAll(async () => {
  console.info(`Confidentiality crawl\n  ${log.join("\n  ")}`);
  await app?.close();
  await database?.close();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
  await testDatabase?.drop();
});

const markersIn = (r: CrawlResult) => new Set(r.findings.map((f) => f.marker));
const where = (r: CrawlResult) => r.findings.map((f) => `${f.marker} in ${f.kind} ${f.url}`).join("\n");

describe("the confidentiality crawler", () => {
  it("finds nothing confidential or unpublished anywhere the public can reach, and no server errors", async () => {
    const result = await crawl({ app, markers: ALL_MARKERS });
    log.push(describeCrawl("anonymous", result));
    expect(result.serverErrors).toEqual([]);
    expect(where(result)).toBe("");
    expect(result.truncated).toBe(false);
    // It really went everywhere: pages, feeds, calendars, the sitemap, packs, papers and the API.
    const urls = [...result.fetched.keys()];
    for (const pattern of [
      /^\/meetings\/[0-9a-f-]{36}$/,
      /^\/bodies\/programme-board$/,
      /^\/bodies\/[0-9a-f-]{36}\/forward-plan$/,
      /^\/decisions\/[0-9a-f-]{36}$/,
      /^\/updates\/[^/]+$/,
      /\.ics$/,
      /\.(rss|atom)$/,
      /^\/sitemap\.xml$/,
      /^\/meetings\/[0-9a-f-]{36}\/pack\.pdf$/,
      /^\/papers\/[0-9a-f-]{36}\/download$/,
      /^\/api\/v1\/meetings\?limit=100$/,
      /^\/api\/v1\/decisions\/[0-9a-f-]{36}$/,
      /^\/accessibility$/,
    ])
      expect(
        urls.some((u) => pattern.test(u)),
        `no URL like ${pattern}`,
      ).toBe(true);
    expect(result.kinds.pdf ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it("shows viewers and contributors no Part II material, and members, secretaries and admins all of it", async () => {
    for (const user of DEMO_USERS) {
      const cookie = await signIn(app, user.email);
      const entitled = user.role !== "viewer" && user.role !== "contributor";
      // Those entitled to Part II stop once they have found all of it: reach is what their crawl proves
      // (the public's, viewers' and contributors' crawls go everywhere).
      const result = await crawl({ app, cookie, markers: ALL_MARKERS, maxUrls: 2000, ...(entitled ? { stopWhenFound: PART_2_MARKERS } : {}) });
      log.push(describeCrawl(user.role, result));
      expect(result.serverErrors, user.role).toEqual([]);
      const found = markersIn(result);
      if (user.role === "viewer" || user.role === "contributor") {
        expect(
          result.findings
            .filter((f) => (PART_2_MARKERS as string[]).includes(f.marker))
            .map((f) => `${f.marker} in ${f.kind} ${f.url}`)
            .join("\n"),
          user.role,
        ).toBe("");
        // Insiders read the discussion record: proof that this crawl reaches minutes at all.
        expect(found.has(INSIDERS_ONLY.discussion), user.role).toBe(true);
      } else {
        // Proof that the crawler reaches every kind of Part II material when it is allowed to.
        for (const marker of PART_2_MARKERS) expect(found.has(marker), `${user.role} should find ${marker}`).toBe(true);
      }
    }
  }, 300_000);

  it("reports a leak when a Part II title is put on a public page (a test of the test)", async () => {
    // A second app on the same database, with a throwaway public page showing the Part II item's
    // title, linked from the home page's footer by a hook, as a careless change might.
    const leaky = await buildApp({ config, database, services, logger: false });
    leaky.get("/leaky-page", async (_request, reply) =>
      reply.type("text/html").send(`<html><body><h1>Estates disposal ${PART_2.itemTitle}</h1></body></html>`),
    );
    leaky.addHook("onSend", async (request, reply, payload) => {
      if (request.url === "/" && typeof payload === "string") return payload.replace("</main>", `<a href="/leaky-page">More</a></main>`);
      return payload;
    });
    await leaky.ready();
    try {
      const result = await crawl({ app: leaky, markers: ALL_MARKERS, start: ["/"], maxUrls: 50 });
      expect(result.findings).toContainEqual({ url: "/leaky-page", marker: PART_2.itemTitle, kind: "html" });
    } finally {
      await leaky.close();
    }
    expect(part2ItemId).toBeTruthy();
  }, 60_000);
});
