import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAction,
  createAgendaItem,
  createBody,
  createDecision,
  createDecisionEffect,
  createMeeting,
  createObjectives,
  createPerson,
  createPlan,
  createUser,
  createWorkstream,
  linkAgendaItemToWorkstream,
  linkDecisionToWorkstream,
} from "../../../tests/factories/index.ts";
import { accountsService } from "../accounts/accounts.service.ts";
import { auditEvents } from "../../platform/audit/audit.tables.ts";
import { workstreamContributors } from "./workstreams.tables.ts";
import { SLUG_TAKEN } from "./workstreams.service.ts";
import type { Role } from "../accounts/accounts.tables.ts";
import { buildServices } from "../../app.ts";
import { ANONYMOUS, type Principal } from "../../platform/auth/principal.ts";

let t: TestApp;
let pid: string;
let board: { id: string; name: string };
let sro: { id: string; name: string };
let objectives: { id: string; title: string }[];
let published: { id: string; slug: string };
let unpublished: { id: string; slug: string };
let part1Decision: { id: string; text: string };
let part2Decision: { id: string; text: string };
let effectDecision: { id: string; text: string };
let part1Item: { id: string };
let part2Item: { id: string };
let secretary: Session;
let managerToken: string;
let contributor: { session: Session; token: string; userId: string };

const PART_2_DECISION = "Agreed the confidential estates disposal for the mental health unit";
const PART_2_ACTION = "Negotiate the confidential lease exit";
const PART_2_ITEM = "Confidential: estates disposal";
const UNPUBLISHED = "Unpublished prevention workstream";

const json = (token?: string) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });
const accounts = () => accountsService({ db: t.database.db });

async function tokenFor(role: Role, scope: "read" | "write" = "write") {
  const user = await createUser(t.database.db, pid, role);
  return { userId: user.id, token: await accounts().createTokenFor({ partnershipId: pid, userId: user.id, name: "test", scope }) };
}

async function page(url: string, session?: Session) {
  return t.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  objectives = await createObjectives(db, pid);
  board = await createBody(db, pid, { name: "Programme Board", kind: "programme_board" });
  sro = await createPerson(db, pid, { name: "Dr Alice Example" });
  const held = await createMeeting(db, pid, {
    bodyId: board.id,
    startsAt: new Date("2018-03-05T10:00:00Z"),
    status: "held",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
  });
  part1Item = await createAgendaItem(db, pid, { meetingId: held.id, position: 0, title: "Mental health deep dive", kind: "deep_dive" });
  part2Item = await createAgendaItem(db, pid, {
    meetingId: held.id,
    position: 1,
    title: PART_2_ITEM,
    confidentiality: "part_2",
    exemptionReason: "Commercial interests",
  });
  const otherItem = await createAgendaItem(db, pid, { meetingId: held.id, position: 2, title: "Workstream budgets 2018/19", kind: "decision" });
  part1Decision = await createDecision(db, pid, {
    bodyId: board.id,
    meetingId: held.id,
    agendaItemId: part1Item.id,
    text: "Noted the mental health deep dive",
  });
  part2Decision = await createDecision(db, pid, { bodyId: board.id, meetingId: held.id, agendaItemId: part2Item.id, text: PART_2_DECISION });
  effectDecision = await createDecision(db, pid, {
    bodyId: board.id,
    meetingId: held.id,
    agendaItemId: otherItem.id,
    text: "Approved the workstream plans and budgets for 2018/19",
  });

  published = await createWorkstream(db, pid, {
    name: "Mental health",
    slug: "mental-health",
    published: true,
    overseeingBodyId: board.id,
    sroPersonId: sro.id,
  });
  unpublished = await createWorkstream(db, pid, { name: UNPUBLISHED, slug: "prevention", published: false });
  await linkDecisionToWorkstream(db, pid, { decisionId: part2Decision.id, workstreamId: published.id });
  await linkAgendaItemToWorkstream(db, pid, { agendaItemId: part1Item.id, workstreamId: published.id });
  await linkAgendaItemToWorkstream(db, pid, { agendaItemId: part2Item.id, workstreamId: published.id });
  const plan = await createPlan(db, pid, { workstreamId: published.id });
  await createDecisionEffect(db, pid, {
    decisionId: effectDecision.id,
    workstreamId: published.id,
    kind: "approves_plan",
    planId: plan.id,
    note: "2018/19 plan (example)",
  });

  const action = (description: string, values: Record<string, unknown> = {}) =>
    createAction(db, pid, {
      bodyId: board.id,
      ownerPersonId: sro.id,
      sourceMeetingId: held.id,
      sourceAgendaItemId: part1Item.id,
      workstreamId: published.id,
      description,
      ...values,
    });
  await action("Open action due in May", { dueOn: "2018-05-01" });
  await action("Open action due in April", { dueOn: "2018-04-01" });
  await action("Open action with no date");
  await action("Done action due in March", { dueOn: "2018-03-01", status: "done", completedOn: "2018-03-02" });
  await action("In progress action due in June", { dueOn: "2018-06-01", status: "in_progress" });
  await action(PART_2_ACTION, { dueOn: "2018-04-15", sourceAgendaItemId: part2Item.id });
  await createAction(db, pid, {
    bodyId: board.id,
    ownerPersonId: sro.id,
    description: "Another workstream's action",
    dueOn: "2018-01-01",
    workstreamId: unpublished.id,
  });

  secretary = await t.signIn("secretary");
  managerToken = (await tokenFor("admin")).token;
  const session = await t.signIn("contributor");
  const { token } = await (async () => {
    const secret = await accounts().createTokenFor({ partnershipId: pid, userId: session.userId, name: "test", scope: "write" });
    return { token: secret };
  })();
  contributor = { session, token, userId: session.userId };
  await db.insert(workstreamContributors).values({ partnershipId: pid, workstreamId: published.id, userId: session.userId });
});

