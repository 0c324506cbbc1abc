import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each highlight-report route (see highlight-reports.policy.ts and
 * workstreams/portfolio-access.ts). Everyone reads reviewed reports of published workstreams and
 * their RAG history; insiders see the programme office's overview. The workstream's contributors
 * (the contributor role's users are assigned to the fixture workstream) and the programme office
 * draft, edit and submit; only the programme office reviews and returns. Write routes aim at a
 * fresh draft report on the fixture workstream; a fresh draft cannot yet be submitted (no
 * ratings) or reviewed (not submitted), so the allowed get 422 or 409 there, never 401/403/404.
 */

const EDITORS: readonly Who[] = ["admin", "secretary", "contributor"];
const fresh = async (f: Fixtures) => f.fresh("highlightReport");

// Each draft needs a month of its own: one report per workstream and month.
let monthCounter = 0;
const nextMonth = () => {
  const n = monthCounter++;
  return `${2001 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;
};

export const highlightReportsRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /highlight-reports", allowed: INSIDERS, url: () => "/highlight-reports?month=2018-03" },
  { route: "GET /workstreams/:workstreamId/highlight-reports", allowed: EVERYONE, url: (f) => `/workstreams/${f.workstreamId}/highlight-reports` },
  { route: "GET /workstreams/:workstreamId/highlight-reports/new", allowed: EDITORS, url: (f) => `/workstreams/${f.workstreamId}/highlight-reports/new` },
  {
    route: "POST /workstreams/:workstreamId/highlight-reports",
    allowed: EDITORS,
    url: (f) => `/workstreams/${f.workstreamId}/highlight-reports`,
    body: () => ({ month: nextMonth() }),
  },
  { route: "GET /highlight-reports/:id", allowed: EVERYONE, url: (f) => `/highlight-reports/${f.highlightReportId}` },
  { route: "GET /highlight-reports/:id/edit", allowed: EDITORS, url: async (f) => `/highlight-reports/${(await fresh(f)).id}/edit` },
  {
    route: "POST /highlight-reports/:id",
    allowed: EDITORS,
    url: async (f) => `/highlight-reports/${(await fresh(f)).id}`,
    body: async (f) => ({ version: (await fresh(f)).version, overallRag: "green", escalations: "Route test escalation" }),
  },
  {
    route: "POST /highlight-reports/:id/submit",
    allowed: EDITORS,
    url: async (f) => `/highlight-reports/${(await fresh(f)).id}/submit`,
    body: async (f) => ({ version: (await fresh(f)).version }),
  },
  {
    route: "POST /highlight-reports/:id/review",
    allowed: MANAGERS,
    url: async (f) => `/highlight-reports/${(await fresh(f)).id}/review`,
    body: async (f) => ({ version: (await fresh(f)).version, note: "Route test review" }),
  },
  {
    route: "POST /highlight-reports/:id/return",
    allowed: MANAGERS,
    url: async (f) => `/highlight-reports/${(await fresh(f)).id}/return`,
    body: async (f) => ({ version: (await fresh(f)).version, returnNote: "Route test: please add the escalations" }),
  },

  // JSON API
  { route: "GET /api/v1/highlight-reports", allowed: EVERYONE, url: (f) => `/api/v1/highlight-reports?workstreamId=${f.workstreamId}` },
  { route: "GET /api/v1/highlight-reports/:id", allowed: EVERYONE, url: (f) => `/api/v1/highlight-reports/${f.highlightReportId}` },
  {
    route: "POST /api/v1/highlight-reports",
    allowed: EDITORS,
    url: () => "/api/v1/highlight-reports",
    body: (f) => ({ workstreamId: f.workstreamId, month: nextMonth() }),
  },
  {
    route: "PATCH /api/v1/highlight-reports/:id",
    allowed: EDITORS,
    url: async (f) => `/api/v1/highlight-reports/${(await fresh(f)).id}`,
    body: async (f) => ({ version: (await fresh(f)).version, escalations: "Route test escalation" }),
  },
  {
    route: "POST /api/v1/highlight-reports/:id/submit",
    allowed: EDITORS,
    url: async (f) => `/api/v1/highlight-reports/${(await fresh(f)).id}/submit`,
    body: async (f) => ({ version: (await fresh(f)).version }),
  },
  {
    route: "POST /api/v1/highlight-reports/:id/review",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/highlight-reports/${(await fresh(f)).id}/review`,
    body: async (f) => ({ version: (await fresh(f)).version }),
  },
  {
    route: "POST /api/v1/highlight-reports/:id/return",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/highlight-reports/${(await fresh(f)).id}/return`,
    body: async (f) => ({ version: (await fresh(f)).version, note: "Route test: please add the escalations" }),
  },
];
