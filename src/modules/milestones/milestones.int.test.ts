import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  addWorkstreamContributor,
  createAgendaItem,
  createBody,
  createDecision,
  createMeeting,
  createMilestone,
  createProduct,
  createUser,
  createWorkstream,
} from "../../../tests/factories/index.ts";
import { ANONYMOUS, type Principal } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { ValidationFailed } from "../../platform/http/errors.ts";
import { accountsService } from "../accounts/accounts.service.ts";
import { decisionsService } from "../decisions/decisions.service.ts";
import { forwardPlanService } from "../forward-plan/forward-plan.service.ts";
import { meetingsService } from "../meetings/meetings.service.ts";
import { decisionEffectsWhere } from "../portfolio/decision-effects.ts";
import { milestonesService } from "./milestones.service.ts";

let t: TestApp;
const TODAY = "2018-05-15";
let service: ReturnType<typeof milestonesService>;
let anon: RequestContext;
let insider: RequestContext;
let admin: RequestContext;

let wsA: string;
let wsB: string;
let bodyId: string;
let decisionId: string;
const m: Record<string, string> = {};
const p: Record<string, string> = {};
let adminSession: Session;
let viewerSession: Session;
let contributorA: Session;
let contributorB: Session;
let tokenA: string;
let tokenB: string;
let memberToken: string;
let readTokenA: string;

const ctxOf = (principal: Principal): RequestContext => ({ partnership: t.partnership, principal, requestId: "test" });
const user = (role: "admin" | "viewer" | "member", scope: "read" | "write" = "write"): Principal => ({
  kind: "user",
  userId: "00000000-0000-4000-8000-000000000000",
  name: `Test ${role}`,
  email: `${role}@example.org`,
  role,
  via: "session",
  scope,
});
const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });
const dateFields = (name: string, iso: string) => {
  const [y, mo, d] = iso.split("-");
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(mo)), [`${name}-year`]: y! };
};

async function tokenFor(role: "contributor" | "member", scope: "read" | "write", workstreamId?: string) {
  const u = await createUser(t.database.db, t.partnership.id, role);
  if (workstreamId) await addWorkstreamContributor(t.database.db, t.partnership.id, { workstreamId, userId: u.id });
  return accountsService({ db: t.database.db }).createTokenFor({ partnershipId: t.partnership.id, userId: u.id, name: "test", scope });
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const pid = t.partnership.id;
  const meetings = meetingsService({ db });
  service = milestonesService({ db, decisions: decisionsService({ db, forwardPlan: forwardPlanService({ db, meetings }) }), today: () => TODAY });
  anon = ctxOf(ANONYMOUS);
  insider = ctxOf(user("viewer", "read"));
  admin = ctxOf(user("admin"));

  bodyId = (await createBody(db, pid, { name: "Milestones test programme board" })).id;
  const meeting = await createMeeting(db, pid, { bodyId, status: "held", agendaPublishedAt: new Date("2018-02-20T10:00:00Z") });
  const item = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Mental health workstream update" });
  decisionId = (
    await createDecision(db, pid, { bodyId, meetingId: meeting.id, agendaItemId: item.id, text: "The board agreed to move the crisis café opening to June." })
  ).id;

  wsA = (await createWorkstream(db, pid, { name: "Mental health", published: true, overseeingBodyId: bodyId })).id;
  wsB = (await createWorkstream(db, pid, { name: "Unpublished estates workstream", published: false })).id;

  const ms = async (key: string, values: Parameters<typeof createMilestone>[2]) => {
    m[key] = (await createMilestone(db, pid, values)).id;
  };
  await ms("a1", { workstreamId: wsA, title: "Crisis café opens", baselineOn: "2018-05-31", forecastOn: "2018-06-30", status: "on_track" });
  await ms("a2", { workstreamId: wsA, title: "Workbook drafted", baselineOn: "2018-06-10", status: "not_started" });
  await ms("a3", { workstreamId: wsA, title: "Peer support recruited", baselineOn: "2018-04-30", status: "on_track" });
  await ms("a4", { workstreamId: wsA, title: "Conference held", baselineOn: "2018-03-31", actualOn: "2018-04-02", status: "complete" });
  await ms("a5", { workstreamId: wsA, title: "Service model agreed", baselineOn: "2018-07-31", forecastOn: "2018-08-31", status: "late" });
  await ms("b1", { workstreamId: wsB, title: "Estates workbook returned", baselineOn: "2018-05-20", status: "not_started" });

  p.delivered = (
    await createProduct(db, pid, {
      workstreamId: wsA,
      title: "Better Together conference",
      status: "delivered",
      deliveredOn: "2018-03-13",
      evidenceUrl: "https://example.org/better-together",
    })
  ).id;
  p.planned = (await createProduct(db, pid, { workstreamId: wsA, title: "Secret planned toolkit", plannedOn: "2018-09-30" })).id;

  adminSession = await t.signIn("admin");
  viewerSession = await t.signIn("viewer");
  contributorA = await t.signIn("contributor");
  contributorB = await t.signIn("contributor");
  await addWorkstreamContributor(db, pid, { workstreamId: wsA, userId: contributorA.userId });
  await addWorkstreamContributor(db, pid, { workstreamId: wsB, userId: contributorB.userId });
  tokenA = await tokenFor("contributor", "write", wsA);
  tokenB = await tokenFor("contributor", "write", wsB);
  readTokenA = await tokenFor("contributor", "read", wsA);
  memberToken = await tokenFor("member", "write");
});

