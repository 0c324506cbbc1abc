import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each people route (see people.policy.ts): everyone reads the directory, pages and
 * open data alike (e-mail addresses are filtered per viewer, not refused); only admins and the
 * board office (secretaries) add, edit, archive and restore people. Writes aim at a fresh person
 * for every request, so each allowed caller meets its current version and the write succeeds.
 */
const freshPerson = async (f: Fixtures) => f.fresh("person");

export const peopleRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /people", allowed: EVERYONE, url: () => "/people" },
  { route: "GET /people/new", allowed: MANAGERS, url: () => "/people/new" },
  {
    route: "POST /people",
    allowed: MANAGERS,
    url: () => "/people",
    body: (f) => ({ name: "Route test person", jobTitle: "Director of Nursing", organisationId: f.organisationId, email: "route.test@example.org" }),
  },
  { route: "GET /people/:id", allowed: EVERYONE, url: (f) => `/people/${f.personId}` },
  { route: "GET /people/:id/edit", allowed: MANAGERS, url: (f) => `/people/${f.personId}/edit` },
  {
    route: "POST /people/:id",
    allowed: MANAGERS,
    url: async (f) => `/people/${(await freshPerson(f)).id}`,
    body: async (f) => ({
      name: "Route test person, renamed",
      jobTitle: "Chief Nurse",
      organisationId: f.organisationId,
      email: "",
      version: String((await freshPerson(f)).version),
    }),
  },
  {
    route: "POST /people/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/people/${(await freshPerson(f)).id}/archive`,
    body: async (f) => ({ version: String((await freshPerson(f)).version) }),
  },
  {
    route: "POST /people/:id/restore",
    allowed: MANAGERS,
    url: async (f) => `/people/${(await freshPerson(f)).id}/restore`,
    body: async (f) => ({ version: String((await freshPerson(f)).version) }),
  },

  // JSON API
  { route: "GET /api/v1/people", allowed: EVERYONE, url: () => "/api/v1/people" },
  { route: "GET /api/v1/people/:id", allowed: EVERYONE, url: (f) => `/api/v1/people/${f.personId}` },
  {
    route: "POST /api/v1/people",
    allowed: MANAGERS,
    url: () => "/api/v1/people",
    body: (f) => ({ name: "Route test person", jobTitle: "Director of Public Health", organisationId: f.organisationId, email: "route.test@example.org" }),
  },
  {
    route: "PATCH /api/v1/people/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/people/${(await freshPerson(f)).id}`,
    body: async (f) => ({ version: (await freshPerson(f)).version, jobTitle: "Deputy Chief Executive" }),
  },
  {
    route: "POST /api/v1/people/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/people/${(await freshPerson(f)).id}/archive`,
    body: async (f) => ({ version: (await freshPerson(f)).version }),
  },
];
