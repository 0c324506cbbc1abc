import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAgendaItem,
  createAttendance,
  createBody,
  createInterest,
  createInterestDeclaration,
  createMeeting,
  createMeetingDeclaration,
  createMembership,
  createOrganisation,
  createPartnership,
  createPerson,
} from "../../../tests/factories/index.ts";
import type { Role } from "../accounts/accounts.tables.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { organisationsService } from "../organisations/organisations.service.ts";
import { peopleService } from "../people/people.service.ts";
import { annualCutoff, interestsService, numberItems, todayInLondon } from "./interests.service.ts";

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
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });
const post = (s: Session, url: string, fields: Record<string, string | string[]>) =>
  t.app.inject({ method: "POST", url, headers: formHeaders(s), payload: form({ _csrf: s.csrf, ...fields }) });
const get = (url: string, s?: Session) => t.app.inject({ method: "GET", url, ...(s ? { headers: { cookie: s.cookie } } : {}) });
const db = () => t.database.db;
const pid = () => t.partnership.id;

/** The service as the app builds it, for the contracts other modules call. */
function service(today?: string) {
  const organisations = organisationsService({ db: db() });
  return interestsService({ db: db(), organisations, people: peopleService({ db: db(), organisations }), ...(today ? { today: () => today } : {}) });
}
function ctxAs(role: Role | null): RequestContext {
  const principal: Principal =
    role === null
      ? { kind: "anonymous" }
      : { kind: "user", userId: "00000000-0000-4000-8000-000000000000", name: "Tester", email: "t@example.org", role, via: "session", scope: "write" };
  return { partnership: t.partnership, principal, requestId: "test-request" };
}

/** A body with a chair, a held meeting on 5 March 2018, a Part I and a Part II item each concerning an organisation. */
async function meetingWithItems(status: "planned" | "agenda_published" | "held" = "held") {
  const org = await createOrganisation(db(), pid(), { name: `Medway NHS Foundation Trust ${Math.random()}` });
  const otherOrg = await createOrganisation(db(), pid(), { name: `Kent County Council ${Math.random()}` });
  const body = await createBody(db(), pid(), { name: `Programme Board ${Math.random()}` });
  const member = await createPerson(db(), pid(), { name: "Glenn Douglas", email: "glenn@example.org" });
  await createMembership(db(), pid(), { bodyId: body.id, personId: member.id, role: "chair", startsOn: "2017-04-01" });
  const meeting = await createMeeting(db(), pid(), {
    bodyId: body.id,
    startsAt: new Date("2018-03-05T10:00:00Z"),
    status,
    hasPrivateSession: true,
    agendaPublishedAt: status === "planned" ? null : new Date("2018-02-26T09:00:00Z"),
  });
  const part1 = await createAgendaItem(db(), pid(), {
    meetingId: meeting.id,
    position: 1,
    title: "Estates and capital plan update",
    organisationIds: [org.id],
  });
  const part2 = await createAgendaItem(db(), pid(), {
    meetingId: meeting.id,
    position: 2,
    title: "Confidential contract award",
    confidentiality: "part_2",
    exemptionReason: "Commercial interests",
    organisationIds: [otherOrg.id],
  });
  return { org, otherOrg, body, member, meeting, part1, part2 };
}

