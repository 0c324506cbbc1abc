import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each organisations route (see organisations.policy.ts): everyone reads current
 * organisations, pages and open data alike; only admins and the board office (secretaries)
 * add, edit, archive and restore them. Writes aim at a fresh organisation for every request,
 * so each allowed caller meets version 1 and the write itself succeeds.
 */
const freshOrganisation = async (f: Fixtures) => (await f.fresh("organisation")).id;
const freshVersion = async (f: Fixtures) => (await f.fresh("organisation")).version;

export const organisationsRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /organisations", allowed: EVERYONE, url: () => "/organisations" },
  { route: "GET /organisations/new", allowed: MANAGERS, url: () => "/organisations/new" },
  {
    route: "POST /organisations",
    allowed: MANAGERS,
    url: () => "/organisations",
    body: () => ({ name: "Route test organisation", kind: "nhs_trust", active: "yes" }),
  },
  { route: "GET /organisations/:id", allowed: EVERYONE, url: (f) => `/organisations/${f.organisationId}` },
  { route: "GET /organisations/:id/edit", allowed: MANAGERS, url: (f) => `/organisations/${f.organisationId}/edit` },
  {
    route: "POST /organisations/:id",
    allowed: MANAGERS,
    url: async (f) => `/organisations/${await freshOrganisation(f)}`,
    body: async (f) => ({ name: "Route test organisation, renamed", kind: "nhs_trust", active: "yes", version: await freshVersion(f) }),
  },
  {
    route: "POST /organisations/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/organisations/${await freshOrganisation(f)}/archive`,
    body: async (f) => ({ version: await freshVersion(f) }),
  },
  {
    route: "POST /organisations/:id/restore",
    allowed: MANAGERS,
    url: async (f) => `/organisations/${await freshOrganisation(f)}/restore`,
    body: async (f) => ({ version: await freshVersion(f) }),
  },

  // JSON API
  { route: "GET /api/v1/organisations", allowed: EVERYONE, url: () => "/api/v1/organisations" },
  { route: "GET /api/v1/organisations/:id", allowed: EVERYONE, url: (f) => `/api/v1/organisations/${f.organisationId}` },
  {
    route: "POST /api/v1/organisations",
    allowed: MANAGERS,
    url: () => "/api/v1/organisations",
    body: () => ({ name: "Route test organisation", kind: "voluntary_sector" }),
  },
  {
    route: "PATCH /api/v1/organisations/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/organisations/${await freshOrganisation(f)}`,
    body: async (f) => ({ version: await freshVersion(f), shortName: "Renamed" }),
  },
  {
    route: "POST /api/v1/organisations/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/organisations/${await freshOrganisation(f)}/archive`,
    body: async (f) => ({ version: await freshVersion(f) }),
  },
];
