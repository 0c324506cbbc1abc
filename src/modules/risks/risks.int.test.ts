import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  addWorkstreamContributor,
  createAgendaItem,
  createBody,
  createDecision,
  createMeeting,
  createPerson,
  createProgrammeIssue as createProgrammeIssueWithReference,
  createRisk as createRiskWithReference,
  createRiskReview,
  createWorkstream,
} from "../../../tests/factories/index.ts";
import { buildServices } from "../../app.ts";
import { ANONYMOUS, type Principal } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import { decisionEffectsWhere } from "../portfolio/decision-effects.ts";
import { riskInput, type RiskImportRow } from "./risks.schema.ts";

// The factories number risks and issues from 100001 up, and the service allocates max + 1, so the
// two would meet: records made here by factory count down from 50000 instead, below the service's.
let factoryReference = 50_000;
const createRisk = (...[db, pid, values]: Parameters<typeof createRiskWithReference>) =>
  createRiskWithReference(db, pid, { reference: --factoryReference, ...values });
const createProgrammeIssue = (...[db, pid, values]: Parameters<typeof createProgrammeIssueWithReference>) =>
  createProgrammeIssueWithReference(db, pid, { reference: --factoryReference, ...values });

let t: TestApp;
let services: ReturnType<typeof buildServices>;
let admin: Session;
let contributor: Session;
let otherContributor: Session;
let member: Session;
let adminToken: string;
let contributorToken: string;

let bodyId: string;
let ownerId: string;
let publishedWs: { id: string; slug: string };
let otherWs: { id: string };
let hiddenWs: { id: string };
let decisionId: string;

const PRIVATE_TITLE = "Confidential estates disposal risk (unpublished)";
const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });

function ctxAs(principal: Principal): RequestContext {
  return { partnership: t.partnership, principal, requestId: "risks-test" };
}
const adminCtx = () => ctxAs({ kind: "user", userId: admin.userId, name: "Risk Admin", email: "a@example.org", role: "admin", via: "session", scope: "write" });

const apiRisk = (workstreamId: string | null, overrides: Record<string, unknown> = {}) => ({
  workstreamId,
  title: "Mental health workforce capacity",
  cause: "vacancies in community mental health teams",
  event: "the crisis care pathway cannot be staffed",
  effect: "people in crisis wait longer for care",
  category: "Workforce",
  ownerPersonId: ownerId,
  inherentLikelihood: 4,
  inherentConsequence: 4,
  currentLikelihood: 3,
  currentConsequence: 4,
  targetLikelihood: 2,
  targetConsequence: 2,
  controls: "Weekly rota review",
  assurances: "Monthly report to the programme board",
  ...overrides,
});

beforeAll(async () => {
  t = await createTestApp();
  services = buildServices(t.config, t.database);
  const db = t.database.db;
  const pid = t.partnership.id;
  bodyId = (await createBody(db, pid, { name: "Risks test programme board" })).id;
  ownerId = (await createPerson(db, pid, { name: "Risk Owner" })).id;
  publishedWs = await createWorkstream(db, pid, { name: "Mental health", published: true, overseeingBodyId: bodyId });
  otherWs = await createWorkstream(db, pid, { name: "Stroke", published: true, overseeingBodyId: bodyId });
  hiddenWs = await createWorkstream(db, pid, { name: "Unpublished estates", published: false });
  const meeting = await createMeeting(db, pid, { bodyId, status: "held", agendaPublishedAt: new Date("2018-02-26T09:00:00Z") });
  const item = await createAgendaItem(db, pid, { meetingId: meeting.id, title: "Mental health deep dive", position: 0 });
  decisionId = (await createDecision(db, pid, { bodyId, meetingId: meeting.id, agendaItemId: item.id, text: "The board agreed extra crisis funding." })).id;
  admin = await t.signIn("admin");
  contributor = await t.signIn("contributor");
  otherContributor = await t.signIn("contributor");
  member = await t.signIn("member");
  await addWorkstreamContributor(db, pid, { workstreamId: publishedWs.id, userId: contributor.userId });
  await addWorkstreamContributor(db, pid, { workstreamId: otherWs.id, userId: otherContributor.userId });
  adminToken = await t.token("admin", "write");
  contributorToken = await t.token("contributor", "write");
  // The token's user is assigned to the published workstream too.
  const tokenUser = await t.database.pool.query<{ user_id: string }>("select user_id from personal_access_tokens order by created_at desc limit 1");
  await addWorkstreamContributor(db, pid, { workstreamId: publishedWs.id, userId: tokenUser.rows[0]!.user_id });
});