describe("the automatic flag", () => {
  it("fires for a member with a current interest in an organisation linked to an item, and not for an ended interest or a non-member", async () => {
    const m = await meetingWithItems("agenda_published");
    const flagged = await createInterest(db(), pid(), {
      personId: m.member.id,
      organisationId: m.org.id,
      category: "financial",
      description: "Non-executive director",
    });
    // Ended before the meeting: not flagged.
    await createInterest(db(), pid(), {
      personId: m.member.id,
      organisationId: m.org.id,
      category: "indirect",
      description: "Spouse was employed",
      endsOn: "2018-01-31",
    });
    // Started after the meeting: not flagged.
    await createInterest(db(), pid(), {
      personId: m.member.id,
      organisationId: m.org.id,
      category: "non_financial_personal",
      description: "Later role",
      startsOn: "2018-04-01",
    });
    // Someone who does not sit on the body: not flagged.
    const outsider = await createPerson(db(), pid(), { name: "Not A Member" });
    await createInterest(db(), pid(), { personId: outsider.id, organisationId: m.org.id, description: "Outsider's shareholding" });
    // A member whose seat ended before the meeting: not flagged.
    const former = await createPerson(db(), pid(), { name: "Former Member" });
    await createMembership(db(), pid(), { bodyId: m.body.id, personId: former.id, startsOn: "2017-04-01", endsOn: "2018-03-04" });
    await createInterest(db(), pid(), { personId: former.id, organisationId: m.org.id, description: "Former member's role" });
    // A member of another body: not flagged.
    const elsewhere = await createPerson(db(), pid(), { name: "Other Body Member" });
    await createMembership(db(), pid(), { bodyId: (await createBody(db(), pid())).id, personId: elsewhere.id });
    await createInterest(db(), pid(), { personId: elsewhere.id, organisationId: m.org.id, description: "Other body's member's role" });
    // A member with an interest in the Part II item's organisation.
    await createInterest(db(), pid(), {
      personId: m.member.id,
      organisationId: m.otherOrg.id,
      category: "non_financial_professional",
      description: "Adviser to the council",
    });

    const flags = await service().flagsForMeeting(ctxAs("secretary"), m.meeting.id);
    expect(flags).toEqual([
      {
        agendaItemId: m.part1.id,
        personId: m.member.id,
        personName: "Glenn Douglas",
        organisationId: m.org.id,
        organisationName: m.org.name,
        category: "financial",
        description: flagged.description,
      },
      {
        agendaItemId: m.part2.id,
        personId: m.member.id,
        personName: "Glenn Douglas",
        organisationId: m.otherOrg.id,
        organisationName: m.otherOrg.name,
        category: "non_financial_professional",
        description: "Adviser to the council",
      },
    ]);
    // Insiders only; Part II flags only for those entitled to Part II.
    expect(await service().flagsForMeeting(ctxAs(null), m.meeting.id)).toEqual([]);
    expect((await service().flagsForMeeting(ctxAs("contributor"), m.meeting.id)).map((f) => f.agendaItemId)).toEqual([m.part1.id]);
    expect((await service().flagsForMeeting(ctxAs("viewer"), m.meeting.id)).map((f) => f.agendaItemId)).toEqual([m.part1.id]);

    // The declarations page shows them to the board office, before the meeting.
    const page = await get(`/meetings/${m.meeting.id}/declarations`, secretary);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Possible conflicts to consider");
    expect(page.body).toContain("Non-executive director");
    expect(page.body).toContain("Adviser to the council");
    expect(page.body).not.toContain("Outsider&#x27;s shareholding");
    expect(page.body).not.toContain("Spouse was employed");
    expect(page.body).not.toContain("Former member");
    // The public sees no flags at all.
    const anonymous = await get(`/meetings/${m.meeting.id}/declarations`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).not.toContain("Possible conflicts to consider");
    expect(anonymous.body).not.toContain("Non-executive director");

    // And the API gives them to insiders, nothing to the public.
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${m.meeting.id}/interest-flags`, headers: bearer(writeToken) });
    expect(api.json().data).toHaveLength(2);
    const publicApi = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${m.meeting.id}/interest-flags` });
    expect(publicApi.json()).toEqual({ data: [] });
  });

  it("uses the meeting's date in England and the members on that date", async () => {
    const m = await meetingWithItems();
    // A seat that starts on the meeting day counts; an interest that ended the day before does not.
    const newcomer = await createPerson(db(), pid(), { name: "New Member" });
    await createMembership(db(), pid(), { bodyId: m.body.id, personId: newcomer.id, startsOn: "2018-03-05" });
    await createInterest(db(), pid(), { personId: newcomer.id, organisationId: m.org.id, description: "Newcomer's role", endsOn: "2018-03-05" });
    await createInterest(db(), pid(), { personId: m.member.id, organisationId: m.org.id, description: "Ended the day before", endsOn: "2018-03-04" });
    const flags = await service().flagsForMeeting(ctxAs("admin"), m.meeting.id);
    expect(flags.map((f) => f.description)).toEqual(["Newcomer's role"]);
  });
});

