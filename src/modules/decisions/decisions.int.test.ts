import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAgendaItem,
  createAttendance,
  createBody,
  createDecision,
  createMeeting,
  createMembership,
  createOrganisation,
  createPartnership,
  createPerson,
  createTermsOfReference,
} from "../../../tests/factories/index.ts";
import { forwardPlanEntries } from "../forward-plan/forward-plan.tables.ts";
import { meetings } from "../meetings/meetings.tables.ts";
import { UTF8_BOM } from "./decisions.csv.ts";

let t: TestApp;
let pid: string;
let board: { id: string; name: string };
let subBoard: { id: string; name: string };
let held: { id: string };
let earlier: { id: string };
let part1Item: { id: string };
let part2Item: { id: string };
let minutesItem: { id: string };
let planned: { id: string };
let plannedItem: { id: string };
let secretary: Session;
let admin: string;

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  board = await createBody(db, pid, { name: "Programme Board", kind: "programme_board" });
  subBoard = await createBody(db, pid, { name: "Clinical and Professional Board", shortName: "CPB", kind: "sub_board", parentBodyId: board.id });
  earlier = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2017-12-04T10:00:00Z"),
    status: "minutes_drafted",
    minutesStatus: "circulated",
  });
  held = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2018-03-05T10:00:00Z"),
    status: "held",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
  });
  minutesItem = await createAgendaItem(db, pid, { meetingId: held.id, position: 0, title: "Minutes of the last meeting", kind: "minutes_of_last_meeting" });
  part1Item = await createAgendaItem(db, pid, { meetingId: held.id, position: 1, title: "STP planning and budget 2018/19", kind: "decision" });
  part2Item = await createAgendaItem(db, pid, {
    meetingId: held.id,
    position: 2,
    title: "Estates disposal",
    kind: "decision",
    confidentiality: "part_2",
    exemptionReason: "Commercial interests",
  });
  planned = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2099-04-06T09:00:00Z"),
    status: "agenda_published",
    agendaPublishedAt: new Date(),
  });
  plannedItem = await createAgendaItem(db, pid, { meetingId: planned.id, position: 0, title: "Future item", kind: "decision" });
  secretary = await t.signIn("secretary");
  admin = await t.token("admin", "write");
});
afterAll(async () => {
  await t.close();
});

async function recordViaApi(token: string, payload: Record<string, unknown>) {
  const res = await t.app.inject({ method: "POST", url: "/api/v1/decisions", headers: json(token), payload });
  return res;
}

