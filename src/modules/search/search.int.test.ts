import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createAgendaItem, createBoardUpdate, createBody, createDecision, createItemMinutes, createMeeting } from "../../../tests/factories/index.ts";
import type { Role } from "../accounts/accounts.tables.ts";

let t: TestApp;
const sessions = new Map<Role, Session>();
const tokens = new Map<Role, string>();

interface ApiHit {
  type: string;
  id: string;
  title: string;
  url: string;
  snippet: string;
  snippetHtml: string;
  draft: boolean;
  rank: number;
}
interface ApiPage {
  data: ApiHit[];
  page: number;
  limit: number;
  hasMore: boolean;
  capped: boolean;
}

const ids: Record<string, string> = {};

async function api(who: Role | "anonymous", query: string): Promise<ApiPage> {
  const headers = who === "anonymous" ? {} : { authorization: `Bearer ${tokens.get(who)!}` };
  const res = await t.app.inject({ method: "GET", url: `/api/v1/search?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ApiPage>();
}

async function page(who: Role | "anonymous", query: string) {
  const headers = who === "anonymous" ? {} : { cookie: sessions.get(who)!.cookie };
  return t.app.inject({ method: "GET", url: `/search?${query}`, headers });
}

const q = (words: string, extra = "") => `q=${encodeURIComponent(words)}${extra}`;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const pid = t.partnership.id;
  const board = await createBody(db, pid, { name: "Programme Board", kind: "programme_board" });
  // A meeting whose minutes are approved: its Part I record is public.
  const approved = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2018-03-05T10:00:00Z"),
    status: "minutes_approved",
    minutesStatus: "approved",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
  });
  const part1 = await createAgendaItem(db, pid, { meetingId: approved.id, position: 0, title: "Patient engagement strategy", kind: "decision" });
  const part2 = await createAgendaItem(db, pid, {
    meetingId: approved.id,
    position: 1,
    title: "Estates disposal CONFIDENTIALTITLE engagement",
    kind: "decision",
    confidentiality: "part_2",
    exemptionReason: "Commercial interests",
  });
  // A Part I sub-item of the Part II item: hidden with its parent.
  await createAgendaItem(db, pid, { meetingId: approved.id, parentItemId: part2.id, position: 0, title: "Sub-item ORPHANTITLE engagement", kind: "update" });
  ids.decision = (
    await createDecision(db, pid, {
      bodyId: board.id,
      meetingId: approved.id,
      agendaItemId: part1.id,
      text: "The board approved the patient engagement strategy <script>alert(1)</script> & its annex.",
    })
  ).id;
  ids.part2Decision = (
    await createDecision(db, pid, {
      bodyId: board.id,
      meetingId: approved.id,
      agendaItemId: part2.id,
      text: "The board agreed SECRETDECISION engagement terms.",
    })
  ).id;
  await createItemMinutes(db, pid, {
    agendaItemId: part1.id,
    publicSummary: "The board discussed community engagement with partners.",
    outcome: "Strategy approved.",
    discussion: "Members raised DISCUSSIONMARKER concerns about engaging carers.",
  });
  await createItemMinutes(db, pid, { agendaItemId: part2.id, publicSummary: "PARTTWOMINUTES engagement summary", discussion: "PARTTWODISCUSSION" });

  // A held meeting whose minutes are still in draft: insiders read them, the public does not.
  const drafted = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2018-06-04T10:00:00Z"),
    status: "minutes_drafted",
    minutesStatus: "draft",
    agendaPublishedAt: new Date("2018-05-28T09:00:00Z"),
  });
  const draftedItem = await createAgendaItem(db, pid, { meetingId: drafted.id, position: 0, title: "Workforce update", kind: "update" });
  await createItemMinutes(db, pid, { agendaItemId: draftedItem.id, publicSummary: "UNAPPROVEDMINUTES engagement of the workforce" });

  // A planned meeting whose agenda is not published yet.
  const planned = await createMeeting(db, pid, { bodyId: board.id, startsAt: new Date("2099-04-06T09:00:00Z"), status: "planned" });
  await createAgendaItem(db, pid, { meetingId: planned.id, position: 0, title: "UNPUBLISHEDAGENDA engagement plan", kind: "update" });

  // Board updates: one published (then edited without republishing), one draft.
  const published = await createBoardUpdate(db, pid, {
    meetingId: approved.id,
    bodyId: board.id,
    title: "Programme Board update, March 2018",
    markdown: "The board agreed its **engagement** approach.",
    status: "published",
    firstPublishedAt: new Date("2018-03-08T09:00:00Z"),
  });
  ids.update = published.id;
  await db.execute(
    // The working copy changes, the publication does not: the public must not find the unpublished words.
    (await import("drizzle-orm")).sql`update board_updates set markdown = markdown || ' WORKINGCOPYCHANGE' where id = ${published.id}`,
  );
  await createBoardUpdate(db, pid, { meetingId: drafted.id, bodyId: board.id, title: "DRAFTUPDATE June", markdown: "Draft engagement notes." });

  for (const role of ["admin", "member", "contributor", "viewer"] as const) {
    sessions.set(role, await t.signIn(role));
    tokens.set(role, await t.token(role, "read"));
  }
});
afterAll(async () => {
  await t.close();
});

describe("finding things", () => {
  it("finds a decision, minutes, an agenda item and a board update by a word's stem", async () => {
    const result = await api("anonymous", q("engage"));
    const types = new Set(result.data.map((h) => h.type));
    expect(types).toEqual(new Set(["decision", "minutes", "agenda_item", "board_update"]));
    const decision = result.data.find((h) => h.type === "decision")!;
    expect(decision.id).toBe(ids.decision);
    expect(decision.url).toBe(`/decisions/${ids.decision}`);
    expect(decision.snippetHtml).toContain("<mark>engagement</mark>");
    expect(result.data.find((h) => h.type === "minutes")!.snippet).toContain("community engagement");
    expect(result.data.find((h) => h.type === "board_update")!.url).toMatch(/^\/updates\/update-/);
  });

  it("ranks the better match first, then the newer", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const board = await createBody(db, pid, { name: "Ranking Board", kind: "sub_board" });
    const older = await createMeeting(db, pid, { bodyId: board.id, startsAt: new Date("2017-01-09T10:00:00Z"), status: "held" });
    const newer = await createMeeting(db, pid, { bodyId: board.id, startsAt: new Date("2019-01-07T10:00:00Z"), status: "held" });
    const item = async (meetingId: string) => createAgendaItem(db, pid, { meetingId, title: "Ranking item", kind: "decision" });
    const [oldItem, newItem] = [await item(older.id), await item(newer.id)];
    const weak = await createDecision(db, pid, {
      bodyId: board.id,
      meetingId: newer.id,
      agendaItemId: newItem.id,
      text: "The board noted the finance report, the estates review, the digital plan, and one zephyrine point among many other matters of business.",
    });
    const strong = await createDecision(db, pid, {
      bodyId: board.id,
      meetingId: older.id,
      agendaItemId: oldItem.id,
      text: "Zephyrine plan: zephyrine for all.",
    });
    const sameOld = await createDecision(db, pid, { bodyId: board.id, meetingId: older.id, agendaItemId: oldItem.id, text: "Quillwort agreed." });
    const sameNew = await createDecision(db, pid, { bodyId: board.id, meetingId: newer.id, agendaItemId: newItem.id, text: "Quillwort agreed." });
    expect((await api("anonymous", q("zephyrine", "&type=decision"))).data.map((h) => h.id)).toEqual([strong.id, weak.id]);
    expect((await api("anonymous", q("quillwort"))).data.map((h) => h.id)).toEqual([sameNew.id, sameOld.id]);
  });

  it("escapes the record's text in snippets and marks the matches", async () => {
    const res = await page("anonymous", q("engagement"));
    expect(res.statusCode).toBe(200);
    // PostgreSQL's headline drops what looks like markup; whatever is left is escaped.
    expect(res.body).not.toContain("<script>alert(1)");
    expect(res.body).toContain("alert(1)  &amp; its annex");
    expect(res.body).toContain("<mark>engagement</mark>");
    expect(res.body).toContain(`href="/decisions/${ids.decision}"`);
    const result = await api("anonymous", q("annex"));
    expect(result.data[0]!.snippetHtml).toContain("&amp; its <mark>annex</mark>");
    expect(result.data[0]!.snippetHtml).not.toContain("<script>");
  });

  it("shows the empty page, without searching, when there are no words", async () => {
    const res = await page("anonymous", "q=");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<h1>Search</h1>");
    expect(res.body).not.toContain("No results");
    expect((await api("anonymous", "q=")).data).toEqual([]);
    expect((await page("anonymous", "")).statusCode).toBe(200);
  });
});

describe("what each viewer may find", () => {
  const found = async (who: Role | "anonymous", words: string) => (await api(who, q(words))).data.length > 0;

  it("never finds Part II decisions, minutes or items for those not entitled to Part II", async () => {
    for (const words of ["SECRETDECISION", "PARTTWOMINUTES", "PARTTWODISCUSSION", "CONFIDENTIALTITLE", "ORPHANTITLE"]) {
      for (const who of ["anonymous", "viewer", "contributor"] as const) expect(await found(who, words), `${who}: ${words}`).toBe(false);
      expect(await found("member", words), `member: ${words}`).toBe(true);
    }
    for (const who of ["anonymous", "viewer", "contributor"] as const) {
      const html = (await page(who, q("engagement"))).body;
      for (const marker of ["SECRETDECISION", "PARTTWOMINUTES", "CONFIDENTIALTITLE", "ORPHANTITLE"]) expect(html, `${who}: ${marker}`).not.toContain(marker);
    }
  });

  it("finds minutes for the public only once approved, and never their discussion", async () => {
    expect(await found("anonymous", "UNAPPROVEDMINUTES")).toBe(false);
    expect(await found("viewer", "UNAPPROVEDMINUTES")).toBe(true);
    expect(await found("anonymous", "DISCUSSIONMARKER")).toBe(false);
    expect(await found("viewer", "DISCUSSIONMARKER")).toBe(true);
  });

  it("finds agenda items once the agenda is published (insiders: always)", async () => {
    expect(await found("anonymous", "UNPUBLISHEDAGENDA")).toBe(false);
    expect(await found("viewer", "UNPUBLISHEDAGENDA")).toBe(true);
  });

  it("finds published board updates as published; drafts only for insiders", async () => {
    expect(await found("anonymous", "DRAFTUPDATE")).toBe(false);
    const draft = (await api("viewer", q("DRAFTUPDATE"))).data;
    expect(draft.map((h) => [h.type, h.draft])).toEqual([["board_update", true]]);
    expect(await found("anonymous", "WORKINGCOPYCHANGE")).toBe(false);
    expect(await found("admin", "WORKINGCOPYCHANGE")).toBe(false);
    expect((await api("anonymous", q("approach"))).data.map((h) => h.id)).toEqual([ids.update]);
  });
});

describe("hostile searches", () => {
  const nasty = [
    '"unterminated phrase',
    "a & b | !c (d) :* <-> e",
    "-",
    "or or or",
    "''''",
    "\\",
    "the and of",
    "日本語 テキスト",
    "%_*",
    "engagement:*",
    "\u0001\u0002 engagement",
    "<script>alert(1)</script>",
  ];

  it("answers 200 for anything a search box can send, on the page and the API", async () => {
    for (const words of nasty) {
      const p = await page("anonymous", q(words));
      expect(p.statusCode, words).toBe(200);
      expect(p.body).not.toContain("<script>alert(1)</script>");
      const a = await t.app.inject({ method: "GET", url: `/api/v1/search?${q(words)}` });
      expect(a.statusCode, words).toBe(200);
    }
  });

  it("refuses NUL, over-long words and nonsense parameters with 4xx, never 5xx", async () => {
    const long = "engagement ".repeat(1000);
    for (const query of [q("a\u0000b"), q(long), "q=%00", "q=ok&type=secrets", "q=ok&page=0", "q=ok&page=x", "q=a&q=b", "q=ok&limit=101"]) {
      const a = await t.app.inject({ method: "GET", url: `/api/v1/search?${query}` });
      expect(a.statusCode, `api ${query.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(a.statusCode, `api ${query.slice(0, 40)}`).toBeLessThan(500);
    }
    for (const query of [q("a\u0000b"), q(long)]) {
      const p = await page("anonymous", query);
      expect(p.statusCode, `page ${query.slice(0, 40)}`).toBe(400);
      expect(p.body).toContain("nhsuk-error-summary");
      expect(p.body).not.toContain("\u0000");
    }
    for (const query of ["q=ok&type=secrets", "q=ok&page=0", "q=a&q=b"]) expect((await page("anonymous", query)).statusCode, query).toBe(400);
    const tooLong = await page("anonymous", q(long));
    expect(tooLong.body).toContain("Error: ");
    expect(tooLong.body).toContain("200 characters or fewer");
  });
});