describe("declarations at meetings", () => {
  it("records who left which item (peopleWhoLeft) and lists declarations by item", async () => {
    const m = await meetingWithItems();
    const other = await createPerson(db(), pid(), { name: "Ailsa Ogilvie" });
    await createAttendance(db(), pid(), { meetingId: m.meeting.id, personId: other.id });
    const interest = await createInterest(db(), pid(), { personId: m.member.id, organisationId: m.org.id, description: "Director" });

    // Through the page: the person picker offers members and attendees; errors keep typed values.
    const page = await get(`/meetings/${m.meeting.id}/declarations`, secretary);
    expect(page.body).toContain(`<option value="${other.id}">Ailsa Ogilvie</option>`);
    const bad = await post(secretary, `/meetings/${m.meeting.id}/declarations`, {
      agendaItemId: m.part1.id,
      personId: m.member.id,
      description: "",
      action: "left_discussion",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("Enter what the interest is");
    const ok = await post(secretary, `/meetings/${m.meeting.id}/declarations`, {
      agendaItemId: m.part1.id,
      personId: m.member.id,
      interestId: interest.id,
      description: "Director of the trust",
      action: "left_discussion",
    });
    expect(ok.statusCode).toBe(303);

    // Through the API.
    const created = await t.app.inject({
      method: "POST",
      url: `/api/v1/meetings/${m.meeting.id}/declarations`,
      headers: json(writeToken),
      payload: { agendaItemId: m.part2.id, personId: other.id, description: "Council employee", action: "left_decision" },
    });
    expect(created.statusCode).toBe(201);
    await t.app.inject({
      method: "POST",
      url: `/api/v1/meetings/${m.meeting.id}/declarations`,
      headers: json(writeToken),
      payload: { agendaItemId: m.part1.id, personId: other.id, description: "Knows the architect", action: "none" },
    });

    const left = await service().peopleWhoLeft(ctxAs("secretary"), m.meeting.id);
    expect(left).toEqual(
      new Map([
        [m.part1.id, new Set([m.member.id])],
        [m.part2.id, new Set([other.id])],
      ]),
    );
    // Part II stays hidden from those not entitled to it, even as a count for quorum.
    expect(await service().peopleWhoLeft(ctxAs("contributor"), m.meeting.id)).toEqual(new Map([[m.part1.id, new Set([m.member.id])]]));

    const list = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${m.meeting.id}/declarations`, headers: bearer(writeToken) });
    expect(list.json().data.map((d: { description: string; action: string }) => [d.description, d.action])).toEqual(
      expect.arrayContaining([
        ["Director of the trust", "left_discussion"],
        ["Council employee", "left_decision"],
        ["Knows the architect", "none"],
      ]),
    );
    const shown = await get(`/meetings/${m.meeting.id}/declarations`, secretary);
    expect(shown.body).toContain("1. Estates and capital plan update");
    expect(shown.body).toContain("2. Confidential contract award (Part II)");
    expect(shown.body).toContain("Left the discussion");
  });

  it("hides Part II declarations from the public, viewers and contributors, and Part I ones from the public until the meeting is held", async () => {
    const m = await meetingWithItems("agenda_published");
    await createMeetingDeclaration(db(), pid(), {
      meetingId: m.meeting.id,
      agendaItemId: m.part1.id,
      personId: m.member.id,
      description: "Public declaration marker",
    });
    const secret = await createMeetingDeclaration(db(), pid(), {
      meetingId: m.meeting.id,
      agendaItemId: m.part2.id,
      personId: m.member.id,
      description: "Secret declaration marker",
      action: "left_discussion",
    });
    const viewer = await t.signIn("viewer");
    const contributor = await t.signIn("contributor");
    const member = await t.signIn("member");

    // Before the meeting is held the public sees no declarations at all.
    const early = await get(`/meetings/${m.meeting.id}/declarations`);
    expect(early.statusCode).toBe(200);
    expect(early.body).not.toContain("Public declaration marker");
    expect(early.body).toContain("published once the meeting has been held");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/meetings/${m.meeting.id}/declarations` })).json().data).toEqual([]);

    await db().execute(sql`update meetings set status = 'held' where id = ${m.meeting.id}`);

    for (const s of [undefined, viewer, contributor]) {
      const page = await get(`/meetings/${m.meeting.id}/declarations`, s);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("Public declaration marker");
      expect(page.body).not.toContain("Secret declaration marker");
      expect(page.body).not.toContain("Confidential contract award");
    }
    for (const token of [undefined, await t.token("viewer", "read"), await t.token("contributor", "read")]) {
      const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${m.meeting.id}/declarations`, ...(token ? { headers: bearer(token) } : {}) });
      expect(api.statusCode).toBe(200);
      expect(api.body).toContain("Public declaration marker");
      expect(api.body).not.toContain("Secret declaration marker");
      expect(api.body).not.toContain(m.part2.id);
    }
    expect((await service().declarationsForMeeting(ctxAs("viewer"), m.meeting.id)).map((d) => d.description)).toEqual(["Public declaration marker"]);
    expect(await service().peopleWhoLeft(ctxAs(null), m.meeting.id)).toEqual(new Map());
    // Editing a Part II declaration: anonymous asked to sign in, a contributor refused.
    expect((await get(`/meetings/${m.meeting.id}/declarations/${secret.id}/edit`)).statusCode).toBe(401);
    expect((await get(`/meetings/${m.meeting.id}/declarations/${secret.id}/edit`, contributor)).statusCode).toBe(403);

    // Members, the board office and admins see Part II.
    const forMember = await get(`/meetings/${m.meeting.id}/declarations`, member);
    expect(forMember.body).toContain("Secret declaration marker");
    const memberApi = await t.app.inject({
      method: "GET",
      url: `/api/v1/meetings/${m.meeting.id}/declarations`,
      headers: bearer(await t.token("member", "read")),
    });
    expect(memberApi.body).toContain("Secret declaration marker");
  });

  it("answers 404 for a meeting of an archived body to the public, and for another partnership's meeting", async () => {
    const m = await meetingWithItems();
    await db().execute(sql`update bodies set archived_at = now() where id = ${m.body.id}`);
    expect((await get(`/meetings/${m.meeting.id}/declarations`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/meetings/${m.meeting.id}/declarations` })).statusCode).toBe(404);
    expect((await get(`/meetings/${m.meeting.id}/declarations`, secretary)).statusCode).toBe(200);

    const other = await createPartnership(db());
    const theirBody = await createBody(db(), other.id);
    const theirs = await createMeeting(db(), other.id, { bodyId: theirBody.id, status: "held" });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/meetings/${theirs.id}/declarations`, headers: bearer(writeToken) })).statusCode).toBe(404);
  });

  it("refuses an item of another meeting, a person of another partnership and someone else's interest (422)", async () => {
    const m = await meetingWithItems();
    const elsewhere = await meetingWithItems();
    const other = await createPartnership(db());
    const stranger = await createPerson(db(), other.id);
    const notHis = await createInterest(db(), pid(), { personId: elsewhere.member.id, description: "Someone else's" });
    const url = `/api/v1/meetings/${m.meeting.id}/declarations`;
    const base = { agendaItemId: m.part1.id, personId: m.member.id, description: "X", action: "none" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, agendaItemId: elsewhere.part1.id }, "agendaItemId"],
      [{ ...base, personId: stranger.id }, "personId"],
      [{ ...base, interestId: notHis.id }, "interestId"],
    ];
    for (const [payload, field] of cases) {
      const res = await t.app.inject({ method: "POST", url, headers: json(writeToken), payload });
      expect(res.statusCode, field).toBe(422);
      expect(Object.keys(res.json().error.fields)).toContain(field);
    }
  });

  it("refuses a stale edit of a declaration with 409 and keeps the newer one", async () => {
    const m = await meetingWithItems();
    const d = await createMeetingDeclaration(db(), pid(), {
      meetingId: m.meeting.id,
      agendaItemId: m.part1.id,
      personId: m.member.id,
      description: "Original",
    });
    const url = `/api/v1/meetings/${m.meeting.id}/declarations/${d.id}`;
    const first = await t.app.inject({ method: "PATCH", url, headers: json(writeToken), payload: { version: 1, action: "left_decision" } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ action: "left_decision", version: 2 });
    const stale = await t.app.inject({ method: "PATCH", url, headers: json(writeToken), payload: { version: 1, description: "Overwritten" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ action: "left_decision", version: 2 });

    // The page keeps what was typed and shows their version.
    const page = await post(secretary, `/meetings/${m.meeting.id}/declarations/${d.id}`, {
      agendaItemId: m.part1.id,
      personId: m.member.id,
      interestId: "",
      description: "Typed by the second writer",
      action: "none",
      version: "1",
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("Someone else changed this declaration first");
    expect(page.body).toContain("Typed by the second writer");
    const after = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${m.meeting.id}/declarations`, headers: bearer(writeToken) });
    expect(after.json().data[0]).toMatchObject({ description: "Original", action: "left_decision", version: 2 });
  });
});

