import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/setup/app.ts";
import { createAction, createAgendaItem, createBody, createMeeting, createPerson, createWorkstream } from "../../../tests/factories/index.ts";
import { buildServices } from "../../app.ts";
import { ANONYMOUS, type Principal } from "../../platform/auth/principal.ts";

// services.actions.listForWorkstream: a workstream's action log, filtered as the action log is.

let t: TestApp;
let workstreamId: string;
const member = (userId: string): Principal => ({ kind: "user", userId, name: "M", email: "m@example.org", role: "member", via: "session", scope: "read" });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const pid = t.partnership.id;
  const body = await createBody(db, pid);
  const owner = await createPerson(db, pid);
  const held = await createMeeting(db, pid, { bodyId: body.id, status: "held" });
  const planned = await createMeeting(db, pid, { bodyId: body.id, status: "planned", startsAt: new Date("2099-01-01T10:00:00Z") });
  const part1 = await createAgendaItem(db, pid, { meetingId: held.id });
  const part2 = await createAgendaItem(db, pid, { meetingId: held.id, confidentiality: "part_2", exemptionReason: "Commercial" });
  const future = await createAgendaItem(db, pid, { meetingId: planned.id });
  workstreamId = (await createWorkstream(db, pid, { published: true })).id;
  const other = await createWorkstream(db, pid, { published: true });
  const add = (description: string, values: Record<string, unknown>) =>
    createAction(db, pid, {
      bodyId: body.id,
      ownerPersonId: owner.id,
      sourceMeetingId: held.id,
      sourceAgendaItemId: part1.id,
      workstreamId,
      description,
      ...values,
    });
  await add("B due later", { dueOn: "2018-06-01" });
  await add("A due first", { dueOn: "2018-05-01" });
  await add("C done", { dueOn: "2018-01-01", status: "done", completedOn: "2018-01-02" });
  await add("D Part II", { dueOn: "2018-05-15", sourceAgendaItemId: part2.id });
  await add("E unheld meeting", { dueOn: "2018-05-20", sourceMeetingId: planned.id, sourceAgendaItemId: future.id });
  await add("F standalone", { dueOn: "2018-05-25", sourceMeetingId: null, sourceAgendaItemId: null });
  await add("G other workstream", { dueOn: "2018-04-01", workstreamId: other.id });
});

afterAll(async () => {
  await t.close();
});

describe("a workstream's actions", () => {
  it("shows the public Part I actions of held meetings only, outstanding first, by due date", async () => {
    const { actions } = buildServices(t.config, t.database);
    const ctx = (principal: Principal) => ({ partnership: t.partnership, principal, requestId: "test" });
    const publicRows = await actions.listForWorkstream(ctx(ANONYMOUS), workstreamId, { page: 1, limit: 25 });
    expect(publicRows.map((a) => a.description)).toEqual(["A due first", "B due later", "C done"]);
    const memberRows = await actions.listForWorkstream(ctx(member(t.partnership.id)), workstreamId, { page: 1, limit: 25 });
    expect(memberRows.map((a) => a.description)).toEqual(["A due first", "D Part II", "E unheld meeting", "F standalone", "B due later", "C done"]);
    const open = await actions.listForWorkstream(ctx(ANONYMOUS), workstreamId, { status: "open", page: 1, limit: 1 });
    expect(open.map((a) => a.description)).toEqual(["A due first", "B due later"]); // limit + 1 rows
    const page2 = await actions.listForWorkstream(ctx(ANONYMOUS), workstreamId, { status: "open", page: 2, limit: 1 });
    expect(page2.map((a) => a.description)).toEqual(["B due later"]);
  });
});