afterAll(async () => {
  await t?.close();
});

describe("scores and bands", () => {
  it("creates a risk through the API with exact scores and NHS default bands", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/v1/risks", headers: json(adminToken), payload: apiRisk(publishedWs.id) });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ reference: string; inherent: unknown; current: unknown; target: unknown; reviews: unknown[] }>();
    expect(body.reference).toMatch(/^R\d+$/);
    expect(body.inherent).toEqual({ likelihood: 4, consequence: 4, score: 16, band: "extreme" });
    expect(body.current).toEqual({ likelihood: 3, consequence: 4, score: 12, band: "high" });
    expect(body.target).toEqual({ likelihood: 2, consequence: 2, score: 4, band: "moderate" });
    // The first review records the score the risk was recorded with.
    expect(body.reviews).toHaveLength(1);
  });

  it("bands by the partnership's thresholds once configured, validated in order", async () => {
    const bad = await t.app.inject({
      method: "POST",
      url: "/settings/risk-bands",
      headers: formHeaders(admin),
      payload: form({ _csrf: admin.csrf, moderateFrom: "8", highFrom: "8", extremeFrom: "15", version: "" }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("High must start above moderate");
    expect(bad.body).toContain("<title>Error: Risk bands");
    const tooHigh = await t.app.inject({
      method: "POST",
      url: "/settings/risk-bands",
      headers: formHeaders(admin),
      payload: form({ _csrf: admin.csrf, moderateFrom: "4", highFrom: "8", extremeFrom: "26", version: "" }),
    });
    expect(tooHigh.body).toContain("Extreme must start at 25 or below");

    const saved = await services.risks.updateBands(adminCtx(), undefined, { moderateFrom: 5, highFrom: 10, extremeFrom: 20 });
    expect(saved).toMatchObject({ moderateFrom: 5, highFrom: 10, extremeFrom: 20 });
    const risk = await createRisk(t.database.db, t.partnership.id, {
      workstreamId: publishedWs.id,
      currentLikelihood: 3,
      currentConsequence: 4,
      published: true,
    });
    const res = await t.app.inject({ method: "GET", url: `/api/v1/risks/${risk.id}` });
    expect(res.json<{ current: { score: number; band: string } }>().current).toEqual({ likelihood: 3, consequence: 4, score: 12, band: "high" });
    const lower = await createRisk(t.database.db, t.partnership.id, {
      workstreamId: publishedWs.id,
      currentLikelihood: 2,
      currentConsequence: 4,
      published: true,
    });
    const low = await t.app.inject({ method: "GET", url: `/api/v1/risks/${lower.id}` });
    expect(low.json<{ current: { score: number; band: string } }>().current.band).toBe("moderate"); // 8 is moderate with 5/10/20

    // A stale version of the bands is a 409; then back to the NHS defaults.
    await expect(services.risks.updateBands(adminCtx(), 99, { moderateFrom: 4, highFrom: 8, extremeFrom: 15 })).rejects.toMatchObject({ status: 409 });
    const current = await services.risks.bands(adminCtx());
    await services.risks.updateBands(adminCtx(), current.version!, { moderateFrom: 4, highFrom: 8, extremeFrom: 15 });
    expect(await services.risks.bands(adminCtx())).toMatchObject({ moderateFrom: 4, highFrom: 8, extremeFrom: 15 });
  });

  it("filters the register by band with the thresholds", async () => {
    const ws = await createWorkstream(t.database.db, t.partnership.id, { published: true });
    for (const [l, c] of [
      [1, 3],
      [2, 2],
      [2, 4],
      [3, 5],
    ] as const)
      await createRisk(t.database.db, t.partnership.id, { workstreamId: ws.id, currentLikelihood: l, currentConsequence: c, published: true });
    const bandsOf = async (band: string) =>
      (await services.risks.listRisks(adminCtx(), { workstreamId: ws.id, band: band as "low" }, 1, 50)).map((r) => r.currentLikelihood * r.currentConsequence);
    expect(await bandsOf("low")).toEqual([3]);
    expect(await bandsOf("moderate")).toEqual([4]);
    expect(await bandsOf("high")).toEqual([8]);
    expect(await bandsOf("extreme")).toEqual([15]);
  });
});

describe("the heat map", () => {
  it("counts open risks by current likelihood × consequence, and the public counts only what it may see", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const ws = await createWorkstream(db, pid, { published: true, name: "Heat map workstream" });
    await createRisk(db, pid, { workstreamId: ws.id, currentLikelihood: 4, currentConsequence: 5, published: true });
    await createRisk(db, pid, { workstreamId: ws.id, currentLikelihood: 4, currentConsequence: 5, published: true });
    await createRisk(db, pid, { workstreamId: ws.id, currentLikelihood: 4, currentConsequence: 5, published: false, title: PRIVATE_TITLE });
    await createRisk(db, pid, { workstreamId: ws.id, currentLikelihood: 1, currentConsequence: 2, published: true });
    await createRisk(db, pid, { workstreamId: ws.id, currentLikelihood: 5, currentConsequence: 5, published: true, status: "closed" });

    const insider = await services.risks.heatMap(adminCtx(), { workstreamId: ws.id });
    expect(insider[3]![4]).toBe(3);
    expect(insider[0]![1]).toBe(1);
    expect(insider[4]![4]).toBe(0); // closed risks are not on the map
    expect(insider.flat().reduce((a, b) => a + b, 0)).toBe(4);
    const anonymous = await services.risks.heatMap(ctxAs(ANONYMOUS), { workstreamId: ws.id });
    expect(anonymous[3]![4]).toBe(2);

    const page = await t.app.inject({ method: "GET", url: `/workstreams/${ws.id}/risks` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain("Likelihood");
    expect(page.body).toContain("Almost certain");
    expect(page.body).toContain("Catastrophic");
    // The table alternative gives the count in words, never colour alone.
    expect(page.body).toContain("2 (score 20, extreme)");
    expect(page.body).not.toContain(PRIVATE_TITLE);
  });
});

describe("reviews", () => {
  it("keeps the history of reviews, updates the current score in the same transaction and records the decision's effect", async () => {
    const created = await services.risks.createRisk(adminCtx(), riskInput.parse(apiRisk(publishedWs.id)));
    const first = await services.risks.reviewRisk(adminCtx(), created.id, {
      version: created.version,
      likelihood: 2,
      consequence: 4,
      note: "Agency staff in post",
      decisionId: null,
      reviewedOn: "2018-01-10",
    });
    expect(first.likelihood).toBe(2);
    const after1 = await services.risks.getRisk(adminCtx(), created.id);
    expect([after1.currentLikelihood, after1.currentConsequence, after1.version]).toEqual([2, 4, created.version + 1]);
    await services.risks.reviewRisk(adminCtx(), created.id, {
      version: after1.version,
      likelihood: 2,
      consequence: 3,
      note: "Funding agreed",
      decisionId,
      reviewedOn: "2018-03-05",
    });

    const res = await t.app.inject({ method: "GET", url: `/api/v1/risks/${created.id}`, headers: json(adminToken) });
    const body = res.json<{ current: { score: number; band: string }; reviews: { score: number; decisionId: string | null; note: string }[] }>();
    expect(body.current).toEqual({ likelihood: 2, consequence: 3, score: 6, band: "moderate" });
    // Oldest first by review date: the two reviews dated 2018, then the score the risk was recorded with (today).
    expect(body.reviews.map((r) => r.score)).toEqual([8, 6, 12]);
    expect(body.reviews.map((r) => r.note)).toEqual(["Agency staff in post", "Funding agreed", "Risk recorded"]);
    expect(body.reviews.find((r) => r.decisionId === decisionId)?.score).toBe(6);

    const effects = await decisionEffectsWhere(t.database.db, adminCtx(), { decisionIds: [decisionId] });
    expect(effects.some((e) => e.riskId === created.id && e.kind === "changes_risk" && e.note.includes("from 8 to 6"))).toBe(true);

    // A stale version is refused with 409 and the newer score kept.
    const stale = await t.app.inject({
      method: "POST",
      url: `/api/v1/risks/${created.id}/reviews`,
      headers: json(adminToken),
      payload: { version: created.version, likelihood: 5, consequence: 5 },
    });
    expect(stale.statusCode).toBe(409);
    expect((await services.risks.getRisk(adminCtx(), created.id)).currentConsequence).toBe(3);

    // The page shows the history as a table and a line.
    const page = await t.app.inject({ method: "GET", url: `/risks/${created.id}`, headers: { cookie: admin.cookie } });
    expect(page.body).toContain("Current score over time");
    expect(page.body).toContain("Funding agreed");
    expect(page.body).toContain("The board agreed extra crisis funding.");
    expect(page.body).toContain(
      "There is a risk that the crisis care pathway cannot be staffed, caused by vacancies in community mental health teams, resulting in people in crisis wait longer for care.",
    );
  });

  it("reviews through the form, with field errors and a 409 that keeps what was typed", async () => {
    const risk = await createRisk(t.database.db, t.partnership.id, { workstreamId: publishedWs.id });
    const invalid = await t.app.inject({
      method: "POST",
      url: `/risks/${risk.id}/review`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, likelihood: "", consequence: "7", note: "", decisionId: "", version: String(risk.version) }),
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain("Select the likelihood");
    expect(invalid.body).toContain("Select the consequence");
    const ok = await t.app.inject({
      method: "POST",
      url: `/risks/${risk.id}/review`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, likelihood: "2", consequence: "2", note: "Better", decisionId: "", version: String(risk.version) }),
    });
    expect(ok.statusCode).toBe(303);
    const stale = await t.app.inject({
      method: "POST",
      url: `/risks/${risk.id}/review`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, likelihood: "5", consequence: "5", note: "My stale note", decisionId: "", version: String(risk.version) }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("My stale note");
  });
});

describe("references", () => {
  it("allocates sequential references per partnership, safely under concurrency", async () => {
    const input = riskInput.parse(apiRisk(publishedWs.id));
    const made = await Promise.all([1, 2, 3, 4].map(() => services.risks.createRisk(adminCtx(), input)));
    const refs = made.map((r) => r.reference).sort((a, b) => a - b);
    expect(new Set(refs).size).toBe(4);
    expect(refs[3]! - refs[0]!).toBe(3);

    const issues = await Promise.all(
      [1, 2].map(() =>
        services.risks.createIssue(adminCtx(), {
          workstreamId: null,
          title: "Concurrent issue",
          description: "",
          impact: "",
          priority: "medium",
          ownerPersonId: null,
          escalatedToBodyId: null,
          published: false,
        }),
      ),
    );
    const issueRefs = issues.map((i) => i.reference).sort((a, b) => a - b);
    expect(issueRefs[1]! - issueRefs[0]!).toBe(1);
  });
});

describe("issues", () => {
  it("raises an issue from a risk that happened: the risk becomes occurred and the issue links back", async () => {
    const risk = await createRisk(t.database.db, t.partnership.id, { workstreamId: publishedWs.id, title: "Winter pressures" });
    const res = await t.app.inject({
      method: "POST",
      url: `/risks/${risk.id}/raise-issue`,
      headers: formHeaders(contributor),
      payload: form({
        _csrf: contributor.csrf,
        title: "Winter pressures hit",
        description: "",
        impact: "Elective activity paused",
        priority: "high",
        ownerPersonId: "",
        escalatedToBodyId: "",
        version: String(risk.version),
      }),
    });
    expect(res.statusCode).toBe(303);
    const issueId = /\/issues\/([0-9a-f-]+)/.exec(String(res.headers.location))![1]!;
    const issue = await services.risks.getIssue(adminCtx(), issueId);
    expect(issue.raisedFromRiskId).toBe(risk.id);
    expect(issue.workstreamId).toBe(publishedWs.id);
    expect((await services.risks.getRisk(adminCtx(), risk.id)).status).toBe("occurred");
    const page = await t.app.inject({ method: "GET", url: `/issues/${issueId}`, headers: { cookie: contributor.cookie } });
    expect(page.body).toContain(`R${risk.reference}`);
    expect(page.body).toMatch(/I\d+/);

    // Resolving needs a resolution.
    const missing = await t.app.inject({
      method: "POST",
      url: `/issues/${issueId}/resolve`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, resolution: "", version: String(issue.version) }),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Enter how the issue was resolved");
    const api = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/issues/${issueId}`,
      headers: json(contributorToken),
      payload: { version: issue.version, status: "resolved" },
    });
    expect(api.statusCode).toBe(422);
    const resolved = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/issues/${issueId}`,
      headers: json(contributorToken),
      payload: { version: issue.version, status: "resolved", resolution: "Extra beds opened" },
    });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json<{ status: string; resolvedOn: string | null }>()).toMatchObject({ status: "resolved" });
    expect(resolved.json<{ resolvedOn: string | null }>().resolvedOn).not.toBeNull();
  });
});