describe("the register of interests", () => {
  it("publishes current interests of members of bodies, without personal data, and keeps the rest for the partnership", async () => {
    const m = await meetingWithItems();
    await createInterest(db(), pid(), { personId: m.member.id, organisationId: m.org.id, description: "Published interest marker" });
    await createInterest(db(), pid(), { personId: m.member.id, description: "Ended interest marker", endsOn: "2017-12-31" });
    const outsider = await createPerson(db(), pid(), { name: "Outside Person", email: "outsider@example.org" });
    const hidden = await createInterest(db(), pid(), { personId: outsider.id, description: "Non-member interest marker" });

    const page = await get("/interests");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Published interest marker");
    expect(page.body).toContain(m.org.name);
    expect(page.body).not.toContain("Ended interest marker");
    expect(page.body).not.toContain("Non-member interest marker");
    expect(page.body).not.toContain("glenn@example.org");
    expect(page.body).not.toContain("Annual declarations overdue");

    const api = await t.app.inject({ method: "GET", url: "/api/v1/interests?limit=100" });
    expect(api.body).toContain("Published interest marker");
    expect(api.body).not.toContain("Ended interest marker");
    expect(api.body).not.toContain("@example.org");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/interests/${hidden.id}` })).statusCode).toBe(404);
    const person = await get(`/people/${outsider.id}/interests`);
    expect(person.statusCode).toBe(200);
    expect(person.body).not.toContain("Non-member interest marker");

    // The board office sees the whole register and can filter it.
    const whole = await get(`/interests?personId=${m.member.id}`, secretary);
    expect(whole.body).toContain("Published interest marker");
    expect(whole.body).toContain("Ended interest marker");
    const current = await get(`/interests?personId=${m.member.id}&current=true`, secretary);
    expect(current.body).not.toContain("Ended interest marker");
    const byOrg = await t.app.inject({ method: "GET", url: `/api/v1/interests?organisationId=${m.org.id}`, headers: bearer(writeToken) });
    expect(byOrg.json().data.map((i: { description: string }) => i.description)).toEqual(["Published interest marker"]);
    const byCategory = await t.app.inject({ method: "GET", url: `/api/v1/interests?personId=${outsider.id}&category=financial`, headers: bearer(writeToken) });
    expect(byCategory.json().data).toHaveLength(1);
  });

  it("shows who is overdue for their annual declaration: none in the last 12 months", async () => {
    const today = todayInLondon();
    const body = await createBody(db(), pid(), { name: "Overdue test board" });
    const never = await createPerson(db(), pid(), { name: "Never Declared" });
    const stale = await createPerson(db(), pid(), { name: "Declared Long Ago" });
    const fresh = await createPerson(db(), pid(), { name: "Declared Recently" });
    const nil = await createPerson(db(), pid(), { name: "Nil Return Recently" });
    for (const p of [never, stale, fresh, nil]) await createMembership(db(), pid(), { bodyId: body.id, personId: p.id });
    await createInterestDeclaration(db(), pid(), { personId: stale.id, declaredOn: annualCutoff(today) });
    await createInterestDeclaration(db(), pid(), { personId: fresh.id, declaredOn: today });
    await createInterestDeclaration(db(), pid(), { personId: nil.id, declaredOn: today, nilReturn: true });

    const overdue = (await service().overdue(ctxAs("viewer"))).map((o) => o.personName);
    expect(overdue).toContain("Never Declared");
    expect(overdue).toContain("Declared Long Ago");
    expect(overdue).not.toContain("Declared Recently");
    expect(overdue).not.toContain("Nil Return Recently");
    expect(await service().overdue(ctxAs(null))).toEqual([]);

    const page = await get("/interests", secretary);
    const section = /<section aria-labelledby="overdue-heading">[\s\S]*?<\/section>/.exec(page.body)?.[0] ?? "";
    expect(section).toContain("Never Declared");
    expect(section).toContain("Declared Long Ago");
    expect(section).not.toContain("Declared Recently");
    expect(section).not.toContain("Nil Return Recently");
    const personPage = await get(`/people/${stale.id}/interests`, secretary);
    expect(personPage.body).toContain("Annual declaration overdue");

    // Recording a declaration through the form brings them up to date.
    const [y, mo, d] = today.split("-");
    const res = await post(secretary, `/people/${stale.id}/interest-declarations`, {
      "declaredOn-day": String(Number(d)),
      "declaredOn-month": String(Number(mo)),
      "declaredOn-year": y!,
      kind: "declaration",
    });
    expect(res.statusCode).toBe(303);
    expect((await service().overdue(ctxAs("viewer"))).map((o) => o.personName)).not.toContain("Declared Long Ago");
  });

  it("knows the twelve-month boundary, leap days included", () => {
    expect(annualCutoff("2018-03-05")).toBe("2017-03-05");
    expect(annualCutoff("2020-02-29")).toBe("2019-02-28");
  });

  it("refuses a nil return while the person has current interests, and a future declaration", async () => {
    const person = await createPerson(db(), pid());
    await createInterest(db(), pid(), { personId: person.id, description: "Current" });
    const url = `/api/v1/people/${person.id}/interest-declarations`;
    const nil = await t.app.inject({ method: "POST", url, headers: json(writeToken), payload: { declaredOn: todayInLondon(), nilReturn: true } });
    expect(nil.statusCode).toBe(422);
    const future = await t.app.inject({ method: "POST", url, headers: json(writeToken), payload: { declaredOn: "2099-01-01" } });
    expect(future.statusCode).toBe(422);
    const ok = await t.app.inject({ method: "POST", url, headers: json(writeToken), payload: { declaredOn: "2018-04-01" } });
    expect(ok.statusCode).toBe(201);
    const list = await t.app.inject({ method: "GET", url, headers: bearer(writeToken) });
    expect(list.json().data).toEqual([expect.objectContaining({ declaredOn: "2018-04-01", nilReturn: false })]);
    // Annual declarations are for the partnership.
    expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(401);
  });

  it("creates, edits with optimistic concurrency and ends an interest through the API", async () => {
    const person = await createPerson(db(), pid());
    const org = await createOrganisation(db(), pid());
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/interests",
      headers: json(writeToken),
      payload: { personId: person.id, category: "financial", organisationId: org.id, description: "Shareholding", startsOn: "2017-04-01" },
    });
    expect(created.statusCode).toBe(201);
    const interest = created.json();
    expect(interest).toMatchObject({ person: { id: person.id }, organisation: { id: org.id, name: org.name }, current: true, version: 1 });

    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/interests/${interest.id}`,
      headers: json(writeToken),
      payload: { version: 1, description: "Shares sold" },
    });
    expect(first.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/interests/${interest.id}`,
      headers: json(writeToken),
      payload: { version: 1, description: "Overwritten" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ description: "Shares sold", version: 2 });

    const badDates = await t.app.inject({
      method: "POST",
      url: `/api/v1/interests/${interest.id}/end`,
      headers: json(writeToken),
      payload: { version: 2, endsOn: "2017-01-01" },
    });
    expect(badDates.statusCode).toBe(422);
    const ended = await t.app.inject({
      method: "POST",
      url: `/api/v1/interests/${interest.id}/end`,
      headers: json(writeToken),
      payload: { version: 2, endsOn: "2018-03-31" },
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ endsOn: "2018-03-31", current: false, version: 3 });
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/interests/${interest.id}/end`,
      headers: json(writeToken),
      payload: { version: 3, endsOn: "2018-04-30" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("interest_ended");

    // Only admins and the board office write.
    const member = await t.token("member", "write");
    const refused = await t.app.inject({
      method: "POST",
      url: "/api/v1/interests",
      headers: json(member),
      payload: { personId: person.id, category: "financial", description: "X" },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("refuses an organisation of another partnership with 422, and stores nothing", async () => {
    const person = await createPerson(db(), pid());
    const other = await createPartnership(db());
    const theirs = await createOrganisation(db(), other.id, { name: "Their Trust" });
    const archived = await createOrganisation(db(), pid(), { archivedAt: new Date() });
    for (const organisationId of [theirs.id, archived.id]) {
      const res = await t.app.inject({
        method: "POST",
        url: "/api/v1/interests",
        headers: json(writeToken),
        payload: { personId: person.id, category: "financial", organisationId, description: "Cross-partnership" },
      });
      expect(res.statusCode).toBe(422);
      expect(Object.keys(res.json().error.fields)).toContain("organisationId");
    }
    const mine = await createInterest(db(), pid(), { personId: person.id, description: "Mine" });
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/interests/${mine.id}`,
      headers: json(writeToken),
      payload: { version: 1, organisationId: theirs.id },
    });
    expect(patch.statusCode).toBe(422);
    // A person of another partnership is refused too.
    const stranger = await createPerson(db(), other.id);
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/interests",
      headers: json(writeToken),
      payload: { personId: stranger.id, category: "financial", description: "X" },
    });
    expect(res.statusCode).toBe(422);
    const list = await t.app.inject({ method: "GET", url: `/api/v1/interests?personId=${person.id}`, headers: bearer(writeToken) });
    expect(list.json().data.map((i: { description: string }) => i.description)).toEqual(["Mine"]);
  });

  it("lets the board office add, edit and end an interest through the forms, keeping typed values on error", async () => {
    const person = await createPerson(db(), pid(), { name: "Form Person" });
    const org = await createOrganisation(db(), pid(), { name: "Form Trust" });
    const bad = await post(secretary, `/people/${person.id}/interests`, {
      category: "",
      organisationId: org.id,
      description: "Typed description",
      "startsOn-day": "31",
      "startsOn-month": "2",
      "startsOn-year": "2018",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("Select the category of interest");
    expect(bad.body).toContain("must be a real date");
    expect(bad.body).toContain("Typed description");

    const ok = await post(secretary, `/people/${person.id}/interests`, {
      category: "financial",
      organisationId: org.id,
      description: "Director",
      "startsOn-day": "1",
      "startsOn-month": "4",
      "startsOn-year": "2017",
    });
    expect(ok.statusCode).toBe(303);
    const page = await get(ok.headers.location as string, secretary);
    expect(page.body).toContain("Director");
    expect(page.body).toContain("Form Trust");
    const interestId = /href="\/interests\/([0-9a-f-]{36})\/edit"/.exec(page.body)?.[1];
    expect(interestId).toBeDefined();

    const edit = await post(secretary, `/interests/${interestId}`, {
      category: "financial",
      organisationId: org.id,
      description: "Director, edited",
      version: "1",
    });
    expect(edit.statusCode).toBe(303);
    const conflict = await post(secretary, `/interests/${interestId}`, {
      category: "indirect",
      organisationId: "",
      description: "Second writer",
      version: "1",
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain("Someone else changed this interest first");
    expect(conflict.body).toContain("Second writer");
    expect(conflict.body).toContain('name="version" value="2"');

    const end = await post(secretary, `/interests/${interestId}/end`, { "endsOn-day": "31", "endsOn-month": "3", "endsOn-year": "2018", version: "2" });
    expect(end.statusCode).toBe(303);
    const after = await t.app.inject({ method: "GET", url: `/api/v1/interests/${interestId}`, headers: bearer(writeToken) });
    expect(after.json()).toMatchObject({ description: "Director, edited", endsOn: "2018-03-31", version: 3 });

    // Viewers may read the page but not use the forms.
    const viewer = await t.signIn("viewer");
    expect((await get(`/people/${person.id}/interests/new`, viewer)).statusCode).toBe(403);
    expect((await get(`/people/${person.id}/interests`, viewer)).body).not.toContain("Add an interest");
  });
});

describe("numberItems", () => {
  it("numbers items and sub-items as the agenda does, counting only those given", () => {
    const item = (id: string, position: number, parentItemId: string | null = null) => ({
      id,
      position,
      parentItemId,
      title: id,
      confidentiality: "part_1" as const,
    });
    const numbered = numberItems([item("b", 2), item("a", 1), item("b2", 2, "b"), item("b1", 1, "b"), item("c", 5)]);
    expect(numbered.map((i) => [i.id, i.number])).toEqual([
      ["a", "1"],
      ["b", "2"],
      ["b1", "2.1"],
      ["b2", "2.2"],
      ["c", "3"],
    ]);
  });
});
