import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiesFrom, createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAgendaItem,
  createAttendance,
  createBody,
  createDecision,
  createItemMinutes,
  createMeeting,
  createMembership,
  createPerson,
  createTermsOfReference,
} from "../../../tests/factories/index.ts";

let t: TestApp;
let secretary: Session;
let writeToken: string;
beforeAll(async () => {
  t = await createTestApp();
  secretary = await t.signIn("secretary");
  writeToken = await t.token("secretary", "write");
});
afterAll(async () => {
  await t.close();
});

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (s: Session, url: string, fields: Record<string, string | string[]> = {}) =>
  t.app.inject({
    method: "POST",
    url,
    headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ _csrf: s.csrf, ...fields }),
  });
const db = () => t.database.db;
const pid = () => t.partnership.id;

const DISCUSSION = "Members discussed the detail of the financial principles at length";
const SECRET_TITLE = "Contract award to Acme Ltd";
const SECRET_SUMMARY = "The board agreed the preferred bidder";

/** A held meeting with a Part I and a Part II item, each already minuted, and a member present. */
async function heldMeeting(overrides: Partial<Parameters<typeof createMeeting>[2]> = {}) {
  const body = await createBody(db(), pid(), { name: `Minutes Board ${Math.random().toString(36).slice(2, 7)}`, kind: "programme_board" });
  const chair = await createPerson(db(), pid(), { name: "Chair Person" });
  await createMembership(db(), pid(), { bodyId: body.id, personId: chair.id, role: "chair" });
  await createTermsOfReference(db(), pid(), {
    bodyId: body.id,
    status: "ratified",
    ratifiedByBodyId: body.id,
    ratifiedOn: "2017-06-01",
    quorumMinimumVotingMembers: 2,
  });
  const meeting = await createMeeting(db(), pid(), {
    bodyId: body.id,
    status: "held",
    agendaPublishedAt: new Date("2018-02-20T09:00:00Z"),
    startsAt: new Date("2018-03-05T10:00:00Z"),
    ...overrides,
  });
  const part1 = await createAgendaItem(db(), pid(), { meetingId: meeting.id, title: "Financial principles", position: 1 });
  const part2 = await createAgendaItem(db(), pid(), {
    meetingId: meeting.id,
    title: SECRET_TITLE,
    position: 2,
    confidentiality: "part_2",
    exemptionReason: "Commercially sensitive",
  });
  await createItemMinutes(db(), pid(), { agendaItemId: part1.id, discussion: DISCUSSION, publicSummary: "The board gave the go-ahead", outcome: "Approved" });
  await createItemMinutes(db(), pid(), { agendaItemId: part2.id, discussion: "Secret discussion", publicSummary: SECRET_SUMMARY, outcome: "Agreed" });
  await createAttendance(db(), pid(), { meetingId: meeting.id, personId: chair.id, note: "Chair" });
  return { body, chair, meeting, part1, part2 };
}

