import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAgendaItem,
  createBody,
  createDecision,
  createForwardPlanEntry,
  createMeeting,
  createPartnership,
  createPerson,
} from "../../../tests/factories/index.ts";
import { agendaItemPresenters, agendaItems } from "../meetings/meetings.tables.ts";

let t: TestApp;
let pid: string;
let body: { id: string; name: string };
let april: { id: string };
let may: { id: string };
let owner: { id: string };
let secretary: Session;
let admin: string;

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  body = await createBody(db, pid, { name: "Programme Board", kind: "programme_board" });
  april = await createMeeting(db, pid, { bodyId: body.id, startsAt: new Date("2099-04-06T09:00:00Z"), status: "planned" });
  may = await createMeeting(db, pid, { bodyId: body.id, startsAt: new Date("2099-05-04T09:00:00Z"), status: "planned" });
  owner = await createPerson(db, pid, { name: "Glenn Douglas", jobTitle: "STP Chief Executive" });
  secretary = await t.signIn("secretary");
  admin = await t.token("admin", "write");
});
afterAll(async () => {
  await t.close();
});

async function listTitles(bodyId: string, token: string, query = "") {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/forward-plan?bodyId=${bodyId}${query}`, headers: bearer(token) });
  expect(res.statusCode).toBe(200);
  return res.json<{ data: { title: string }[] }>().data.map((e) => e.title);
}

describe("forward plan pages", () => {
  it("adds future business by meeting or month, lists it by target, and keeps typed values on error", async () => {
    const other = await createBody(t.database.db, pid, { name: "Estates Board" });
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url: `/bodies/${other.id}/forward-plan`,
        headers: formHeaders(secretary),
        payload: form({ _csrf: secretary.csrf, ...fields }),
      });
    const blank = { title: "", kind: "update", targetMeetingId: "", "targetMonth-month": "", "targetMonth-year": "", ownerPersonId: "" };

    const bad = await post({ ...blank, title: "Half <typed>", "targetMonth-month": "13", "targetMonth-year": "2099" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("Target month must be a real month");
    expect(bad.body).toContain("Half &lt;typed&gt;");

    const otherMeeting = await createMeeting(t.database.db, pid, { bodyId: other.id, startsAt: new Date("2099-06-01T09:00:00Z") });
    const both = await post({ ...blank, title: "Both", targetMeetingId: otherMeeting.id, "targetMonth-month": "5", "targetMonth-year": "2099" });
    expect(both.statusCode).toBe(422);
    expect(both.body).toContain("not both");
    const foreignMeeting = await post({ ...blank, title: "Wrong body", targetMeetingId: april.id });
    expect(foreignMeeting.statusCode).toBe(422);
    expect(foreignMeeting.body).toContain("Select a meeting of this body from the list");

    expect((await post({ ...blank, title: "No target yet" })).statusCode).toBe(303);
    expect(
      (await post({ ...blank, title: "Estates strategy (June meeting)", kind: "decision", targetMeetingId: otherMeeting.id, ownerPersonId: owner.id }))
        .statusCode,
    ).toBe(303);
    const ok = await post({ ...blank, title: "Capital plan (May)", kind: "update", "targetMonth-month": "5", "targetMonth-year": "2099" });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/bodies/${other.id}/forward-plan`);

    expect(await listTitles(other.id, admin)).toEqual(["Capital plan (May)", "Estates strategy (June meeting)", "No target yet"]);
    const page = await t.app.inject({ method: "GET", url: `/bodies/${other.id}/forward-plan`, headers: { cookie: secretary.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("May 2099");
    expect(page.body).toContain("Glenn Douglas");
    expect(page.body).toContain("Add future business");
  });

  it("is published for bodies that meet in public; only managers change it", async () => {
    const entry = await createForwardPlanEntry(t.database.db, pid, { bodyId: body.id, title: "Workforce strategy consultation response" });
    const publicPage = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan` });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain("Workforce strategy consultation response");
    expect(publicPage.body).not.toContain("Add future business");
    const publicList = await t.app.inject({ method: "GET", url: `/api/v1/forward-plan?bodyId=${body.id}` });
    expect(publicList.statusCode).toBe(200);
    expect(publicList.json<{ data: { title: string }[] }>().data.map((e) => e.title)).toContain("Workforce strategy consultation response");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/forward-plan/${entry.id}` })).statusCode).toBe(200);

    // A body that meets in private keeps its plan to people with a role in the partnership.
    const closed = await createBody(t.database.db, pid, { name: "Private Estates Group", meetsInPublic: false });
    const closedEntry = await createForwardPlanEntry(t.database.db, pid, { bodyId: closed.id, title: "Private estates business" });
    expect((await t.app.inject({ method: "GET", url: `/bodies/${closed.id}/forward-plan` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/forward-plan?bodyId=${closed.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/forward-plan/${closedEntry.id}` })).statusCode).toBe(404);
    expect(await listTitles(closed.id, await t.token("viewer", "read"))).toContain("Private estates business");

    const viewer = await t.signIn("viewer");
    const page = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan`, headers: { cookie: viewer.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Workforce strategy consultation response");
    expect(page.body).not.toContain("Add future business");
    expect((await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan/new`, headers: { cookie: viewer.cookie } })).statusCode).toBe(403);
    const member = await t.token("member", "write");
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/v1/forward-plan",
      headers: json(member),
      payload: { bodyId: body.id, title: "Not mine to add" },
    });
    expect(refused.statusCode).toBe(403);

    const other = await createPartnership(t.database.db);
    const theirs = await t.token("admin", "write", other.id);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/forward-plan?bodyId=${body.id}`, headers: bearer(theirs) })).statusCode).toBe(404);
  });
});

