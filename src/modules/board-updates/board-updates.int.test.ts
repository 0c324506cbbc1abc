import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createAgendaItem, createBody, createDecision, createItemMinutes, createMeeting, createPerson } from "../../../tests/factories/index.ts";
import { boardUpdates, boardUpdateVersions } from "./board-updates.tables.ts";

let t: TestApp;
let pid: string;
let board: { id: string; name: string };
let held: { id: string };
let sameDay: { id: string };
let another: { id: string };
let planned: { id: string };
let secretary: Session;
let viewer: Session;
let adminToken: string;
let viewerToken: string;

const PART_2_SUMMARY = "Part II summary: the estates disposal price";
const PART_2_DECISION = "Agreed the confidential disposal of the Part II site.";
const DISCUSSION = "Discussion only for insiders: members debated the figures";

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" });

async function heldMeetingWithRecord(startsAt: Date) {
  const db = t.database.db;
  const meeting = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt,
    status: "held",
    agendaPublishedAt: new Date(startsAt.getTime() - 7 * 86_400_000),
  });
  await createAgendaItem(db, pid, { meetingId: meeting.id, position: 0, title: "Welcome and apologies", kind: "welcome_and_apologies" });
  const presenter = await createPerson(db, pid, { name: "Glenn Douglas" });
  const update = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    position: 1,
    title: "Chief Executive’s update",
    kind: "update",
    presenters: [{ personId: presenter.id, roleLabel: "STP Chief Executive and Chair of the Programme Board" }],
  });
  const plans = await createAgendaItem(db, pid, { meetingId: meeting.id, position: 2, title: "STP planning and budget 2018/19", kind: "decision" });
  const part2 = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    position: 3,
    title: "Estates disposal (confidential)",
    kind: "decision",
    confidentiality: "part_2",
    exemptionReason: "Commercial interests",
  });
  await createItemMinutes(db, pid, {
    agendaItemId: update.id,
    publicSummary: "Updates on:\n\n• Winter planning – work is underway.\n• Forward planning.",
    discussion: DISCUSSION,
  });
  await createItemMinutes(db, pid, {
    agendaItemId: plans.id,
    publicSummary: "The Board received detailed plans from all STP workstreams.",
    discussion: DISCUSSION,
  });
  await createItemMinutes(db, pid, { agendaItemId: part2.id, publicSummary: PART_2_SUMMARY, discussion: DISCUSSION });
  const decidedOn = startsAt.toISOString().slice(0, 10);
  await createDecision(db, pid, {
    bodyId: board.id,
    meetingId: meeting.id,
    agendaItemId: plans.id,
    decidedOn,
    kind: "approved",
    text: "Approved the detailed plans and budgets of all STP workstreams for 2018/19.",
  });
  await createDecision(db, pid, { bodyId: board.id, meetingId: meeting.id, agendaItemId: part2.id, decidedOn, kind: "agreed", text: PART_2_DECISION });
  return meeting;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  board = await createBody(db, pid, { name: "Kent and Medway STP Programme Board", shortName: "Programme Board", kind: "programme_board" });
  held = await heldMeetingWithRecord(new Date("2018-03-05T10:00:00Z"));
  sameDay = await heldMeetingWithRecord(new Date("2018-03-05T15:00:00Z"));
  another = await heldMeetingWithRecord(new Date("2017-12-04T10:00:00Z"));
  planned = await createMeeting(db, pid, { bodyId: board.id, startsAt: new Date("2099-04-06T09:00:00Z"), status: "planned" });
  secretary = await t.signIn("secretary");
  viewer = await t.signIn("viewer");
  adminToken = await t.token("admin", "write");
  viewerToken = await t.token("viewer", "read");
});
afterAll(async () => {
  await t.close();
});

async function stored(slug: string) {
  const [row] = await t.database.db
    .select()
    .from(boardUpdates)
    .where(and(eq(boardUpdates.partnershipId, pid), eq(boardUpdates.slug, slug)));
  return row!;
}

async function versionsOf(id: string) {
  return t.database.db
    .select()
    .from(boardUpdateVersions)
    .where(and(eq(boardUpdateVersions.partnershipId, pid), eq(boardUpdateVersions.boardUpdateId, id)))
    .orderBy(boardUpdateVersions.number);
}

const SLUG = "programme-board-update-5-march-2018";