afterAll(async () => {
  await t.close();
});

const titles = (rows: { title: string }[]) => rows.map((r) => r.title);

describe("slippage and the due and late queries (today fixed at 15 May 2018)", () => {
  it("gives each milestone its slippage in whole days", async () => {
    const rows = await service.listForWorkstream(insider, wsA);
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r.slippageDays]));
    expect(byTitle).toEqual({
      "Crisis café opens": 30,
      "Workbook drafted": 0,
      "Peer support recruited": 0,
      "Conference held": 2,
      "Service model agreed": 31,
    });
    // Baseline order.
    expect(titles(rows)).toEqual(["Conference held", "Peer support recruited", "Crisis café opens", "Workbook drafted", "Service model agreed"]);
  });

  it("lists milestones due in a window by forecast, else baseline, and not complete", async () => {
    const in30 = await service.due(insider, { from: TODAY, to: "2018-06-14" });
    expect(titles(in30)).toEqual(["Estates workbook returned", "Workbook drafted"]);
    const in60 = await service.due(insider, { from: TODAY, to: "2018-07-14" });
    expect(titles(in60)).toEqual(["Estates workbook returned", "Workbook drafted", "Crisis café opens"]);
    const onlyA = await service.due(insider, { from: TODAY, to: "2018-06-14", workstreamIds: [wsA] });
    expect(titles(onlyA)).toEqual(["Workbook drafted"]);
    // The public sees nothing of an unpublished workstream.
    expect(titles(await service.due(anon, { from: TODAY, to: "2018-06-14" }))).toEqual(["Workbook drafted"]);
  });

  it("lists late milestones: marked late, or not complete and past their date", async () => {
    const late = await service.late(insider, { asOf: TODAY });
    expect(titles(late)).toEqual(["Peer support recruited", "Service model agreed"]);
    const later = await service.late(insider, { asOf: "2018-06-01" });
    expect(titles(later)).toEqual(["Peer support recruited", "Estates workbook returned", "Service model agreed"]);
    expect(titles(await service.late(anon, { asOf: "2018-06-01" }))).toEqual(["Peer support recruited", "Service model agreed"]);
  });

  it("reports what was achieved and delivered by a date, for deep dives", async () => {
    expect(titles(await service.achievedBy(anon, wsA, "2018-04-01"))).toEqual([]);
    expect(titles(await service.achievedBy(anon, wsA, "2018-04-02"))).toEqual(["Conference held"]);
    expect(titles(await service.productsDeliveredBy(anon, wsA, "2018-03-12"))).toEqual([]);
    expect(titles(await service.productsDeliveredBy(anon, wsA, "2018-03-13"))).toEqual(["Better Together conference"]);
    expect(await service.achievedBy(anon, wsB, "2019-01-01")).toEqual([]);
  });

  it("shows the public delivered products of published workstreams only", async () => {
    expect(titles(await service.productsForWorkstream(anon, wsA))).toEqual(["Better Together conference"]);
    expect(titles(await service.productsForWorkstream(insider, wsA)).sort()).toEqual(["Better Together conference", "Secret planned toolkit"]);
    expect(await service.listForWorkstream(anon, wsB)).toEqual([]);
    expect(await service.listForExport(anon, wsB)).toEqual([]);
  });
});