afterAll(async () => {
  await t.close();
});

describe("visibility", () => {
  it("never lists an unpublished workstream to the public, and answers 404 for it on pages and API", async () => {
    const list = await page("/workstreams");
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain("Mental health");
    expect(list.body).not.toContain(UNPUBLISHED);
    expect(list.body).not.toContain("Not published");

    expect((await page("/workstreams/prevention")).statusCode).toBe(404);
    expect((await page(`/workstreams/${unpublished.id}`)).statusCode).toBe(404);
    expect((await page("/workstreams/prevention/actions")).statusCode).toBe(404);

    const api = await t.app.inject({ method: "GET", url: "/api/v1/workstreams" });
    expect(api.json<{ data: { slug: string }[] }>().data.map((w) => w.slug)).toEqual(["mental-health"]);
    for (const url of [
      `/api/v1/workstreams/${unpublished.id}`,
      "/api/v1/workstreams/prevention",
      `/api/v1/workstreams/${unpublished.id}/actions`,
      "/api/v1/workstreams/prevention/decisions",
    ]) {
      expect((await t.app.inject({ method: "GET", url })).statusCode, url).toBe(404);
    }
  });

  it("shows managers and other insiders unpublished workstreams marked Not published", async () => {
    const list = await page("/workstreams", secretary);
    expect(list.body).toContain(UNPUBLISHED);
    expect(list.body).toContain("Not published");
    const viewer = await t.signIn("viewer");
    expect((await page("/workstreams/prevention", viewer)).statusCode).toBe(200);
  });

  it("filters the list by status", async () => {
    const closed = await createWorkstream(t.database.db, pid, { name: "Closed stroke workstream", slug: "stroke-closed", status: "closed", published: true });
    const res = await page("/workstreams?status=closed");
    expect(res.body).toContain("Closed stroke workstream");
    expect(res.body).not.toContain("Mental health");
    const api = await t.app.inject({ method: "GET", url: "/api/v1/workstreams?status=closed" });
    expect(api.json<{ data: { id: string }[] }>().data.map((w) => w.id)).toEqual([closed.id]);
  });

  it("finds a workstream by slug or id, with its SRO, overseeing body and contribution to every objective", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/workstreams/mental-health" });
    expect(res.statusCode).toBe(200);
    const body = res.json<{
      id: string;
      sro: { name: string };
      overseeingBody: { name: string };
      contributions: { objectiveTitle: string; level: string }[];
    }>();
    expect(body.id).toBe(published.id);
    expect(body.sro.name).toBe("Dr Alice Example");
    expect(body.overseeingBody.name).toBe("Programme Board");
    expect(body.contributions.map((c) => [c.objectiveTitle, c.level])).toEqual(objectives.map((o) => [o.title, "none"]));
    const hub = await page(`/workstreams/${published.id}`);
    expect(hub.statusCode).toBe(200);
    expect(hub.body).toContain(`href="/bodies/${board.id}"`);
  });
});