describe("visibility", () => {
  it("never shows the public an unpublished risk, nor a published one of an unpublished workstream", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const unpublished = await createRisk(db, pid, { workstreamId: publishedWs.id, title: PRIVATE_TITLE });
    const ofHidden = await createRisk(db, pid, { workstreamId: hiddenWs.id, title: "Hidden workstream risk", published: true });
    const portfolio = await createRisk(db, pid, { workstreamId: null, title: "Portfolio published risk", published: true });
    const issue = await createProgrammeIssue(db, pid, { workstreamId: publishedWs.id, title: "Unpublished issue text" });

    for (const url of [
      `/risks/${unpublished.id}`,
      `/api/v1/risks/${unpublished.id}`,
      `/risks/${ofHidden.id}`,
      `/api/v1/risks/${ofHidden.id}`,
      `/issues/${issue.id}`,
      `/workstreams/${hiddenWs.id}/risks`,
    ]) {
      expect((await t.app.inject({ method: "GET", url })).statusCode, url).toBe(404);
    }
    expect((await t.app.inject({ method: "GET", url: `/risks/${portfolio.id}` })).statusCode).toBe(200);
    for (const url of ["/risks", "/api/v1/risks?limit=100", `/workstreams/${publishedWs.id}/risks`, "/issues", "/api/v1/issues?limit=100"]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(PRIVATE_TITLE);
      expect(res.body, url).not.toContain("Hidden workstream risk");
      expect(res.body, url).not.toContain("Unpublished issue text");
      expect(res.body, url).not.toContain("Unpublished estates");
    }
    // Insiders see them all.
    expect((await t.app.inject({ method: "GET", url: `/risks/${unpublished.id}`, headers: { cookie: member.cookie } })).statusCode).toBe(200);
  });
});

