import { EVERYONE, INSIDERS, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each import and export route (see workstreams/portfolio-access.ts). Exports are
 * files of what the viewer may see: everyone gets those of a published workstream (and its
 * approved plan), insiders alone those of an unpublished one (404 for the public). Imports are for
 * those who may change the workstream: admins, the programme office and its assigned contributors
 * (the fixture workstream's); members and viewers read only. An import posted without a file is a
 * 422 (pages) or a 415 (API, for a JSON body), after the permission check.
 */
const EDITORS: readonly Who[] = ["admin", "secretary", "contributor"];

export const portfolioIoRouteExpectations: RouteExpectation[] = [
  // Exports
  {
    route: "GET /workstreams/:workstreamId/risks.xlsx",
    allowed: INSIDERS,
    hiddenAs404: ["anonymous"],
    url: (f) => `/workstreams/${f.unpublishedWorkstreamId}/risks.xlsx`,
  },
  { route: "GET /workstreams/:workstreamId/risks.csv", allowed: EVERYONE, url: (f) => `/workstreams/${f.workstreamId}/risks.csv` },
  { route: "GET /workstreams/:workstreamId/milestones.xlsx", allowed: EVERYONE, url: (f) => `/workstreams/${f.workstreamId}/milestones.xlsx` },
  {
    route: "GET /workstreams/:workstreamId/milestones.csv",
    allowed: INSIDERS,
    hiddenAs404: ["anonymous"],
    url: (f) => `/workstreams/${f.unpublishedWorkstreamId}/milestones.csv`,
  },
  { route: "GET /plans/:planId/budget-lines.xlsx", allowed: EVERYONE, url: (f) => `/plans/${f.planId}/budget-lines.xlsx` },
  { route: "GET /plans/:planId/budget-lines.csv", allowed: EVERYONE, url: (f) => `/plans/${f.planId}/budget-lines.csv` },
  { route: "GET /risks/portfolio.xlsx", allowed: EVERYONE, url: () => "/risks/portfolio.xlsx" },
  { route: "GET /risks/portfolio.csv", allowed: EVERYONE, url: () => "/risks/portfolio.csv" },

  // Import pages
  { route: "GET /workstreams/:workstreamId/risks/import", allowed: EDITORS, url: (f) => `/workstreams/${f.workstreamId}/risks/import` },
  { route: "POST /workstreams/:workstreamId/risks/import", allowed: EDITORS, url: (f) => `/workstreams/${f.workstreamId}/risks/import`, body: () => ({}) },
  { route: "GET /workstreams/:workstreamId/milestones/import", allowed: EDITORS, url: (f) => `/workstreams/${f.workstreamId}/milestones/import` },
  {
    route: "POST /workstreams/:workstreamId/milestones/import",
    allowed: EDITORS,
    url: (f) => `/workstreams/${f.workstreamId}/milestones/import`,
    body: () => ({}),
  },
  { route: "GET /plans/:planId/budget-lines/import", allowed: EDITORS, url: (f) => `/plans/${f.planId}/budget-lines/import` },
  { route: "POST /plans/:planId/budget-lines/import", allowed: EDITORS, url: (f) => `/plans/${f.planId}/budget-lines/import`, body: () => ({}) },

  // API
  {
    route: "POST /api/v1/workstreams/:id/risks/import",
    allowed: EDITORS,
    url: (f) => `/api/v1/workstreams/${f.workstreamId}/risks/import`,
    body: () => ({ file: "sent as JSON, so refused with 415 once allowed" }),
  },
  {
    route: "POST /api/v1/workstreams/:id/milestones/import",
    allowed: EDITORS,
    url: (f) => `/api/v1/workstreams/${f.workstreamId}/milestones/import`,
    body: () => ({ file: "sent as JSON, so refused with 415 once allowed" }),
  },
  {
    route: "POST /api/v1/plans/:id/budget-lines/import",
    allowed: EDITORS,
    url: (f) => `/api/v1/plans/${f.planId}/budget-lines/import`,
    body: () => ({ file: "sent as JSON, so refused with 415 once allowed" }),
  },
];