describe("visibility of pages and the API", () => {
  it("shows the public a published workstream's milestones with slippage, and delivered products only", async () => {
    const res = await t.app.inject({ method: "GET", url: `/workstreams/${wsA}/milestones` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Crisis café opens");
    expect(res.body).toContain("30 days late");
    expect(res.body).toContain("2 days late");
    expect(res.body).toContain("On time");
    expect(res.body).toContain("Better Together conference");
    expect(res.body).toContain("https://example.org/better-together");
    expect(res.body).not.toContain("Secret planned toolkit");
    expect(res.body).not.toContain("Add a milestone");
  });

  it("answers 404 to the public for an unpublished workstream, its milestones and planned products", async () => {
    for (const url of [
      `/workstreams/${wsB}/milestones`,
      `/milestones/${m.b1}`,
      `/products/${p.planned}`,
      `/api/v1/milestones/${m.b1}`,
      `/api/v1/products/${p.planned}`,
    ]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
    }
    const viewer = await t.app.inject({ method: "GET", url: `/products/${p.planned}`, headers: { cookie: viewerSession.cookie } });
    expect(viewer.statusCode).toBe(200);
  });

  it("keeps unpublished milestones out of the public portfolio view and API lists", async () => {
    const page = await t.app.inject({ method: "GET", url: "/milestones" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Peer support recruited");
    expect(page.body).not.toContain("Estates workbook returned");
    expect(page.body).not.toContain("Unpublished estates workstream");
    const insiderPage = await t.app.inject({ method: "GET", url: "/milestones?within=30", headers: { cookie: viewerSession.cookie } });
    expect(insiderPage.body).toContain("Estates workbook returned");

    const api = await t.app.inject({ method: "GET", url: "/api/v1/milestones?limit=100" });
    const body = api.json<{ data: { title: string }[] }>();
    expect(titles(body.data)).not.toContain("Estates workbook returned");
    expect(titles(body.data)).toContain("Crisis café opens");
    const products = await t.app.inject({ method: "GET", url: `/api/v1/products?workstreamId=${wsA}` });
    expect(titles(products.json<{ data: { title: string }[] }>().data)).toEqual(["Better Together conference"]);
  });

  it("gives the API's milestone its slippage and filters by due range", async () => {
    const one = await t.app.inject({ method: "GET", url: `/api/v1/milestones/${m.a1}` });
    expect(one.json()).toMatchObject({ title: "Crisis café opens", baselineOn: "2018-05-31", forecastOn: "2018-06-30", slippageDays: 30, status: "on_track" });
    const ranged = await t.app.inject({ method: "GET", url: `/api/v1/milestones?workstreamId=${wsA}&dueFrom=2018-06-01&dueTo=2018-06-30` });
    expect(titles(ranged.json<{ data: { title: string }[] }>().data)).toEqual(["Workbook drafted", "Crisis café opens"]);
  });
});

describe("who may change milestones and products", () => {
  it("lets a contributor change only the workstreams they are assigned to", async () => {
    const body = JSON.stringify({ workstreamId: wsA, title: "Contributor milestone", baselineOn: "2018-09-30" });
    const other = await t.app.inject({ method: "POST", url: "/api/v1/milestones", headers: json(tokenB), payload: body });
    expect(other.statusCode).toBe(403);
    const own = await t.app.inject({ method: "POST", url: "/api/v1/milestones", headers: json(tokenA), payload: body });
    expect(own.statusCode).toBe(201);
    expect(own.json()).toMatchObject({ title: "Contributor milestone", slippageDays: 0, status: "not_started" });

    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/milestones/${m.a2}`,
      headers: json(tokenB),
      payload: JSON.stringify({ version: 1, title: "Hijacked" }),
    });
    expect(patch.statusCode).toBe(403);
    const read = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/milestones/${m.a2}`,
      headers: json(readTokenA),
      payload: JSON.stringify({ version: 1, title: "Read" }),
    });
    expect(read.statusCode).toBe(403);
    const member = await t.app.inject({ method: "POST", url: "/api/v1/milestones", headers: json(memberToken), payload: body });
    expect(member.statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: "POST", url: "/api/v1/milestones", headers: { "content-type": "application/json" }, payload: body });
    expect(anonymous.statusCode).toBe(401);

    const pageOther = await t.app.inject({ method: "GET", url: `/milestones/${m.a2}/edit`, headers: { cookie: contributorB.cookie } });
    expect(pageOther.statusCode).toBe(403);
    const pageOwn = await t.app.inject({ method: "GET", url: `/milestones/${m.a2}/edit`, headers: { cookie: contributorA.cookie } });
    expect(pageOwn.statusCode).toBe(200);
    const postOther = await t.app.inject({
      method: "POST",
      url: "/products",
      headers: formHeaders(contributorB),
      payload: form({ _csrf: contributorB.csrf, workstreamId: wsA, title: "Not theirs" }),
    });
    expect(postOther.statusCode).toBe(403);
  });

  it("adds a milestone through the page, audited, and shows it", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/milestones",
      headers: formHeaders(contributorA),
      payload: form({
        _csrf: contributorA.csrf,
        workstreamId: wsA,
        title: "Recovery college opens",
        description: "",
        status: "on_track",
        ...dateFields("baselineOn", "2018-10-01"),
      }),
    });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url: res.headers.location!, headers: { cookie: adminSession.cookie } });
    expect(page.body).toContain("Recovery college opens");
    expect(page.body).toContain("On time");
    expect(page.body).toContain("History");
    expect(page.body).toContain("Created");
  });
});

