import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAction,
  createActionUpdate,
  createAgendaItem,
  createBody,
  createDecision,
  createMeeting,
  createPerson,
  createUser,
} from "../../../tests/factories/index.ts";
import { accountsService } from "../accounts/accounts.service.ts";
import { ANONYMOUS, type Principal } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { bodiesService } from "../bodies/bodies.service.ts";
import { meetingsService } from "../meetings/meetings.service.ts";
import { actionsService, todayInLondon } from "./actions.service.ts";

let t: TestApp;
const today = todayInLondon();
const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const yesterday = addDays(today, -1);
const tomorrow = addDays(today, 1);

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });

// The world of these tests: a board with a held meeting (Part I and Part II items) a month ago,
// a planned meeting next week, and a second body.
let bodyId: string;
let otherBodyId: string;
let heldMeetingId: string;
let part1ItemId: string;
let part2ItemId: string;
let plannedMeetingId: string;
let plannedItemId: string;
let ownerId: string;
let otherOwnerId: string;
let part1ActionId: string;
let part2ActionId: string;
let plannedActionId: string;
let standaloneActionId: string;
const PART2_TEXT = "Negotiate the confidential estates disposal";
const PART2_UPDATE = "Heads of terms agreed in private";
const PUBLIC_UPDATE_TEXT = "Draft plan circulated to workstream leads";

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const pid = t.partnership.id;
  bodyId = (await createBody(db, pid, { name: "Actions test programme board", shortName: "ATPB" })).id;
  otherBodyId = (await createBody(db, pid, { name: "Actions test sub-board" })).id;
  ownerId = (await createPerson(db, pid, { name: "Glenn Douglas" })).id;
  otherOwnerId = (await createPerson(db, pid, { name: "Michael Ridgwell" })).id;
  const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const nextWeek = new Date(Date.now() + 7 * 24 * 3600 * 1000);
  heldMeetingId = (await createMeeting(db, pid, { bodyId, startsAt: monthAgo, status: "held", agendaPublishedAt: monthAgo })).id;
  part1ItemId = (await createAgendaItem(db, pid, { meetingId: heldMeetingId, title: "Workforce strategy", position: 1 })).id;
  part2ItemId = (
    await createAgendaItem(db, pid, {
      meetingId: heldMeetingId,
      title: "Estates disposal",
      position: 2,
      confidentiality: "part_2",
      exemptionReason: "Commercial interests",
    })
  ).id;
  plannedMeetingId = (await createMeeting(db, pid, { bodyId, startsAt: nextWeek, status: "planned" })).id;
  plannedItemId = (await createAgendaItem(db, pid, { meetingId: plannedMeetingId, title: "Stroke consultation", position: 1 })).id;
  part1ActionId = (
    await createAction(db, pid, {
      bodyId,
      ownerPersonId: ownerId,
      description: "Provide regular progress updates on the workstream plans",
      dueOn: yesterday,
      sourceMeetingId: heldMeetingId,
      sourceAgendaItemId: part1ItemId,
    })
  ).id;
  await createActionUpdate(db, pid, { actionId: part1ActionId, notedOn: yesterday, text: PUBLIC_UPDATE_TEXT, authorName: "Glenn Douglas" });
  part2ActionId = (
    await createAction(db, pid, {
      bodyId,
      ownerPersonId: ownerId,
      description: PART2_TEXT,
      dueOn: yesterday,
      sourceMeetingId: heldMeetingId,
      sourceAgendaItemId: part2ItemId,
    })
  ).id;
  await createActionUpdate(db, pid, { actionId: part2ActionId, text: PART2_UPDATE });
  plannedActionId = (
    await createAction(db, pid, {
      bodyId,
      ownerPersonId: otherOwnerId,
      description: "Identify internal support for the stroke consultation",
      sourceMeetingId: plannedMeetingId,
      sourceAgendaItemId: plannedItemId,
    })
  ).id;
  standaloneActionId = (await createAction(db, pid, { bodyId, ownerPersonId: otherOwnerId, description: "Book the venue for the away day", dueOn: tomorrow }))
    .id;
});

afterAll(async () => {
  await t.close();
});

const ids = (res: { json<T>(): T }) => res.json<{ data: { id: string }[] }>().data.map((a) => a.id);

