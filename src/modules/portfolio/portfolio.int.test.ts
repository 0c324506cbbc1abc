import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  createAction,
  createAgendaItem,
  createBody,
  createBudgetLine,
  createDecision,
  createDecisionEffect,
  createHighlightReport,
  createMeeting,
  createMilestone,
  createObjectives,
  createPerson,
  createPlan,
  createRisk,
  createWorkstream,
  linkAgendaItemToWorkstream,
  linkDecisionToWorkstream,
  setWorkstreamContribution,
} from "../../../tests/factories/index.ts";
import { addCalendarDays, toLondon } from "../../platform/time.ts";
import type { Dashboard } from "./portfolio.service.ts";

// The dashboard's figures are pinned on factory data (exact pence and counts), it reads the same
// number of queries however many workstreams there are, and the public sees only what is published.

const DRAFT = "UNPUBLISHED-MARKER";
const PART_2 = "PART-TWO-MARKER";

let t: TestApp;
let pid: string;
let admin: Session;
let member: Session;
const today = toLondon(new Date()).date;

let body: { id: string };
let person: { id: string };
let meeting: { id: string };
let part1Item: { id: string };
let part2Item: { id: string };
let deepDiveItem: { id: string };
let wsA: { id: string; slug: string };
let wsB: { id: string; slug: string };
let wsHidden: { id: string; slug: string };
let planA: { id: string };
let publicRisk: { id: string };
let hiddenRisk: { id: string };
let approvingDecision: { id: string };
let part2Decision: { id: string };
const decisionsOfA: { id: string; decidedOn: string }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  const objectives = await createObjectives(db, pid);
  body = await createBody(db, pid, { name: "Programme Board" });
  person = await createPerson(db, pid, { name: "Pat Owner" });
  meeting = await createMeeting(db, pid, {
    bodyId: body.id,
    startsAt: new Date("2018-03-05T10:00:00Z"),
    status: "held",
    agendaPublishedAt: new Date("2018-02-26T09:00:00Z"),
    hasPrivateSession: true,
  });
  part1Item = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Plans and budgets", kind: "decision", position: 0 });
  part2Item = await createAgendaItem(db, pid, {
    meetingId: meeting.id,
    title: `Confidential ${PART_2}`,
    kind: "discussion",
    position: 1,
    confidentiality: "part_2",
    exemptionReason: "Commercial interests",
  });
  deepDiveItem = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Alpha deep dive", kind: "deep_dive", position: 2 });

  wsA = await createWorkstream(db, pid, { name: "Alpha", slug: "alpha", published: true, position: 0, overseeingBodyId: body.id });
  wsB = await createWorkstream(db, pid, { name: "Beta", slug: "beta", published: true, position: 1 });
  wsHidden = await createWorkstream(db, pid, { name: `Secret ${DRAFT}`, slug: "secret", published: false, position: 2 });
  await linkAgendaItemToWorkstream(db, pid, { agendaItemId: part1Item.id, workstreamId: wsA.id });
  await linkAgendaItemToWorkstream(db, pid, { agendaItemId: deepDiveItem.id, workstreamId: wsA.id });
  await setWorkstreamContribution(db, pid, { workstreamId: wsA.id, objectiveId: objectives[0]!.id, level: "major", rationale: "Alpha keeps people well" });
  await setWorkstreamContribution(db, pid, { workstreamId: wsB.id, objectiveId: objectives[2]!.id, level: "some", rationale: "Beta saves money" });

  // Budgets 2018/19 (pence): Alpha planned 300,000, actual 90,000, outturn 310,000; Beta planned 50,050, actual 60,000, outturn 60,000.
  planA = await createPlan(db, pid, { workstreamId: wsA.id, financialYear: 2018, status: "approved", approvedOn: "2018-03-05" });
  await createBudgetLine(
    db,
    pid,
    { planId: planA.id },
    {
      "2018-04-01": { plannedPence: 100_000, actualPence: 90_000 },
      "2018-05-01": { plannedPence: 100_000, forecastPence: 120_000 },
      "2018-06-01": { plannedPence: 100_000 },
    },
  );
  const planB = await createPlan(db, pid, { workstreamId: wsB.id, financialYear: 2018, status: "approved", approvedOn: "2018-03-05" });
  await createBudgetLine(db, pid, { planId: planB.id }, { "2018-04-01": { plannedPence: 50_050, actualPence: 60_000 } });
  const planHidden = await createPlan(db, pid, { workstreamId: wsHidden.id, financialYear: 2018, status: "draft" });
  await createBudgetLine(db, pid, { planId: planHidden.id }, { "2018-04-01": { plannedPence: 1_000 } });

  await createHighlightReport(db, pid, {
    workstreamId: wsA.id,
    month: "2018-02-01",
    status: "reviewed",
    overallRag: "amber",
    overallReason: "The strategy is late",
    scheduleRag: "red",
    scheduleReason: "Two milestones slipped",
    financeRag: "green",
    riskRag: "green",
  });
  await createHighlightReport(db, pid, { workstreamId: wsA.id, month: "2018-03-01", status: "draft", overallRag: "red", overallReason: `Draft ${DRAFT}` });

  // Milestones: one due in 10 days, one due in 90 days (outside the window), one late, one complete.
  await createMilestone(db, pid, { workstreamId: wsA.id, title: "Due soon", baselineOn: addCalendarDays(today, 10), status: "on_track" });
  await createMilestone(db, pid, { workstreamId: wsA.id, title: "Due later", baselineOn: addCalendarDays(today, 90) });
  await createMilestone(db, pid, { workstreamId: wsA.id, title: "Slipped", baselineOn: addCalendarDays(today, -10), status: "at_risk" });
  await createMilestone(db, pid, {
    workstreamId: wsA.id,
    title: "Done",
    baselineOn: addCalendarDays(today, -5),
    actualOn: addCalendarDays(today, -5),
    status: "complete",
  });
  await createMilestone(db, pid, { workstreamId: wsB.id, title: "Beta due", forecastOn: addCalendarDays(today, 60), baselineOn: addCalendarDays(today, 30) });

  publicRisk = await createRisk(db, pid, { workstreamId: wsA.id, title: "Published risk", published: true, currentLikelihood: 4, currentConsequence: 4 });
  await createRisk(db, pid, { workstreamId: wsA.id, title: "Small risk", published: true, currentLikelihood: 1, currentConsequence: 2 });
  hiddenRisk = await createRisk(db, pid, {
    workstreamId: wsA.id,
    title: `Hidden risk ${DRAFT}`,
    published: false,
    currentLikelihood: 5,
    currentConsequence: 5,
  });
  await createRisk(db, pid, { workstreamId: wsB.id, title: "Closed risk", published: true, status: "closed", currentLikelihood: 5, currentConsequence: 5 });

  // Decisions: four Part I decisions reach Alpha (linked, on its linked item, or by effect); one Part II.
  for (const [i, decidedOn] of ["2018-01-10", "2018-02-10", "2018-03-05", "2018-03-04"].entries()) {
    const d = await createDecision(db, pid, {
      bodyId: body.id,
      meetingId: meeting.id,
      agendaItemId: part1Item.id,
      decidedOn,
      text: `Alpha decision ${i}`,
      position: i,
    });
    decisionsOfA.push({ id: d.id, decidedOn });
  }
  approvingDecision = { id: decisionsOfA[2]!.id };
  await linkDecisionToWorkstream(db, pid, { decisionId: decisionsOfA[0]!.id, workstreamId: wsA.id });
  part2Decision = await createDecision(db, pid, {
    bodyId: body.id,
    meetingId: meeting.id,
    agendaItemId: part2Item.id,
    decidedOn: "2018-03-06",
    text: `Confidential decision ${PART_2}`,
  });
  await linkDecisionToWorkstream(db, pid, { decisionId: part2Decision.id, workstreamId: wsA.id });
  await createDecisionEffect(db, pid, {
    decisionId: approvingDecision.id,
    workstreamId: wsA.id,
    kind: "approves_plan",
    planId: planA.id,
    note: "2018/19 plan approved",
  });
  await createDecisionEffect(db, pid, {
    decisionId: approvingDecision.id,
    workstreamId: wsA.id,
    kind: "changes_risk",
    riskId: hiddenRisk.id,
    note: `Re-scored ${DRAFT}`,
  });
  await createDecisionEffect(db, pid, {
    decisionId: approvingDecision.id,
    workstreamId: wsHidden.id,
    kind: "approves_plan",
    planId: planHidden.id,
    note: `Hidden plan ${DRAFT}`,
  });

  // Actions of Alpha: one overdue, one due later, one done (not counted), one Part II (insiders only).
  const fromMeeting = { bodyId: body.id, ownerPersonId: person.id, sourceMeetingId: meeting.id, sourceAgendaItemId: part1Item.id, workstreamId: wsA.id };
  await createAction(db, pid, { ...fromMeeting, dueOn: addCalendarDays(today, -1) });
  await createAction(db, pid, { ...fromMeeting, dueOn: addCalendarDays(today, 20), status: "in_progress" });
  await createAction(db, pid, { ...fromMeeting, dueOn: addCalendarDays(today, -30), status: "done", completedOn: addCalendarDays(today, -31) });
  await createAction(db, pid, { ...fromMeeting, sourceAgendaItemId: part2Item.id, dueOn: addCalendarDays(today, -2) });

  admin = await t.signIn("admin");
  member = await t.signIn("member");
});