describe("the trail", () => {
  it("shows the public Part I decisions, effects, actions and agenda items, never Part II ones", async () => {
    const viewer = await t.signIn("viewer");
    for (const who of [undefined, viewer, contributor.session]) {
      const hub = await page("/workstreams/mental-health", who);
      expect(hub.statusCode).toBe(200);
      expect(hub.body).toContain("Noted the mental health deep dive");
      expect(hub.body).toContain("Approved the workstream plans and budgets for 2018/19");
      expect(hub.body).toContain("Approved the plan and budget (2018/19 plan (example))");
      expect(hub.body).toContain("Mental health deep dive");
      expect(hub.body).toContain("Open action due in April");
      for (const secret of [PART_2_DECISION, PART_2_ACTION, PART_2_ITEM]) expect(hub.body, `${who?.role ?? "anonymous"}: ${secret}`).not.toContain(secret);
      const log = await page("/workstreams/mental-health/actions?status=all", who);
      expect(log.body).toContain("Open action due in May");
      expect(log.body).not.toContain(PART_2_ACTION);
    }
    for (const token of [undefined, (await tokenFor("viewer")).token, contributor.token]) {
      const headers = token ? { authorization: `Bearer ${token}` } : {};
      const decisions = await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${published.id}/decisions`, headers });
      expect(decisions.statusCode).toBe(200);
      expect(decisions.body).toContain("Noted the mental health deep dive");
      expect(decisions.body).not.toContain(PART_2_DECISION);
      const items = await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${published.id}/agenda-items`, headers });
      expect(items.body).toContain("Mental health deep dive");
      expect(items.body).not.toContain(PART_2_ITEM);
      const actions = await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${published.id}/actions?limit=100`, headers });
      expect(actions.body).toContain("Open action due in May");
      expect(actions.body).not.toContain(PART_2_ACTION);
    }
  });

  it("shows members the Part II decisions, actions and items", async () => {
    const member = await t.signIn("member");
    const hub = await page("/workstreams/mental-health", member);
    for (const secret of [PART_2_DECISION, PART_2_ACTION, PART_2_ITEM]) expect(hub.body).toContain(secret);
    const { token } = await tokenFor("member");
    const decisions = await t.app.inject({ method: "GET", url: `/api/v1/workstreams/mental-health/decisions`, headers: { authorization: `Bearer ${token}` } });
    const data = decisions.json<{ data: { id: string; linkedBy: string[]; effects: { kind: string }[] }[] }>().data;
    expect(data.find((d) => d.id === part2Decision.id)?.linkedBy).toEqual(["decision", "agenda_item"]);
    expect(data.find((d) => d.id === part1Decision.id)?.linkedBy).toEqual(["agenda_item"]);
    expect(data.find((d) => d.id === effectDecision.id)?.effects.map((e) => e.kind)).toEqual(["approves_plan"]);
  });

  it("says which visible workstreams a decision or agenda item belongs to", async () => {
    const hidden = await createWorkstream(t.database.db, pid, { name: "Hidden link", slug: "hidden-link" });
    await linkDecisionToWorkstream(t.database.db, pid, { decisionId: part1Decision.id, workstreamId: hidden.id });
    await linkAgendaItemToWorkstream(t.database.db, pid, { agendaItemId: part1Item.id, workstreamId: hidden.id });
    const services = buildServices(t.config, t.database);
    const ctx = (principal: Principal) => ({ partnership: t.partnership, principal, requestId: "test" });
    const anonymous = await services.workstreams.forDecisions(ctx(ANONYMOUS), [part1Decision.id, effectDecision.id]);
    expect(anonymous.get(part1Decision.id)).toBeUndefined();
    expect(anonymous.get(effectDecision.id)).toEqual([{ id: published.id, slug: "mental-health", name: "Mental health" }]);
    const insider: Principal = { kind: "user", userId: secretary.userId, name: "S", email: "s@example.org", role: "viewer", via: "session", scope: "write" };
    expect((await services.workstreams.forDecisions(ctx(insider), [part1Decision.id])).get(part1Decision.id)?.map((w) => w.slug)).toEqual(["hidden-link"]);
    const items = await services.workstreams.forAgendaItems(ctx(ANONYMOUS), [part1Item.id, part2Item.id]);
    expect(items.get(part1Item.id)?.map((w) => w.slug)).toEqual(["mental-health"]);
    expect(
      (await services.workstreams.forAgendaItems(ctx(insider), [part1Item.id]))
        .get(part1Item.id)
        ?.map((w) => w.slug)
        .sort(),
    ).toEqual(["hidden-link", "mental-health"]);

    // Shown on the decision and agenda item pages, as the viewer may see them.
    const decisionPage = await page(`/decisions/${part1Decision.id}`);
    expect(decisionPage.body).not.toContain("Hidden link");
    const effectPage = await page(`/decisions/${effectDecision.id}`);
    expect(effectPage.body).toContain('href="/workstreams/mental-health"');
    const itemPage = await page(`/meetings/${(await services.meetings.getItem(ctx(ANONYMOUS), part1Item.id)).meeting.id}/items/${part1Item.id}`);
    expect(itemPage.body).toContain('href="/workstreams/mental-health"');
    expect(itemPage.body).not.toContain("Hidden link");
    expect(
      (await page(`/meetings/${(await services.meetings.getItem(ctx(ANONYMOUS), part1Item.id)).meeting.id}/items/${part1Item.id}`, secretary)).body,
    ).toContain('href="/workstreams/hidden-link"');
  });
});

describe("actions of a workstream", () => {
  type Out = { data: { description: string; overdue: boolean }[]; hasMore: boolean };
  const get = async (query: string) => (await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${published.id}/actions?${query}` })).json<Out>();

  it("lists open actions soonest due first, undated last, a page at a time", async () => {
    const first = await get("status=open&limit=2");
    expect(first.data.map((a) => a.description)).toEqual(["Open action due in April", "Open action due in May"]);
    expect(first.hasMore).toBe(true);
    const second = await get("status=open&limit=2&page=2");
    expect(second.data.map((a) => a.description)).toEqual(["Open action with no date"]);
    expect(second.hasMore).toBe(false);
    expect(first.data.every((a) => a.overdue)).toBe(true);
  });

  it("puts outstanding actions first when no status is given, and filters by the derived statuses", async () => {
    const all = await get("limit=100");
    expect(all.data.map((a) => a.description)).toEqual([
      "Open action due in April",
      "Open action due in May",
      "In progress action due in June",
      "Open action with no date",
      "Done action due in March",
    ]);
    expect((await get("status=done")).data.map((a) => a.description)).toEqual(["Done action due in March"]);
    expect((await get("status=outstanding")).data).toHaveLength(4);
    const htmlPage = await page("/workstreams/mental-health/actions?status=open&limit=2");
    expect(htmlPage.statusCode).toBe(200);
    expect(htmlPage.body).toContain("Open action due in April");
    expect(htmlPage.body).not.toContain("Open action with no date");
    expect(htmlPage.body).toContain("Overdue");
    expect(htmlPage.body).toContain("page=2");
  });
});