describe("the minutes lifecycle", () => {
  it("drafts, circulates, and is approved only by a decision of a later meeting", async () => {
    const body = await createBody(db(), pid(), { name: "Lifecycle Board", kind: "programme_board" });
    const meeting = await createMeeting(db(), pid(), { bodyId: body.id, status: "agenda_published", agendaPublishedAt: new Date("2018-02-20") });
    const item = await createAgendaItem(db(), pid(), { meetingId: meeting.id, title: "Workforce strategy", position: 1 });
    const statusUrl = `/api/v1/meetings/${meeting.id}/minutes/status`;
    const setStatus = (status: string) => t.app.inject({ method: "POST", url: statusUrl, headers: json(writeToken), payload: { status } });

    // Not held yet: no minutes to draft.
    const early = await setStatus("draft");
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("meeting_not_held");
    const held = await t.app.inject({ method: "POST", url: `/api/v1/meetings/${meeting.id}/held`, headers: json(writeToken), payload: { version: 1 } });
    expect(held.statusCode, held.body).toBe(200);

    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/meetings/${meeting.id}/minutes/items/${item.id}`,
      headers: json(writeToken),
      payload: { version: 0, discussion: "Discussed the draft strategy", publicSummary: "The board endorsed the response", outcome: "Endorsed" },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ agendaItemId: item.id, number: "1", version: 1, outcome: "Endorsed" });

    expect((await setStatus("circulated")).json().error.code).toBe("minutes_not_drafted");
    const drafted = await setStatus("draft");
    expect(drafted.statusCode).toBe(200);
    expect(drafted.json()).toMatchObject({ status: "draft", approvedBy: null });
    expect((await setStatus("draft")).statusCode).toBe(409);
    const circulated = await setStatus("circulated");
    expect(circulated.json().status).toBe("circulated");
    const meetingRow = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}`, headers: bearer(writeToken) })).json();
    expect(meetingRow.status).toBe("minutes_drafted");

    // Circulated minutes are not public yet.
    expect((await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}/minutes` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/meetings/${meeting.id}/minutes` })).statusCode).toBe(404);
    // The API offers no way to approve them directly.
    expect((await setStatus("approved")).statusCode).toBe(400);

    // The next meeting approves them through a decision on its "minutes of the last meeting" item.
    const next = await createMeeting(db(), pid(), {
      bodyId: body.id,
      status: "held",
      startsAt: new Date("2018-04-09T09:00:00Z"),
      agendaPublishedAt: new Date("2018-03-20"),
    });
    const minutesItem = await createAgendaItem(db(), pid(), {
      meetingId: next.id,
      title: "Minutes of the last meeting",
      kind: "minutes_of_last_meeting",
      position: 1,
    });
    const decision = await t.app.inject({
      method: "POST",
      url: "/api/v1/decisions",
      headers: json(writeToken),
      payload: {
        agendaItemId: minutesItem.id,
        text: "Approved the minutes of the meeting of 5 March 2018",
        kind: "approved",
        approvesMinutesOfMeetingId: meeting.id,
      },
    });
    expect(decision.statusCode, decision.body).toBe(201);

    const approved = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}/minutes`, headers: bearer(writeToken) })).json();
    expect(approved).toMatchObject({ status: "approved", approvedBy: { decisionId: decision.json().id, meeting: { id: next.id } } });
    const after = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}`, headers: bearer(writeToken) })).json();
    expect(after).toMatchObject({ status: "minutes_approved", minutesStatus: "approved" });

    // Now public, and fixed: no further edits or transitions.
    const page = await t.app.inject({ method: "GET", url: `/meetings/${meeting.id}/minutes` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Approved at the <a href="/meetings/${next.id}">meeting of Monday 9 April 2018</a>`);
    expect(page.body).toContain("The board endorsed the response");
    expect(page.body).not.toContain("Discussed the draft strategy");
    const edit = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/meetings/${meeting.id}/minutes/items/${item.id}`,
      headers: json(writeToken),
      payload: { version: 1, outcome: "Rewritten" },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe("minutes_approved");
    expect((await setStatus("draft")).json().error.code).toBe("minutes_approved");

    // A second decision cannot approve them again; the decision is not recorded either.
    const again = await t.app.inject({
      method: "POST",
      url: "/api/v1/decisions",
      headers: json(writeToken),
      payload: { agendaItemId: minutesItem.id, text: "Approved them again", kind: "approved", approvesMinutesOfMeetingId: meeting.id },
    });
    expect(again.statusCode).toBe(422);
  });

  it("drafts and circulates through the page's buttons", async () => {
    const { meeting } = await heldMeeting();
    const url = `/meetings/${meeting.id}/minutes`;
    const start = await t.app.inject({ method: "GET", url, headers: { cookie: secretary.cookie } });
    expect(start.body).toContain("Not started");
    expect(start.body).toContain("Start drafting the minutes");
    const drafted = await post(secretary, `${url}/draft`);
    expect(drafted.statusCode).toBe(303);
    const circulated = await post(secretary, `${url}/circulate`);
    expect(circulated.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url, headers: { cookie: cookiesFrom(circulated, secretary.cookie) } });
    expect(page.body).toContain("The minutes have been circulated to members");
    expect(page.body).toContain("Circulated to members");
    expect(page.body).toContain("Return the minutes to draft");
    // Refused transitions come back as a message, not an error page.
    const twice = await post(secretary, `${url}/circulate`);
    expect(twice.statusCode).toBe(303);
    const viewer = await t.signIn("viewer");
    expect((await post(viewer, `${url}/draft`)).statusCode).toBe(403);
  });
});