describe("validation", () => {
  it("explains each rule across the fields on the page", async () => {
    const post = (fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url: "/milestones",
        headers: formHeaders(adminSession),
        payload: form({
          _csrf: adminSession.csrf,
          workstreamId: wsA,
          title: "Typed title kept",
          description: "",
          ...dateFields("baselineOn", "2018-06-30"),
          ...fields,
        }),
      });
    const complete = await post({ status: "complete" });
    expect(complete.statusCode).toBe(422);
    expect(complete.body).toContain("<title>Error: Add a milestone");
    expect(complete.body).toContain("Enter the date the milestone was achieved: a complete milestone needs one");
    expect(complete.body).toContain('href="#actualOn-day"');
    expect(complete.body).toContain("Typed title kept");

    const future = await post({ status: "complete", ...dateFields("actualOn", "2099-01-01") });
    expect(future.body).toContain("The date achieved must be today or in the past");
    const late = await post({ status: "late" });
    expect(late.body).toContain("Enter the forecast date: a milestone that is late needs one");
    const atRisk = await post({ status: "at_risk" });
    expect(atRisk.body).toContain("Enter the forecast date: a milestone at risk needs one");
    const noBaseline = await post({ status: "on_track", "baselineOn-day": "", "baselineOn-month": "", "baselineOn-year": "" });
    expect(noBaseline.body).toContain("Enter the baseline date");
    const actualNotComplete = await post({ status: "on_track", ...dateFields("actualOn", "2018-05-01") });
    expect(actualNotComplete.body).toContain("Only a complete milestone has a date achieved");
  });

  it("gives the same messages through the API", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/milestones",
      headers: json(tokenA),
      payload: JSON.stringify({ workstreamId: wsA, title: "Bad", baselineOn: "2018-06-30", status: "complete" }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: { code: "validation_failed", fields: { actualOn: "Enter the date the milestone was achieved: a complete milestone needs one" } },
    });
  });

  it("allows a forecast after the baseline without marking it late, and suggests it", async () => {
    const page = await t.app.inject({ method: "GET", url: `/milestones/${m.a1}`, headers: { cookie: adminSession.cookie } });
    expect(page.body).toContain("Consider marking this milestone as late");
  });

  it("checks a product's delivery date and evidence link", async () => {
    const product = await createProduct(t.database.db, t.partnership.id, { workstreamId: wsA, title: "Crisis line leaflet" });
    const deliver = (fields: Record<string, string>) =>
      t.app.inject({
        method: "POST",
        url: `/products/${product.id}/deliver`,
        headers: formHeaders(adminSession),
        payload: form({ _csrf: adminSession.csrf, version: "1", ...fields }),
      });
    const badUrl = await deliver({ ...dateFields("deliveredOn", "2018-03-13"), evidenceUrl: "javascript:alert(1)" });
    expect(badUrl.statusCode).toBe(422);
    expect(badUrl.body).toContain("Enter a web address that starts with https:// or http://");
    const future = await deliver({ ...dateFields("deliveredOn", "2099-03-13"), evidenceUrl: "" });
    expect(future.body).toContain("The date delivered must be today or in the past");
    const none = await deliver({ evidenceUrl: "" });
    expect(none.body).toContain("Enter the date delivered");
    const ok = await deliver({ ...dateFields("deliveredOn", "2018-03-13"), evidenceUrl: "http://example.org/leaflet" });
    expect(ok.statusCode).toBe(303);
    const anonymous = await t.app.inject({ method: "GET", url: `/products/${product.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain("13 March 2018");
  });
});

describe("stale writes", () => {
  it("answers 409 through the API and keeps the newer milestone", async () => {
    const id = (await createMilestone(t.database.db, t.partnership.id, { workstreamId: wsA, title: "Concurrency milestone" })).id;
    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/milestones/${id}`,
      headers: json(tokenA),
      payload: JSON.stringify({ version: 1, title: "First save" }),
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2 });
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/milestones/${id}`,
      headers: json(tokenA),
      payload: JSON.stringify({ version: 1, title: "Second save" }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: "conflict", current: { title: "First save", version: 2 } } });
    expect((await service.get(insider, id)).title).toBe("First save");
  });

  it("shows the conflict page keeping what was typed", async () => {
    const id = (await createMilestone(t.database.db, t.partnership.id, { workstreamId: wsA, title: "Page concurrency" })).id;
    await service.update(admin, id, 1, { title: "Saved by someone else" });
    const res = await t.app.inject({
      method: "POST",
      url: `/milestones/${id}`,
      headers: formHeaders(adminSession),
      payload: form({
        _csrf: adminSession.csrf,
        version: "1",
        title: "My typed title",
        description: "",
        status: "on_track",
        ...dateFields("baselineOn", "2018-06-30"),
      }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Someone else changed this milestone first");
    expect(res.body).toContain("My typed title");
    expect(res.body).toContain('name="version" value="2"');
    expect((await service.get(insider, id)).title).toBe("Saved by someone else");
  });

  it("answers 409 for a stale product", async () => {
    const id = (await createProduct(t.database.db, t.partnership.id, { workstreamId: wsA, title: "Stale product" })).id;
    await service.updateProduct(admin, id, 1, { title: "Newer product" });
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/products/${id}`,
      headers: json(tokenA),
      payload: JSON.stringify({ version: 1, title: "Older" }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: { current: { title: "Newer product", version: 2 } } });
  });
});

