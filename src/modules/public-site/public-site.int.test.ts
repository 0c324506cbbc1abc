import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { createTestApp, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAgendaItem,
  createBody,
  createBoardUpdate,
  createDecision,
  createMeeting,
  createObjectives,
  createWorkstream,
} from "../../../tests/factories/index.ts";
import { addCalendarDays, toLondon } from "../../platform/time.ts";

let t: TestApp;
let board: { id: string };
let held: { id: string };
let part1Decision: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const pid = t.partnership.id;
  await createObjectives(db, pid);
  board = await createBody(db, pid, {
    name: "Kent and Medway STP Programme Board",
    shortName: "Programme Board",
    kind: "programme_board",
    slug: "programme-board",
  });
  held = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2018-03-05T10:00:00Z"),
    status: "minutes_approved",
    minutesStatus: "approved",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
    venue: "Council Chamber, Maidstone",
    hasPrivateSession: true,
  });
  const item1 = await createAgendaItem(db, pid, { meetingId: held.id, title: "Stroke review update", position: 0 });
  const item2 = await createAgendaItem(db, pid, {
    meetingId: held.id,
    title: "SECRET estates sale",
    position: 1,
    confidentiality: "part_2",
    exemptionReason: "Commercial",
  });
  part1Decision = await createDecision(db, pid, {
    bodyId: board.id,
    meetingId: held.id,
    agendaItemId: item1.id,
    text: "The Board approved the stroke consultation plan.",
  });
  await createDecision(db, pid, { bodyId: board.id, meetingId: held.id, agendaItemId: item2.id, text: "SECRET decision to sell the estate." });
  await createBoardUpdate(db, pid, {
    meetingId: held.id,
    bodyId: board.id,
    slug: "programme-board-update-5-march-2018",
    title: "Programme Board update, 5 March 2018",
    status: "published",
    firstPublishedAt: new Date("2018-03-08T09:00:00Z"),
  });
  await createWorkstream(db, pid, { name: "Stroke services", slug: "stroke-services", published: true });
  await createWorkstream(db, pid, { name: "DRAFT unpublished workstream", slug: "draft-workstream", published: false });
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, cookie?: string) => t.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });

describe("the home page", () => {
  it("shows the public the partnership, its objectives, meetings, updates, decisions and links to everything public", async () => {
    const res = await get("/");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("What the partnership is for");
    expect(res.body).toContain("Recent meetings");
    expect(res.body).toContain("Council Chamber, Maidstone");
    expect(res.body).toContain(`href="/bodies/programme-board/meetings/2018-03-05"`);
    expect(res.body).toContain(`href="/updates/programme-board-update-5-march-2018"`);
    expect(res.body).toContain(`href="/decisions/${part1Decision.id}"`);
    expect(res.body).toContain(`href="/bodies/programme-board"`);
    expect(res.body).toContain(`href="/workstreams/stroke-services"`);
    for (const link of ["/meetings", "/decisions", "/bodies", "/updates", "/workstreams", "/portfolio", "/accessibility"])
      expect(res.body).toContain(`href="${link}"`);
    expect(res.body).not.toContain("SECRET");
    expect(res.body).not.toContain("DRAFT unpublished");
  });
});

describe("readable addresses", () => {
  it("serves a body at its slug and a meeting at its body's slug and day", async () => {
    const body = await get("/bodies/programme-board");
    expect(body.statusCode).toBe(200);
    expect(body.body).toContain("Kent and Medway STP Programme Board");
    expect(body.body).toContain(`href="/bodies/${board.id}/forward-plan"`);
    expect((await get(`/bodies/${board.id}`)).statusCode).toBe(200);
    expect((await get("/bodies/no-such-body")).statusCode).toBe(404);

    const meeting = await get("/bodies/programme-board/meetings/2018-03-05");
    expect(meeting.statusCode).toBe(301);
    expect(meeting.headers.location).toBe(`/meetings/${held.id}`);
    expect((await get(`/bodies/${board.id}/meetings/2018-03-05`)).headers.location).toBe(`/meetings/${held.id}`);
    expect((await get("/bodies/programme-board/meetings/2018-03-06")).statusCode).toBe(404);
    expect((await get("/bodies/programme-board/meetings/2018-02-30")).statusCode).toBe(404);
    expect([400, 404]).toContain((await get("/bodies/programme-board/meetings/not-a-date")).statusCode);
  });

  it("lets the visitor choose when a body meets twice on one day", async () => {
    const db = t.database.db;
    const body = await createBody(db, t.partnership.id, { name: "Twice Board", slug: "twice-board" });
    const am = await createMeeting(db, t.partnership.id, { bodyId: body.id, startsAt: new Date("2018-06-04T09:00:00Z"), title: "Morning session" });
    const pm = await createMeeting(db, t.partnership.id, { bodyId: body.id, startsAt: new Date("2018-06-04T13:00:00Z"), title: "Afternoon session" });
    const res = await get("/bodies/twice-board/meetings/2018-06-04");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/meetings/${am.id}"`);
    expect(res.body).toContain(`href="/meetings/${pm.id}"`);
  });
});