describe("drafting an update from a held meeting", () => {
  it("drafts from the Part I record only, even when the secretary drafts, with a readable slug", async () => {
    const page = await t.app.inject({ method: "GET", url: `/meetings/${held.id}/update`, headers: { cookie: secretary.cookie } });
    expect(page.statusCode).toBe(200);
    const res = await t.app.inject({
      method: "POST",
      url: `/meetings/${held.id}/update`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/updates/${SLUG}/edit`);
    const row = await stored(SLUG);
    expect(row.status).toBe("draft");
    expect(row.title).toBe("Programme Board update, 5 March 2018");
    expect(row.markdown).toMatch(/^The Kent and Medway STP Programme Board met on 5 March 2018\./);
    expect(row.markdown).toContain("## Chief Executive’s update");
    expect(row.markdown).toContain("Glenn Douglas, STP Chief Executive and Chair of the Programme Board, presented this item.");
    expect(row.markdown).toContain("- Winter planning – work is underway.");
    expect(row.markdown).toContain("## STP planning and budget 2018/19");
    expect(row.markdown).toContain("The Board approved the detailed plans and budgets of all STP workstreams for 2018/19.");
    expect(row.markdown).not.toContain("Welcome and apologies");
    for (const secret of [PART_2_SUMMARY, PART_2_DECISION, DISCUSSION, "Estates disposal"]) expect(row.markdown).not.toContain(secret);
  });

  it("adds -2 to the slug of a second update on the same day, and sends a second draft of the same meeting to the first", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/updates/draft",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, meetingId: sameDay.id }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/updates/${SLUG}-2/edit`);
    const again = await t.app.inject({
      method: "POST",
      url: `/meetings/${held.id}/update`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf }),
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/updates/${SLUG}/edit`);
  });

  it("refuses to draft before the meeting is held (409), and refuses the public and viewers", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/meetings/${planned.id}/update`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("once the meeting has been held");
    const api = await t.app.inject({ method: "POST", url: `/api/v1/meetings/${planned.id}/board-update`, headers: json(adminToken), payload: {} });
    expect(api.statusCode).toBe(409);
    expect(api.json().error.code).toBe("meeting_not_held");
    const asViewer = await t.app.inject({
      method: "POST",
      url: `/meetings/${held.id}/update`,
      headers: formHeaders(viewer),
      payload: form({ _csrf: viewer.csrf }),
    });
    expect(asViewer.statusCode).toBe(403);
  });
});

describe("drafts are for insiders", () => {
  it("hides a draft from the public (404) on its page, in the list, the API and the feeds", async () => {
    expect((await t.app.inject({ method: "GET", url: `/updates/${SLUG}` })).statusCode).toBe(404);
    const asViewer = await t.app.inject({ method: "GET", url: `/updates/${SLUG}`, headers: { cookie: viewer.cookie } });
    expect(asViewer.statusCode).toBe(200);
    expect(asViewer.body).toContain("This update is a draft");
    const list = await t.app.inject({ method: "GET", url: "/updates" });
    expect(list.body).not.toContain(SLUG);
    const row = await stored(SLUG);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/board-updates/${row.id}` })).statusCode).toBe(404);
    const publicDrafts = await t.app.inject({ method: "GET", url: "/api/v1/board-updates?status=draft" });
    expect(publicDrafts.json().data).toEqual([]);
    const insiderDrafts = await t.app.inject({ method: "GET", url: "/api/v1/board-updates?status=draft", headers: json(viewerToken) });
    expect(insiderDrafts.json().data.map((u: { slug: string }) => u.slug)).toContain(SLUG);
    const rss = await t.app.inject({ method: "GET", url: "/updates.rss" });
    expect(rss.body).not.toContain(SLUG);
  });
});

describe("editing, previewing and publishing", () => {
  it("previews on the server without saving, escaping raw HTML", async () => {
    const row = await stored(SLUG);
    const edit = await t.app.inject({ method: "GET", url: `/updates/${SLUG}/edit`, headers: { cookie: secretary.cookie } });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toMatch(/<button(?=[^>]*name="intent")(?=[^>]*value="preview")/);
    expect(edit.body).toMatch(/<button(?=[^>]*name="intent")(?=[^>]*value="save")/);
    const res = await t.app.inject({
      method: "POST",
      url: `/updates/${SLUG}/edit`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        title: row.title,
        markdown: "<script>alert('x')</script>\n\n**Bold** see https://www.kentandmedway.nhs.uk",
        version: String(row.version),
        intent: "preview",
      }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Preview (not saved)");
    expect(res.body).toContain("&lt;script&gt;alert(");
    expect(res.body).not.toContain("<script>alert(");
    expect(res.body).toContain("<strong>Bold</strong>");
    expect(res.body).toContain('<a href="https://www.kentandmedway.nhs.uk">');
    expect((await stored(SLUG)).markdown).toBe(row.markdown);
  });

  it("saves, and answers a stale save with 409 keeping what was typed", async () => {
    const row = await stored(SLUG);
    const save = (markdown: string, version: number) =>
      t.app.inject({
        method: "POST",
        url: `/updates/${SLUG}/edit`,
        headers: formHeaders(secretary),
        payload: form({ _csrf: secretary.csrf, title: row.title, markdown, version: String(version), intent: "save" }),
      });
    const first = await save(`${row.markdown}\nEdited by the board office.\n`, row.version);
    expect(first.statusCode).toBe(303);
    const stale = await save("A stale edit that must not be saved", row.version);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("A stale edit that must not be saved");
    expect(stale.body).toContain("Someone else saved this update first");
    expect((await stored(SLUG)).markdown).toContain("Edited by the board office.");
    const empty = await save("   ", row.version + 1);
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain("<title>Error: ");
  });

  it("publishes version 1, then a correction as version 2 with 'updated on' and the list of corrections", async () => {
    let row = await stored(SLUG);
    const publish = (version: number, changeNote = "") =>
      t.app.inject({
        method: "POST",
        url: `/updates/${SLUG}/publish`,
        headers: formHeaders(secretary),
        payload: form({ _csrf: secretary.csrf, version: String(version), changeNote }),
      });
    expect((await publish(row.version)).statusCode).toBe(303);
    row = await stored(SLUG);
    expect(row.status).toBe("published");
    expect(row.firstPublishedAt).not.toBeNull();
    expect(row.lastPublishedAt).toBeNull();
    expect(await versionsOf(row.id)).toHaveLength(1);
    // Dates of the story: published 6 March 2018.
    await t.database.db
      .update(boardUpdates)
      .set({ firstPublishedAt: new Date("2018-03-06T12:00:00Z") })
      .where(eq(boardUpdates.id, row.id));

    const published = await t.app.inject({ method: "GET", url: `/updates/${SLUG}` });
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain("Published 6 March 2018");
    expect(published.body).not.toContain("updated on");
    expect(published.body).toContain(`href="/meetings/${held.id}"`);

    // Edit the published update: the public still reads version 1 until the correction is published.
    const edit = await t.app.inject({
      method: "POST",
      url: `/updates/${SLUG}/edit`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        title: row.title,
        markdown: `${row.markdown}\nCorrected figure.\n`,
        version: String(row.version),
        intent: "save",
      }),
    });
    expect(edit.statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: `/updates/${SLUG}` })).body).not.toContain("Corrected figure.");
    row = await stored(SLUG);
    const noNote = await publish(row.version);
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain("Say what was corrected");
    expect((await publish(row.version, "Corrected the figure")).statusCode).toBe(303);
    row = await stored(SLUG);
    expect(row.lastPublishedAt).not.toBeNull();
    const versions = await versionsOf(row.id);
    expect(versions.map((v) => v.number)).toEqual([1, 2]);
    expect(versions[1]!.changeNote).toBe("Corrected the figure");
    await t.database.db
      .update(boardUpdates)
      .set({ lastPublishedAt: new Date("2018-03-08T12:00:00Z") })
      .where(eq(boardUpdates.id, row.id));
    await t.database.db
      .update(boardUpdateVersions)
      .set({ publishedAt: new Date("2018-03-08T12:00:00Z") })
      .where(eq(boardUpdateVersions.id, versions[1]!.id));

    const corrected = await t.app.inject({ method: "GET", url: `/updates/${SLUG}` });
    expect(corrected.body).toContain("Published 6 March 2018, updated on 8 March 2018");
    expect(corrected.body).toContain("Corrected figure.");
    expect(corrected.body).toContain("8 March 2018: Corrected the figure");

    // Republishing with nothing changed is refused.
    const nothing = await publish(row.version, "Again");
    expect(nothing.statusCode).toBe(409);
    expect(nothing.body).toContain("Nothing has changed");
  });

  it("lists every version and shows each one, to the public", async () => {
    const list = await t.app.inject({ method: "GET", url: `/updates/${SLUG}/versions` });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Version 1");
    expect(list.body).toContain("Version 2");
    const first = await t.app.inject({ method: "GET", url: `/updates/${SLUG}/versions/1` });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("This is an earlier version");
    expect(first.body).not.toContain("Corrected figure.");
    expect((await t.app.inject({ method: "GET", url: `/updates/${SLUG}/versions/9` })).statusCode).toBe(404);
  });

  it("lists published updates newest first, filtered by body, with feed links in the head", async () => {
    const other = await createBody(t.database.db, pid, { name: "Clinical and Professional Board", kind: "sub_board" });
    const page = await t.app.inject({ method: "GET", url: "/updates" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`href="/updates/${SLUG}"`);
    expect(page.body).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/updates\.rss"/);
    expect(page.body).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/updates\.atom"/);
    const filtered = await t.app.inject({ method: "GET", url: `/updates?bodyId=${other.id}` });
    expect(filtered.body).not.toContain(`href="/updates/${SLUG}"`);
  });
});

describe("feeds", () => {
  it("serves RSS 2.0 with the required elements and absolute links, published updates only", async () => {
    const res = await t.app.inject({ method: "GET", url: "/updates.rss" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/rss\+xml/);
    const doc = xml.parse(res.body);
    const channel = doc.rss.channel;
    expect(doc.rss["@_version"]).toBe("2.0");
    expect(channel.title).toContain(t.partnership.name);
    expect(channel.link).toMatch(/^http:\/\/[^/]+\/updates$/);
    expect(channel.description).toBeTruthy();
    const items = [channel.item].flat();
    expect(items).toHaveLength(1);
    const item = items[0];
    expect(item.title).toBe("Programme Board update, 5 March 2018");
    expect(item.link).toMatch(new RegExp(`^http://[^/]+/updates/${SLUG}$`));
    expect(String(item.guid["#text"] ?? item.guid)).toBe(item.link);
    expect(new Date(item.pubDate).toISOString()).toBe("2018-03-06T12:00:00.000Z");
    expect(res.body).not.toContain(`${SLUG}-2`);
  });

  it("serves Atom 1.0 with the required elements", async () => {
    const res = await t.app.inject({ method: "GET", url: "/updates.atom" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/atom\+xml/);
    const feed = xml.parse(res.body).feed;
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.title).toBeTruthy();
    expect(feed.id).toMatch(/^http:\/\//);
    expect(Number.isNaN(new Date(feed.updated).getTime())).toBe(false);
    expect([feed.link].flat().some((l: { "@_href": string }) => /^http:\/\/.+\/updates/.test(l["@_href"]))).toBe(true);
    const entries = [feed.entry].flat();
    expect(entries).toHaveLength(1);
    const entry = entries[0];
    expect(entry.id).toMatch(new RegExp(`/updates/${SLUG}$`));
    expect(entry.title["#text"] ?? entry.title).toBe("Programme Board update, 5 March 2018");
    expect(entry.updated).toBeTruthy();
    expect(entry.content ?? entry.summary).toBeTruthy();
    expect(JSON.stringify(entry.content)).toContain("Corrected figure.");
  });

  it("serves a body's feeds, and 404 for a body that does not exist", async () => {
    for (const format of ["rss", "atom"]) {
      const res = await t.app.inject({ method: "GET", url: `/bodies/${board.id}/updates.${format}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(SLUG);
    }
    expect((await t.app.inject({ method: "GET", url: "/bodies/00000000-0000-4000-8000-000000000000/updates.rss" })).statusCode).toBe(404);
  });
});

describe("the API", () => {
  it("drafts, edits (409 when stale), publishes and reads an update with its versions", async () => {
    const created = await t.app.inject({ method: "POST", url: `/api/v1/meetings/${another.id}/board-update`, headers: json(adminToken), payload: {} });
    expect(created.statusCode).toBe(201);
    const update = created.json();
    expect(update).toMatchObject({ slug: "programme-board-update-4-december-2017", status: "draft", firstPublishedAt: null });
    expect(update.markdown).not.toContain(PART_2_DECISION);
    const again = await t.app.inject({ method: "POST", url: `/api/v1/meetings/${another.id}/board-update`, headers: json(adminToken), payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("update_exists");

    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/board-updates/${update.id}`,
      headers: json(adminToken),
      payload: { version: update.version, title: "Programme Board update: December 2017" },
    });
    expect(patched.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/board-updates/${update.id}`,
      headers: json(adminToken),
      payload: { version: update.version, title: "Stale" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.title).toBe("Programme Board update: December 2017");
    const readOnly = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/board-updates/${update.id}`,
      headers: json(viewerToken),
      payload: { version: 2, title: "No" },
    });
    expect(readOnly.statusCode).toBe(403);

    const published = await t.app.inject({
      method: "POST",
      url: `/api/v1/board-updates/${update.id}/publish`,
      headers: json(adminToken),
      payload: { version: patched.json().version },
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "published", title: "Programme Board update: December 2017" });

    const anonymous = await t.app.inject({ method: "GET", url: `/api/v1/board-updates/${update.id}` });
    expect(anonymous.statusCode).toBe(200);
    const body = anonymous.json();
    expect(body.versions).toHaveLength(1);
    expect(body.workingCopy).toBeUndefined();
    expect(body.html).toContain("<h2>");
    const list = await t.app.inject({ method: "GET", url: "/api/v1/board-updates?limit=1" });
    expect(list.json()).toMatchObject({ limit: 1, hasMore: true });
  });
});