describe("pagination", () => {
  it("pages through results without repeats, on the API and the page", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const board = await createBody(db, pid, { name: "Paging Board", kind: "sub_board" });
    const meeting = await createMeeting(db, pid, { bodyId: board.id, status: "held" });
    const item = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Paging item", kind: "decision" });
    for (let i = 0; i < 25; i++)
      await createDecision(db, pid, { bodyId: board.id, meetingId: meeting.id, agendaItemId: item.id, text: `Pagination decision number ${i}.` });

    const seen: string[] = [];
    for (const [n, more] of [
      [1, true],
      [2, true],
      [3, false],
    ] as const) {
      const result = await api("anonymous", q("pagination", `&limit=10&page=${n}`));
      expect(result.hasMore).toBe(more);
      seen.push(...result.data.map((h) => h.id));
    }
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);

    const typed: string[] = [];
    for (const n of [1, 2, 3]) typed.push(...(await api("anonymous", q("pagination", `&type=decision&limit=10&page=${n}`))).data.map((h) => h.id));
    expect(typed).toEqual(seen);

    const first = await page("anonymous", q("pagination"));
    expect(first.body).toContain("?q=pagination&amp;page=2");
    const second = await page("anonymous", q("pagination", "&page=2"));
    expect(second.body).toContain("Previous");
    expect(second.body).not.toContain("?q=pagination&amp;page=3");
  });

  it("stops searches of every type after the first results, and pages further within one type", async () => {
    const result = await api("anonymous", q("pagination", "&limit=100&page=3"));
    expect(result.data).toEqual([]);
    expect(result.capped).toBe(true);
  });
});