describe("who may change what", () => {
  it("lets a contributor change only the workstreams they are assigned to, and the portfolio register only the programme office", async () => {
    const risk = await createRisk(t.database.db, t.partnership.id, { workstreamId: publishedWs.id });
    const other = await t.app.inject({ method: "GET", url: `/risks/${risk.id}/edit`, headers: { cookie: otherContributor.cookie } });
    expect(other.statusCode).toBe(403);
    const own = await t.app.inject({ method: "GET", url: `/risks/${risk.id}/edit`, headers: { cookie: contributor.cookie } });
    expect(own.statusCode).toBe(200);
    const asMember = await t.app.inject({
      method: "POST",
      url: "/risks",
      headers: formHeaders(member),
      payload: form({ _csrf: member.csrf, workstreamId: publishedWs.id, title: "x" }),
    });
    expect(asMember.statusCode).toBe(403);
    const portfolio = await t.app.inject({ method: "POST", url: "/api/v1/risks", headers: json(contributorToken), payload: apiRisk(null) });
    expect(portfolio.statusCode).toBe(403);
    await expect(
      services.risks.setRiskPublished(
        ctxAs({ kind: "user", userId: contributor.userId, name: "C", email: "c@example.org", role: "contributor", via: "session", scope: "write" }),
        risk.id,
        risk.version,
        true,
      ),
    ).rejects.toBeInstanceOf(Forbidden);
    // The public is asked to sign in before anything is looked up, even for a risk it may not see.
    const anonymous = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/risks/${risk.id}`,
      headers: { "content-type": "application/json" },
      payload: { version: risk.version, title: "x" },
    });
    expect(anonymous.statusCode).toBe(401);
    const publishAttempt = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/risks/${risk.id}`,
      headers: json(contributorToken),
      payload: { version: risk.version, published: true },
    });
    expect(publishAttempt.statusCode).toBe(403);
  });

  it("refuses a stale edit with 409, keeps the newer record and what was typed", async () => {
    const risk = await createRisk(t.database.db, t.partnership.id, { workstreamId: publishedWs.id, title: "Original title", event: "something happens" });
    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/risks/${risk.id}`,
      headers: json(adminToken),
      payload: { version: risk.version, title: "Their title" },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/risks/${risk.id}`,
      headers: json(adminToken),
      payload: { version: risk.version, title: "My title" },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json<{ error: { current: { title: string } } }>().error.current.title).toBe("Their title");

    const page = await t.app.inject({
      method: "POST",
      url: `/risks/${risk.id}`,
      headers: formHeaders(admin),
      payload: form({
        _csrf: admin.csrf,
        title: "My typed title",
        event: "something happens",
        cause: "",
        effect: "",
        category: "",
        ownerPersonId: "",
        inherentLikelihood: "3",
        inherentConsequence: "3",
        targetLikelihood: "1",
        targetConsequence: "1",
        controls: "",
        assurances: "",
        escalatedToBodyId: "",
        version: String(risk.version),
      }),
    });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain("My typed title");
    expect(page.body).toContain("Someone else saved this risk first");
    expect((await services.risks.getRisk(adminCtx(), risk.id)).title).toBe("Their title");
  });

  it("validates the new-risk form with NHS error messages and keeps what was typed", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/risks",
      headers: formHeaders(contributor),
      payload: form({
        _csrf: contributor.csrf,
        workstreamId: publishedWs.id,
        title: "",
        event: "",
        cause: "Typed cause",
        inherentLikelihood: "9",
        inherentConsequence: "",
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("<title>Error: Record a risk");
    expect(res.body).toContain("Enter the risk&#x27;s title");
    expect(res.body).toContain("Enter the event: what might happen");
    expect(res.body).toContain("Select the inherent likelihood");
    expect(res.body).toContain("Typed cause");
    const api = await t.app.inject({
      method: "POST",
      url: "/api/v1/risks",
      headers: json(adminToken),
      payload: apiRisk(publishedWs.id, { currentLikelihood: 6 }),
    });
    expect(api.statusCode).toBe(400);
  });
});

