import { EVERYONE, INSIDERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each milestones and products route (see workstreams/portfolio-access.ts). Everyone
 * reads the milestones and delivered products of published workstreams; insiders see unpublished
 * workstreams and planned products too, so the public gets 404 for those. Admins, the programme
 * office and the contributors assigned to the workstream (the fixture workstream's contributors)
 * add and change them; members and viewers read only. Writes aim at fresh records, so each allowed
 * caller meets version 1; a fresh product is planned, so the public gets 404 for it.
 */
const EDITORS: readonly Who[] = ["admin", "secretary", "contributor"];
const fresh = (f: Fixtures, kind: "milestone" | "product") => f.fresh(kind);

const milestoneFields = {
  title: "Route test milestone",
  description: "",
  "baselineOn-day": "30",
  "baselineOn-month": "6",
  "baselineOn-year": "2018",
  status: "on_track",
};

export const milestonesRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /milestones", allowed: EVERYONE, url: (f) => `/milestones?within=60&workstreamId=${f.workstreamId}` },
  {
    route: "GET /workstreams/:workstreamId/milestones",
    allowed: INSIDERS,
    hiddenAs404: ["anonymous"],
    url: (f) => `/workstreams/${f.unpublishedWorkstreamId}/milestones`,
  },
  { route: "GET /milestones/new", allowed: EDITORS, url: (f) => `/milestones/new?workstreamId=${f.workstreamId}` },
  { route: "POST /milestones", allowed: EDITORS, url: () => "/milestones", body: (f) => ({ workstreamId: f.workstreamId, ...milestoneFields }) },
  { route: "GET /milestones/:id", allowed: EVERYONE, url: (f) => `/milestones/${f.milestoneId}` },
  { route: "GET /milestones/:id/edit", allowed: EDITORS, url: (f) => `/milestones/${f.milestoneId}/edit` },
  {
    route: "POST /milestones/:id",
    allowed: EDITORS,
    url: async (f) => `/milestones/${(await fresh(f, "milestone")).id}`,
    body: async (f) => ({ ...milestoneFields, title: "Route test milestone, changed", version: String((await fresh(f, "milestone")).version) }),
  },
  { route: "GET /products/new", allowed: EDITORS, url: (f) => `/products/new?workstreamId=${f.workstreamId}` },
  {
    route: "POST /products",
    allowed: EDITORS,
    url: () => "/products",
    body: (f) => ({ workstreamId: f.workstreamId, title: "Route test product", description: "" }),
  },
  { route: "GET /products/:id", allowed: EVERYONE, url: (f) => `/products/${f.productId}` },
  { route: "GET /products/:id/edit", allowed: EDITORS, url: (f) => `/products/${f.productId}/edit` },
  {
    route: "POST /products/:id",
    allowed: EDITORS,
    hiddenAs404: ["anonymous"],
    url: async (f) => `/products/${(await fresh(f, "product")).id}`,
    body: async (f) => ({ title: "Route test product, changed", description: "", version: String((await fresh(f, "product")).version) }),
  },
  { route: "GET /products/:id/deliver", allowed: EDITORS, url: (f) => `/products/${f.productId}/deliver` },
  {
    route: "POST /products/:id/deliver",
    allowed: EDITORS,
    hiddenAs404: ["anonymous"],
    url: async (f) => `/products/${(await fresh(f, "product")).id}/deliver`,
    body: async (f) => ({
      "deliveredOn-day": "13",
      "deliveredOn-month": "3",
      "deliveredOn-year": "2018",
      evidenceUrl: "https://example.org/evidence",
      version: String((await fresh(f, "product")).version),
    }),
  },

  // JSON API
  { route: "GET /api/v1/milestones", allowed: EVERYONE, url: (f) => `/api/v1/milestones?workstreamId=${f.workstreamId}` },
  { route: "GET /api/v1/milestones/:id", allowed: EVERYONE, url: (f) => `/api/v1/milestones/${f.milestoneId}` },
  {
    route: "POST /api/v1/milestones",
    allowed: EDITORS,
    url: () => "/api/v1/milestones",
    body: (f) => ({ workstreamId: f.workstreamId, title: "Route test milestone", baselineOn: "2018-06-30" }),
  },
  {
    route: "PATCH /api/v1/milestones/:id",
    allowed: EDITORS,
    url: async (f) => `/api/v1/milestones/${(await fresh(f, "milestone")).id}`,
    body: async (f) => ({ version: (await fresh(f, "milestone")).version, forecastOn: "2018-07-31", status: "late" }),
  },
  { route: "GET /api/v1/products", allowed: EVERYONE, url: (f) => `/api/v1/products?workstreamId=${f.workstreamId}` },
  { route: "GET /api/v1/products/:id", allowed: EVERYONE, url: (f) => `/api/v1/products/${f.productId}` },
  {
    route: "POST /api/v1/products",
    allowed: EDITORS,
    url: () => "/api/v1/products",
    body: (f) => ({ workstreamId: f.workstreamId, title: "Route test product" }),
  },
  {
    route: "PATCH /api/v1/products/:id",
    allowed: EDITORS,
    hiddenAs404: ["anonymous"],
    url: async (f) => `/api/v1/products/${(await fresh(f, "product")).id}`,
    body: async (f) => ({
      version: (await fresh(f, "product")).version,
      status: "delivered",
      deliveredOn: "2018-03-13",
      evidenceUrl: "https://example.org/evidence",
    }),
  },
];