describe("changing a workstream", () => {
  it("creates from the form, with contributions validated: a reason is required for some and major", async () => {
    const [o1, o2, o3] = objectives;
    const bad = await t.app.inject({
      method: "POST",
      url: "/workstreams",
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        name: "Local care",
        status: "active",
        [`contribution-${o1!.id}`]: "major",
        [`rationale-${o1!.id}`]: "",
        [`contribution-${o2!.id}`]: "some",
        [`rationale-${o2!.id}`]: "Shifts care closer to home",
      }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("<title>Error: ");
    expect(bad.body).toContain("Enter a sentence saying why the workstream contributes to this objective");
    expect(bad.body).toContain(`href="#rationale-${o1!.id}"`);
    expect(bad.body).toContain("Shifts care closer to home"); // typed values kept

    const good = await t.app.inject({
      method: "POST",
      url: "/workstreams",
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        name: "Local care",
        status: "active",
        sroPersonId: sro.id,
        overseeingBodyId: board.id,
        "leadPersonId-0": sro.id,
        "leadRole-0": "Clinical lead",
        [`contribution-${o1!.id}`]: "major",
        [`rationale-${o1!.id}`]: "Prevents admissions",
        [`contribution-${o2!.id}`]: "some",
        [`rationale-${o2!.id}`]: "Shifts care closer to home",
        [`contribution-${o3!.id}`]: "none",
      }),
    });
    expect(good.statusCode).toBe(303);
    expect(good.headers.location).toBe("/workstreams/local-care");
    const created = (await t.app.inject({ method: "GET", url: "/api/v1/workstreams/local-care", headers: { authorization: `Bearer ${managerToken}` } })).json<{
      id: string;
      published: boolean;
      leads: { name: string; roleLabel: string }[];
      contributions: { level: string; rationale: string }[];
    }>();
    expect(created.published).toBe(false);
    expect(created.leads).toEqual([{ personId: sro.id, name: "Dr Alice Example", roleLabel: "Clinical lead" }]);
    expect(created.contributions.map((c) => [c.level, c.rationale])).toEqual([
      ["major", "Prevents admissions"],
      ["some", "Shifts care closer to home"],
      ["none", ""],
    ]);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.partnershipId, pid), eq(auditEvents.recordType, "workstream"), eq(auditEvents.recordId, created.id)));
    expect(audit.map((a) => a.action)).toEqual(["create"]);
  });

  it("refuses a contribution without a reason through the API", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/workstreams",
      headers: json(managerToken),
      payload: { name: "Digital", contributions: [{ objectiveId: objectives[0]!.id, level: "major" }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { fields: Record<string, string> } }>().error.fields["contributions.0.rationale"]).toBe(
      "Enter a sentence saying why the workstream contributes to this objective",
    );
  });

  it("says when the address is already taken", async () => {
    const page422 = await t.app.inject({
      method: "POST",
      url: "/workstreams",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, name: "Mental health", status: "proposed" }),
    });
    expect(page422.statusCode).toBe(422);
    expect(page422.body).toContain(SLUG_TAKEN);
    const api = await t.app.inject({
      method: "POST",
      url: "/api/v1/workstreams",
      headers: json(managerToken),
      payload: { name: "Something else", slug: "mental-health" },
    });
    expect(api.statusCode).toBe(422);
    expect(api.json<{ error: { fields: Record<string, string> } }>().error.fields.slug).toBe(SLUG_TAKEN);
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/workstreams/${unpublished.id}`,
      headers: json(managerToken),
      payload: { version: 1, slug: "mental-health" },
    });
    expect(patch.statusCode).toBe(422);
  });

  it("refuses a stale change with 409 and keeps the newer version", async () => {
    const ws = await createWorkstream(t.database.db, pid, { name: "Workforce", slug: "workforce" });
    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/workstreams/${ws.id}`,
      headers: json(managerToken),
      payload: { version: 1, name: "Workforce (renamed)" },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json<{ version: number }>().version).toBe(2);
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/workstreams/${ws.id}`,
      headers: json(managerToken),
      payload: { version: 1, name: "Workforce (stale)" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { current: { name: string } } }>().error.current.name).toBe("Workforce (renamed)");

    const stalePage = await t.app.inject({
      method: "POST",
      url: "/workstreams/workforce",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, name: "Workforce (typed)", status: "active", version: "1" }),
    });
    expect(stalePage.statusCode).toBe(409);
    expect(stalePage.body).toContain("Someone else saved this workstream first");
    expect(stalePage.body).toContain("Workforce (typed)");
    const now = (await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${ws.id}`, headers: json(managerToken) })).json<{ name: string }>();
    expect(now.name).toBe("Workforce (renamed)");
  });

  it("publishes and archives: the public sees it only while published and not archived", async () => {
    const ws = await createWorkstream(t.database.db, pid, { name: "Estates", slug: "estates" });
    expect((await page("/workstreams/estates")).statusCode).toBe(404);
    const res = await t.app.inject({
      method: "POST",
      url: "/workstreams/estates/publish",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, version: "1" }),
    });
    expect(res.statusCode).toBe(303);
    expect((await page("/workstreams/estates")).statusCode).toBe(200);
    const archived = await t.app.inject({ method: "POST", url: `/api/v1/workstreams/${ws.id}/archive`, headers: json(managerToken), payload: { version: 2 } });
    expect(archived.statusCode).toBe(200);
    expect(archived.json<{ archived: boolean }>().archived).toBe(true);
    expect((await page("/workstreams/estates")).statusCode).toBe(404);
  });

  it("does not let a contributor change the workstream's definition, though they may link its decisions", async () => {
    expect((await page("/workstreams/mental-health/edit", contributor.session)).statusCode).toBe(403);
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/workstreams/${published.id}`,
      headers: json(contributor.token),
      payload: { version: 1, name: "Renamed by a lead" },
    });
    expect(patch.statusCode).toBe(403);
    const publish = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${published.id}/unpublish`,
      headers: json(contributor.token),
      payload: { version: 1 },
    });
    expect(publish.statusCode).toBe(403);
    const link = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${published.id}/decisions`,
      headers: json(contributor.token),
      payload: { decisionId: part1Decision.id },
    });
    expect(link.statusCode).toBe(204);
    // A Part II decision is invisible to contributors: they cannot link it.
    const secret = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${published.id}/decisions`,
      headers: json(contributor.token),
      payload: { decisionId: part2Decision.id },
    });
    expect(secret.statusCode).toBe(422);
    // Another workstream's contributor may not link to this one.
    const other = await tokenFor("contributor");
    const denied = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${published.id}/decisions`,
      headers: json(other.token),
      payload: { decisionId: part1Decision.id },
    });
    expect(denied.statusCode).toBe(403);
  });

  it("links and unlinks decisions and agenda items from the hub page", async () => {
    const ws = await createWorkstream(t.database.db, pid, { name: "Stroke", slug: "stroke", overseeingBodyId: board.id });
    const hub = await page("/workstreams/stroke", secretary);
    expect(hub.body).toContain("Link a decision");
    expect(hub.body).toContain("Approved the workstream plans and budgets for 2018/19"); // a recent decision of the overseeing body
    const bad = await t.app.inject({
      method: "POST",
      url: "/workstreams/stroke/decisions",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, pastedDecisionId: "not-an-id" }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Select a decision, or paste the id of a decision");
    const linked = await t.app.inject({
      method: "POST",
      url: "/workstreams/stroke/decisions",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, decisionId: effectDecision.id }),
    });
    expect(linked.statusCode).toBe(303);
    const item = await t.app.inject({
      method: "POST",
      url: "/workstreams/stroke/agenda-items",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, pastedAgendaItemId: part1Item.id }),
    });
    expect(item.statusCode).toBe(303);
    let trail = (await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${ws.id}/decisions`, headers: json(managerToken) })).json<{
      data: { id: string }[];
    }>().data;
    expect(trail.map((d) => d.id).sort()).toEqual([effectDecision.id, part1Decision.id].sort());
    const unlink = await t.app.inject({
      method: "POST",
      url: `/workstreams/stroke/agenda-items/${part1Item.id}/unlink`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf }),
    });
    expect(unlink.statusCode).toBe(303);
    trail = (await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${ws.id}/decisions`, headers: json(managerToken) })).json<{
      data: { id: string }[];
    }>().data;
    expect(trail.map((d) => d.id)).toEqual([effectDecision.id]);
  });

  it("assigns contributors, who may then edit the workstream's records", async () => {
    const ws = await createWorkstream(t.database.db, pid, { name: "Children", slug: "children" });
    const lead = await tokenFor("contributor");
    const viewerUser = await createUser(t.database.db, pid, "viewer");
    const refused = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${ws.id}/contributors`,
      headers: json(managerToken),
      payload: { userId: viewerUser.id },
    });
    expect(refused.statusCode).toBe(422);
    const before = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${ws.id}/agenda-items`,
      headers: json(lead.token),
      payload: { agendaItemId: part1Item.id },
    });
    expect(before.statusCode).toBe(403);
    const assign = await t.app.inject({
      method: "POST",
      url: "/workstreams/children/contributors",
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, userId: lead.userId }),
    });
    expect(assign.statusCode).toBe(303);
    const list = (await t.app.inject({ method: "GET", url: `/api/v1/workstreams/${ws.id}/contributors`, headers: json(managerToken) })).json<{
      data: { userId: string }[];
    }>();
    expect(list.data.map((c) => c.userId)).toEqual([lead.userId]);
    const after = await t.app.inject({
      method: "POST",
      url: `/api/v1/workstreams/${ws.id}/agenda-items`,
      headers: json(lead.token),
      payload: { agendaItemId: part1Item.id },
    });
    expect(after.statusCode).toBe(204);
    const remove = await t.app.inject({
      method: "DELETE",
      url: `/api/v1/workstreams/${ws.id}/contributors/${lead.userId}`,
      headers: { authorization: `Bearer ${managerToken}` },
    });
    expect(remove.statusCode).toBe(204);
    const audit = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.partnershipId, pid), eq(auditEvents.recordType, "workstream"), eq(auditEvents.recordId, ws.id)));
    expect(audit.map((a) => a.action).sort()).toEqual(["add_contributor", "create", "link_agenda_item", "remove_contributor"]);
  });
});