afterAll(async () => {
  await t.close();
});

async function dashboardJson(headers: Record<string, string> = {}, query = "?year=2018"): Promise<Dashboard> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/portfolio${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Dashboard>();
}

const rowOf = (d: Dashboard, id: string) => d.rows.find((r) => r.workstream.id === id)!;

describe("the portfolio dashboard", () => {
  it("gives the public exact budgets, counts, RAG, top risks, recent decisions and actions of the published portfolio", async () => {
    const d = await dashboardJson();
    expect(d.financialYear).toBe(2018);
    expect(d.financialYearLabel).toBe("2018/19");
    expect(d.rows.map((r) => r.workstream.name)).toEqual(["Alpha", "Beta"]);

    const a = rowOf(d, wsA.id);
    expect(a.budget).toMatchObject({
      planId: planA.id,
      plannedPence: 300_000,
      actualToDatePence: 90_000,
      forecastOutturnPence: 310_000,
      variancePence: 10_000,
    });
    expect(rowOf(d, wsB.id).budget).toMatchObject({ plannedPence: 50_050, actualToDatePence: 60_000, forecastOutturnPence: 60_000, variancePence: 9_950 });
    expect(d.budgetTotals).toEqual({ plannedPence: 350_050, actualToDatePence: 150_000, forecastOutturnPence: 370_000, variancePence: 19_950 });

    // The public reads the reviewed February report, not the March draft.
    expect(a.report).toMatchObject({
      month: "2018-02-01",
      overall: { rag: "amber", reason: "The strategy is late" },
      schedule: { rag: "red", reason: "Two milestones slipped" },
      finance: { rag: "green" },
    });
    expect(rowOf(d, wsB.id).report).toBeNull();

    expect(a.milestonesDue).toBe(1);
    expect(a.milestonesLate).toBe(1);
    expect(rowOf(d, wsB.id).milestonesDue).toBe(1);

    expect(a.openRisks).toBe(2);
    expect(a.topRisk).toMatchObject({ id: publicRisk.id, score: 16, band: "extreme" });
    expect(rowOf(d, wsB.id).topRisk).toBeNull();

    expect(a.recentDecisions.map((r) => r.decidedOn)).toEqual(["2018-03-05", "2018-03-04", "2018-02-10"]);
    expect(a.actions).toEqual({ outstanding: 2, overdue: 1 });

    expect(d.objectives.map((o) => o.title)).toEqual(["Health and wellbeing", "Care and quality", "Finance and efficiency"]);
    expect(d.contributions[wsA.id]?.[d.objectives[0]!.id]).toEqual({ level: "major", rationale: "Alpha keeps people well" });
    expect(JSON.stringify(d)).not.toContain(DRAFT);
    expect(JSON.stringify(d)).not.toContain(PART_2);
  });

  it("shows insiders unpublished workstreams, risks and drafts, and members Part II decisions and actions", async () => {
    const d = await dashboardJson({ cookie: member.cookie });
    expect(d.rows.map((r) => r.workstream.name)).toEqual(["Alpha", "Beta", `Secret ${DRAFT}`]);
    expect(d.budgetTotals.plannedPence).toBe(351_050);
    const a = rowOf(d, wsA.id);
    expect(a.topRisk).toMatchObject({ id: hiddenRisk.id, score: 25, band: "extreme" });
    expect(a.openRisks).toBe(3);
    expect(a.report?.month).toBe("2018-03-01");
    expect(a.recentDecisions[0]?.id).toBe(part2Decision.id);
    expect(a.actions).toEqual({ outstanding: 3, overdue: 2 });
  });

  it("defaults to the financial year containing today, or else the latest year with plans", async () => {
    const d = await dashboardJson({}, "");
    expect(d.financialYear).toBe(2018);
    expect(d.years.map((y) => y.label)).toEqual(["2018/19"]);
    const other = await dashboardJson({}, "?year=2019");
    expect(other.financialYear).toBe(2019);
    expect(other.rows.every((r) => r.budget === null)).toBe(true);
  });

  it("renders the page with charts that have titles, descriptions and tables, and nothing unpublished for the public", async () => {
    const res = await t.app.inject({ method: "GET", url: "/portfolio?year=2018" });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("<h1>Portfolio dashboard</h1>");
    expect(html).not.toContain(DRAFT);
    expect(html).not.toContain(PART_2);
    const charts = html.match(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]*-title [^"]*-desc"[^>]*>/g) ?? [];
    expect(charts).toHaveLength(2);
    for (const id of ["rag-chart", "dashboard-budget-chart"]) {
      expect(html).toContain(`<title id="${id}-title">`);
      expect(html).toContain(`<desc id="${id}-desc">`);
    }
    expect(html).toContain("£3,000.00");
    expect(html).toContain("£3,500.50");
    expect(html).toContain("+£199.50");
    expect((html.match(/<caption/g) ?? []).length).toBeGreaterThanOrEqual(5);
    expect(html).toContain(`href="/milestones?workstreamId=${wsA.id}&amp;within=60"`);
    expect(html).toContain(`href="/workstreams/alpha/actions?status=overdue"`);
    expect(html).toContain("Alpha keeps people well");
    expect(html).toContain('href="/portfolio"');
    // Headings in order: one h1, then h2s.
    expect(html.match(/<h[1-6]/g)?.slice(0, 3)).toEqual(["<h1", "<h2", "<h2"]);
  });

  it("reads the same number of queries for 3 workstreams as for 10 (no N+1)", async () => {
    const pool = t.database.pool;
    const original = pool.query.bind(pool);
    let count = 0;
    (pool as unknown as { query: unknown }).query = (...args: unknown[]) => {
      count++;
      return (original as (...a: unknown[]) => unknown)(...args);
    };
    const measure = async () => {
      count = 0;
      await dashboardJson({ cookie: admin.cookie });
      return count;
    };
    try {
      const three = await measure();
      const db = t.database.db;
      for (let i = 0; i < 7; i++) {
        const ws = await createWorkstream(db, pid, { name: `Extra ${i}`, published: true, position: 10 + i });
        const plan = await createPlan(db, pid, { workstreamId: ws.id, financialYear: 2018, status: "approved", approvedOn: "2018-03-05" });
        await createBudgetLine(db, pid, { planId: plan.id }, { "2018-04-01": { plannedPence: 1_000 } });
        await createMilestone(db, pid, { workstreamId: ws.id, baselineOn: addCalendarDays(today, 5) });
        await createRisk(db, pid, { workstreamId: ws.id, published: true });
        await createHighlightReport(db, pid, {
          workstreamId: ws.id,
          month: "2018-02-01",
          status: "reviewed",
          overallRag: "green",
          scheduleRag: "green",
          financeRag: "green",
          riskRag: "green",
        });
        await linkDecisionToWorkstream(db, pid, { decisionId: decisionsOfA[1]!.id, workstreamId: ws.id });
        await createAction(db, pid, {
          bodyId: body.id,
          ownerPersonId: person.id,
          sourceMeetingId: meeting.id,
          sourceAgendaItemId: part1Item.id,
          workstreamId: ws.id,
        });
      }
      const ten = await measure();
      expect(three).toBeGreaterThan(5);
      expect((await dashboardJson({ cookie: admin.cookie })).rows).toHaveLength(10);
      expect(ten).toBe(three);
    } finally {
      (pool as unknown as { query: unknown }).query = original;
    }
  });
});