describe("editing an item's minutes", () => {
  it("refuses a stale edit with 409 and keeps the newer minutes (API)", async () => {
    const { meeting, part1 } = await heldMeeting();
    const url = `/api/v1/meetings/${meeting.id}/minutes/items/${part1.id}`;
    const first = await t.app.inject({ method: "PATCH", url, headers: json(writeToken), payload: { version: 1, outcome: "Approved, with changes" } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, outcome: "Approved, with changes", discussion: DISCUSSION });
    const stale = await t.app.inject({ method: "PATCH", url, headers: json(writeToken), payload: { version: 1, outcome: "Overwritten" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "conflict", current: { version: 2, outcome: "Approved, with changes" } });
    const minutes = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}/minutes`, headers: bearer(writeToken) })).json();
    expect(minutes.items[0]).toMatchObject({ outcome: "Approved, with changes", version: 2 });
    // Writing the first minutes of an item needs version 0; a second first write is stale.
    const fresh = await createAgendaItem(db(), pid(), { meetingId: meeting.id, title: "Any other business", position: 3 });
    const freshUrl = `/api/v1/meetings/${meeting.id}/minutes/items/${fresh.id}`;
    expect((await t.app.inject({ method: "PATCH", url: freshUrl, headers: json(writeToken), payload: { version: 0, outcome: "None" } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "PATCH", url: freshUrl, headers: json(writeToken), payload: { version: 0, outcome: "Again" } })).statusCode).toBe(409);
    // Bad input is a field error.
    const bad = await t.app.inject({ method: "PATCH", url, headers: json(writeToken), payload: { version: 2, outcome: "x".repeat(5001), colour: "red" } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(["outcome"]));
  });

  it("keeps typed minutes on a stale page save and shows whose version won", async () => {
    const { meeting, part1 } = await heldMeeting();
    const url = `/meetings/${meeting.id}/minutes/items/${part1.id}`;
    const saved = await post(secretary, url, { discussion: "First discussion", publicSummary: "First summary", outcome: "Noted", version: "1" });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/meetings/${meeting.id}/minutes#item-${part1.id}`);
    const stale = await post(secretary, url, { discussion: "My discussion", publicSummary: "My summary", outcome: "Agreed", version: "1" });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toMatch(/<title>Error: /);
    expect(stale.body).toContain("Someone else saved the minutes of this item first");
    expect(stale.body).toContain("My summary");
    expect(stale.body).toContain("First summary");
    expect(stale.body).toMatch(new RegExp(`action="/meetings/${meeting.id}/minutes/items/${part1.id}"[^]*?name="version" value="2"`));
    const invalid = await post(secretary, url, { discussion: "ok", publicSummary: "p".repeat(20_001), outcome: "", version: "2" });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain("The public summary must be 20,000 characters or fewer");
    expect(invalid.body).toContain(`href="#publicSummary-${part1.id}"`);
  });
});

