import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiesFrom, createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAgendaItem,
  createAttendance,
  createBody,
  createMeeting,
  createMeetingDeclaration,
  createMembership,
  createOrganisation,
  createPerson,
  createTermsOfReference,
} from "../../../tests/factories/index.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { buildServices } from "../../app.ts";

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
const db = () => t.database.db;
const pid = () => t.partnership.id;

/**
 * A board of four voting members and one adviser: Dr Clinician (a clinician), Cllr Council (from
 * a council), Ms Trust and Mr Trust (from a trust), and a non-voting adviser. Its ratified terms
 * need three voting members including a clinician and someone from a local authority.
 */
async function board(options: { ratified?: boolean } = {}) {
  const council = await createOrganisation(db(), pid(), { name: "Medway Council", kind: "local_authority" });
  const trust = await createOrganisation(db(), pid(), { name: "Dartford Trust", kind: "nhs_trust" });
  const body = await createBody(db(), pid(), { name: `Quorum Board ${Math.random().toString(36).slice(2, 7)}`, kind: "programme_board" });
  const clinician = await createPerson(db(), pid(), { name: "Dr Clinician", organisationId: trust.id });
  const councillor = await createPerson(db(), pid(), { name: "Cllr Council", organisationId: council.id });
  const trustA = await createPerson(db(), pid(), { name: "Ms Trust", organisationId: trust.id });
  const trustB = await createPerson(db(), pid(), { name: "Mr Trust", organisationId: trust.id });
  const adviser = await createPerson(db(), pid(), { name: "An Adviser", organisationId: trust.id });
  // The deputy comes from a trust: standing in for the councillor, they carry the council's seat.
  const deputy = await createPerson(db(), pid(), { name: "Dep Uty", organisationId: trust.id });
  const guest = await createPerson(db(), pid(), { name: "Guest Presenter" });
  await createMembership(db(), pid(), { bodyId: body.id, personId: clinician.id, categories: ["clinician"] });
  await createMembership(db(), pid(), { bodyId: body.id, personId: councillor.id });
  await createMembership(db(), pid(), { bodyId: body.id, personId: trustA.id });
  await createMembership(db(), pid(), { bodyId: body.id, personId: trustB.id });
  await createMembership(db(), pid(), { bodyId: body.id, personId: adviser.id, role: "in_attendance", voting: false, categories: ["clinician"] });
  if (options.ratified !== false) {
    await createTermsOfReference(db(), pid(), {
      bodyId: body.id,
      status: "ratified",
      ratifiedByBodyId: body.id,
      ratifiedOn: "2017-06-01",
      quorumMinimumVotingMembers: 3,
      quorumRepresentation: [
        { description: "At least one clinician", minimum: 1, criterion: { type: "memberCategory", category: "clinician" } },
        { description: "At least one local authority member", minimum: 1, criterion: { type: "organisationKind", kind: "local_authority" } },
      ],
    });
  }
  const meeting = await createMeeting(db(), pid(), { bodyId: body.id, status: "held", agendaPublishedAt: new Date("2018-02-20T09:00:00Z") });
  const part1 = await createAgendaItem(db(), pid(), { meetingId: meeting.id, title: "Financial principles", position: 1 });
  const part2 = await createAgendaItem(db(), pid(), {
    meetingId: meeting.id,
    title: "Confidential contract award",
    position: 2,
    confidentiality: "part_2",
    exemptionReason: "Commercially sensitive",
  });
  return { body, meeting, part1, part2, clinician, councillor, trustA, trustB, adviser, deputy, guest };
}