describe("what a decision changed", () => {
  it("lists the decision's effects with links on its page, leaving out what the public may not see", async () => {
    const anon = await t.app.inject({ method: "GET", url: `/decisions/${approvingDecision.id}` });
    expect(anon.statusCode).toBe(200);
    expect(anon.body).toContain("What this decision changed");
    expect(anon.body).toContain(`href="/plans/${planA.id}"`);
    expect(anon.body).toContain("2018/19 plan approved");
    expect(anon.body).not.toContain(DRAFT);

    const insider = await t.app.inject({ method: "GET", url: `/decisions/${approvingDecision.id}`, headers: { cookie: admin.cookie } });
    expect(insider.body).toContain(`href="/risks/${hiddenRisk.id}"`);
    expect(insider.body).toContain(`Hidden plan ${DRAFT}`);
  });

  it("gives the effects as JSON, 404 for a decision the caller may not see", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/decisions/${approvingDecision.id}/effects` });
    expect(res.statusCode).toBe(200);
    const { data } = res.json<{ data: { kind: string; target: { type: string; id: string } | null; workstream: { slug: string } }[] }>();
    expect(data).toEqual([
      expect.objectContaining({
        kind: "approves_plan",
        target: expect.objectContaining({ type: "plan", id: planA.id }),
        workstream: expect.objectContaining({ slug: "alpha" }),
      }),
    ]);
    const hidden = await t.app.inject({ method: "GET", url: `/api/v1/decisions/${part2Decision.id}/effects` });
    expect(hidden.statusCode).toBe(404);
  });
});

describe("the deep-dive section on factory data", () => {
  it("appears on the deep-dive item's page and its own page, and the API gives it", async () => {
    const item = await t.app.inject({ method: "GET", url: `/meetings/${meeting.id}/items/${deepDiveItem.id}` });
    expect(item.statusCode).toBe(200);
    expect(item.body).toContain("Deep dive: Alpha, as at");
    expect(item.body).toContain("Published risk");
    expect(item.body).not.toContain(DRAFT);

    const page = await t.app.inject({ method: "GET", url: `/meetings/${meeting.id}/items/${deepDiveItem.id}/deep-dive` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<h1>Alpha deep dive</h1>");

    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}/items/${deepDiveItem.id}/deep-dive` });
    expect(api.statusCode).toBe(200);
    const { data } = api.json<{ data: { asOf: string; workstream: { slug: string }; keyRisks: { title: string }[] } }>();
    expect(data.asOf).toBe("2018-03-05");
    expect(data.keyRisks.map((r) => r.title)).toEqual(["Published risk", "Small risk"]);
  });

  it("redirects the deep-dive page of another kind of item to the item, and hides Part II items", async () => {
    const other = await t.app.inject({ method: "GET", url: `/meetings/${meeting.id}/items/${part1Item.id}/deep-dive` });
    expect(other.statusCode).toBe(303);
    expect(other.headers.location).toBe(`/meetings/${meeting.id}/items/${part1Item.id}`);
    const api = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}/items/${part1Item.id}/deep-dive` });
    expect(api.json()).toEqual({ data: null });
    const hidden = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${meeting.id}/items/${part2Item.id}/deep-dive` });
    expect(hidden.statusCode).toBe(404);
    const wrongMeeting = await t.app.inject({ method: "GET", url: `/meetings/${part1Item.id}/items/${deepDiveItem.id}/deep-dive` });
    expect(wrongMeeting.statusCode).toBe(404);
  });
});
