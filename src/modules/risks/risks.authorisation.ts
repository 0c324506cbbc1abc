import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each risks and issues route (see workstreams/portfolio-access.ts). Everyone reads
 * the registers, heat maps and published risks and issues of published workstreams; a risk not
 * published is hidden from the public (404). Changing a workstream's risks and issues is for the
 * programme office (admin, secretary) and the contributors assigned to that workstream (the
 * fixture workstream's); publishing and the band settings are for the programme office. Writes
 * aim at fresh records on the fixture workstream, so each allowed caller meets version 1.
 */
const EDITORS: readonly Who[] = ["admin", "secretary", "contributor"];

const freshRisk = (f: Fixtures) => f.fresh("risk");
const freshIssue = (f: Fixtures) => f.fresh("issue");

const riskForm = (f: Fixtures) => ({
  workstreamId: f.workstreamId,
  title: "Route test risk",
  event: "the route test fails",
  cause: "a missing check",
  effect: "a leak",
  category: "Delivery",
  ownerPersonId: f.personId,
  inherentLikelihood: "4",
  inherentConsequence: "4",
  currentLikelihood: "3",
  currentConsequence: "4",
  targetLikelihood: "2",
  targetConsequence: "2",
  controls: "",
  assurances: "",
  escalatedToBodyId: "",
});

const issueForm = (f: Fixtures) => ({
  workstreamId: f.workstreamId,
  title: "Route test issue",
  description: "",
  impact: "",
  priority: "medium",
  ownerPersonId: f.personId,
  escalatedToBodyId: "",
});

export const risksRouteExpectations: RouteExpectation[] = [
  // Registers and pages
  { route: "GET /risks", allowed: EVERYONE, url: () => "/risks" },
  { route: "GET /workstreams/:workstreamId/risks", allowed: EVERYONE, url: (f) => `/workstreams/${f.workstreamId}/risks` },
  { route: "GET /risks/:id", allowed: INSIDERS, hiddenAs404: ["anonymous"], url: (f) => `/risks/${f.unpublishedRiskId}` },
  { route: "GET /risks/new", allowed: EDITORS, url: (f) => `/risks/new?workstreamId=${f.workstreamId}` },
  { route: "POST /risks", allowed: EDITORS, url: () => "/risks", body: riskForm },
  { route: "GET /risks/:id/edit", allowed: EDITORS, url: async (f) => `/risks/${(await freshRisk(f)).id}/edit` },
  {
    route: "POST /risks/:id",
    allowed: EDITORS,
    url: async (f) => `/risks/${(await freshRisk(f)).id}`,
    body: async (f) => {
      const { currentLikelihood: _l, currentConsequence: _c, workstreamId: _w, ...fields } = riskForm(f);
      return { ...fields, version: String((await freshRisk(f)).version) };
    },
  },
  { route: "GET /risks/:id/review", allowed: EDITORS, url: async (f) => `/risks/${(await freshRisk(f)).id}/review` },
  {
    route: "POST /risks/:id/review",
    allowed: EDITORS,
    url: async (f) => `/risks/${(await freshRisk(f)).id}/review`,
    body: async (f) => ({ likelihood: "2", consequence: "4", note: "Route test review", decisionId: "", version: String((await freshRisk(f)).version) }),
  },
  {
    route: "POST /risks/:id/close",
    allowed: EDITORS,
    url: async (f) => `/risks/${(await freshRisk(f)).id}/close`,
    body: async (f) => ({ version: String((await freshRisk(f)).version) }),
  },
  {
    route: "POST /risks/:id/reopen",
    allowed: EDITORS,
    url: async (f) => `/risks/${(await freshRisk(f)).id}/reopen`,
    body: async (f) => ({ version: String((await freshRisk(f)).version) }),
  },
  {
    route: "POST /risks/:id/publish",
    allowed: MANAGERS,
    url: async (f) => `/risks/${(await freshRisk(f)).id}/publish`,
    body: async (f) => ({ published: "yes", version: String((await freshRisk(f)).version) }),
  },
  { route: "GET /risks/:id/raise-issue", allowed: EDITORS, url: async (f) => `/risks/${(await freshRisk(f)).id}/raise-issue` },
  {
    route: "POST /risks/:id/raise-issue",
    allowed: EDITORS,
    url: async (f) => `/risks/${(await freshRisk(f)).id}/raise-issue`,
    body: async (f) => {
      const { workstreamId: _w, ...fields } = issueForm(f);
      return { ...fields, version: String((await freshRisk(f)).version) };
    },
  },
  {
    route: "POST /risks/:id/actions",
    allowed: EDITORS,
    url: async (f) => `/risks/${(await freshRisk(f)).id}/actions`,
    body: (f) => ({ description: "Route test mitigating action", ownerPersonId: f.personId, bodyId: f.bodyId }),
  },
  { route: "GET /issues", allowed: EVERYONE, url: () => "/issues" },
  { route: "GET /workstreams/:workstreamId/issues", allowed: EVERYONE, url: (f) => `/workstreams/${f.workstreamId}/issues` },
  { route: "GET /issues/:id", allowed: EVERYONE, url: (f) => `/issues/${f.issueId}` },
  { route: "GET /issues/new", allowed: EDITORS, url: (f) => `/issues/new?workstreamId=${f.workstreamId}` },
  { route: "POST /issues", allowed: EDITORS, url: () => "/issues", body: issueForm },
  { route: "GET /issues/:id/edit", allowed: EDITORS, url: async (f) => `/issues/${(await freshIssue(f)).id}/edit` },
  {
    route: "POST /issues/:id",
    allowed: EDITORS,
    url: async (f) => `/issues/${(await freshIssue(f)).id}`,
    body: async (f) => {
      const { workstreamId: _w, ...fields } = issueForm(f);
      return { ...fields, version: String((await freshIssue(f)).version) };
    },
  },
  { route: "GET /issues/:id/resolve", allowed: EDITORS, url: async (f) => `/issues/${(await freshIssue(f)).id}/resolve` },
  {
    route: "POST /issues/:id/resolve",
    allowed: EDITORS,
    url: async (f) => `/issues/${(await freshIssue(f)).id}/resolve`,
    body: async (f) => ({ resolution: "Route test resolution", version: String((await freshIssue(f)).version) }),
  },
  {
    route: "POST /issues/:id/publish",
    allowed: MANAGERS,
    url: async (f) => `/issues/${(await freshIssue(f)).id}/publish`,
    body: async (f) => ({ published: "yes", version: String((await freshIssue(f)).version) }),
  },
  { route: "GET /settings/risk-bands", allowed: MANAGERS, url: () => "/settings/risk-bands" },
  {
    route: "POST /settings/risk-bands",
    allowed: MANAGERS,
    url: () => "/settings/risk-bands",
    body: () => ({ moderateFrom: "4", highFrom: "8", extremeFrom: "15", version: "" }),
  },

  // JSON API
  { route: "GET /api/v1/risks", allowed: EVERYONE, url: (f) => `/api/v1/risks?workstreamId=${f.workstreamId}` },
  { route: "GET /api/v1/risks/:id", allowed: INSIDERS, hiddenAs404: ["anonymous"], url: (f) => `/api/v1/risks/${f.unpublishedRiskId}` },
  {
    route: "POST /api/v1/risks",
    allowed: EDITORS,
    url: () => "/api/v1/risks",
    body: (f) => ({
      workstreamId: f.workstreamId,
      title: "Route test API risk",
      event: "the API test fails",
      inherentLikelihood: 4,
      inherentConsequence: 4,
      currentLikelihood: 3,
      currentConsequence: 4,
      targetLikelihood: 2,
      targetConsequence: 2,
    }),
  },
  {
    route: "PATCH /api/v1/risks/:id",
    allowed: EDITORS,
    url: async (f) => `/api/v1/risks/${(await freshRisk(f)).id}`,
    body: async (f) => ({ version: (await freshRisk(f)).version, title: "Route test risk, renamed" }),
  },
  {
    route: "POST /api/v1/risks/:id/reviews",
    allowed: EDITORS,
    url: async (f) => `/api/v1/risks/${(await freshRisk(f)).id}/reviews`,
    body: async (f) => ({ version: (await freshRisk(f)).version, likelihood: 2, consequence: 3 }),
  },
  { route: "GET /api/v1/issues", allowed: EVERYONE, url: (f) => `/api/v1/issues?workstreamId=${f.workstreamId}` },
  { route: "GET /api/v1/issues/:id", allowed: EVERYONE, url: (f) => `/api/v1/issues/${f.issueId}` },
  {
    route: "POST /api/v1/issues",
    allowed: EDITORS,
    url: () => "/api/v1/issues",
    body: (f) => ({ workstreamId: f.workstreamId, title: "Route test API issue" }),
  },
  {
    route: "PATCH /api/v1/issues/:id",
    allowed: EDITORS,
    url: async (f) => `/api/v1/issues/${(await freshIssue(f)).id}`,
    body: async (f) => ({ version: (await freshIssue(f)).version, priority: "high" }),
  },
];