describe("who reads what of the minutes", () => {
  it("never shows the discussion to the public, and Part II minutes only to those entitled", async () => {
    const { meeting, part1 } = await heldMeeting({ status: "minutes_approved", minutesStatus: "approved" });
    const pageUrl = `/meetings/${meeting.id}/minutes`;
    const apiUrl = `/api/v1/meetings/${meeting.id}/minutes`;

    const anonymousPage = await t.app.inject({ method: "GET", url: pageUrl });
    expect(anonymousPage.statusCode).toBe(200);
    expect(anonymousPage.body).toContain("The board gave the go-ahead");
    expect(anonymousPage.body).toContain("Chair Person (Chair)");
    expect(anonymousPage.body).toContain("Quorum");
    for (const hidden of [DISCUSSION, SECRET_TITLE, SECRET_SUMMARY, "Secret discussion", "Part II"]) expect(anonymousPage.body, hidden).not.toContain(hidden);
    const anonymousApi = await t.app.inject({ method: "GET", url: apiUrl });
    expect(anonymousApi.statusCode).toBe(200);
    expect(anonymousApi.json().items).toEqual([
      {
        agendaItemId: part1.id,
        number: "1",
        title: "Financial principles",
        confidentiality: "part_1",
        publicSummary: "The board gave the go-ahead",
        outcome: "Approved",
        version: 1,
      },
    ]);

    for (const role of ["viewer", "contributor"] as const) {
      const s = await t.signIn(role);
      const page = await t.app.inject({ method: "GET", url: pageUrl, headers: { cookie: s.cookie } });
      expect(page.body, role).toContain(DISCUSSION);
      for (const hidden of [SECRET_TITLE, SECRET_SUMMARY, "Secret discussion"]) expect(page.body, `${role}: ${hidden}`).not.toContain(hidden);
      const api = await t.app.inject({ method: "GET", url: apiUrl, headers: bearer(await t.token(role, "read")) });
      expect(
        api.json().items.map((i: { title: string }) => i.title),
        role,
      ).toEqual(["Financial principles"]);
      expect(api.body).not.toContain(SECRET_SUMMARY);
      expect(api.json().items[0].discussion).toBe(DISCUSSION);
    }
    const member = await t.signIn("member");
    const memberPage = await t.app.inject({ method: "GET", url: pageUrl, headers: { cookie: member.cookie } });
    expect(memberPage.body).toContain(SECRET_TITLE);
    expect(memberPage.body).toContain("Secret discussion");
    const memberApi = await t.app.inject({ method: "GET", url: apiUrl, headers: bearer(await t.token("member", "read")) });
    expect(memberApi.json().items.map((i: { title: string }) => i.title)).toEqual(["Financial principles", SECRET_TITLE]);
  });

  it("hides unapproved minutes from the public entirely, and Part II items' minutes from non-entitled writers' APIs", async () => {
    const { meeting, part2 } = await heldMeeting({ status: "minutes_drafted", minutesStatus: "draft" });
    expect((await t.app.inject({ method: "GET", url: `/meetings/${meeting.id}/minutes` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}/minutes` })).statusCode).toBe(404);
    // A viewer may not write, and gets no hint of the Part II item either way.
    const viewer = await t.token("viewer", "write");
    const write = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/meetings/${meeting.id}/minutes/items/${part2.id}`,
      headers: json(viewer),
      payload: { version: 1 },
    });
    expect(write.statusCode).toBe(403);
    expect(write.body).not.toContain(SECRET_SUMMARY);
  });

  it("flags decisions taken while the meeting was not quorate", async () => {
    const { meeting, part1, body } = await heldMeeting();
    await createDecision(db(), pid(), {
      bodyId: body.id,
      meetingId: meeting.id,
      agendaItemId: part1.id,
      text: "Gave the go-ahead to the financial principles",
      takenWhileInquorate: true,
    });
    const page = await t.app.inject({ method: "GET", url: `/meetings/${meeting.id}/minutes`, headers: { cookie: secretary.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Decisions taken while the meeting was not quorate");
    expect(page.body).toMatch(
      /Gave the go-ahead to the financial principles<\/a> \(approved\) <strong class="nhsuk-tag nhsuk-tag--red">Taken while not quorate/,
    );
    // One member present of the two the terms require: the statement says so.
    expect(page.body).toContain("Needs at least 2 voting members present: 1 present");
  });
});
