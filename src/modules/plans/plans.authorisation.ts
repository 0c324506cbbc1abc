import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each plans route (see plans.policy.ts and workstreams/portfolio-access.ts). Everyone
 * reads the fixture's approved plan of a published workstream and the portfolio budget. The
 * workstream's contributors (the contributor role's users are assigned to the fixture workstream)
 * and the programme office change plans, budget lines and monthly figures; only the programme
 * office approves plans and returns them to draft. Line writes aim at fresh budget lines (on the approved
 * plan); some allowed requests are refused for the record's state (409), which is not an
 * authorisation failure.
 */
const EDITORS: readonly Who[] = ["admin", "secretary", "contributor"];

/**
 * Plan writes aim at the fixture's approved plan rather than fresh plans: fresh plans all sit on
 * the one fixture workstream, each needing a financial year of its own (one current plan per
 * workstream and year, years 2000–2100), which a full run of every role would exhaust. On the
 * approved plan the allowed roles pass authorisation and are then refused for its state (409);
 * revising names a version that is never current (409), so the fixture plan is never revised.
 */
const FIXTURE_PLAN_VERSION = 1;
const NEVER_CURRENT_VERSION = 999_999;
const freshLine = (f: Fixtures) => f.fresh("budgetLine");

export const plansRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /workstreams/:workstreamId/plans", allowed: EVERYONE, url: (f) => `/workstreams/${f.workstreamId}/plans` },
  { route: "GET /workstreams/:workstreamId/plans/new", allowed: EDITORS, url: (f) => `/workstreams/${f.workstreamId}/plans/new` },
  {
    route: "POST /workstreams/:workstreamId/plans",
    allowed: EDITORS,
    url: (f) => `/workstreams/${f.workstreamId}/plans`,
    body: () => ({ financialYear: "2045", objectives: "Route test objectives", plannedProducts: "" }),
  },
  { route: "GET /plans/:id", allowed: EVERYONE, url: (f) => `/plans/${f.planId}` },
  { route: "GET /plans/:id/edit", allowed: EDITORS, url: (f) => `/plans/${f.planId}/edit` },
  {
    route: "POST /plans/:id",
    allowed: EDITORS,
    url: (f) => `/plans/${f.planId}`,
    body: () => ({ objectives: "Route test objectives, reworded", plannedProducts: "", version: FIXTURE_PLAN_VERSION }),
  },
  {
    route: "POST /plans/:id/submit",
    allowed: EDITORS,
    url: (f) => `/plans/${f.planId}/submit`,
    body: () => ({ version: FIXTURE_PLAN_VERSION }),
  },
  { route: "GET /plans/:id/approve", allowed: MANAGERS, url: (f) => `/plans/${f.planId}/approve` },
  {
    route: "POST /plans/:id/approve",
    allowed: MANAGERS,
    url: (f) => `/plans/${f.planId}/approve`,
    body: (f) => ({
      decisionId: f.decisionId,
      "approvedOn-day": "5",
      "approvedOn-month": "3",
      "approvedOn-year": "2018",
      version: FIXTURE_PLAN_VERSION,
    }),
  },
  {
    route: "POST /plans/:id/return",
    allowed: MANAGERS,
    url: (f) => `/plans/${f.planId}/return`,
    body: () => ({ version: FIXTURE_PLAN_VERSION }),
  },
  {
    route: "POST /plans/:id/revise",
    allowed: EDITORS,
    url: (f) => `/plans/${f.planId}/revise`,
    body: () => ({ version: NEVER_CURRENT_VERSION }),
  },
  { route: "GET /plans/:id/budget-lines/new", allowed: EDITORS, url: (f) => `/plans/${f.planId}/budget-lines/new` },
  {
    route: "POST /plans/:id/budget-lines",
    allowed: EDITORS,
    url: (f) => `/plans/${f.planId}/budget-lines`,
    body: () => ({ description: "Route test line", kind: "revenue", fundingSource: "STP transformation fund" }),
  },
  { route: "GET /budget-lines/:id/edit", allowed: EDITORS, url: (f) => `/budget-lines/${f.budgetLineId}/edit` },
  {
    route: "POST /budget-lines/:id",
    allowed: EDITORS,
    url: async (f) => `/budget-lines/${(await freshLine(f)).id}`,
    body: async (f) => ({ description: "Route test line, reworded", kind: "capital", fundingSource: "Capital fund", version: (await freshLine(f)).version }),
  },
  {
    route: "POST /budget-lines/:id/delete",
    allowed: EDITORS,
    url: async (f) => `/budget-lines/${(await freshLine(f)).id}/delete`,
    body: async (f) => ({ version: (await freshLine(f)).version }),
  },
  { route: "GET /budget-lines/:id/months", allowed: EDITORS, url: (f) => `/budget-lines/${f.budgetLineId}/months` },
  {
    route: "POST /budget-lines/:id/months",
    allowed: EDITORS,
    url: async (f) => `/budget-lines/${(await freshLine(f)).id}/months`,
    body: async (f) => ({ version: (await freshLine(f)).version, "actual-2018-05": "40.00", "forecast-2018-06": "50" }),
  },
  { route: "GET /portfolio/budget", allowed: EVERYONE, url: () => "/portfolio/budget?year=2018" },

  // JSON API
  { route: "GET /api/v1/plans", allowed: EVERYONE, url: (f) => `/api/v1/plans?workstreamId=${f.workstreamId}&financialYear=2018` },
  { route: "GET /api/v1/plans/:id", allowed: EVERYONE, url: (f) => `/api/v1/plans/${f.planId}` },
  { route: "POST /api/v1/plans", allowed: EDITORS, url: () => "/api/v1/plans", body: (f) => ({ workstreamId: f.workstreamId, financialYear: 2046 }) },
  {
    route: "PATCH /api/v1/plans/:id",
    allowed: EDITORS,
    url: (f) => `/api/v1/plans/${f.planId}`,
    body: () => ({ version: FIXTURE_PLAN_VERSION, objectives: "Route test objectives (API)" }),
  },
  {
    route: "POST /api/v1/plans/:id/submit",
    allowed: EDITORS,
    url: (f) => `/api/v1/plans/${f.planId}/submit`,
    body: () => ({ version: FIXTURE_PLAN_VERSION }),
  },
  {
    route: "POST /api/v1/plans/:id/return",
    allowed: MANAGERS,
    url: (f) => `/api/v1/plans/${f.planId}/return`,
    body: () => ({ version: FIXTURE_PLAN_VERSION }),
  },
  {
    route: "POST /api/v1/plans/:id/approve",
    allowed: MANAGERS,
    url: (f) => `/api/v1/plans/${f.planId}/approve`,
    body: (f) => ({ version: FIXTURE_PLAN_VERSION, decisionId: f.decisionId, approvedOn: "2018-03-05" }),
  },
  {
    route: "POST /api/v1/plans/:id/revise",
    allowed: EDITORS,
    url: (f) => `/api/v1/plans/${f.planId}/revise`,
    body: () => ({ version: NEVER_CURRENT_VERSION }),
  },
  {
    route: "POST /api/v1/budget-lines",
    allowed: EDITORS,
    url: () => "/api/v1/budget-lines",
    body: (f) => ({ planId: f.planId, description: "Route test line (API)", kind: "revenue", fundingSource: "STP transformation fund" }),
  },
  { route: "GET /api/v1/budget-lines/:id", allowed: EVERYONE, url: (f) => `/api/v1/budget-lines/${f.budgetLineId}` },
  {
    route: "PATCH /api/v1/budget-lines/:id",
    allowed: EDITORS,
    url: async (f) => `/api/v1/budget-lines/${(await freshLine(f)).id}`,
    body: async (f) => ({ version: (await freshLine(f)).version, description: "Route test line, reworded (API)" }),
  },
  {
    route: "DELETE /api/v1/budget-lines/:id",
    allowed: EDITORS,
    url: async (f) => `/api/v1/budget-lines/${(await freshLine(f)).id}?version=${(await freshLine(f)).version}`,
  },
  {
    route: "PUT /api/v1/budget-lines/:id/months",
    allowed: EDITORS,
    url: async (f) => `/api/v1/budget-lines/${(await freshLine(f)).id}/months`,
    body: async (f) => ({ version: (await freshLine(f)).version, months: [{ month: "2018-05-01", plannedPence: 5000, actualPence: 4000 }] }),
  },
  { route: "GET /api/v1/budget-summary", allowed: EVERYONE, url: () => "/api/v1/budget-summary?year=2018" },
];