describe("the meetings calendar", () => {
  it("groups meetings by month, links readable addresses, and shows past meetings when nothing is coming up", async () => {
    const res = await get(`/meetings?bodyId=${board.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("No meetings are scheduled.");
    expect(res.body).toContain("Recent meetings");
    expect(res.body).toContain("March 2018");
    expect(res.body).toContain(`href="/bodies/programme-board/meetings/2018-03-05"`);
    expect(res.body).toContain("Council Chamber, Maidstone");
    const past = await get("/meetings?when=past");
    expect(past.body).toContain("<h3>March 2018</h3>");
  });

  it("warns the secretary when an agenda is published with fewer than three clear days to go (the meetings module's rule)", async () => {
    const token = await t.token("secretary", "write");
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const soon = await t.app.inject({
      method: "POST",
      url: "/api/v1/meetings",
      headers,
      payload: { bodyId: board.id, date: addCalendarDays(toLondon(new Date()).date, 2), startTime: "10:00", endTime: "12:00" },
    });
    expect(soon.statusCode).toBe(201);
    const published = await t.app.inject({ method: "POST", url: `/api/v1/meetings/${soon.json().id}/publish-agenda`, headers, payload: { version: 1 } });
    expect(published.json().warnings).toEqual(["The agenda was published with 1 clear day before the meeting; members should have at least 3"]);
  });
});

describe("the sitemap and robots.txt", () => {
  it("lists every public page with absolute addresses and nothing confidential or unpublished", async () => {
    const res = await get("/sitemap.xml");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/xml");
    const doc = new XMLParser().parse(res.body) as { urlset: { url: { loc: string; lastmod?: string }[] } };
    const locs = doc.urlset.url.map((u) => u.loc);
    expect(res.body).toContain('xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
    for (const loc of locs) expect(loc).toMatch(/^http:\/\/localhost(:\d+)?\//);
    const paths = locs.map((l) => new URL(l).pathname + new URL(l).search);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/",
        "/bodies",
        "/meetings",
        "/decisions",
        "/updates",
        "/workstreams",
        "/portfolio",
        "/accessibility",
        "/bodies/programme-board",
        `/bodies/${board.id}/forward-plan`,
        "/bodies/programme-board/meetings/2018-03-05",
        `/decisions/${part1Decision.id}`,
        "/updates/programme-board-update-5-march-2018",
        "/workstreams/stroke-services",
      ]),
    );
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths).not.toContain("/workstreams/draft-workstream");
    expect(res.body).not.toContain("SECRET");
    const decision = doc.urlset.url.find((u) => u.loc.endsWith(`/decisions/${part1Decision.id}`));
    expect(decision?.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // The same for anyone: the sitemap is the public's, even when an insider asks.
    const secretary = await t.signIn("secretary");
    const insider = await get("/sitemap.xml", secretary.cookie);
    expect(insider.body).toBe(res.body);

    const robots = await get("/robots.txt");
    expect(robots.statusCode).toBe(200);
    expect(robots.body).toMatch(/^Sitemap: http:\/\/localhost(:\d+)?\/sitemap\.xml$/m);
  });
});

describe("the accessibility statement", () => {
  it("says what standard the site meets, how it is tested, what is not accessible and how to complain", async () => {
    const res = await get("/accessibility");
    expect(res.statusCode).toBe(200);
    for (const text of [
      "WCAG",
      "2.2",
      "axe",
      "without JavaScript",
      "keyboard",
      "PDF/UA",
      "Reporting accessibility problems",
      "Enforcement procedure",
      "Equality and Human Rights Commission",
      "Accessibility Regulations 2018",
      "Preparation of this accessibility statement",
    ])
      expect(res.body).toContain(text);
    expect((await get("/")).body).toContain(`href="/accessibility"`);
  });
});