describe("mitigating actions (actions.listForRisk / createForRisk)", () => {
  it("adds a mitigating action from the risk page and lists it there", async () => {
    const risk = await createRisk(t.database.db, t.partnership.id, { workstreamId: publishedWs.id });
    const missing = await t.app.inject({
      method: "POST",
      url: `/risks/${risk.id}/actions`,
      headers: formHeaders(contributor),
      payload: form({ _csrf: contributor.csrf, description: "", ownerPersonId: ownerId, bodyId }),
    });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain("Enter what is to be done");
    const res = await t.app.inject({
      method: "POST",
      url: `/risks/${risk.id}/actions`,
      headers: formHeaders(contributor),
      payload: form({
        _csrf: contributor.csrf,
        description: "Recruit two crisis nurses",
        ownerPersonId: ownerId,
        bodyId,
        "dueOn-day": "30",
        "dueOn-month": "6",
        "dueOn-year": "2018",
      }),
    });
    expect(res.statusCode).toBe(303);
    const actions = await services.actions.listForRisk(adminCtx(), risk.id);
    expect(actions.map((a) => a.description)).toEqual(["Recruit two crisis nurses"]);
    expect(actions[0]!.dueOn).toBe("2018-06-30");
    expect(actions[0]!.body.id).toBe(bodyId);
    // Standalone actions are for insiders (actions policy): the public lists none.
    expect(await services.actions.listForRisk(ctxAs(ANONYMOUS), risk.id)).toEqual([]);
    const page = await t.app.inject({ method: "GET", url: `/risks/${risk.id}`, headers: { cookie: member.cookie } });
    expect(page.body).toContain("Recruit two crisis nurses");
    // Another workstream's contributor may not add one.
    await expect(
      services.actions.createForRisk(
        ctxAs({ kind: "user", userId: otherContributor.userId, name: "O", email: "o@example.org", role: "contributor", via: "session", scope: "write" }),
        risk.id,
        { description: "Nope", ownerPersonId: ownerId, dueOn: null, bodyId },
      ),
    ).rejects.toBeInstanceOf(Forbidden);
  });
});