describe("forward plan API", () => {
  it("creates, updates with optimistic concurrency, and removes", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/forward-plan",
      headers: json(admin),
      payload: { bodyId: body.id, title: "Financial principles", kind: "decision", targetMonth: "2099-04", ownerPersonId: owner.id },
    });
    expect(created.statusCode).toBe(201);
    const entry = created.json();
    expect(entry).toMatchObject({
      title: "Financial principles",
      kind: "decision",
      targetMonth: "2099-04",
      targetMeeting: null,
      owner: { id: owner.id, name: "Glenn Douglas" },
      version: 1,
    });

    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/forward-plan/${entry.id}`,
      headers: json(admin),
      payload: { version: 1, targetMeetingId: may.id },
    });
    expect(first.statusCode).toBe(200);
    // Choosing a meeting replaces the month.
    expect(first.json()).toMatchObject({ targetMeeting: { id: may.id }, targetMonth: null, version: 2 });

    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/forward-plan/${entry.id}`,
      headers: json(admin),
      payload: { version: 1, title: "Overwritten" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ title: "Financial principles", targetMeetingId: may.id, version: 2 });

    // The edit form keeps what was typed on a conflict.
    const page = await t.app.inject({
      method: "POST",
      url: `/bodies/${body.id}/forward-plan/${entry.id}`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        title: "My stale title",
        kind: "decision",
        targetMeetingId: "",
        "targetMonth-month": "",
        "targetMonth-year": "",
        ownerPersonId: "",
        version: "1",
      }),
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("My stale title");
    expect(page.body).toContain("Someone else saved this entry first");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/forward-plan/${entry.id}`, headers: bearer(admin) })).json().title).toBe("Financial principles");

    const both = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/forward-plan/${entry.id}`,
      headers: json(admin),
      payload: { version: 2, targetMeetingId: may.id, targetMonth: "2099-05" },
    });
    expect(both.statusCode).toBe(400);

    const removed = await t.app.inject({ method: "POST", url: `/api/v1/forward-plan/${entry.id}/remove`, headers: json(admin), payload: { version: 2 } });
    expect(removed.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/forward-plan/${entry.id}`, headers: bearer(admin) })).statusCode).toBe(404);
    expect(await listTitles(body.id, admin)).not.toContain("Financial principles");
  });
});

describe("scheduling", () => {
  it("puts an entry on its target meeting's agenda and links the item; a stale or repeated request adds nothing", async () => {
    const entry = await createForwardPlanEntry(t.database.db, pid, {
      bodyId: body.id,
      title: "Mental health deep dive",
      kind: "deep_dive",
      targetMeetingId: april.id,
      ownerPersonId: owner.id,
    });
    const itemsOf = async (meetingId: string) =>
      t.database.db
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.partnershipId, pid), eq(agendaItems.meetingId, meetingId)));
    const before = (await itemsOf(april.id)).length;

    const stale = await t.app.inject({ method: "POST", url: `/api/v1/forward-plan/${entry.id}/schedule`, headers: json(admin), payload: { version: 7 } });
    expect(stale.statusCode).toBe(409);
    expect(await itemsOf(april.id)).toHaveLength(before);

    const res = await t.app.inject({ method: "POST", url: `/api/v1/forward-plan/${entry.id}/schedule`, headers: json(admin), payload: { version: 1 } });
    expect(res.statusCode).toBe(200);
    const scheduled = res.json();
    expect(scheduled).toMatchObject({ meetingId: april.id, scheduledAgendaItem: { meetingId: april.id }, version: 2 });
    const items = await itemsOf(april.id);
    expect(items).toHaveLength(before + 1);
    const item = items.find((i) => i.id === scheduled.agendaItemId);
    expect(item).toMatchObject({ title: "Mental health deep dive", kind: "deep_dive", confidentiality: "part_1" });
    const presenters = await t.database.db
      .select()
      .from(agendaItemPresenters)
      .where(and(eq(agendaItemPresenters.partnershipId, pid), eq(agendaItemPresenters.agendaItemId, item!.id)));
    expect(presenters.map((p) => p.personId)).toEqual([owner.id]);

    const again = await t.app.inject({ method: "POST", url: `/api/v1/forward-plan/${entry.id}/schedule`, headers: json(admin), payload: { version: 2 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("already_scheduled");
    expect(await itemsOf(april.id)).toHaveLength(before + 1);

    const page = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan`, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("On an agenda");
    expect(page.body).toContain(`href="/meetings/${april.id}"`);
  });

  it("schedules through the page onto a chosen meeting", async () => {
    const entry = await createForwardPlanEntry(t.database.db, pid, { bodyId: body.id, title: "Local care update", kind: "update", targetMonth: "2099-05-01" });
    const form1 = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan/${entry.id}/schedule`, headers: { cookie: secretary.cookie } });
    expect(form1.statusCode).toBe(200);
    expect(form1.body).toContain("Which meeting?");
    const missing = await t.app.inject({
      method: "POST",
      url: `/bodies/${body.id}/forward-plan/${entry.id}/schedule`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, version: "1" }),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Select the meeting to put this on");
    const res = await t.app.inject({
      method: "POST",
      url: `/bodies/${body.id}/forward-plan/${entry.id}/schedule`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, version: "1", meetingId: may.id }),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/meetings/${may.id}`);
    const [item] = await t.database.db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.partnershipId, pid), eq(agendaItems.meetingId, may.id), eq(agendaItems.title, "Local care update")));
    expect(item).toBeDefined();
  });
});