describe("overdue", () => {
  it("is derived from today's date in England, only for open and in-progress actions, and never stored", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const body = (await createBody(db, pid, { name: "Overdue test board" })).id;
    const make = (description: string, dueOn: string | null, status: "open" | "in_progress" | "done" | "dropped" = "open") =>
      createAction(db, pid, {
        bodyId: body,
        ownerPersonId: ownerId,
        description,
        dueOn,
        status,
        ...(status === "dropped" ? { droppedReason: "No longer needed" } : {}),
        ...(status === "done" ? { completedOn: yesterday } : {}),
      });
    const late = await make("Due yesterday", yesterday);
    const lateStarted = await make("Due last week, started", addDays(today, -7), "in_progress");
    const dueToday = await make("Due today", today);
    const dueTomorrow = await make("Due tomorrow", tomorrow);
    const undated = await make("No due date", null);
    const doneLate = await make("Done, was due yesterday", yesterday, "done");
    const droppedLate = await make("Dropped, was due yesterday", yesterday, "dropped");

    const token = await t.token("viewer", "read");
    const all = await t.app.inject({ method: "GET", url: `/api/v1/actions?bodyId=${body}&limit=100`, headers: json(token) });
    expect(all.statusCode).toBe(200);
    const overdueById = new Map(all.json<{ data: { id: string; overdue: boolean }[] }>().data.map((a) => [a.id, a.overdue]));
    expect(overdueById.get(late.id)).toBe(true);
    expect(overdueById.get(lateStarted.id)).toBe(true);
    expect(overdueById.get(dueToday.id)).toBe(false);
    expect(overdueById.get(dueTomorrow.id)).toBe(false);
    expect(overdueById.get(undated.id)).toBe(false);
    expect(overdueById.get(doneLate.id)).toBe(false);
    expect(overdueById.get(droppedLate.id)).toBe(false);
    // Sorted by due date, soonest first, undated last.
    expect(ids(all)).toEqual([lateStarted.id, late.id, doneLate.id, droppedLate.id, dueToday.id, dueTomorrow.id, undated.id]);

    const overdue = await t.app.inject({ method: "GET", url: `/api/v1/actions?bodyId=${body}&status=overdue`, headers: json(token) });
    expect(ids(overdue)).toEqual([lateStarted.id, late.id]);

    // The log page shows outstanding actions by default, overdue ones tagged.
    const s = await t.signIn("viewer");
    const page = await t.app.inject({ method: "GET", url: `/actions?bodyId=${body}`, headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Due yesterday");
    expect(page.body).not.toContain("Done, was due yesterday");
    expect(page.body.match(/nhsuk-tag--red">Overdue</g)?.length).toBe(2);

    // Nothing called "overdue" is ever written to the table.
    const stored = await t.database.pool.query<{ status: string }>("select distinct status::text from actions where body_id = $1", [body]);
    expect(stored.rows.map((r) => r.status).sort()).toEqual(["done", "dropped", "in_progress", "open"]);
  });
});

describe("recording and editing", () => {
  it("records an action from an agenda item through the form, linked to the item's decision, meeting and body", async () => {
    const s = await t.signIn("secretary");
    const decision = await createDecision(t.database.db, t.partnership.id, {
      bodyId,
      meetingId: heldMeetingId,
      agendaItemId: part1ItemId,
      text: "Approved the workforce plan",
    });
    const formPage = await t.app.inject({ method: "GET", url: `/meetings/${heldMeetingId}/items/${part1ItemId}/actions/new`, headers: { cookie: s.cookie } });
    expect(formPage.statusCode).toBe(200);
    expect(formPage.body).toContain("Approved the workforce plan");

    const bad = await t.app.inject({
      method: "POST",
      url: `/meetings/${heldMeetingId}/items/${part1ItemId}/actions`,
      headers: formHeaders(s),
      payload: form({
        _csrf: s.csrf,
        description: "Review workstreams so children are represented",
        ownerPersonId: "",
        "dueOn-day": "31",
        "dueOn-month": "2",
        "dueOn-year": "2018",
      }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("Select the person who owns the action");
    expect(bad.body).toContain("Due date must be a real date");
    expect(bad.body).toContain("Review workstreams so children are represented");

    const ok = await t.app.inject({
      method: "POST",
      url: `/meetings/${heldMeetingId}/items/${part1ItemId}/actions`,
      headers: formHeaders(s),
      payload: form({
        _csrf: s.csrf,
        description: "Review workstreams so children are represented",
        ownerPersonId: ownerId,
        "dueOn-day": "1",
        "dueOn-month": "6",
        "dueOn-year": "2030",
        decisionId: decision.id,
      }),
    });
    expect(ok.statusCode).toBe(303);
    const token = await t.token("secretary", "read");
    const list = await t.app.inject({ method: "GET", url: `/api/v1/actions?meetingId=${heldMeetingId}&q=children%20are&limit=100`, headers: json(token) });
    const created = list.json<{ data: Record<string, unknown>[] }>().data[0];
    expect(created).toMatchObject({
      description: "Review workstreams so children are represented",
      owner: { id: ownerId, name: "Glenn Douglas" },
      body: { id: bodyId },
      meeting: { id: heldMeetingId },
      agendaItem: { id: part1ItemId, title: "Workforce strategy" },
      decisionId: decision.id,
      dueOn: "2030-06-01",
      status: "open",
      confidentiality: "part_1",
    });
    const history = await t.app.inject({ method: "GET", url: `/actions/${String(created?.id)}`, headers: { cookie: s.cookie } });
    expect(history.body).toContain("Action recorded");
  });

  it("records standalone actions through the API and refuses a decision from another item", async () => {
    const token = await t.token("admin", "write");
    const standalone = await t.app.inject({
      method: "POST",
      url: "/api/v1/actions",
      headers: json(token),
      payload: { bodyId: otherBodyId, description: "Set up the Children's Leadership Group", ownerPersonId: otherOwnerId, dueOn: tomorrow },
    });
    expect(standalone.statusCode).toBe(201);
    expect(standalone.json()).toMatchObject({ meeting: null, agendaItem: null, body: { id: otherBodyId }, version: 1 });

    const decision = await createDecision(t.database.db, t.partnership.id, { bodyId, meetingId: heldMeetingId, agendaItemId: part2ItemId });
    const wrongDecision = await t.app.inject({
      method: "POST",
      url: "/api/v1/actions",
      headers: json(token),
      payload: { agendaItemId: part1ItemId, decisionId: decision.id, description: "X", ownerPersonId: ownerId },
    });
    expect(wrongDecision.statusCode).toBe(422);
    expect(wrongDecision.json().error.fields).toHaveProperty("decisionId");
    const neither = await t.app.inject({ method: "POST", url: "/api/v1/actions", headers: json(token), payload: { description: "X", ownerPersonId: ownerId } });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().error.fields).toHaveProperty("bodyId");
  });

  it("refuses a stale edit with 409, keeping the newer version (API and form)", async () => {
    const action = await createAction(t.database.db, t.partnership.id, { bodyId, ownerPersonId: ownerId, description: "Circulate the estates plan" });
    const token = await t.token("secretary", "write");
    const first = await t.app.inject({ method: "PATCH", url: `/api/v1/actions/${action.id}`, headers: json(token), payload: { version: 1, dueOn: tomorrow } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, dueOn: tomorrow });

    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/actions/${action.id}`,
      headers: json(token),
      payload: { version: 1, description: "Overwritten" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict");
    expect(stale.json().error.current).toMatchObject({ description: "Circulate the estates plan", version: 2, owner: { name: "Glenn Douglas" } });

    const s = await t.signIn("secretary");
    const staleForm = await t.app.inject({
      method: "POST",
      url: `/actions/${action.id}`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, description: "Circulate the estates and capital plan", ownerPersonId: ownerId, version: "1" }),
    });
    expect(staleForm.statusCode).toBe(409);
    expect(staleForm.body).toContain("Someone else saved this action first");
    expect(staleForm.body).toContain("Circulate the estates and capital plan");
    expect(staleForm.body).toContain('name="version" value="2"');

    const staleStatus = await t.app.inject({
      method: "POST",
      url: `/api/v1/actions/${action.id}/status`,
      headers: json(token),
      payload: { version: 1, status: "done" },
    });
    expect(staleStatus.statusCode).toBe(409);

    const after = await t.app.inject({ method: "GET", url: `/api/v1/actions/${action.id}`, headers: json(token) });
    expect(after.json()).toMatchObject({ description: "Circulate the estates plan", dueOn: tomorrow, status: "open", version: 2 });
  });
});

describe("status changes", () => {
  it("need a reason to drop, a date (not in the future) to complete, and clear both on reopening", async () => {
    const action = await createAction(t.database.db, t.partnership.id, { bodyId, ownerPersonId: ownerId, description: "Agree the financial principles" });
    const token = await t.token("secretary", "write");
    const url = `/api/v1/actions/${action.id}/status`;

    const noReason = await t.app.inject({ method: "POST", url, headers: json(token), payload: { version: 1, status: "dropped" } });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty("droppedReason");
    const blankReason = await t.app.inject({ method: "POST", url, headers: json(token), payload: { version: 1, status: "dropped", droppedReason: "   " } });
    expect(blankReason.statusCode).toBe(400);

    const s = await t.signIn("secretary");
    const formNoReason = await t.app.inject({
      method: "POST",
      url: `/actions/${action.id}/status`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, version: "1", status: "dropped", droppedReason: "" }),
    });
    expect(formNoReason.statusCode).toBe(422);
    expect(formNoReason.body).toContain("Enter the reason the action was dropped");
    expect(formNoReason.body).toMatch(/<title>Error: /);

    const future = await t.app.inject({ method: "POST", url, headers: json(token), payload: { version: 1, status: "done", completedOn: tomorrow } });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.fields).toHaveProperty("completedOn");

    const dropped = await t.app.inject({
      method: "POST",
      url,
      headers: json(token),
      payload: { version: 1, status: "dropped", droppedReason: "Superseded by the ICS plan" },
    });
    expect(dropped.statusCode).toBe(200);
    expect(dropped.json()).toMatchObject({ status: "dropped", droppedReason: "Superseded by the ICS plan", version: 2 });

    const reopened = await t.app.inject({
      method: "POST",
      url: `/actions/${action.id}/status`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, version: "2", status: "open" }),
    });
    expect(reopened.statusCode).toBe(303);
    const done = await t.app.inject({ method: "POST", url, headers: json(token), payload: { version: 3, status: "done" } });
    expect(done.json()).toMatchObject({ status: "done", completedOn: today, droppedReason: null });

    const page = await t.app.inject({ method: "GET", url: `/actions/${action.id}`, headers: { cookie: s.cookie } });
    expect(page.body).toContain("Dropped");
    expect(page.body).toContain("Reopened");
    expect(page.body).toContain("Marked done");
  });
});

describe("owners", () => {
  it("lets the owner, even a contributor, report progress and change status on their own action, but not on someone else's", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const contributor = await t.signIn("contributor");
    const person = await createPerson(db, pid, { name: "Contributing Lead", userId: contributor.userId });
    const mine = await createAction(db, pid, {
      bodyId,
      ownerPersonId: person.id,
      description: "Draft the children's workstream scope",
      sourceMeetingId: heldMeetingId,
      sourceAgendaItemId: part1ItemId,
    });
    const theirs = await createAction(db, pid, {
      bodyId,
      ownerPersonId: otherOwnerId,
      description: "Someone else's action",
      sourceMeetingId: heldMeetingId,
      sourceAgendaItemId: part1ItemId,
    });

    const page = await t.app.inject({ method: "GET", url: `/actions/${mine.id}`, headers: { cookie: contributor.cookie } });
    expect(page.body).toContain("Add a progress update");
    expect(page.body).not.toContain("Edit this action");
    const update = await t.app.inject({
      method: "POST",
      url: `/actions/${mine.id}/updates`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, text: "Scope agreed with the CCG leads" }),
    });
    expect(update.statusCode).toBe(303);
    const status = await t.app.inject({
      method: "POST",
      url: `/actions/${mine.id}/status`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, version: "1", status: "in_progress" }),
    });
    expect(status.statusCode).toBe(303);
    const after = await t.app.inject({ method: "GET", url: `/actions/${mine.id}`, headers: { cookie: contributor.cookie } });
    expect(after.body).toContain("Scope agreed with the CCG leads");
    expect(after.body).toContain("In progress");

    // Owners report progress; they do not reword or reassign.
    expect((await t.app.inject({ method: "GET", url: `/actions/${mine.id}/edit`, headers: { cookie: contributor.cookie } })).statusCode).toBe(403);

    const otherPage = await t.app.inject({ method: "GET", url: `/actions/${theirs.id}`, headers: { cookie: contributor.cookie } });
    expect(otherPage.statusCode).toBe(200);
    expect(otherPage.body).not.toContain("Add a progress update");
    const notMine = await t.app.inject({
      method: "POST",
      url: `/actions/${theirs.id}/updates`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, text: "Not mine to report" }),
    });
    expect(notMine.statusCode).toBe(403);
    const notMineStatus = await t.app.inject({
      method: "POST",
      url: `/actions/${theirs.id}/status`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, version: "1", status: "done", "completedOn-day": "1", "completedOn-month": "1", "completedOn-year": "2018" }),
    });
    expect(notMineStatus.statusCode).toBe(403);

    // The same through the API, with a token of a contributor linked to the owner.
    const tokenUser = await createUser(db, pid, "contributor");
    const apiUser = await accountsService({ db }).createTokenFor({ partnershipId: pid, userId: tokenUser.id, name: "test", scope: "write" });
    const apiPerson = await createPerson(db, pid, { name: "API Contributor", userId: tokenUser.id });
    const apiAction = await createAction(db, pid, {
      bodyId,
      ownerPersonId: apiPerson.id,
      description: "API-owned action",
      sourceMeetingId: heldMeetingId,
      sourceAgendaItemId: part1ItemId,
    });
    const apiUpdate = await t.app.inject({
      method: "POST",
      url: `/api/v1/actions/${apiAction.id}/updates`,
      headers: json(apiUser),
      payload: { text: "Done the first half" },
    });
    expect(apiUpdate.statusCode).toBe(201);
    expect(apiUpdate.json()).toMatchObject({ text: "Done the first half", notedOn: today });
    const apiDone = await t.app.inject({
      method: "POST",
      url: `/api/v1/actions/${apiAction.id}/status`,
      headers: json(apiUser),
      payload: { version: 1, status: "done" },
    });
    expect(apiDone.statusCode).toBe(200);
    const apiEdit = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/actions/${apiAction.id}`,
      headers: json(apiUser),
      payload: { version: 2, description: "Reworded" },
    });
    expect(apiEdit.statusCode).toBe(403);
    const apiOther = await t.app.inject({ method: "POST", url: `/api/v1/actions/${theirs.id}/updates`, headers: json(apiUser), payload: { text: "Not mine" } });
    expect(apiOther.statusCode).toBe(403);

    // "My actions" lists the contributor's own actions only.
    const myPage = await t.app.inject({ method: "GET", url: "/my-actions?status=all", headers: { cookie: contributor.cookie } });
    expect(myPage.statusCode).toBe(200);
    expect(myPage.body).toContain("Draft the children&#x27;s workstream scope");
    expect(myPage.body).not.toContain("Someone else&#x27;s action");
  });

  it("explains on “my actions” when the account is linked to nobody", async () => {
    const s = await t.signIn("member");
    const page = await t.app.inject({ method: "GET", url: "/my-actions", headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Your account is not linked to anyone in the directory of people");
    expect((await t.app.inject({ method: "GET", url: "/my-actions" })).statusCode).toBe(401);
  });
});

describe("matters arising", () => {
  const ctxFor = (principal: Principal): RequestContext => ({ partnership: t.partnership, principal, requestId: "test" });
  const insider = (role: "secretary" | "viewer"): Principal => ({
    kind: "user",
    userId: "00000000-0000-7000-8000-000000000000",
    name: "Tester",
    email: "t@example.org",
    role,
    via: "session",
    scope: "write",
  });

  it("lists the body's open and in-progress actions raised at earlier meetings, with owner, overdue flag and latest update", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const service = actionsService({ db, bodies: bodiesService({ db }), meetings: meetingsService({ db }) });
    const board = (await createBody(db, pid, { name: "Matters arising board" })).id;
    const december = await createMeeting(db, pid, { bodyId: board, startsAt: new Date("2017-12-04T10:00:00Z"), status: "minutes_approved" });
    const march = await createMeeting(db, pid, { bodyId: board, startsAt: new Date("2018-03-05T10:00:00Z"), status: "held" });
    const decItem = await createAgendaItem(db, pid, { meetingId: december.id, title: "Clinical strategy update" });
    const marItem = await createAgendaItem(db, pid, { meetingId: march.id, title: "STP planning and budget 2018/19" });
    const decPart2 = await createAgendaItem(db, pid, {
      meetingId: december.id,
      title: "Confidential",
      confidentiality: "part_2",
      exemptionReason: "Commercial",
    });
    const fromDec = await createAction(db, pid, {
      bodyId: board,
      ownerPersonId: ownerId,
      description: "Seek wider engagement on the clinical vision",
      dueOn: "2018-01-31",
      sourceMeetingId: december.id,
      sourceAgendaItemId: decItem.id,
    });
    await createActionUpdate(db, pid, { actionId: fromDec.id, notedOn: "2018-02-01", text: "Engagement events booked", authorName: "Glenn Douglas" });
    await createActionUpdate(db, pid, { actionId: fromDec.id, notedOn: "2018-01-10", text: "Older update", authorName: "Glenn Douglas" });
    const startedDec = await createAction(db, pid, {
      bodyId: board,
      ownerPersonId: otherOwnerId,
      description: "Started in December",
      status: "in_progress",
      sourceMeetingId: december.id,
      sourceAgendaItemId: decItem.id,
    });
    await createAction(db, pid, {
      bodyId: board,
      ownerPersonId: ownerId,
      description: "Done in December",
      status: "done",
      completedOn: "2018-01-01",
      sourceMeetingId: december.id,
      sourceAgendaItemId: decItem.id,
    });
    await createAction(db, pid, {
      bodyId: board,
      ownerPersonId: ownerId,
      description: "Dropped in December",
      status: "dropped",
      droppedReason: "Not needed",
      sourceMeetingId: december.id,
      sourceAgendaItemId: decItem.id,
    });
    const fromMarch = await createAction(db, pid, {
      bodyId: board,
      ownerPersonId: ownerId,
      description: "Raised in March",
      sourceMeetingId: march.id,
      sourceAgendaItemId: marItem.id,
    });
    const secret = await createAction(db, pid, {
      bodyId: board,
      ownerPersonId: ownerId,
      description: "Part II in December",
      sourceMeetingId: december.id,
      sourceAgendaItemId: decPart2.id,
    });
    await createAction(db, pid, {
      bodyId: otherBodyId,
      ownerPersonId: ownerId,
      description: "Another body's action",
      sourceMeetingId: heldMeetingId,
      sourceAgendaItemId: part1ItemId,
    });

    const atMarch = await service.openForBody(ctxFor(insider("secretary")), board, march.startsAt);
    expect(atMarch.map((a) => a.id)).toEqual([fromDec.id, startedDec.id, secret.id]);
    expect(atMarch[0]).toMatchObject({
      owner: { id: ownerId, name: "Glenn Douglas" },
      dueOn: "2018-01-31",
      overdue: true,
      latestUpdate: { notedOn: "2018-02-01", text: "Engagement events booked", authorName: "Glenn Douglas" },
    });
    // At a meeting after March, March's action is a matter arising too.
    const later = await service.openForBody(ctxFor(insider("secretary")), board, new Date("2018-06-04T10:00:00Z"));
    expect(later.map((a) => a.id)).toContain(fromMarch.id);
    // Those not entitled to Part II never get it; the public never gets progress updates.
    const forViewer = await service.openForBody(ctxFor(insider("viewer")), board, march.startsAt);
    expect(forViewer.map((a) => a.id)).toEqual([fromDec.id, startedDec.id]);
    const forPublic = await service.openForBody(ctxFor(ANONYMOUS), board, march.startsAt);
    expect(forPublic.map((a) => a.id)).toEqual([fromDec.id, startedDec.id]);
    expect(forPublic[0]?.latestUpdate).toBeNull();

    const atMeeting = await service.listForMeeting(ctxFor(ANONYMOUS), december.id);
    expect(atMeeting.map((a) => a.description).sort()).toEqual([
      "Done in December",
      "Dropped in December",
      "Seek wider engagement on the clinical vision",
      "Started in December",
    ]);
    expect(atMeeting.find((a) => a.status === "dropped")?.droppedReason).toBeNull();
  });

  it("lists the 50 soonest due on the meeting page and links to the body's action log for the rest", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const board = (await createBody(db, pid, { name: "Busy board" })).id;
    const earlier = await createMeeting(db, pid, { bodyId: board, startsAt: new Date("2019-01-07T10:00:00Z"), status: "minutes_approved" });
    const next = await createMeeting(db, pid, { bodyId: board, startsAt: new Date("2019-02-04T10:00:00Z"), status: "held" });
    const item = await createAgendaItem(db, pid, { meetingId: earlier.id, title: "Workstream reports" });
    for (let i = 1; i <= 53; i++) {
      await createAction(db, pid, {
        bodyId: board,
        ownerPersonId: ownerId,
        description: `Busy action ${String(i).padStart(2, "0")}`,
        dueOn: `2019-03-${String(Math.ceil(i / 2)).padStart(2, "0")}`,
        sourceMeetingId: earlier.id,
        sourceAgendaItemId: item.id,
      });
    }
    const page = await t.app.inject({ method: "GET", url: `/meetings/${next.id}` });
    expect(page.statusCode).toBe(200);
    const listed = [...page.body.matchAll(/Busy action (\d\d)/g)].map((m) => Number(m[1]));
    expect(listed).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(page.body).toContain("These are the 50 soonest due.");
    expect(page.body).toContain(`<a href="/actions?bodyId=${board}&amp;status=outstanding">See all open actions of Busy board in the action log</a>`);
    const log = await t.app.inject({ method: "GET", url: `/actions?bodyId=${board}&status=outstanding&limit=100` });
    expect([...log.body.matchAll(/Busy action (\d\d)/g)].length).toBe(53);
    // The API still gives every matter arising.
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${next.id}/matters-arising` });
    expect(api.json<{ data: unknown[] }>().data).toHaveLength(53);
  });
});

describe("confidentiality", () => {
  it("never shows the public a Part II action, its updates or its existence, on pages, API or CSV", async () => {
    const anonymousPage = await t.app.inject({ method: "GET", url: `/actions?bodyId=${bodyId}&status=all` });
    expect(anonymousPage.statusCode).toBe(200);
    expect(anonymousPage.body).toContain("Provide regular progress updates on the workstream plans");
    expect(anonymousPage.body).not.toContain(PART2_TEXT);
    // Nor actions of a meeting not yet held, nor standalone entries, nor progress updates.
    expect(anonymousPage.body).not.toContain("Identify internal support for the stroke consultation");
    expect(anonymousPage.body).not.toContain("Book the venue for the away day");

    const api = await t.app.inject({ method: "GET", url: `/api/v1/actions?bodyId=${bodyId}&limit=100` });
    expect(ids(api)).toContain(part1ActionId);
    expect(ids(api)).not.toContain(part2ActionId);
    expect(ids(api)).not.toContain(plannedActionId);
    expect(ids(api)).not.toContain(standaloneActionId);
    expect(api.body).not.toContain(PART2_TEXT);
    expect(api.body).not.toContain(PUBLIC_UPDATE_TEXT);
    // Filtering cannot reveal it either: the words of the Part II action find nothing.
    const probe = await t.app.inject({ method: "GET", url: `/api/v1/actions?q=${encodeURIComponent("confidential estates")}` });
    expect(probe.json()).toMatchObject({ data: [], hasMore: false });

    const csv = await t.app.inject({ method: "GET", url: `/actions.csv?bodyId=${bodyId}&status=all` });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("Provide regular progress updates on the workstream plans");
    expect(csv.body).not.toContain(PART2_TEXT);
    expect(csv.body).not.toContain(PUBLIC_UPDATE_TEXT);

    for (const url of [`/actions/${part2ActionId}`, `/api/v1/actions/${part2ActionId}`, `/actions/${plannedActionId}`, `/actions/${standaloneActionId}`]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain(PART2_TEXT);
    }
    const publicOne = await t.app.inject({ method: "GET", url: `/api/v1/actions/${part1ActionId}` });
    expect(publicOne.json()).toMatchObject({ id: part1ActionId, updates: [], latestUpdate: null });
    const publicPage = await t.app.inject({ method: "GET", url: `/actions/${part1ActionId}` });
    expect(publicPage.body).not.toContain(PUBLIC_UPDATE_TEXT);
    expect(publicPage.body).not.toContain("History");
  });

  it("hides Part II actions from contributors and viewers, and shows them to members", async () => {
    for (const role of ["contributor", "viewer"] as const) {
      const token = await t.token(role, "read");
      const list = await t.app.inject({ method: "GET", url: `/api/v1/actions?bodyId=${bodyId}&limit=100`, headers: json(token) });
      expect(ids(list), role).toContain(plannedActionId);
      expect(ids(list), role).not.toContain(part2ActionId);
      expect((await t.app.inject({ method: "GET", url: `/api/v1/actions/${part2ActionId}`, headers: json(token) })).statusCode, role).toBe(404);
      const s = await t.signIn(role);
      const csv = await t.app.inject({ method: "GET", url: `/actions.csv?status=all`, headers: { cookie: s.cookie } });
      expect(csv.body, role).not.toContain(PART2_TEXT);
      expect(csv.body, role).not.toContain(PART2_UPDATE);
    }
    const member = await t.token("member", "read");
    const one = await t.app.inject({ method: "GET", url: `/api/v1/actions/${part2ActionId}`, headers: json(member) });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ confidentiality: "part_2", updates: [{ text: PART2_UPDATE }] });
  });
});

describe("CSV export", () => {
  it("quotes properly, guards against formulas, starts with a BOM and follows the filters", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const board = (await createBody(db, pid, { name: 'CSV, "quoted" board' })).id;
    const meeting = await createMeeting(db, pid, { bodyId: board, status: "held", startsAt: new Date("2018-03-05T10:00:00Z") });
    const item = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Finance" });
    const place = { bodyId: board, sourceMeetingId: meeting.id, sourceAgendaItemId: item.id };
    await createAction(db, pid, { ...place, ownerPersonId: ownerId, description: '=HYPERLINK("http://evil.example","click")', dueOn: "2018-04-01" });
    await createAction(db, pid, { ...place, ownerPersonId: ownerId, description: '+44 cost, said "the board"\nsecond line', dueOn: "2018-04-02" });
    await createAction(db, pid, { ...place, ownerPersonId: ownerId, description: "-5% budget", dueOn: "2018-04-03" });
    await createAction(db, pid, { ...place, ownerPersonId: ownerId, description: "@SUM(A1)", dueOn: "2018-04-04" });
    await createAction(db, pid, {
      ...place,
      ownerPersonId: otherOwnerId,
      description: "Café review – résumé",
      dueOn: "2018-04-05",
      status: "done",
      completedOn: "2018-04-05",
    });

    const res = await t.app.inject({ method: "GET", url: `/actions.csv?bodyId=${board}&status=all` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="actions-\d{4}-\d{2}-\d{2}\.csv"$/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const body = res.body.replace(/^\uFEFF/, "");
    const lines = body.split("\r\n");
    expect(lines[0]).toBe("ID,Description,Owner,Body,Due date,Status,Overdue,Completed on,Meeting date,Agenda item,Decision ID");
    expect(body).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",Glenn Douglas,"CSV, ""quoted"" board",2018-04-01,Open,Yes,,2018-03-05,Finance,`);
    expect(body).toContain(`,"'+44 cost, said ""the board""\nsecond line",`);
    expect(body).toContain(",'-5% budget,");
    expect(body).toContain(",'@SUM(A1),");
    expect(body).toContain(",Café review – résumé,Michael Ridgwell,");
    expect(body).not.toMatch(/,[=+\-@]/);

    // The same filters as the page: outstanding only (the default) and by owner.
    const outstanding = await t.app.inject({ method: "GET", url: `/actions.csv?bodyId=${board}` });
    expect(outstanding.body).not.toContain("Café review");
    const byOwner = await t.app.inject({ method: "GET", url: `/actions.csv?bodyId=${board}&status=all&ownerPersonId=${otherOwnerId}` });
    expect(byOwner.body.trim().split("\r\n")).toHaveLength(2);
  });
});

describe("filters", () => {
  it("filter the log by body, owner, status, due date range and words, on the API and the page", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const board = (await createBody(db, pid, { name: "Filter board" })).id;
    const meeting = await createMeeting(db, pid, { bodyId: board, status: "held", startsAt: new Date("2018-03-05T10:00:00Z") });
    const item = await createAgendaItem(db, pid, { meetingId: meeting.id });
    const place = { bodyId: board, sourceMeetingId: meeting.id, sourceAgendaItemId: item.id };
    const a = await createAction(db, pid, { ...place, ownerPersonId: ownerId, description: "Estates plan refresh", dueOn: "2018-04-01" });
    const b = await createAction(db, pid, {
      ...place,
      ownerPersonId: otherOwnerId,
      description: "Workforce 100% review",
      dueOn: "2018-05-01",
      status: "in_progress",
    });
    const c = await createAction(db, pid, {
      ...place,
      ownerPersonId: ownerId,
      description: "Stroke consultation support",
      dueOn: "2018-06-01",
      status: "done",
      completedOn: "2018-05-30",
    });
    const token = await t.token("viewer", "read");
    const get = async (query: string) => ids(await t.app.inject({ method: "GET", url: `/api/v1/actions?bodyId=${board}&${query}`, headers: json(token) }));

    expect(await get("")).toEqual([a.id, b.id, c.id]);
    expect(await get(`ownerPersonId=${ownerId}`)).toEqual([a.id, c.id]);
    expect(await get("status=in_progress")).toEqual([b.id]);
    expect(await get("status=outstanding")).toEqual([a.id, b.id]);
    expect(await get("status=done")).toEqual([c.id]);
    expect(await get("dueFrom=2018-04-15&dueTo=2018-06-01")).toEqual([b.id, c.id]);
    expect(await get("q=estates")).toEqual([a.id]);
    expect(await get("q=100%25")).toEqual([b.id]);
    expect(await get("q=")).toEqual([a.id, b.id, c.id]);
    expect(await get("limit=2")).toEqual([a.id, b.id]);
    const second = await t.app.inject({ method: "GET", url: `/api/v1/actions?bodyId=${board}&limit=2&page=2`, headers: json(token) });
    expect(second.json()).toMatchObject({ page: 2, hasMore: false });
    expect(ids(second)).toEqual([c.id]);

    const bad = await t.app.inject({ method: "GET", url: `/api/v1/actions?status=late&dueFrom=yesterday`, headers: json(token) });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(["status", "dueFrom"]));
    expect((await t.app.inject({ method: "GET", url: "/api/v1/actions?limit=101", headers: json(token) })).statusCode).toBe(400);

    const page = await t.app.inject({ method: "GET", url: `/actions?bodyId=${board}&ownerPersonId=${ownerId}&status=all&dueFrom=&dueTo=&q=` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Estates plan refresh");
    expect(page.body).toContain("Stroke consultation support");
    expect(page.body).not.toContain("Workforce 100% review");
  });
});