describe("attendance API and quorum", () => {
  it("records members, a deputy and a guest; the deputy counts for the member they stand in for, apologies and guests do not", async () => {
    const b = await board();
    const url = `/api/v1/meetings/${b.meeting.id}/attendance`;
    const record = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url, headers: json(writeToken), payload });

    expect((await record({ personId: b.clinician.id, status: "present", note: "Chair" })).statusCode).toBe(201);
    expect((await record({ personId: b.trustA.id, status: "present" })).statusCode).toBe(201);
    expect((await record({ personId: b.councillor.id, status: "apologies" })).statusCode).toBe(201);
    expect((await record({ personId: b.adviser.id, status: "present" })).statusCode).toBe(201);
    expect((await record({ personId: b.guest.id, status: "in_attendance", note: "For item 1" })).statusCode).toBe(201);

    // Two voting members and no one from a council: not quorate, and the minutes can say why.
    let quorum = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${b.meeting.id}/quorum`, headers: bearer(writeToken) })).json();
    expect(quorum.overall).toEqual({
      quorate: false,
      votingPresent: 2,
      required: 3,
      shortfalls: ["Needs at least 3 voting members present: 2 present", "Needs at least one local authority member: none present"],
    });
    expect(quorum.rule.description).toContain("At least 3 voting members present");

    const deputy = await record({ personId: b.deputy.id, status: "deputy", deputyForPersonId: b.councillor.id });
    expect(deputy.statusCode).toBe(201);
    expect(deputy.json()).toMatchObject({ status: "deputy", deputyFor: { id: b.councillor.id, name: "Cllr Council" }, version: 1 });

    quorum = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${b.meeting.id}/quorum`, headers: bearer(writeToken) })).json();
    expect(quorum.overall).toEqual({ quorate: true, votingPresent: 3, required: 3, shortfalls: [] });
    // Per item: every item the viewer may see, with the same result when nobody left.
    expect(quorum.items.map((i: { title: string }) => i.title)).toEqual(["Financial principles", "Confidential contract award"]);
    expect(quorum.items.every((i: { result: { quorate: boolean } }) => i.result.quorate)).toBe(true);

    const list = (await t.app.inject({ method: "GET", url, headers: bearer(writeToken) })).json();
    expect(list.data.map((r: { person: { name: string }; status: string }) => `${r.person.name}: ${r.status}`)).toEqual([
      "An Adviser: present",
      "Dr Clinician: present",
      "Ms Trust: present",
      "Dep Uty: deputy",
      "Guest Presenter: in_attendance",
      "Cllr Council: apologies",
    ]);
  });

  it("refuses records that break the rules, with field errors", async () => {
    const b = await board();
    const url = `/api/v1/meetings/${b.meeting.id}/attendance`;
    const record = (payload: Record<string, unknown>) => t.app.inject({ method: "POST", url, headers: json(writeToken), payload });
    await record({ personId: b.clinician.id, status: "present" });
    const cases: [Record<string, unknown>, string][] = [
      [{ personId: b.guest.id, status: "present" }, "status"],
      [{ personId: b.trustA.id, status: "in_attendance" }, "status"],
      [{ personId: b.deputy.id, status: "deputy" }, "deputyForPersonId"],
      [{ personId: b.deputy.id, status: "deputy", deputyForPersonId: b.guest.id }, "deputyForPersonId"],
      // A member who is present needs no deputy.
      [{ personId: b.deputy.id, status: "deputy", deputyForPersonId: b.clinician.id }, "deputyForPersonId"],
      [{ personId: b.guest.id, status: "in_attendance", deputyForPersonId: b.trustB.id }, "deputyForPersonId"],
    ];
    for (const [payload, field] of cases) {
      const res = await record(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(Object.keys(res.json().error.fields), JSON.stringify(payload)).toContain(field);
    }
    // Recording someone already recorded is a conflict that shows their record.
    const again = await record({ personId: b.clinician.id, status: "apologies" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.current).toMatchObject({ status: "present" });
  });

  it("answers 409 to a stale change and keeps the newer record", async () => {
    const b = await board();
    await createAttendance(db(), pid(), { meetingId: b.meeting.id, personId: b.trustB.id, status: "apologies" });
    const url = `/api/v1/meetings/${b.meeting.id}/attendance/${b.trustB.id}`;
    const first = await t.app.inject({ method: "PUT", url, headers: json(writeToken), payload: { status: "present", version: 1 } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: "present", version: 2 });
    const stale = await t.app.inject({ method: "PUT", url, headers: json(writeToken), payload: { status: "absent", version: 1 } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: "conflict", current: { status: "present", version: 2, person: { name: "Mr Trust" } } });
    const row = async () =>
      (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${b.meeting.id}/attendance`, headers: bearer(writeToken) }))
        .json()
        .data.find((r: { person: { id: string } }) => r.person.id === b.trustB.id);
    expect(await row()).toMatchObject({ status: "present", version: 2 });
    const staleDelete = await t.app.inject({ method: "DELETE", url: `${url}?version=1`, headers: bearer(writeToken) });
    expect(staleDelete.statusCode).toBe(409);
    expect((await t.app.inject({ method: "DELETE", url: `${url}?version=2`, headers: bearer(writeToken) })).statusCode).toBe(204);
    expect(await row()).toBeUndefined();
    // A change naming a version of a record that is gone is stale too; without a version, PUT records anew.
    expect((await t.app.inject({ method: "PUT", url, headers: json(writeToken), payload: { status: "absent", version: 2 } })).statusCode).toBe(409);
    const fresh = await t.app.inject({ method: "PUT", url, headers: json(writeToken), payload: { status: "absent" } });
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json()).toMatchObject({ status: "absent", version: 1 });
  });

  it("recalculates quorum per item without the members who left it", async () => {
    const b = await board();
    for (const p of [b.clinician, b.councillor, b.trustA]) await createAttendance(db(), pid(), { meetingId: b.meeting.id, personId: p.id });
    // The councillor declared an interest in item 1 and left for the decision; Ms Trust declared one in item 2 and stayed.
    await createMeetingDeclaration(db(), pid(), { meetingId: b.meeting.id, agendaItemId: b.part1.id, personId: b.councillor.id, action: "left_decision" });
    await createMeetingDeclaration(db(), pid(), { meetingId: b.meeting.id, agendaItemId: b.part2.id, personId: b.trustA.id, action: "none" });
    const quorum = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${b.meeting.id}/quorum`, headers: bearer(writeToken) })).json();
    expect(quorum.overall.quorate).toBe(true);
    const byTitle = new Map(quorum.items.map((i: { title: string; result: unknown }) => [i.title, i.result]));
    expect(byTitle.get("Financial principles")).toEqual({
      quorate: false,
      votingPresent: 2,
      required: 3,
      shortfalls: ["Needs at least 3 voting members present: 2 present", "Needs at least one local authority member: none present"],
    });
    expect(byTitle.get("Confidential contract award")).toMatchObject({ quorate: true, votingPresent: 3 });

    // The contract other modules use gives the same, keyed by item.
    const ctx: RequestContext = {
      partnership: t.partnership,
      principal: { kind: "user", userId: secretary.userId, name: "Secretary", email: "s@example.org", role: "secretary", via: "session", scope: "write" },
      requestId: "test",
    };
    const services = buildServices(t.config, t.database);
    const contract = await services.attendance.quorumForMeeting(ctx, b.meeting.id);
    expect(contract.perItem.get(b.part1.id)?.quorate).toBe(false);
    expect(contract.perItem.get(b.part2.id)?.quorate).toBe(true);

    // The page shows the item where quorum was lost.
    const page = await t.app.inject({ method: "GET", url: `/meetings/${b.meeting.id}/attendance`, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("Quorum for items some members left");
    expect(page.body).toMatch(/Financial principles[^]*Not quorate/);
  });

  it("says so when the body has no ratified terms of reference in force on the meeting date", async () => {
    const b = await board({ ratified: false });
    await createAttendance(db(), pid(), { meetingId: b.meeting.id, personId: b.clinician.id });
    const quorum = (await t.app.inject({ method: "GET", url: `/api/v1/meetings/${b.meeting.id}/quorum`, headers: bearer(writeToken) })).json();
    expect(quorum).toMatchObject({ overall: null, rule: null, items: [] });
    const page = await t.app.inject({ method: "GET", url: `/meetings/${b.meeting.id}/attendance`, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("had no ratified terms of reference in force on Monday 5 March 2018");
    expect(page.body).not.toContain("Not quorate");
  });

  it("hides attendance from the public until the minutes are approved, and Part II items always", async () => {
    const b = await board();
    await createAttendance(db(), pid(), { meetingId: b.meeting.id, personId: b.clinician.id });
    for (const url of [`/meetings/${b.meeting.id}/attendance`, `/api/v1/meetings/${b.meeting.id}/attendance`, `/api/v1/meetings/${b.meeting.id}/quorum`]) {
      expect((await t.app.inject({ method: "GET", url })).statusCode, url).toBe(404);
    }
    const approved = await createMeeting(db(), pid(), {
      bodyId: b.body.id,
      status: "minutes_approved",
      minutesStatus: "approved",
      agendaPublishedAt: new Date("2018-02-20"),
    });
    await createAgendaItem(db(), pid(), { meetingId: approved.id, title: "Public item", position: 1 });
    await createAgendaItem(db(), pid(), {
      meetingId: approved.id,
      title: "Secret item",
      position: 2,
      confidentiality: "part_2",
      exemptionReason: "Personal data",
    });
    await createAttendance(db(), pid(), { meetingId: approved.id, personId: b.clinician.id });
    const page = await t.app.inject({ method: "GET", url: `/meetings/${approved.id}/attendance` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Dr Clinician");
    expect(page.body).not.toContain("Save attendance");
    const quorum = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${approved.id}/quorum` });
    expect(quorum.statusCode).toBe(200);
    expect(quorum.body).not.toContain("Secret item");
    expect(quorum.json().items.map((i: { title: string }) => i.title)).toEqual(["Public item"]);
    for (const role of ["viewer", "contributor"] as const) {
      const res = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${approved.id}/quorum`, headers: bearer(await t.token(role, "read")) });
      expect(res.body, role).not.toContain("Secret item");
    }
    const member = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${approved.id}/quorum`, headers: bearer(await t.token("member", "read")) });
    expect(member.body).toContain("Secret item");
    // Approved minutes fix the attendance they record.
    const write = await t.app.inject({
      method: "POST",
      url: `/api/v1/meetings/${approved.id}/attendance`,
      headers: json(writeToken),
      payload: { personId: b.trustA.id, status: "present" },
    });
    expect(write.statusCode).toBe(409);
    expect(write.json().error.code).toBe("minutes_approved");
  });
});

describe("the attendance page", () => {
  it("lists the body's members with a status each, saves them in one form, and shows quorum live", async () => {
    const b = await board();
    const url = `/meetings/${b.meeting.id}/attendance`;
    const page = await t.app.inject({ method: "GET", url, headers: { cookie: secretary.cookie } });
    expect(page.statusCode).toBe(200);
    for (const name of ["Dr Clinician", "Cllr Council", "Ms Trust", "Mr Trust", "An Adviser"]) expect(page.body).toContain(name);
    expect(page.body).toContain(`name="status-${b.clinician.id}"`);
    expect(page.body).toContain("Not quorate");

    const saved = await post(secretary, url, {
      [`status-${b.clinician.id}`]: "present",
      [`version-${b.clinician.id}`]: "0",
      [`status-${b.councillor.id}`]: "present",
      [`version-${b.councillor.id}`]: "0",
      [`status-${b.trustA.id}`]: "present",
      [`version-${b.trustA.id}`]: "0",
      [`status-${b.trustB.id}`]: "apologies",
      [`version-${b.trustB.id}`]: "0",
      [`status-${b.adviser.id}`]: "not_recorded",
      [`version-${b.adviser.id}`]: "0",
    });
    expect(saved.statusCode).toBe(303);
    const after = await t.app.inject({ method: "GET", url, headers: { cookie: cookiesFrom(saved, secretary.cookie) } });
    expect(after.body).toContain("Attendance has been saved");
    expect(after.body).toMatch(/data-quorate="yes"/);
    expect(after.body).toContain("Quorate");

    // A second secretary who read the form before the save is refused for the lines they would change.
    const stale = await post(secretary, url, {
      [`status-${b.trustB.id}`]: "absent",
      [`version-${b.trustB.id}`]: "0",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toMatch(/<title>Error: /);
    expect(stale.body).toContain("Someone else recorded attendance first");
    expect(stale.body).toContain("Mr Trust");
    // The typed choice is kept, with the newer version to overwrite deliberately.
    expect(stale.body).toMatch(new RegExp(`value="absent"[^>]*checked|checked[^>]*value="absent"`));
    expect(stale.body).toContain(`name="version-${b.trustB.id}" value="1"`);
    const list = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${b.meeting.id}/attendance`, headers: bearer(writeToken) });
    expect(list.json().data.find((r: { person: { id: string } }) => r.person.id === b.trustB.id)).toMatchObject({ status: "apologies" });
  });

  it("adds a deputy and a guest through their forms, keeping typed values on error", async () => {
    const b = await board();
    const url = `/meetings/${b.meeting.id}/attendance`;
    const bad = await post(secretary, `${url}/deputies`, { deputyPersonId: b.deputy.id, deputyForPersonId: "", deputyNote: "Deputy director" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("There is a problem");
    expect(bad.body).toContain("Select the member they stand in for");
    expect(bad.body).toContain('value="Deputy director"');

    const ok = await post(secretary, `${url}/deputies`, { deputyPersonId: b.deputy.id, deputyForPersonId: b.councillor.id, deputyNote: "" });
    expect(ok.statusCode).toBe(303);
    const guest = await post(secretary, `${url}/others`, { otherPersonId: b.guest.id, otherNote: "Presenting item 1" });
    expect(guest.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("Presenting item 1");
    expect(page.body).toMatch(/Dep Uty[^]*Cllr Council/);

    // Only the board office records attendance.
    const viewer = await t.signIn("viewer");
    expect((await post(viewer, `${url}/others`, { otherPersonId: b.trustB.id })).statusCode).toBe(403);
    const viewerPage = await t.app.inject({ method: "GET", url, headers: { cookie: viewer.cookie } });
    expect(viewerPage.statusCode).toBe(200);
    expect(viewerPage.body).not.toContain("Save attendance");
  });
});
