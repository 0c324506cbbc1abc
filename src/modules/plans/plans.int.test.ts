import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { addWorkstreamContributor, createAgendaItem, createBody, createDecision, createMeeting, createWorkstream } from "../../../tests/factories/index.ts";
import { decisionEffects } from "../portfolio/portfolio.tables.ts";
import { auditEvents } from "../../platform/audit/audit.tables.ts";
import { monthsOfFinancialYear } from "./financial-year.ts";

let t: TestApp;
let pid: string;
let admin: string;
let secretary: Session;
let contributor: Session;
let decisionId: string;
let mentalHealth: { id: string };
let localCare: { id: string };
let hidden: { id: string };

const MONTHS = monthsOfFinancialYear(2018);

const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });
/** React escapes apostrophes in text. */
const html = (text: string) => text.replaceAll("'", "&#x27;");

async function api(method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE", url: string, token?: string, payload?: unknown) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (payload !== undefined) headers["content-type"] = "application/json";
  return t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });
}

async function createPlan(token: string, workstreamId: string, financialYear = 2018) {
  const res = await api("POST", "/api/v1/plans", token, { workstreamId, financialYear, objectives: "Objectives (example)" });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number; status: string }>();
}

async function addLine(token: string, planId: string, line: { description: string; kind: "revenue" | "capital"; months: unknown[] }) {
  const res = await api("POST", "/api/v1/budget-lines", token, { planId, fundingSource: "STP transformation fund", ...line });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number }>();
}

/** Submits and approves a plan through the API, as the programme office. */
async function approve(planId: string) {
  let plan = (await api("GET", `/api/v1/plans/${planId}`, admin)).json<{ version: number }>();
  const submitted = await api("POST", `/api/v1/plans/${planId}/submit`, admin, { version: plan.version });
  expect(submitted.statusCode, submitted.body).toBe(200);
  plan = submitted.json();
  const approved = await api("POST", `/api/v1/plans/${planId}/approve`, admin, { version: plan.version, decisionId, approvedOn: "2018-03-05" });
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json<{ id: string; version: number; status: string }>();
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  const board = await createBody(db, pid, { name: "Programme Board", kind: "programme_board" });
  const meeting = await createMeeting(db, pid, { bodyId: board.id, startsAt: new Date("2018-03-05T10:00:00Z"), status: "held" });
  const item = await createAgendaItem(db, pid, { meetingId: meeting.id, position: 0, title: "Workstream plans and budgets 2018/19", kind: "decision" });
  decisionId = (
    await createDecision(db, pid, { bodyId: board.id, meetingId: meeting.id, agendaItemId: item.id, text: "Approved the 2018/19 workstream plans." })
  ).id;
  mentalHealth = await createWorkstream(db, pid, { name: "Mental health", slug: "mental-health", published: true, overseeingBodyId: board.id, position: 1 });
  localCare = await createWorkstream(db, pid, { name: "Local care", slug: "local-care", published: true, overseeingBodyId: board.id, position: 2 });
  hidden = await createWorkstream(db, pid, { name: "Estates (unpublished)", slug: "estates", published: false, position: 3 });
  admin = await t.token("admin", "write");
  secretary = await t.signIn("secretary");
  contributor = await t.signIn("contributor");
  await addWorkstreamContributor(db, pid, { workstreamId: mentalHealth.id, userId: contributor.userId });
});

afterAll(async () => {
  await t.close();
});