describe("deep dives, export and import", () => {
  it("lists key risks as of a date, highest first, with the score of the latest review by then", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const ws = await createWorkstream(db, pid, { published: true });
    const a = await createRisk(db, pid, { workstreamId: ws.id, title: "A", currentLikelihood: 2, currentConsequence: 2, controls: "Control A" });
    await createRiskReview(db, pid, { riskId: a.id, likelihood: 5, consequence: 5, reviewedOn: "2018-02-01" });
    await createRiskReview(db, pid, { riskId: a.id, likelihood: 2, consequence: 2, reviewedOn: "2018-04-01" });
    const b = await createRisk(db, pid, { workstreamId: ws.id, title: "B", currentLikelihood: 4, currentConsequence: 4 });
    await createRisk(db, pid, { workstreamId: ws.id, title: "Closed", status: "closed" });
    const key = await services.risks.keyRisksAsOf(adminCtx(), ws.id, "2018-03-05");
    expect(key.map((k) => [k.risk.title, k.asOf.score, k.asOf.band])).toEqual([
      ["A", 25, "extreme"],
      ["B", 16, "extreme"],
    ]);
    expect(key[0]!.risk.controls).toBe("Control A");
    expect(key[1]!.risk.id).toBe(b.id);
  });

  it("imports many risks all or nothing, and exports them", async () => {
    const ws = await createWorkstream(t.database.db, t.partnership.id, { published: true });
    const row: RiskImportRow = {
      title: "Imported",
      cause: "c",
      event: "e",
      effect: "f",
      category: "Finance",
      ownerPersonId: ownerId,
      inherentLikelihood: 3,
      inherentConsequence: 3,
      currentLikelihood: 2,
      currentConsequence: 3,
      targetLikelihood: 1,
      targetConsequence: 3,
      controls: "",
      assurances: "",
      reviewOn: "2018-06-30",
      status: "open",
    };
    await expect(services.risks.importMany(adminCtx(), ws.id, [row, { ...row, ownerPersonId: "00000000-0000-4000-8000-000000000000" }])).rejects.toBeInstanceOf(
      ValidationFailed,
    );
    await expect(services.risks.importMany(adminCtx(), ws.id, [row, { ...row, currentLikelihood: 9 }])).rejects.toThrow();
    expect(await services.risks.listForExport(adminCtx(), ws.id)).toEqual([]);
    const made = await services.risks.importMany(adminCtx(), ws.id, [row, { ...row, title: "Imported 2" }]);
    expect(made.created[1]!.reference - made.created[0]!.reference).toBe(1);
    const exported = await services.risks.listForExport(adminCtx(), ws.id);
    expect(exported.map((r) => [r.title, r.currentLikelihood * r.currentConsequence, r.reviewOn])).toEqual([
      ["Imported", 6, "2018-06-30"],
      ["Imported 2", 6, "2018-06-30"],
    ]);
    await expect(services.risks.listForExport(ctxAs(ANONYMOUS), hiddenWs.id)).rejects.toBeInstanceOf(NotFound);
  });

  it("importMany: the service refuses a reference of another register too (all or nothing), and keeps the risks module's rules", async () => {
    const db = t.database.db;
    const pid = t.partnership.id;
    const ws = await createWorkstream(db, pid, { name: "Service rules", published: true });
    const occurred = await createRisk(db, pid, { workstreamId: ws.id, title: "Happened", status: "occurred" });
    const closed = await createRisk(db, pid, { workstreamId: ws.id, title: "Closed", status: "closed", currentLikelihood: 3, currentConsequence: 4 });
    const other = await createRisk(db, pid, { workstreamId: otherWs.id, title: "Elsewhere" });
    const ctx = adminCtx();
    const rowOf = (risk: typeof occurred, changes: Partial<RiskImportRow> = {}): RiskImportRow => ({
      reference: risk.reference,
      title: risk.title,
      cause: risk.cause,
      event: risk.event,
      effect: risk.effect,
      category: risk.category,
      ownerPersonId: risk.ownerPersonId,
      inherentLikelihood: risk.inherentLikelihood,
      inherentConsequence: risk.inherentConsequence,
      currentLikelihood: risk.currentLikelihood,
      currentConsequence: risk.currentConsequence,
      targetLikelihood: risk.targetLikelihood,
      targetConsequence: risk.targetConsequence,
      controls: risk.controls,
      assurances: risk.assurances,
      reviewOn: risk.reviewOn,
      status: risk.status,
      ...changes,
    });
    const snapshot = async () =>
      (
        await t.database.pool.query("select id, version, status, current_likelihood from risks where partnership_id = $1 and workstream_id = $2 order by id", [
          pid,
          ws.id,
        ])
      ).rows;
    const before = await snapshot();
    const err = await services.risks
      .importMany(ctx, ws.id, [
        rowOf(occurred, { status: "open" }),
        rowOf(closed, { currentLikelihood: 1 }),
        rowOf(other),
        { ...rowOf(closed), reference: null },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationFailed);
    expect((err as ValidationFailed).fields).toEqual({
      "0.status": `R${occurred.reference} has occurred and is managed as an issue; its status cannot change`,
      "1.currentLikelihood": "Only an open risk's current score can be reviewed; reopen it, or keep its current score",
      "2.reference": `R${other.reference} is not on this register`,
    });
    expect(await snapshot()).toEqual(before);
    // Reopening and reviewing in one row is allowed.
    const ok = await services.risks.importMany(ctx, ws.id, [rowOf(closed, { status: "open", currentLikelihood: 1 }), rowOf(occurred)]);
    expect([ok.created.length, ok.updated.map((r) => [r.status, r.currentLikelihood]), ok.unchanged]).toEqual([0, [["open", 1]], 1]);
  });
});
