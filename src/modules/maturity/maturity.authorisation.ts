import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each maturity route (see maturity.policy.ts). Everyone reads published frameworks,
 * their heat maps and assessments; an unpublished framework is a 404 to the public (the fresh
 * framework is unpublished). Frameworks are defined and edited by the programme office (admin,
 * secretary). Assessments may also be recorded and edited by contributors of the framework's
 * workstream: the fixture framework belongs to the fixture workstream, to which the contributor
 * role's users are assigned.
 *
 * A valid assessment rates every dimension, and the fixtures do not carry the framework's
 * dimension ids, so the assessment-creating requests of allowed roles end in 422 (which this test
 * accepts as "allowed": the permission checks come first). The module's own tests cover success.
 */
const ASSESSORS: readonly Who[] = ["admin", "secretary", "contributor"];
const freshFramework = (f: Fixtures) => f.fresh("maturityFramework");
const freshAssessment = (f: Fixtures) => f.fresh("maturityAssessment");

const assessmentForm = (f: Fixtures) => ({
  organisationId: f.organisationId,
  areaName: "",
  "assessedOn-day": "5",
  "assessedOn-month": "3",
  "assessedOn-year": "2018",
  assessorName: "Route test assessor",
  method: "self",
});

export const maturityRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /maturity", allowed: EVERYONE, url: () => "/maturity" },
  { route: "GET /maturity/new", allowed: MANAGERS, url: () => "/maturity/new" },
  {
    route: "POST /maturity",
    allowed: MANAGERS,
    url: () => "/maturity",
    body: () => ({
      title: "Route test framework",
      description: "",
      workstreamId: "",
      published: "no",
      dimensions: "Leadership\nTeams",
      levels: "Emerging\nThriving",
    }),
  },
  { route: "GET /maturity/:id", allowed: INSIDERS, hiddenAs404: ["anonymous"], url: async (f) => `/maturity/${(await freshFramework(f)).id}` },
  { route: "GET /maturity/:id/edit", allowed: MANAGERS, url: (f) => `/maturity/${f.maturityFrameworkId}/edit` },
  {
    route: "POST /maturity/:id",
    allowed: MANAGERS,
    url: async (f) => `/maturity/${(await freshFramework(f)).id}`,
    body: async (f) => ({ title: "Route test framework, renamed", published: "no", version: (await freshFramework(f)).version }),
  },
  { route: "GET /maturity/:id/assessments", allowed: EVERYONE, url: (f) => `/maturity/${f.maturityFrameworkId}/assessments` },
  { route: "GET /maturity/:id/assessments/new", allowed: ASSESSORS, url: (f) => `/maturity/${f.maturityFrameworkId}/assessments/new` },
  {
    route: "POST /maturity/:id/assessments",
    allowed: ASSESSORS,
    url: (f) => `/maturity/${f.maturityFrameworkId}/assessments`,
    body: assessmentForm,
  },
  { route: "GET /maturity-assessments/:id", allowed: EVERYONE, url: (f) => `/maturity-assessments/${f.maturityAssessmentId}` },
  { route: "GET /maturity-assessments/:id/edit", allowed: ASSESSORS, url: (f) => `/maturity-assessments/${f.maturityAssessmentId}/edit` },
  {
    route: "POST /maturity-assessments/:id",
    allowed: ASSESSORS,
    url: async (f) => `/maturity-assessments/${(await freshAssessment(f)).id}`,
    body: async (f) => ({ ...assessmentForm(f), version: (await freshAssessment(f)).version }),
  },

  // JSON API
  { route: "GET /api/v1/maturity-frameworks", allowed: EVERYONE, url: () => "/api/v1/maturity-frameworks" },
  {
    route: "POST /api/v1/maturity-frameworks",
    allowed: MANAGERS,
    url: () => "/api/v1/maturity-frameworks",
    body: (f) => ({
      title: "Route test framework",
      workstreamId: f.workstreamId,
      dimensions: [{ title: "Leadership", descriptors: ["Starting out", "Well established"] }],
      levels: [{ title: "Emerging" }, { title: "Thriving" }],
    }),
  },
  {
    route: "GET /api/v1/maturity-frameworks/:id",
    allowed: INSIDERS,
    hiddenAs404: ["anonymous"],
    url: async (f) => `/api/v1/maturity-frameworks/${(await freshFramework(f)).id}`,
  },
  {
    route: "PATCH /api/v1/maturity-frameworks/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/maturity-frameworks/${(await freshFramework(f)).id}`,
    body: async (f) => ({ version: (await freshFramework(f)).version, title: "Route test framework, renamed" }),
  },
  { route: "GET /api/v1/maturity-assessments", allowed: EVERYONE, url: (f) => `/api/v1/maturity-assessments?frameworkId=${f.maturityFrameworkId}` },
  {
    route: "POST /api/v1/maturity-assessments",
    allowed: ASSESSORS,
    url: () => "/api/v1/maturity-assessments",
    body: (f) => ({ frameworkId: f.maturityFrameworkId, organisationId: f.organisationId, assessedOn: "2018-03-05", assessorName: "Route test", ratings: [] }),
  },
  { route: "GET /api/v1/maturity-assessments/:id", allowed: EVERYONE, url: (f) => `/api/v1/maturity-assessments/${f.maturityAssessmentId}` },
  {
    route: "PATCH /api/v1/maturity-assessments/:id",
    allowed: ASSESSORS,
    url: async (f) => `/api/v1/maturity-assessments/${(await freshAssessment(f)).id}`,
    body: async (f) => ({ version: (await freshAssessment(f)).version, notes: "Route test note" }),
  },
];