describe("the decision that agreed a change", () => {
  it("offers the overseeing body's decisions, records the effect with what moved, and shows it", async () => {
    const edit = await t.app.inject({ method: "GET", url: `/milestones/${m.a1}/edit`, headers: { cookie: adminSession.cookie } });
    expect(edit.body).toContain("The board agreed to move the crisis café opening to June.");

    const id = (
      await createMilestone(t.database.db, t.partnership.id, {
        workstreamId: wsA,
        title: "Café moved",
        baselineOn: "2018-05-31",
        forecastOn: "2018-05-31",
        status: "on_track",
      })
    ).id;
    const res = await t.app.inject({
      method: "POST",
      url: `/milestones/${id}`,
      headers: formHeaders(contributorA),
      payload: form({
        _csrf: contributorA.csrf,
        version: "1",
        title: "Café moved",
        description: "",
        status: "late",
        decisionId,
        ...dateFields("baselineOn", "2018-05-31"),
        ...dateFields("forecastOn", "2018-06-30"),
      }),
    });
    expect(res.statusCode).toBe(303);
    const effects = (await decisionEffectsWhere(t.database.db, admin, { decisionIds: [decisionId] })).filter((e) => e.milestoneId === id);
    expect(effects).toHaveLength(1);
    expect(effects[0]).toMatchObject({
      kind: "changes_milestone",
      workstreamId: wsA,
      note: "Forecast moved from 31 May 2018 to 30 June 2018; Status changed from On track to Late",
    });

    const page = await t.app.inject({ method: "GET", url: `/milestones/${id}` });
    expect(page.body).toContain("Decisions that changed it");
    expect(page.body).toContain("The board agreed to move the crisis café opening to June.");
    expect(page.body).toContain("Forecast moved from 31 May 2018 to 30 June 2018");
    expect(page.body).toContain("30 days late");
  });

  it("records a decision through the API, and refuses one with no change of dates or status", async () => {
    const id = (
      await createMilestone(t.database.db, t.partnership.id, { workstreamId: wsA, title: "API moved", baselineOn: "2018-05-31", forecastOn: "2018-05-31" })
    ).id;
    const none = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/milestones/${id}`,
      headers: json(tokenA),
      payload: JSON.stringify({ version: 1, title: "Only the title", decisionId }),
    });
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({
      error: { fields: { decisionId: "A decision can be recorded only with a change to the baseline, forecast or status" } },
    });
    const unknown = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/milestones/${id}`,
      headers: json(tokenA),
      payload: JSON.stringify({ version: 1, forecastOn: "2018-06-30", decisionId: "00000000-0000-4000-8000-000000000001" }),
    });
    expect(unknown.statusCode).toBe(422);
    const ok = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/milestones/${id}`,
      headers: json(tokenA),
      payload: JSON.stringify({ version: 1, forecastOn: "2018-06-30", decisionId }),
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ slippageDays: 30, version: 2 });
    const effects = (await decisionEffectsWhere(t.database.db, admin, { workstreamId: wsA })).filter((e) => e.milestoneId === id);
    expect(effects.map((e) => e.note)).toEqual(["Forecast moved from 31 May 2018 to 30 June 2018"]);
  });
});

describe("importMany", () => {
  it("imports nothing when any row is invalid, and reports each problem by row and field", async () => {
    const before = (await service.listForWorkstream(insider, wsB)).length;
    const rows = [
      { title: "Good row", description: "", baselineOn: "2018-06-30", forecastOn: null, actualOn: null, status: "on_track" as const },
      { title: "Bad row", description: "", baselineOn: "2018-06-30", forecastOn: null, actualOn: null, status: "complete" as const },
      { title: "", description: "", baselineOn: "2018-06-30", forecastOn: null, actualOn: null, status: "late" as const },
    ];
    const err = await service.importMany(admin, wsB, rows).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).fields).toEqual({
      "1.actualOn": "Enter the date the milestone was achieved: a complete milestone needs one",
      "2.title": "Enter the milestone's title",
      "2.forecastOn": "Enter the forecast date: a milestone that is late needs one",
    });
    expect((await service.listForWorkstream(insider, wsB)).length).toBe(before);

    const badDate = await service.importMany(admin, wsB, [{ ...rows[0]!, baselineOn: "2018-02-30" }]).catch((e: unknown) => e);
    expect((badDate as ValidationFailed).fields).toEqual({ "0.baselineOn": "Enter a real date, like 2018-06-30" });
    const other = await service.importMany(ctxOf(user("member")), wsB, [rows[0]!]).catch((e: unknown) => e);
    expect((other as Error).constructor.name).toBe("Forbidden");

    const ok = await service.importMany(admin, wsB, [rows[0]!, { ...rows[1]!, actualOn: "2018-05-01" }]);
    expect(ok.created).toHaveLength(2);
    expect((await service.listForWorkstream(insider, wsB)).length).toBe(before + 2);
  });
});
