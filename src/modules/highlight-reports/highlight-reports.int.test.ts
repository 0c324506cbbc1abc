import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  addWorkstreamContributor,
  createBudgetLine,
  createHighlightReport,
  createMilestone,
  createPlan,
  createProduct,
  createRisk,
  createUser,
  createWorkstream,
} from "../../../tests/factories/index.ts";
import { accountsService } from "../accounts/accounts.service.ts";
import type { Role } from "../accounts/accounts.tables.ts";
import { buildServices } from "../../app.ts";
import type { RequestContext } from "../../platform/http/context.ts";

let t: TestApp;
let pid: string;
let ws: { id: string; slug: string; name: string };
let hidden: { id: string };
let secretary: Session;
let lead: Session;
let otherLead: Session;
let viewer: Session;
let managerToken: string;
let leadToken: string;

const json = (token?: string) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });

async function tokenFor(role: Role, assignTo?: string) {
  const user = await createUser(t.database.db, pid, role);
  if (assignTo) await addWorkstreamContributor(t.database.db, pid, { workstreamId: assignTo, userId: user.id });
  return accountsService({ db: t.database.db }).createTokenFor({ partnershipId: pid, userId: user.id, name: "test", scope: "write" });
}

const page = (url: string, session?: Session) => t.app.inject({ method: "GET", url, headers: session ? { cookie: session.cookie } : {} });
const post = (url: string, session: Session, fields: Record<string, string>) =>
  t.app.inject({ method: "POST", url, headers: formHeaders(session), payload: form({ _csrf: session.csrf, ...fields }) });
const api = (method: "GET" | "POST" | "PATCH", url: string, token?: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url, headers: json(token), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  ws = await createWorkstream(db, pid, { name: "Mental health", slug: "mental-health", published: true });
  hidden = await createWorkstream(db, pid, { name: "Unpublished digital workstream", published: false });
  secretary = await t.signIn("secretary");
  viewer = await t.signIn("viewer");
  lead = await t.signIn("contributor");
  await addWorkstreamContributor(db, pid, { workstreamId: ws.id, userId: lead.userId });
  otherLead = await t.signIn("contributor");
  await addWorkstreamContributor(db, pid, { workstreamId: hidden.id, userId: otherLead.userId });
  managerToken = await tokenFor("admin");
  leadToken = await tokenFor("contributor", ws.id);
});
afterAll(async () => {
  await t.close();
});

/** The live data of March 2018 for the mental-health workstream. */
async function marchMilestones(workstreamId: string) {
  const db = t.database.db;
  await createMilestone(db, pid, { workstreamId, title: "Estates workbook signed off", baselineOn: "2018-02-28", actualOn: "2018-03-09", status: "complete" });
  await createMilestone(db, pid, { workstreamId, title: "Crisis café pilot opens", baselineOn: "2018-03-20", status: "on_track" });
  await createMilestone(db, pid, { workstreamId, title: "Recovery college launch", baselineOn: "2018-01-15", forecastOn: "2018-04-30", status: "late" });
  await createMilestone(db, pid, { workstreamId, title: "Peer support network", baselineOn: "2018-04-10" });
  await createProduct(db, pid, { workstreamId, title: "Better Together conference, Maidstone", status: "delivered", deliveredOn: "2018-03-13" });
}