describe("recording a decision", () => {
  it("records from the agenda item's page, dated by the meeting in England, with its links", async () => {
    const organisation = await createOrganisation(t.database.db, pid, { name: "Medway Council", kind: "local_authority" });
    const page = await t.app.inject({ method: "GET", url: `/meetings/${held.id}/items/${part1Item.id}/decisions/new`, headers: { cookie: secretary.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("STP planning and budget 2018/19");
    expect(page.body).not.toContain("These minutes are approved");

    const res = await t.app.inject({
      method: "POST",
      url: `/meetings/${held.id}/items/${part1Item.id}/decisions`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        text: "The Board approved the workstream plans and budgets for 2018/19.",
        kind: "approved",
        recommendedToBodyId: "",
        bodyIds: [subBoard.id],
        organisationIds: [organisation.id],
      }),
    });
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(/^\/decisions\/[0-9a-f-]{36}$/);
    const id = location.split("/").pop()!;

    const api = await t.app.inject({ method: "GET", url: `/api/v1/decisions/${id}` });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({
      text: "The Board approved the workstream plans and budgets for 2018/19.",
      kind: "approved",
      status: "in_force",
      decidedOn: "2018-03-05",
      takenWhileInquorate: false,
      body: { id: board.id, name: "Programme Board" },
      meeting: { id: held.id },
      agendaItem: { id: part1Item.id, confidentiality: "part_1" },
      bodies: [{ id: subBoard.id, name: "Clinical and Professional Board" }],
      organisations: [{ id: organisation.id, name: "Medway Council" }],
      version: 1,
    });

    const shown = await t.app.inject({ method: "GET", url: location, headers: { cookie: secretary.cookie } });
    expect(shown.body).toContain("The Board approved the workstream plans and budgets for 2018/19.");
    expect(shown.body).toContain("Medway Council");
    expect(shown.body).toContain("History");
  });

  it("dates a decision by the meeting's day in England, not in UTC", async () => {
    // 23:30 UTC on 30 June 2018 is 00:30 on 1 July in British Summer Time.
    const late = await createMeeting(t.database.db, pid, { bodyId: board.id, startsAt: new Date("2018-06-30T23:30:00Z"), status: "held" });
    const item = await createAgendaItem(t.database.db, pid, { meetingId: late.id, position: 0, title: "Late item", kind: "decision" });
    const res = await recordViaApi(admin, { agendaItemId: item.id, text: "Agreed late at night.", kind: "agreed" });
    expect(res.statusCode).toBe(201);
    expect(res.json().decidedOn).toBe("2018-07-01");
  });

  it("explains what is wrong and keeps what was typed", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/meetings/${held.id}/items/${part1Item.id}/decisions`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, text: "Half-typed <decision>", kind: "recommended", recommendedToBodyId: "" }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<title>Error: /);
    expect(res.body).toContain("There is a problem");
    expect(res.body).toContain("Select the body the recommendation goes to");
    expect(res.body).toContain("Half-typed &lt;decision&gt;");

    const self = await recordViaApi(admin, { agendaItemId: part1Item.id, text: "Recommended to itself", kind: "recommended", recommendedToBodyId: board.id });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.fields.recommendedToBodyId).toMatch(/cannot make a recommendation to itself/);
    const stray = await recordViaApi(admin, { agendaItemId: part1Item.id, text: "Approved", kind: "approved", recommendedToBodyId: subBoard.id });
    expect(stray.statusCode).toBe(422);
    const unknownField = await recordViaApi(admin, { agendaItemId: part1Item.id, text: "Approved", kind: "approved", colour: "red" });
    expect(unknownField.statusCode).toBe(400);
  });

  it("refuses anyone but admins and secretaries, and hides other partnerships' items", async () => {
    const member = await t.token("member", "write");
    expect((await recordViaApi(member, { agendaItemId: part1Item.id, text: "x", kind: "noted" })).statusCode).toBe(403);
    const reader = await t.token("admin", "read");
    expect((await recordViaApi(reader, { agendaItemId: part1Item.id, text: "x", kind: "noted" })).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "GET", url: `/meetings/${held.id}/items/${part1Item.id}/decisions/new` });
    expect(anonymous.statusCode).toBe(401);

    const other = await createPartnership(t.database.db);
    const theirToken = await t.token("admin", "write", other.id);
    expect((await recordViaApi(theirToken, { agendaItemId: part1Item.id, text: "Hijack", kind: "noted" })).statusCode).toBe(404);
    // An item of another meeting named in the address is not found either.
    const wrong = await t.app.inject({
      method: "GET",
      url: `/meetings/${planned.id}/items/${part1Item.id}/decisions/new`,
      headers: { cookie: secretary.cookie },
    });
    expect(wrong.statusCode).toBe(404);
  });
});

describe("status chain", () => {
  it("supersedes a decision with a later one, shows the chain both ways, and rescinds", async () => {
    const old = (await recordViaApi(admin, { agendaItemId: part1Item.id, text: "Approved the draft financial principles.", kind: "approved" })).json();
    const later = await createMeeting(t.database.db, pid, { bodyId: board.id, startsAt: new Date("2018-04-09T09:00:00Z"), status: "held" });
    const laterItem = await createAgendaItem(t.database.db, pid, { meetingId: later.id, position: 0, title: "Financial principles", kind: "decision" });
    const replacement = (
      await recordViaApi(admin, { agendaItemId: laterItem.id, text: "Gave the go-ahead to the revised financial principles.", kind: "approved_in_principle" })
    ).json();

    // The picker offers the later decision.
    const picker = await t.app.inject({ method: "GET", url: `/decisions/${old.id}/supersede`, headers: { cookie: secretary.cookie } });
    expect(picker.statusCode).toBe(200);
    expect(picker.body).toContain("Gave the go-ahead to the revised financial principles.");

    // The later decision cannot be superseded by the earlier one.
    const backwards = await t.app.inject({
      method: "POST",
      url: `/api/v1/decisions/${replacement.id}/supersede`,
      headers: json(admin),
      payload: { version: 1, supersededByDecisionId: old.id },
    });
    expect(backwards.statusCode).toBe(422);

    const res = await t.app.inject({
      method: "POST",
      url: `/decisions/${old.id}/supersede`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, version: "1", supersededByDecisionId: replacement.id }),
    });
    expect(res.statusCode).toBe(303);
    const oldNow = (await t.app.inject({ method: "GET", url: `/api/v1/decisions/${old.id}` })).json();
    expect(oldNow).toMatchObject({ status: "superseded", supersededByDecisionId: replacement.id, version: 2 });
    const newNow = (await t.app.inject({ method: "GET", url: `/api/v1/decisions/${replacement.id}` })).json();
    expect(newNow.supersedesDecisionIds).toEqual([old.id]);

    const oldPage = await t.app.inject({ method: "GET", url: `/decisions/${old.id}` });
    expect(oldPage.body).toContain("Superseded");
    expect(oldPage.body).toContain(`href="/decisions/${replacement.id}"`);
    const newPage = await t.app.inject({ method: "GET", url: `/decisions/${replacement.id}` });
    expect(newPage.body).toContain("Decisions this one replaced");
    expect(newPage.body).toContain(`href="/decisions/${old.id}"`);

    // A superseded decision is not superseded again, nor rescinded.
    const again = await t.app.inject({ method: "POST", url: `/api/v1/decisions/${old.id}/rescind`, headers: json(admin), payload: { version: 2 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("not_in_force");

    const rescind = await t.app.inject({
      method: "POST",
      url: `/decisions/${replacement.id}/rescind`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, version: "1" }),
    });
    expect(rescind.statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/decisions/${replacement.id}` })).json()).toMatchObject({ status: "rescinded", version: 2 });

    // History records who superseded and rescinded.
    const history = await t.app.inject({ method: "GET", url: `/decisions/${replacement.id}`, headers: { cookie: secretary.cookie } });
    expect(history.body).toContain("Rescinded");
  });

  it("shows a replacement in the chain only to those who may see it", async () => {
    const open = (await recordViaApi(admin, { agendaItemId: part1Item.id, text: "Approved the estates plan in public.", kind: "approved" })).json();
    const secret = (await recordViaApi(admin, { agendaItemId: part2Item.id, text: "CHAIN-SECRET revised the estates plan.", kind: "approved" })).json();
    const res = await t.app.inject({
      method: "POST",
      url: `/api/v1/decisions/${open.id}/supersede`,
      headers: json(admin),
      payload: { version: 1, supersededByDecisionId: secret.id },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "superseded", supersededByDecisionId: secret.id });

    const publicView = await t.app.inject({ method: "GET", url: `/api/v1/decisions/${open.id}` });
    expect(publicView.json()).toMatchObject({ status: "superseded", supersededByDecisionId: null });
    const listed = (await t.app.inject({ method: "GET", url: `/api/v1/decisions?q=${encodeURIComponent("estates plan")}` })).json<{
      data: { id: string; supersededByDecisionId: string | null }[];
    }>();
    expect(listed.data.map((d) => d.id)).toEqual([open.id]);
    expect(listed.data[0]?.supersededByDecisionId).toBeNull();
    const page = await t.app.inject({ method: "GET", url: `/decisions/${open.id}` });
    expect(page.body).toContain("by a later decision");
    expect(page.body).not.toContain(secret.id);
    expect(page.body).not.toContain("CHAIN-SECRET");

    const member = await t.token("member", "read");
    const memberList = (
      await t.app.inject({ method: "GET", url: `/api/v1/decisions?q=${encodeURIComponent("estates plan")}`, headers: { authorization: `Bearer ${member}` } })
    ).json<{
      data: { id: string; supersededByDecisionId: string | null; supersedesDecisionIds: string[] }[];
    }>();
    expect(memberList.data.find((d) => d.id === open.id)?.supersededByDecisionId).toBe(secret.id);
    expect(memberList.data.find((d) => d.id === secret.id)?.supersedesDecisionIds).toEqual([open.id]);
  });

  it("refuses a stale correction with 409 and keeps the newer text", async () => {
    const d = (await recordViaApi(admin, { agendaItemId: part1Item.id, text: "Noted the update.", kind: "noted" })).json();
    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/decisions/${d.id}`,
      headers: json(admin),
      payload: { version: 1, text: "Noted the chief executive's update." },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ text: "Noted the chief executive's update.", version: 2 });
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/decisions/${d.id}`,
      headers: json(admin),
      payload: { version: 1, text: "Overwritten", organisationIds: [] },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ text: "Noted the chief executive's update.", version: 2 });

    // The form keeps the typed text and adopts the newer version.
    const page = await t.app.inject({
      method: "POST",
      url: `/decisions/${d.id}`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, text: "My stale text", kind: "noted", version: "1" }),
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("My stale text");
    expect(page.body).toContain("Someone else saved this decision first");
    expect(page.body).toContain('name="version" value="2"');
    expect((await t.app.inject({ method: "GET", url: `/api/v1/decisions/${d.id}` })).json().text).toBe("Noted the chief executive's update.");

    // A recommendation keeps its kind.
    const kindChange = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/decisions/${d.id}`,
      headers: json(admin),
      payload: { version: 2, kind: "recommended" },
    });
    expect(kindChange.statusCode).toBe(422);
  });
});

describe("recommendations", () => {
  it("land on the other body's forward plan, marked with their source decision", async () => {
    const res = await recordViaApi(admin, {
      agendaItemId: part1Item.id,
      text: "Recommended that the CPB review its terms of reference so that children are represented.",
      kind: "recommended",
      recommendedToBodyId: subBoard.id,
    });
    expect(res.statusCode).toBe(201);
    const decision = res.json();
    expect(decision.recommendedToBody).toEqual({ id: subBoard.id, name: "Clinical and Professional Board" });

    const [entry] = await t.database.db
      .select()
      .from(forwardPlanEntries)
      .where(and(eq(forwardPlanEntries.partnershipId, pid), eq(forwardPlanEntries.sourceDecisionId, decision.id)));
    expect(entry).toMatchObject({
      bodyId: subBoard.id,
      kind: "decision",
      title: "Recommended that the CPB review its terms of reference so that children are represented.",
    });

    const plan = await t.app.inject({ method: "GET", url: `/bodies/${subBoard.id}/forward-plan`, headers: { cookie: secretary.cookie } });
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain("Recommendation");
    expect(plan.body).toContain(`href="/decisions/${decision.id}"`);
  });
});

describe("minutes approval", () => {
  it("approves an earlier meeting's minutes in the same transaction", async (ctx) => {
    const page = await t.app.inject({
      method: "GET",
      url: `/meetings/${held.id}/items/${minutesItem.id}/decisions/new`,
      headers: { cookie: secretary.cookie },
    });
    expect(page.statusCode).toBe(200);
    if (!page.body.includes("These minutes are approved")) {
      // The minutes module (minutes.approveMinutes) is not registered yet; until it is, decisions cannot approve minutes.
      ctx.skip();
      return;
    }
    const res = await t.app.inject({
      method: "POST",
      url: `/meetings/${held.id}/items/${minutesItem.id}/decisions`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        text: "The minutes of the meeting of 4 December 2017 were approved.",
        kind: "approved",
        approvesMinutesOfMeetingId: earlier.id,
      }),
    });
    expect(res.statusCode).toBe(303);
    const id = (res.headers.location as string).split("/").pop()!;
    const [approved] = await t.database.db
      .select()
      .from(meetings)
      .where(and(eq(meetings.partnershipId, pid), eq(meetings.id, earlier.id)));
    expect(approved).toMatchObject({ minutesStatus: "approved", minutesApprovedByDecisionId: id, status: "minutes_approved" });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/decisions/${id}` })).json().approvesMinutesOf).toEqual([
      { meetingId: earlier.id, startsAt: "2017-12-04T10:00:00.000Z" },
    ]);
  });

  it("refuses to approve minutes from an item that is not about them", async () => {
    const res = await recordViaApi(admin, {
      agendaItemId: part1Item.id,
      text: "Approved the minutes",
      kind: "approved",
      approvesMinutesOfMeetingId: earlier.id,
    });
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.json().error.fields)).toContain("approvesMinutesOfMeetingId");
  });
});