describe("recommendations from Part II decisions", () => {
  it("are seen only by those entitled to Part II, and scheduled as Part II items", async () => {
    const db = t.database.db;
    const from = await createBody(db, pid, { name: "Finance Group" });
    const meeting = await createMeeting(db, pid, { bodyId: from.id, startsAt: new Date("2018-03-05T10:00:00Z"), status: "held" });
    const item = await createAgendaItem(db, pid, {
      meetingId: meeting.id,
      position: 0,
      title: "Confidential",
      kind: "decision",
      confidentiality: "part_2",
      exemptionReason: "Commercial interests",
    });
    const decision = await createDecision(db, pid, {
      bodyId: from.id,
      meetingId: meeting.id,
      agendaItemId: item.id,
      kind: "recommended",
      recommendedToBodyId: body.id,
      text: "SECRET recommendation on the procurement",
    });
    const entry = await createForwardPlanEntry(db, pid, {
      bodyId: body.id,
      title: "SECRET recommendation on the procurement",
      kind: "decision",
      sourceDecisionId: decision.id,
    });

    for (const role of ["viewer", "contributor"] as const) {
      const token = await t.token(role, "read");
      expect(await listTitles(body.id, token)).not.toContain("SECRET recommendation on the procurement");
      expect((await t.app.inject({ method: "GET", url: `/api/v1/forward-plan/${entry.id}`, headers: bearer(token) })).statusCode).toBe(404);
      const session = await t.signIn(role);
      const page = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan`, headers: { cookie: session.cookie } });
      expect(page.body).not.toContain("SECRET");
    }
    const member = await t.token("member", "read");
    expect(await listTitles(body.id, member)).toContain("SECRET recommendation on the procurement");
    const shown = (await t.app.inject({ method: "GET", url: `/api/v1/forward-plan/${entry.id}`, headers: bearer(member) })).json();
    expect(shown.sourceDecision).toMatchObject({ id: decision.id, body: { id: from.id, name: "Finance Group" } });

    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/forward-plan/${entry.id}/schedule`,
      headers: json(admin),
      payload: { version: 1, meetingId: may.id },
    });
    expect(res.statusCode).toBe(200);
    const [scheduled] = await db
      .select()
      .from(agendaItems)
      .where(and(eq(agendaItems.partnershipId, pid), eq(agendaItems.id, res.json().agendaItemId)));
    expect(scheduled).toMatchObject({ confidentiality: "part_2" });
    expect(scheduled?.exemptionReason).toContain("Finance Group");
    const publicPage = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan` });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).not.toContain("SECRET");
  });

  it("hides from those not entitled to Part II an entry scheduled onto a Part II item", async () => {
    const db = t.database.db;
    const meeting = await createMeeting(db, pid, { bodyId: body.id, startsAt: new Date("2099-07-06T09:00:00Z"), status: "planned" });
    const item = await createAgendaItem(db, pid, {
      meetingId: meeting.id,
      title: "CONFIDENTIAL estates disposal",
      confidentiality: "part_2",
      exemptionReason: "Commercial",
    });
    await createForwardPlanEntry(db, pid, {
      bodyId: body.id,
      title: "CONFIDENTIAL estates disposal",
      scheduledAgendaItemId: item.id,
      targetMeetingId: meeting.id,
    });
    const publicPage = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/forward-plan` });
    expect(publicPage.body).not.toContain("CONFIDENTIAL estates disposal");
    expect(await listTitles(body.id, await t.token("viewer", "read"))).not.toContain("CONFIDENTIAL estates disposal");
    expect(await listTitles(body.id, await t.token("secretary", "read"))).toContain("CONFIDENTIAL estates disposal");
  });
});