describe("drafting from live data", () => {
  it("drafts achievements, next period, milestones due and the schedule rating from milestones and products (page)", async () => {
    const w = await createWorkstream(t.database.db, pid, { name: "Live data workstream", published: true });
    await addWorkstreamContributor(t.database.db, pid, { workstreamId: w.id, userId: lead.userId });
    await marchMilestones(w.id);

    const form = await page(`/workstreams/${w.id}/highlight-reports/new`, lead);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Draft a highlight report");

    const res = await post(`/workstreams/${w.id}/highlight-reports`, lead, { month: "2018-03" });
    expect(res.statusCode).toBe(303);
    const id = (res.headers.location as string).split("/").pop()!;

    const body = (await api("GET", `/api/v1/highlight-reports/${id}`, managerToken)).json();
    expect(body).toMatchObject({ month: "2018-03-01", status: "draft", workstream: { id: w.id } });
    expect(body.achievements).toBe(
      "- Milestone completed on 9 March 2018: Estates workbook signed off\n- Product delivered on 13 March 2018: Better Together conference, Maidstone",
    );
    expect(body.nextPeriod).toBe("- Peer support network: due 10 April 2018");
    // Judged at the end of March: the café pilot (20 March) is 11 days late; the college 105 days (slipped to 30 April).
    expect(body.milestonesDue).toBe(
      "- Recovery college launch: late by 105 days (baseline 15 January 2018, forecast 30 April 2018)\n- Crisis café pilot opens: late by 11 days (baseline 20 March 2018)",
    );
    expect(body.schedule).toEqual({
      rag: "red",
      reason: "1 milestone is more than 30 days late: Recovery college launch (105 days late). Also late: Crisis café pilot opens (11 days late).",
    });
    // No plan for 2017/18: finance is left for the lead to rate. No open risks: green.
    expect(body.finance).toEqual({ rag: null, reason: null });
    expect(body.risk).toEqual({ rag: "green", reason: "No open risks." });
    expect(body.overall).toEqual({
      rag: "red",
      reason: "The worst of schedule red and risk green: schedule is red. Finance is not rated: there is no current plan for the year.",
    });

    const shown = await page(`/highlight-reports/${id}`, lead);
    expect(shown.body).toContain("How Quorum suggested these");
    expect(shown.body).toContain("Better Together conference, Maidstone");
    expect(shown.body).toContain("Submit for review");
  });

  it("rates finance from the current plan's forecast outturn and risk from the highest open band, with exact figures (service)", async () => {
    const db = t.database.db;
    const service = buildServices(t.config, t.database).highlightReports;
    const w = await createWorkstream(db, pid, { name: "Finance and risk workstream", published: true });
    await marchMilestones(w.id);
    // 2017/18 plan: £100,000.00 planned; March actual £4,000.00 over, so outturn £104,000.00 (4.0% over: amber).
    const plan = await createPlan(db, pid, { workstreamId: w.id, financialYear: 2017, status: "approved", approvedOn: "2017-04-01" });
    await createBudgetLine(
      db,
      pid,
      { planId: plan.id },
      { "2017-04-01": { plannedPence: 6_000_000, actualPence: 6_000_000 }, "2018-03-01": { plannedPence: 4_000_000, actualPence: 4_400_000 } },
    );
    await createRisk(db, pid, { workstreamId: w.id, reference: 901, title: "Workforce shortage", currentLikelihood: 3, currentConsequence: 4 });
    await createRisk(db, pid, {
      workstreamId: w.id,
      reference: 902,
      title: "Closed extreme risk",
      currentLikelihood: 5,
      currentConsequence: 5,
      status: "closed",
    });
    const ctx: RequestContext = {
      partnership: t.partnership,
      principal: { kind: "user", userId: lead.userId, name: "Lead", email: "lead@example.org", role: "admin", via: "session", scope: "write" },
      requestId: "test",
    };
    const r = await service.draft(ctx, w.id, "2018-03-01");
    expect({ rag: r.financeRag, reason: r.financeReason }).toEqual({
      rag: "amber",
      reason: "Forecast outturn for 2017/18 is £104,000.00 against £100,000.00 planned: £4,000.00 (4.0%) over plan, more than 2% but within 5%.",
    });
    expect({ rag: r.riskRag, reason: r.riskReason }).toEqual({
      rag: "amber",
      reason: "Open risks in the high band (score 8 to 14): R901 Workforce shortage (score 12).",
    });
    expect({ rag: r.overallRag, reason: r.overallReason }).toEqual({
      rag: "red",
      reason: "The worst of schedule red, finance amber and risk amber: schedule is red.",
    });
  });

  it("drafts one report per workstream and month (409), and not for a month after next", async () => {
    const again = await post(`/workstreams/${ws.id}/highlight-reports`, lead, { month: "2017-06" });
    expect(again.statusCode).toBe(303);
    const dup = await post(`/workstreams/${ws.id}/highlight-reports`, lead, { month: "2017-06" });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain("Error: Draft a highlight report");
    expect(dup.body).toContain("There is already a highlight report for June 2017");

    const viaApi = await api("POST", "/api/v1/highlight-reports", leadToken, { workstreamId: ws.id, month: "2017-06" });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json().error.fields.month).toBe("There is already a highlight report for June 2017");

    const future = await api("POST", "/api/v1/highlight-reports", leadToken, { workstreamId: ws.id, month: "2099-01" });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.fields.month).toBe("The month must be no later than next month");

    const blank = await post(`/workstreams/${ws.id}/highlight-reports`, lead, { month: "" });
    expect(blank.statusCode).toBe(422);
    expect(blank.body).toContain("Select the month to report on");
  });
});