describe("quorum", () => {
  it("flags a decision taken while the meeting was inquorate for the item, wherever it appears", async () => {
    const db = t.database.db;
    const body = await createBody(db, pid, { name: "Local Care Board", kind: "sub_board" });
    await createTermsOfReference(db, pid, {
      bodyId: body.id,
      status: "ratified",
      ratifiedByBodyId: body.id,
      ratifiedOn: "2017-04-01",
      quorumMinimumVotingMembers: 3,
    });
    const people = await Promise.all([1, 2, 3].map((n) => createPerson(db, pid, { name: `Voting member ${n}` })));
    for (const p of people) await createMembership(db, pid, { bodyId: body.id, personId: p.id, startsOn: "2017-04-01" });
    const inquorate = await createMeeting(db, pid, {
      bodyId: body.id,
      startsAt: new Date("2018-05-14T09:00:00Z"),
      status: "held",
      agendaPublishedAt: new Date("2018-05-07T09:00:00Z"),
    });
    const quorate = await createMeeting(db, pid, {
      bodyId: body.id,
      startsAt: new Date("2018-06-11T09:00:00Z"),
      status: "held",
      agendaPublishedAt: new Date("2018-06-04T09:00:00Z"),
    });
    const itemA = await createAgendaItem(db, pid, { meetingId: inquorate.id, position: 0, title: "Local care model", kind: "decision" });
    const itemB = await createAgendaItem(db, pid, { meetingId: quorate.id, position: 0, title: "Local care model, again", kind: "decision" });
    await createAttendance(db, pid, { meetingId: inquorate.id, personId: people[0]!.id, status: "present" });
    await createAttendance(db, pid, { meetingId: inquorate.id, personId: people[1]!.id, status: "apologies" });
    await createAttendance(db, pid, { meetingId: inquorate.id, personId: people[2]!.id, status: "apologies" });
    for (const p of people) await createAttendance(db, pid, { meetingId: quorate.id, personId: p.id, status: "present" });

    const flagged = (await recordViaApi(admin, { agendaItemId: itemA.id, text: "Agreed the local care model (inquorate).", kind: "agreed" })).json();
    expect(flagged.takenWhileInquorate).toBe(true);
    const fine = (await recordViaApi(admin, { agendaItemId: itemB.id, text: "Ratified the local care model.", kind: "ratified" })).json();
    expect(fine.takenWhileInquorate).toBe(false);

    const page = await t.app.inject({ method: "GET", url: `/decisions/${flagged.id}` });
    expect(page.body).toContain("Taken while inquorate");
    const log = await t.app.inject({ method: "GET", url: `/decisions?bodyId=${body.id}` });
    expect(log.body.match(/Taken while inquorate/g)).toHaveLength(1);
    const csv = await t.app.inject({ method: "GET", url: `/decisions.csv?bodyId=${body.id}` });
    expect(csv.body).toContain('"Agreed the local care model (inquorate).","Agreed","In force","","Yes"');
    expect(csv.body).toContain('"Ratified the local care model.","Ratified","In force","","No"');
  });
});