describe("budget arithmetic, in exact pence", () => {
  let mhPlan: { id: string };
  let lcPlan: { id: string };

  it("totals a plan's lines per line, per kind and overall, including pennies", async () => {
    mhPlan = await createPlan(admin, mentalHealth.id);
    const actuals = [120000, 125000, 130050, 118999, 123456];
    // Line 1: £1,234.56 planned every month; actuals for April to August, forecasts for the rest.
    await addLine(admin, mhPlan.id, {
      description: "Community mental health teams (example)",
      kind: "revenue",
      months: MONTHS.map((month, i) => ({ month, plannedPence: 123456, actualPence: actuals[i] ?? null, forecastPence: i < 5 ? null : 123456 })),
    });
    // Line 2: £500.01 planned every month; five actuals, no forecast for four months (planned stands), forecasts for the last three.
    await addLine(admin, mhPlan.id, {
      description: "Digital equipment (example)",
      kind: "capital",
      months: MONTHS.map((month, i) => ({ month, plannedPence: 50001, actualPence: i < 5 ? 50001 : null, forecastPence: i >= 9 ? 60000 : null })),
    });

    const res = await api("GET", `/api/v1/plans/${mhPlan.id}`, admin);
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan.financialYearLabel).toBe("2018/19");
    expect(plan.lines).toHaveLength(2);
    expect(plan.lines[0].months).toHaveLength(12);
    expect(plan.lines[0].months[0]).toEqual({ month: "2018-04-01", plannedPence: 123456, actualPence: 120000, forecastPence: null });
    expect(plan.lines[0].months[11].month).toBe("2019-03-01");
    expect(plan.lines[0].totals).toEqual({ plannedPence: 1481472, actualToDatePence: 617505, forecastOutturnPence: 1481697, variancePence: 225 });
    expect(plan.lines[1].totals).toEqual({ plannedPence: 600012, actualToDatePence: 250005, forecastOutturnPence: 630009, variancePence: 29997 });
    expect(plan.totalsByKind.revenue).toEqual(plan.lines[0].totals);
    expect(plan.totalsByKind.capital).toEqual(plan.lines[1].totals);
    expect(plan.totals).toEqual({ plannedPence: 2081484, actualToDatePence: 867510, forecastOutturnPence: 2111706, variancePence: 30222 });

    const page = await t.app.inject({ method: "GET", url: `/plans/${mhPlan.id}`, headers: { cookie: secretary.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("£20,814.84");
    expect(page.body).toContain("£21,117.06");
    expect(page.body).toContain("+£302.22");
    expect(page.body).toContain("£1,234.56");
    expect(page.body).toContain("Plan for 2018/19");
  });

  it("keeps £80m budgets exact, and rolls up per workstream and for the portfolio", async () => {
    lcPlan = await createPlan(admin, localCare.id);
    // £6,666,666.67 a month: £80,000,000.04 for the year.
    await addLine(admin, lcPlan.id, {
      description: "Local care hubs (example)",
      kind: "revenue",
      months: MONTHS.map((month, i) => ({ month, plannedPence: 666666667, actualPence: i === 0 ? 666666667 : i === 1 ? 700000001 : null })),
    });
    const lc = (await api("GET", `/api/v1/plans/${lcPlan.id}`, admin)).json();
    expect(lc.totals).toEqual({ plannedPence: 8000000004, actualToDatePence: 1366666668, forecastOutturnPence: 8033333338, variancePence: 33333334 });

    const insider = await api("GET", "/api/v1/budget-summary?year=2018", admin);
    expect(insider.statusCode).toBe(200);
    const summary = insider.json();
    expect(summary.financialYearLabel).toBe("2018/19");
    expect(summary.rows.map((r: { workstreamName: string }) => r.workstreamName)).toEqual(["Mental health", "Local care"]);
    expect(summary.rows[0]).toMatchObject({
      planId: mhPlan.id,
      plannedPence: 2081484,
      actualToDatePence: 867510,
      forecastOutturnPence: 2111706,
      variancePence: 30222,
    });
    expect(summary.rows[1]).toMatchObject({
      planId: lcPlan.id,
      plannedPence: 8000000004,
      actualToDatePence: 1366666668,
      forecastOutturnPence: 8033333338,
      variancePence: 33333334,
    });
    expect(summary.portfolio).toEqual({ plannedPence: 8002081488, actualToDatePence: 1367534178, forecastOutturnPence: 8035445044, variancePence: 33363556 });

    // The public sees only approved plans: none yet.
    const before = (await api("GET", "/api/v1/budget-summary?year=2018")).json();
    expect(before.rows).toEqual([]);
    expect(before.portfolio.plannedPence).toBe(0);

    await approve(mhPlan.id);
    await approve(lcPlan.id);
    const after = (await api("GET", "/api/v1/budget-summary?year=2018")).json();
    expect(after.portfolio).toEqual(summary.portfolio);

    const page = await t.app.inject({ method: "GET", url: "/portfolio/budget?year=2018" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain("<title");
    expect(page.body).toContain("£80,000,000.04");
    expect(page.body).toContain("£80,354,450.44");
    expect(page.body).toContain("+£333,635.56");
    expect(page.body).toContain("Budget by workstream, 2018/19");
  });

  it("approving records the decision's effect and links the decision from the plan", async () => {
    const effects = await t.database.db
      .select()
      .from(decisionEffects)
      .where(and(eq(decisionEffects.partnershipId, pid), eq(decisionEffects.planId, mhPlan.id)));
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({ decisionId, workstreamId: mentalHealth.id, kind: "approves_plan" });
    const page = await t.app.inject({ method: "GET", url: `/plans/${mhPlan.id}`, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain(`/decisions/${decisionId}`);
    expect(page.body).toContain("5 March 2018");
  });
});

describe("approval", () => {
  it("requires the decision that approved the plan and the date, and a submitted plan", async () => {
    const plan = await createPlan(admin, mentalHealth.id, 2019);
    const draft = await api("POST", `/api/v1/plans/${plan.id}/approve`, admin, { version: plan.version, decisionId, approvedOn: "2019-03-04" });
    expect(draft.statusCode).toBe(409);
    expect(draft.json().error.message).toMatch(/Submit the plan/);

    const submitted = (await api("POST", `/api/v1/plans/${plan.id}/submit`, admin, { version: plan.version })).json();
    expect(submitted.status).toBe("submitted");
    const missing = await api("POST", `/api/v1/plans/${plan.id}/approve`, admin, { version: submitted.version, approvedOn: "2019-03-04" });
    expect(missing.statusCode).toBe(400);
    const unknown = await api("POST", `/api/v1/plans/${plan.id}/approve`, admin, {
      version: submitted.version,
      decisionId: "0190f3c2-0000-7000-8000-000000000000",
      approvedOn: "2019-03-04",
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields.decisionId).toBe("Select the decision that approved the plan");

    const formPage = await t.app.inject({ method: "GET", url: `/plans/${plan.id}/approve`, headers: { cookie: secretary.cookie } });
    expect(formPage.statusCode).toBe(200);
    expect(formPage.body).toContain("Approved the 2018/19 workstream plans.");
    const noDecision = await t.app.inject({
      method: "POST",
      url: `/plans/${plan.id}/approve`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        decisionId: "",
        "approvedOn-day": "",
        "approvedOn-month": "",
        "approvedOn-year": "",
        version: String(submitted.version),
      }),
    });
    expect(noDecision.statusCode).toBe(422);
    expect(noDecision.body).toMatch(/<title>Error: /);
    expect(noDecision.body).toContain("Select the decision that approved the plan");
    expect(noDecision.body).toContain("Enter the date the plan was approved");

    // Contributors may submit their own workstream's plans but not approve them.
    const contributorApproves = await t.app.inject({
      method: "POST",
      url: `/plans/${plan.id}/approve`,
      headers: formHeaders(contributor),
      payload: form({
        _csrf: contributor.csrf,
        decisionId,
        "approvedOn-day": "4",
        "approvedOn-month": "3",
        "approvedOn-year": "2019",
        version: String(submitted.version),
      }),
    });
    expect(contributorApproves.statusCode).toBe(403);

    const ok = await t.app.inject({
      method: "POST",
      url: `/plans/${plan.id}/approve`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        decisionId,
        "approvedOn-day": "4",
        "approvedOn-month": "3",
        "approvedOn-year": "2019",
        version: String(submitted.version),
      }),
    });
    expect(ok.statusCode).toBe(303);
    const approved = (await api("GET", `/api/v1/plans/${plan.id}`)).json();
    expect(approved).toMatchObject({ status: "approved", approvedOn: "2019-03-04", approvedByDecisionId: decisionId });
  });

  it("returns a submitted plan to draft (the programme office only)", async () => {
    const plan = await createPlan(admin, localCare.id, 2020);
    const submitted = (await api("POST", `/api/v1/plans/${plan.id}/submit`, admin, { version: plan.version })).json();
    const byContributor = await api("POST", `/api/v1/plans/${plan.id}/return`, await t.token("contributor", "write"), { version: submitted.version });
    expect(byContributor.statusCode).toBe(403);
    const back = await api("POST", `/api/v1/plans/${plan.id}/return`, admin, { version: submitted.version });
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe("draft");
  });
});

describe("revisions", () => {
  it("revises an approved plan into a draft copy and keeps the approved version viewable", async () => {
    const plan = await createPlan(admin, mentalHealth.id, 2021);
    const line = await addLine(admin, plan.id, {
      description: "Crisis cafés (example)",
      kind: "revenue",
      months: [{ month: "2021-04-01", plannedPence: 123456, actualPence: 100000 }],
    });
    const approved = await approve(plan.id);

    // Monthly reporting goes on: actuals may change on an approved plan, planned amounts may not.
    const current = (await api("GET", `/api/v1/budget-lines/${line.id}`, admin)).json();
    const replan = await api("PUT", `/api/v1/budget-lines/${line.id}/months`, admin, {
      version: current.version,
      months: [{ month: "2021-04-01", plannedPence: 999999, actualPence: 100000 }],
    });
    expect(replan.statusCode).toBe(422);
    expect(replan.json().error.fields["months.0.plannedPence"]).toMatch(/only through a revision/);
    const actuals = await api("PUT", `/api/v1/budget-lines/${line.id}/months`, admin, {
      version: current.version,
      months: [{ month: "2021-04-01", plannedPence: 123456, actualPence: 110000, forecastPence: null }],
    });
    expect(actuals.statusCode, actuals.body).toBe(200);
    expect(actuals.json().totals).toMatchObject({ plannedPence: 123456, actualToDatePence: 110000, forecastOutturnPence: 110000, variancePence: -13456 });
    const addToApproved = await api("POST", "/api/v1/budget-lines", admin, { planId: plan.id, description: "x", kind: "revenue", fundingSource: "y" });
    expect(addToApproved.statusCode).toBe(409);

    const plan1 = (await api("GET", `/api/v1/plans/${plan.id}`, admin)).json();
    const revised = await api("POST", `/api/v1/plans/${plan.id}/revise`, admin, { version: plan1.version });
    expect(revised.statusCode, revised.body).toBe(201);
    const next = revised.json();
    expect(next).toMatchObject({ revision: 2, status: "draft", revisedFromPlanId: plan.id, financialYear: 2021 });
    expect(next.lines).toHaveLength(1);
    expect(next.lines[0].id).not.toBe(line.id);
    expect(next.lines[0].months[0]).toEqual({ month: "2021-04-01", plannedPence: 123456, actualPence: 110000, forecastPence: null });
    expect(next.revisions.map((r: { revision: number; status: string }) => [r.revision, r.status])).toEqual([
      [2, "draft"],
      [1, "revised"],
    ]);

    // The earlier version is kept, viewable by everyone, and frozen.
    const old = (await api("GET", `/api/v1/plans/${plan.id}`)).json();
    expect(old).toMatchObject({ status: "revised", revision: 1, approvedOn: "2018-03-05" });
    expect(old.totals.plannedPence).toBe(123456);
    const oldPage = await t.app.inject({ method: "GET", url: `/plans/${plan.id}` });
    expect(oldPage.statusCode).toBe(200);
    expect(oldPage.body).toContain("Revised (earlier version)");
    const frozen = await api("PUT", `/api/v1/budget-lines/${line.id}/months`, admin, { version: approved.version, months: [] });
    expect(frozen.statusCode).toBe(409);
    // The draft revision is not public.
    expect((await api("GET", `/api/v1/plans/${next.id}`)).statusCode).toBe(404);
    const insiderPage = await t.app.inject({ method: "GET", url: `/plans/${next.id}`, headers: { cookie: secretary.cookie } });
    expect(insiderPage.body).toContain(`/plans/${plan.id}`);
    expect(insiderPage.body).toContain("Revision 1");
  });
});

describe("who may see and change plans", () => {
  it("shows the public approved plans of published workstreams only; drafts are 404", async () => {
    const draft = await createPlan(admin, localCare.id, 2022);
    expect((await api("GET", `/api/v1/plans/${draft.id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/plans/${draft.id}` })).statusCode).toBe(404);
    expect((await api("GET", `/api/v1/plans/${draft.id}`, admin)).statusCode).toBe(200);

    const hiddenPlan = await createPlan(admin, hidden.id, 2018);
    await approve(hiddenPlan.id);
    expect((await api("GET", `/api/v1/plans/${hiddenPlan.id}`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/workstreams/${hidden.id}/plans` })).statusCode).toBe(404);
    const publicSummary = (await api("GET", "/api/v1/budget-summary?year=2018")).json();
    expect(publicSummary.rows.map((r: { workstreamId: string }) => r.workstreamId)).not.toContain(hidden.id);
    const insiderSummary = (await api("GET", "/api/v1/budget-summary?year=2018", admin)).json();
    expect(insiderSummary.rows.map((r: { workstreamId: string }) => r.workstreamId)).toContain(hidden.id);

    const list = (await api("GET", `/api/v1/plans?workstreamId=${localCare.id}`)).json();
    expect(list.data.map((p: { status: string }) => p.status)).not.toContain("draft");
    const page = await t.app.inject({ method: "GET", url: "/workstreams/local-care/plans" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("2018/19");
    expect(page.body).not.toContain("2022/23");
  });

  it("lets a workstream's contributor change its plans, and no other workstream's", async () => {
    const ownPage = await t.app.inject({ method: "GET", url: `/workstreams/${mentalHealth.id}/plans/new`, headers: { cookie: contributor.cookie } });
    expect(ownPage.statusCode).toBe(200);
    const created = await t.app.inject({
      method: "POST",
      url: `/workstreams/${mentalHealth.id}/plans`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, financialYear: "2023", objectives: "Reduce out-of-area placements (example)", plannedProducts: "" }),
    });
    expect(created.statusCode).toBe(303);
    const duplicate = await t.app.inject({
      method: "POST",
      url: `/workstreams/${mentalHealth.id}/plans`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, financialYear: "2023", objectives: "Again", plannedProducts: "" }),
    });
    expect(duplicate.statusCode).toBe(422);
    expect(duplicate.body).toContain("already has a plan for 2023/24");

    const other = await createPlan(admin, localCare.id, 2024);
    const otherPage = await t.app.inject({ method: "GET", url: `/plans/${other.id}/edit`, headers: { cookie: contributor.cookie } });
    expect(otherPage.statusCode).toBe(403);
    const otherNew = await t.app.inject({
      method: "POST",
      url: `/workstreams/${localCare.id}/plans`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, financialYear: "2025", objectives: "", plannedProducts: "" }),
    });
    expect(otherNew.statusCode).toBe(403);
    const unassigned = await t.token("contributor", "write");
    expect((await api("PATCH", `/api/v1/plans/${other.id}`, unassigned, { version: other.version, objectives: "Hijack" })).statusCode).toBe(403);
    expect((await api("POST", "/api/v1/plans", unassigned, { workstreamId: localCare.id, financialYear: 2026 })).statusCode).toBe(403);
    expect((await api("POST", "/api/v1/plans", await t.token("member", "write"), { workstreamId: localCare.id, financialYear: 2026 })).statusCode).toBe(403);
    expect((await api("POST", "/api/v1/plans", undefined, { workstreamId: localCare.id, financialYear: 2026 })).statusCode).toBe(401);
  });

  it("audits every change", async () => {
    const plan = await createPlan(admin, localCare.id, 2027);
    const line = await addLine(admin, plan.id, { description: "Audited line", kind: "capital", months: [{ month: "2027-04-01", plannedPence: 100 }] });
    await api("PATCH", `/api/v1/budget-lines/${line.id}`, admin, { version: line.version, fundingSource: "Capital fund" });
    await api("DELETE", `/api/v1/budget-lines/${line.id}?version=2`, admin);
    const events = await t.database.db
      .select({ recordType: auditEvents.recordType, action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.partnershipId, pid), eq(auditEvents.recordId, line.id)));
    expect(events.map((e) => e.action).sort()).toEqual(["create", "delete", "update"]);
  });
});

describe("monthly figures", () => {
  it("explains each figure it cannot read, by month, and keeps what was typed", async () => {
    const plan = await createPlan(admin, mentalHealth.id, 2028);
    const line = await addLine(admin, plan.id, { description: "Talking therapies (example)", kind: "revenue", months: [] });
    const page = await t.app.inject({ method: "GET", url: `/budget-lines/${line.id}/months`, headers: { cookie: contributor.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("April 2028");
    expect(page.body).toContain("March 2029");

    const bad = await t.app.inject({
      method: "POST",
      url: `/budget-lines/${line.id}/months`,
      headers: formHeaders(contributor),
      payload: form({
        _csrf: contributor.csrf,
        version: String(line.version),
        "planned-2028-04": "1,234.56",
        "actual-2028-04": "twelve pounds",
        "forecast-2028-05": "1.234",
      }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("There is a problem");
    expect(bad.body).toContain(html("Enter April's actual as an amount in pounds, like 1,250.00"));
    expect(bad.body).toContain(html("Enter May's forecast as an amount in pounds, like 1,250.00"));
    expect(bad.body).toContain('href="#actual-2028-04"');
    expect(bad.body).toContain('value="twelve pounds"');
    expect(bad.body).toContain('value="1,234.56"');

    const good = await t.app.inject({
      method: "POST",
      url: `/budget-lines/${line.id}/months`,
      headers: formHeaders(contributor),
      payload: form({
        _csrf: contributor.csrf,
        version: String(line.version),
        "planned-2028-04": "£1,234.56",
        "planned-2028-05": "80,000,000.01",
        "actual-2028-04": "(250.00)",
        "forecast-2028-05": "1250",
      }),
    });
    expect(good.statusCode, good.body).toBe(303);
    const stored = (await api("GET", `/api/v1/budget-lines/${line.id}`, admin)).json();
    expect(stored.months[0]).toEqual({ month: "2028-04-01", plannedPence: 123456, actualPence: -25000, forecastPence: null });
    expect(stored.months[1]).toEqual({ month: "2028-05-01", plannedPence: 8000000001, actualPence: null, forecastPence: 125000 });
    expect(stored.months[2]).toEqual({ month: "2028-06-01", plannedPence: 0, actualPence: null, forecastPence: null });
    expect(stored.totals).toEqual({
      plannedPence: 8000123457,
      actualToDatePence: -25000,
      forecastOutturnPence: -25000 + 125000,
      variancePence: 100000 - 8000123457,
    });

    // A stale form: 409, what was typed kept, nothing written.
    const stale = await t.app.inject({
      method: "POST",
      url: `/budget-lines/${line.id}/months`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, version: String(line.version), "planned-2028-04": "7.77" }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Someone else changed these figures");
    expect(stale.body).toContain('value="7.77"');
    expect((await api("GET", `/api/v1/budget-lines/${line.id}`, admin)).json().months[0].plannedPence).toBe(123456);
  });
});

describe("concurrent edits", () => {
  it("refuses a stale write with 409 and keeps the newer data", async () => {
    const plan = await createPlan(admin, localCare.id, 2029);
    const first = await api("PATCH", `/api/v1/plans/${plan.id}`, admin, { version: plan.version, objectives: "First edit" });
    expect(first.statusCode).toBe(200);
    const second = await api("PATCH", `/api/v1/plans/${plan.id}`, admin, { version: plan.version, objectives: "Second, stale edit" });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.current).toMatchObject({ objectives: "First edit", version: plan.version + 1 });
    expect((await api("GET", `/api/v1/plans/${plan.id}`, admin)).json().objectives).toBe("First edit");

    const page = await t.app.inject({
      method: "POST",
      url: `/plans/${plan.id}`,
      headers: formHeaders(secretary),
      payload: form({ _csrf: secretary.csrf, objectives: "Typed on a stale page", plannedProducts: "", version: String(plan.version) }),
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("Someone else changed this plan while you were editing it");
    expect(page.body).toContain("Typed on a stale page");
    expect((await api("GET", `/api/v1/plans/${plan.id}`, admin)).json().objectives).toBe("First edit");
  });
});