describe("ratings and reasons", () => {
  it("needs a reason for amber and red, with a clear message, on the page and the API", async () => {
    const r = await createHighlightReport(t.database.db, pid, { workstreamId: ws.id, month: "2017-07-01" });
    const res = await post(`/highlight-reports/${r.id}`, lead, {
      version: "1",
      overallRag: "amber",
      overallReason: "",
      scheduleRag: "red",
      scheduleReason: "  ",
      financeRag: "green",
      riskRag: "green",
      escalations: "Typed escalation kept",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("<title>Error: Edit highlight report, July 2017");
    expect(res.body).toContain("Enter why the overall rating is amber");
    expect(res.body).toContain("Enter why the schedule rating is red");
    expect(res.body).toContain("Typed escalation kept");

    const patch = await api("PATCH", `/api/v1/highlight-reports/${r.id}`, leadToken, { version: 1, riskRag: "red" });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().error.fields).toEqual({ riskReason: "Enter why the risk rating is red" });

    const ok = await api("PATCH", `/api/v1/highlight-reports/${r.id}`, leadToken, { version: 1, riskRag: "red", riskReason: "Extreme workforce risk" });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ risk: { rag: "red", reason: "Extreme workforce risk" }, version: 2 });
  });

  it("will not submit without all four ratings", async () => {
    const r = await createHighlightReport(t.database.db, pid, { workstreamId: ws.id, month: "2017-08-01", overallRag: "green", scheduleRag: "green" });
    const res = await api("POST", `/api/v1/highlight-reports/${r.id}/submit`, leadToken, { version: 1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual({
      financeRag: "Rate finance red, amber or green before submitting",
      riskRag: "Rate risk red, amber or green before submitting",
    });
    const pageRes = await post(`/highlight-reports/${r.id}/submit`, lead, { version: "1" });
    expect(pageRes.statusCode).toBe(422);
    expect(pageRes.body).toContain("Rate finance red, amber or green before submitting");
  });
});

describe("workflow", () => {
  const rated = {
    overallRag: "amber" as const,
    overallReason: "Schedule slipping",
    scheduleRag: "amber" as const,
    scheduleReason: "Two weeks late",
    financeRag: "green" as const,
    riskRag: "green" as const,
  };

  it("goes draft → submitted → returned → resubmitted → reviewed, each step by whom it belongs to", async () => {
    const r = await createHighlightReport(t.database.db, pid, { workstreamId: ws.id, month: "2017-09-01", ...rated });

    // Only the programme office reviews; only the workstream's leads (and the office) submit.
    expect((await post(`/highlight-reports/${r.id}/submit`, viewer, { version: "1" })).statusCode).toBe(403);
    expect((await post(`/highlight-reports/${r.id}/submit`, otherLead, { version: "1" })).statusCode).toBe(403);
    expect((await post(`/highlight-reports/${r.id}/review`, lead, { version: "1" })).statusCode).toBe(403);
    // Not yet submitted: nothing to review.
    expect((await api("POST", `/api/v1/highlight-reports/${r.id}/review`, managerToken, { version: 1 })).statusCode).toBe(409);

    const submitted = await post(`/highlight-reports/${r.id}/submit`, lead, { version: "1" });
    expect(submitted.statusCode).toBe(303);
    let now = (await api("GET", `/api/v1/highlight-reports/${r.id}`, managerToken)).json();
    expect(now).toMatchObject({ status: "submitted", version: 2 });
    expect(now.submittedByName).toBeTruthy();

    // Submitted reports are no longer edited.
    expect((await api("PATCH", `/api/v1/highlight-reports/${r.id}`, leadToken, { version: 2, escalations: "Late change" })).statusCode).toBe(409);
    const editPage = await page(`/highlight-reports/${r.id}/edit`, lead);
    expect(editPage.statusCode).toBe(303);

    // Returned with a note; the note is required.
    const noNote = await post(`/highlight-reports/${r.id}/return`, secretary, { version: "2", returnNote: "" });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.body).toContain("Enter what the lead should change before resubmitting");
    expect((await post(`/highlight-reports/${r.id}/return`, secretary, { version: "2", returnNote: "Add the escalation about estates" })).statusCode).toBe(303);
    const returned = await page(`/highlight-reports/${r.id}`, lead);
    expect(returned.body).toContain("Add the escalation about estates");
    expect(returned.body).toContain("Resubmit for review");

    // The lead edits and resubmits.
    const edit = await post(`/highlight-reports/${r.id}`, lead, {
      version: "3",
      ...rated,
      achievements: "- Crisis café opened",
      nextPeriod: "",
      milestonesDue: "",
      escalations: "The board is asked to note the estates delay.",
    });
    expect(edit.statusCode).toBe(303);
    expect((await api("POST", `/api/v1/highlight-reports/${r.id}/submit`, leadToken, { version: 4 })).statusCode).toBe(200);

    const reviewed = await post(`/highlight-reports/${r.id}/review`, secretary, { version: "5", note: "Thank you" });
    expect(reviewed.statusCode).toBe(303);
    now = (await api("GET", `/api/v1/highlight-reports/${r.id}`, managerToken)).json();
    expect(now).toMatchObject({ status: "reviewed", reviewNote: "Thank you", escalations: "The board is asked to note the estates delay.", version: 6 });

    // The public now reads it, without the office's note or names.
    const open = (await api("GET", `/api/v1/highlight-reports/${r.id}`)).json();
    expect(open).toMatchObject({ status: "reviewed", reviewNote: null, reviewedByName: null, submittedByName: null });

    const history = await page(`/highlight-reports/${r.id}`, secretary);
    expect(history.body).toContain("Returned to the lead");
    expect(history.body).toContain("Submitted for review");
  });

  it("refuses a stale write with 409 and keeps the newer report intact", async () => {
    const r = await createHighlightReport(t.database.db, pid, { workstreamId: ws.id, month: "2017-10-01", ...rated });
    expect((await api("PATCH", `/api/v1/highlight-reports/${r.id}`, leadToken, { version: 1, escalations: "First" })).statusCode).toBe(200);

    const stale = await api("PATCH", `/api/v1/highlight-reports/${r.id}`, managerToken, { version: 1, escalations: "Second" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current).toMatchObject({ escalations: "First", version: 2 });

    const stalePage = await post(`/highlight-reports/${r.id}`, lead, {
      version: "1",
      ...rated,
      achievements: "",
      nextPeriod: "",
      milestonesDue: "",
      escalations: "Typed on a stale page",
    });
    expect(stalePage.statusCode).toBe(409);
    expect(stalePage.body).toContain("Someone else saved this report first");
    expect(stalePage.body).toContain("Typed on a stale page");
    expect(stalePage.body).toContain('name="version" value="2"');

    const staleSubmit = await post(`/highlight-reports/${r.id}/submit`, lead, { version: "1" });
    expect(staleSubmit.statusCode).toBe(409);
    expect(staleSubmit.body).toContain("Someone else changed this report first");

    const after = (await api("GET", `/api/v1/highlight-reports/${r.id}`, managerToken)).json();
    expect(after).toMatchObject({ escalations: "First", status: "draft", version: 2 });
  });

  it("lets a contributor draft and edit only the workstreams they are assigned to", async () => {
    expect((await post(`/workstreams/${ws.id}/highlight-reports`, otherLead, { month: "2017-11" })).statusCode).toBe(403);
    expect((await page(`/workstreams/${ws.id}/highlight-reports/new`, otherLead)).statusCode).toBe(403);
    expect((await post(`/workstreams/${ws.id}/highlight-reports`, viewer, { month: "2017-11" })).statusCode).toBe(403);
    const r = await createHighlightReport(t.database.db, pid, { workstreamId: ws.id, month: "2017-11-01" });
    expect((await page(`/highlight-reports/${r.id}/edit`, otherLead)).statusCode).toBe(403);
    expect((await page(`/highlight-reports/${r.id}/edit`, lead)).statusCode).toBe(200);
    expect((await page(`/highlight-reports/${r.id}`, otherLead)).body).not.toContain("Submit for review");
  });
});

describe("visibility and RAG history", () => {
  it("shows the public only reviewed reports of published workstreams; others are 404", async () => {
    const db = t.database.db;
    const reviewed = await createHighlightReport(db, pid, {
      workstreamId: ws.id,
      month: "2018-01-01",
      status: "reviewed",
      ...rated(),
      reviewNote: "Internal note",
    });
    const draft = await createHighlightReport(db, pid, { workstreamId: ws.id, month: "2018-02-01", overallReason: "Draft reason not yet public" });
    const ofHidden = await createHighlightReport(db, pid, { workstreamId: hidden.id, month: "2018-01-01", status: "reviewed", ...rated() });

    expect((await page(`/highlight-reports/${reviewed.id}`)).statusCode).toBe(200);
    expect((await page(`/highlight-reports/${reviewed.id}`)).body).not.toContain("Internal note");
    expect((await page(`/highlight-reports/${draft.id}`)).statusCode).toBe(404);
    expect((await page(`/highlight-reports/${ofHidden.id}`)).statusCode).toBe(404);
    expect((await api("GET", `/api/v1/highlight-reports/${draft.id}`)).statusCode).toBe(404);
    expect((await page(`/workstreams/${hidden.id}/highlight-reports`)).statusCode).toBe(404);
    expect((await page(`/highlight-reports/${draft.id}`, viewer)).statusCode).toBe(200);

    const list = (await api("GET", `/api/v1/highlight-reports?workstreamId=${ws.id}`)).json();
    expect(list.data.every((r: { status: string }) => r.status === "reviewed")).toBe(true);
    expect(list.data.map((r: { id: string }) => r.id)).toContain(reviewed.id);
    const all = (await api("GET", `/api/v1/highlight-reports?status=reviewed`)).json();
    expect(all.data.map((r: { id: string }) => r.id)).not.toContain(ofHidden.id);

    const history = await page(`/workstreams/${ws.id}/highlight-reports`);
    expect(history.body).not.toContain("Draft reason not yet public");
    expect(history.body).not.toContain("Draft a report");
    expect((await page("/highlight-reports")).statusCode).toBe(401);
  });

  it("lists the RAG history newest month first, with an accessible timeline oldest first", async () => {
    const db = t.database.db;
    const w = await createWorkstream(db, pid, { name: "History workstream", slug: "history-workstream", published: true });
    await createHighlightReport(db, pid, { workstreamId: w.id, month: "2018-02-01", status: "reviewed", ...rated("amber") });
    await createHighlightReport(db, pid, { workstreamId: w.id, month: "2017-12-01", status: "reviewed", ...rated("green") });
    await createHighlightReport(db, pid, { workstreamId: w.id, month: "2018-01-01", status: "reviewed", ...rated("red") });

    const res = await page(`/workstreams/history-workstream/highlight-reports`);
    expect(res.statusCode).toBe(200);
    const table = res.body.slice(res.body.indexOf("<table"));
    const order = ["February 2018", "January 2018", "December 2017"].map((m) => table.indexOf(m));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(res.body).toContain('role="img"');
    expect(res.body).toContain("RAG ratings of History workstream, December 2017 to February 2018");
    expect(res.body).toContain("Overall rating by month: December 2017: Green; January 2018: Red; February 2018: Amber.");

    const latest = await buildServices(t.config, t.database).highlightReports.latestFor(
      { partnership: t.partnership, principal: { kind: "anonymous" }, requestId: "test" },
      [w.id],
    );
    expect(latest.get(w.id)?.month).toBe("2018-02-01");
  });

  it("shows the programme office this month's status per workstream", async () => {
    const db = t.database.db;
    const a = await createWorkstream(db, pid, { name: "Overview A", position: -2 });
    const b = await createWorkstream(db, pid, { name: "Overview B", position: -1 });
    await createHighlightReport(db, pid, { workstreamId: b.id, month: "2016-05-01", status: "submitted", ...rated() });
    const res = await page("/highlight-reports?month=2016-05", secretary);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Highlight reports, May 2016");
    const rowA = res.body.slice(res.body.indexOf("Overview A"), res.body.indexOf("Overview B"));
    expect(rowA).toContain("Not started");
    expect(rowA).toContain(`/workstreams/${a.id}/highlight-reports/new?month=2016-05`);
    expect(res.body.slice(res.body.indexOf("Overview B"))).toContain("Submitted");
  });
});

function rated(rag: "red" | "amber" | "green" = "green") {
  const reason = rag === "green" ? null : `Because ${rag}`;
  return {
    overallRag: rag,
    overallReason: reason,
    scheduleRag: rag,
    scheduleReason: reason,
    financeRag: "green" as const,
    riskRag: "green" as const,
  };
}