describe("the decision log", () => {
  let logBody: { id: string };
  beforeAll(async () => {
    const db = t.database.db;
    logBody = await createBody(db, pid, { name: "Children's Leadership Group", kind: "working_group" });
    const m1 = await createMeeting(db, pid, {
      bodyId: logBody.id,
      startsAt: new Date("2017-12-04T14:00:00Z"),
      status: "minutes_approved",
      minutesStatus: "approved",
    });
    const m2 = await createMeeting(db, pid, { bodyId: logBody.id, startsAt: new Date("2018-03-05T14:00:00Z"), status: "held" });
    const i1 = await createAgendaItem(db, pid, { meetingId: m1.id, position: 0, title: "Children", kind: "decision" });
    const i2 = await createAgendaItem(db, pid, { meetingId: m2.id, position: 0, title: "Stroke", kind: "decision" });
    const secret = await createAgendaItem(db, pid, {
      meetingId: m2.id,
      position: 1,
      title: "Confidential",
      kind: "decision",
      confidentiality: "part_2",
      exemptionReason: "Staffing",
    });
    await createDecision(db, pid, {
      bodyId: logBody.id,
      meetingId: m1.id,
      agendaItemId: i1.id,
      decidedOn: "2017-12-04",
      kind: "agreed",
      text: "Agreed to establish the Children's Leadership Group.",
    });
    await createDecision(db, pid, {
      bodyId: logBody.id,
      meetingId: m2.id,
      agendaItemId: i2.id,
      decidedOn: "2018-03-05",
      kind: "approved",
      text: "Approved the budgets for the stroke consultation.",
    });
    await createDecision(db, pid, {
      bodyId: logBody.id,
      meetingId: m2.id,
      agendaItemId: i2.id,
      decidedOn: "2018-03-05",
      kind: "noted",
      status: "rescinded",
      text: '=HYPERLINK("http://evil.example","Click") and a "quoted", comma',
    });
    await createDecision(db, pid, {
      bodyId: logBody.id,
      meetingId: m2.id,
      agendaItemId: secret.id,
      decidedOn: "2018-03-05",
      kind: "approved",
      text: "SECRET-PART-II approved the restructure.",
    });
  });

  const texts = async (url: string, headers: Record<string, string> = {}) =>
    (await t.app.inject({ method: "GET", url, headers })).json<{ data: { text: string }[] }>().data.map((d) => d.text);

  it("filters by words (stemmed), kind, status and date range", async () => {
    const base = `/api/v1/decisions?bodyId=${logBody.id}`;
    expect(await texts(`${base}&q=budget`)).toEqual(["Approved the budgets for the stroke consultation."]);
    expect(await texts(`${base}&q=${encodeURIComponent('"leadership group"')}`)).toEqual(["Agreed to establish the Children's Leadership Group."]);
    expect(await texts(`${base}&q=${encodeURIComponent("stroke -budgets")}`)).toEqual([]);
    expect(await texts(`${base}&kind=agreed`)).toEqual(["Agreed to establish the Children's Leadership Group."]);
    expect(await texts(`${base}&status=rescinded`)).toHaveLength(1);
    expect(await texts(`${base}&from=2018-01-01`)).toHaveLength(2);
    expect(await texts(`${base}&to=2017-12-04`)).toEqual(["Agreed to establish the Children's Leadership Group."]);
    expect(await texts(`${base}&from=2017-12-05&to=2018-03-04`)).toEqual([]);
    const bad = await t.app.inject({ method: "GET", url: `${base}&from=2018-02-30` });
    expect(bad.statusCode).toBe(400);

    // The page reads the NHS date inputs and keeps them.
    const page = await t.app.inject({ method: "GET", url: `/decisions?bodyId=${logBody.id}&from-day=1&from-month=1&from-year=2018&q=stroke` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Approved the budgets for the stroke consultation.");
    expect(page.body).not.toContain("Agreed to establish the Children");
    expect(page.body).toContain(`href="/decisions.csv?bodyId=${logBody.id}&amp;q=stroke&amp;from-day=1&amp;from-month=1&amp;from-year=2018"`);
    const wrong = await t.app.inject({ method: "GET", url: `/decisions?from-day=31&from-month=2&from-year=2018` });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain("From date must be a real date");
  });

  it("paginates with at most 100 a page", async () => {
    const first = (await t.app.inject({ method: "GET", url: `/api/v1/decisions?bodyId=${logBody.id}&limit=2` })).json();
    expect(first).toMatchObject({ page: 1, limit: 2, hasMore: true });
    const second = (await t.app.inject({ method: "GET", url: `/api/v1/decisions?bodyId=${logBody.id}&limit=2&page=2` })).json();
    expect(second.hasMore).toBe(false);
    expect(second.data).toHaveLength(1);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/decisions?limit=101" })).statusCode).toBe(400);
  });

  it("exports CSV with a BOM, proper quoting and a guard against formulas", async () => {
    const res = await t.app.inject({ method: "GET", url: `/decisions.csv?bodyId=${logBody.id}`, headers: { cookie: secretary.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="decisions-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.body.startsWith(UTF8_BOM)).toBe(true);
    const lines = res.body.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      '"Date","Body","Meeting","Agenda item","Decision","Kind","Status","Recommended to","Taken while inquorate","Bodies concerned","Organisations concerned","Link"',
    );
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"",""Click"") and a ""quoted"", comma","Noted","Rescinded"`);
    expect(res.body).toContain("Children's Leadership Group");
    expect(res.body).toMatch(/"http:\/\/[^"]+\/decisions\/[0-9a-f-]{36}"/);
  });

  it("never lists, exports or counts Part II decisions for the public, viewers or contributors", async () => {
    const url = `/api/v1/decisions?bodyId=${logBody.id}&limit=100`;
    const forRole = async (role: "viewer" | "contributor" | "member") => texts(url, { authorization: `Bearer ${await t.token(role, "read")}` });
    expect(await texts(url)).not.toContain("SECRET-PART-II approved the restructure.");
    expect(await texts(url)).toHaveLength(3);
    for (const role of ["viewer", "contributor"] as const) {
      expect(await forRole(role)).not.toContain("SECRET-PART-II approved the restructure.");
      expect(await forRole(role)).toHaveLength(3);
    }
    expect(await forRole("member")).toContain("SECRET-PART-II approved the restructure.");

    for (const who of ["anonymous", "viewer", "contributor"] as const) {
      const cookie = who === "anonymous" ? "" : (await t.signIn(who)).cookie;
      const headers = cookie ? { cookie } : {};
      for (const path of [`/decisions?bodyId=${logBody.id}`, `/decisions.csv?bodyId=${logBody.id}`, `/decisions?q=SECRET`, "/decisions.csv"]) {
        const res = await t.app.inject({ method: "GET", url: path, headers });
        expect(res.statusCode, `${who} ${path}`).toBe(200);
        expect(res.body, `${who} ${path}`).not.toContain("SECRET-PART-II");
        expect(res.body, `${who} ${path}`).not.toContain("Estates disposal");
      }
      // Exactly the three Part I rows (plus the header) are exported.
      const csv = await t.app.inject({ method: "GET", url: `/decisions.csv?bodyId=${logBody.id}`, headers });
      expect(csv.body.trimEnd().split("\r\n")).toHaveLength(4);
    }
    const member = await t.signIn("member");
    const memberCsv = await t.app.inject({ method: "GET", url: `/decisions.csv?bodyId=${logBody.id}`, headers: { cookie: member.cookie } });
    expect(memberCsv.body).toContain("SECRET-PART-II");
  });

  it("answers 404 for a Part II decision, or one of a meeting not yet held, to those who may not see it", async () => {
    const part2 = (await recordViaApi(admin, { agendaItemId: part2Item.id, text: "CONFIDENTIAL disposal agreed.", kind: "agreed" })).json();
    const future = (await recordViaApi(admin, { agendaItemId: plannedItem.id, text: "Decision of a meeting not yet held.", kind: "agreed" })).json();
    expect(part2.agendaItem.confidentiality).toBe("part_2");
    for (const path of [`/decisions/${part2.id}`, `/api/v1/decisions/${part2.id}`, `/decisions/${future.id}`, `/api/v1/decisions/${future.id}`]) {
      expect((await t.app.inject({ method: "GET", url: path })).statusCode, path).toBe(404);
    }
    for (const role of ["viewer", "contributor"] as const) {
      const token = await t.token(role, "read");
      expect((await t.app.inject({ method: "GET", url: `/api/v1/decisions/${part2.id}`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(404);
      // Insiders see Part I decisions before the meeting is held.
      expect((await t.app.inject({ method: "GET", url: `/api/v1/decisions/${future.id}`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(
        200,
      );
    }
    const member = await t.token("member", "read");
    const seen = await t.app.inject({ method: "GET", url: `/api/v1/decisions/${part2.id}`, headers: { authorization: `Bearer ${member}` } });
    expect(seen.statusCode).toBe(200);
    const viewer = await t.signIn("viewer");
    const page = await t.app.inject({ method: "GET", url: `/decisions/${part2.id}`, headers: { cookie: viewer.cookie } });
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain("CONFIDENTIAL disposal");
    const publicLog = await t.app.inject({ method: "GET", url: "/decisions?limit=100" });
    expect(publicLog.body).not.toContain("CONFIDENTIAL disposal");
    expect(publicLog.body).not.toContain("Decision of a meeting not yet held.");
  });
});
