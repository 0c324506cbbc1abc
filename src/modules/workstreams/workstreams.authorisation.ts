import { randomUUID } from "node:crypto";
import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each workstreams route (see portfolio-access.ts). Everyone reads published
 * workstreams and their trail; an unpublished workstream is a 404 for the public, pages and open
 * data alike. Its definition, publication and contributors are for admins and the programme office
 * (secretary); the contributors assigned to the fixture workstream may also link its decisions and
 * agenda items. Definition writes aim at a fresh (unpublished, unassigned) workstream, so each
 * allowed caller meets version 1.
 */

const EDITORS: readonly Who[] = [...MANAGERS, "contributor"];
const fresh = (f: Fixtures) => f.fresh("workstream");
const newName = () => `Route test workstream ${randomUUID().slice(0, 8)}`;

const versioned = (path: (id: string) => string) => ({
  url: async (f: Fixtures) => path((await fresh(f)).id),
  body: async (f: Fixtures) => ({ version: (await fresh(f)).version }),
});

export const workstreamsRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /workstreams", allowed: EVERYONE, url: () => "/workstreams?status=active" },
  { route: "GET /workstreams/new", allowed: MANAGERS, url: () => "/workstreams/new" },
  { route: "POST /workstreams", allowed: MANAGERS, url: () => "/workstreams", body: () => ({ name: newName(), status: "proposed" }) },
  { route: "GET /workstreams/:id", allowed: INSIDERS, hiddenAs404: ["anonymous"], url: (f) => `/workstreams/${f.unpublishedWorkstreamId}` },
  { route: "GET /workstreams/:id/edit", allowed: MANAGERS, url: (f) => `/workstreams/${f.workstreamId}/edit` },
  {
    route: "POST /workstreams/:id",
    allowed: MANAGERS,
    url: async (f) => `/workstreams/${(await fresh(f)).id}`,
    body: async (f) => ({ name: newName(), status: "active", version: String((await fresh(f)).version) }),
  },
  ...(["publish", "unpublish", "archive", "restore"] as const).map((verb) => ({
    route: `POST /workstreams/:id/${verb}`,
    allowed: MANAGERS,
    ...versioned((id) => `/workstreams/${id}/${verb}`),
  })),
  { route: "GET /workstreams/:id/actions", allowed: EVERYONE, url: (f) => `/workstreams/${f.workstreamId}/actions?status=outstanding` },
  {
    route: "POST /workstreams/:id/decisions",
    allowed: EDITORS,
    url: (f) => `/workstreams/${f.workstreamId}/decisions`,
    body: (f) => ({ decisionId: f.decisionId }),
  },
  {
    route: "POST /workstreams/:id/decisions/:targetId/unlink",
    allowed: EDITORS,
    url: (f) => `/workstreams/${f.workstreamId}/decisions/${f.decisionId}/unlink`,
  },
  {
    route: "POST /workstreams/:id/agenda-items",
    allowed: EDITORS,
    url: (f) => `/workstreams/${f.workstreamId}/agenda-items`,
    body: (f) => ({ agendaItemId: f.part1ItemId }),
  },
  {
    route: "POST /workstreams/:id/agenda-items/:targetId/unlink",
    allowed: EDITORS,
    url: (f) => `/workstreams/${f.workstreamId}/agenda-items/${f.part1ItemId}/unlink`,
  },
  // A new user has the viewer role, so assigning is refused as a validation error (422): allowed, not denied.
  {
    route: "POST /workstreams/:id/contributors",
    allowed: MANAGERS,
    url: (f) => `/workstreams/${f.workstreamId}/contributors`,
    body: async (f) => ({ userId: (await f.fresh("user")).id }),
  },
  {
    route: "POST /workstreams/:id/contributors/:targetId/remove",
    allowed: MANAGERS,
    url: async (f) => `/workstreams/${f.workstreamId}/contributors/${(await f.fresh("user")).id}/remove`,
  },

  // JSON API
  { route: "GET /api/v1/workstreams", allowed: EVERYONE, url: () => "/api/v1/workstreams" },
  { route: "GET /api/v1/workstreams/:id", allowed: INSIDERS, hiddenAs404: ["anonymous"], url: (f) => `/api/v1/workstreams/${f.unpublishedWorkstreamId}` },
  { route: "POST /api/v1/workstreams", allowed: MANAGERS, url: () => "/api/v1/workstreams", body: () => ({ name: newName() }) },
  {
    route: "PATCH /api/v1/workstreams/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/workstreams/${(await fresh(f)).id}`,
    body: async (f) => ({ version: (await fresh(f)).version, status: "active" }),
  },
  ...(["publish", "unpublish", "archive"] as const).map((verb) => ({
    route: `POST /api/v1/workstreams/:id/${verb}`,
    allowed: MANAGERS,
    ...versioned((id) => `/api/v1/workstreams/${id}/${verb}`),
  })),
  { route: "GET /api/v1/workstreams/:id/actions", allowed: EVERYONE, url: (f) => `/api/v1/workstreams/${f.workstreamId}/actions?status=open&limit=25` },
  { route: "GET /api/v1/workstreams/:id/decisions", allowed: EVERYONE, url: (f) => `/api/v1/workstreams/${f.workstreamId}/decisions` },
  { route: "GET /api/v1/workstreams/:id/agenda-items", allowed: EVERYONE, url: (f) => `/api/v1/workstreams/${f.workstreamId}/agenda-items` },
  {
    route: "POST /api/v1/workstreams/:id/decisions",
    allowed: EDITORS,
    url: (f) => `/api/v1/workstreams/${f.workstreamId}/decisions`,
    body: (f) => ({ decisionId: f.decisionId }),
  },
  {
    route: "DELETE /api/v1/workstreams/:id/decisions/:targetId",
    allowed: EDITORS,
    url: (f) => `/api/v1/workstreams/${f.workstreamId}/decisions/${f.decisionId}`,
  },
  {
    route: "POST /api/v1/workstreams/:id/agenda-items",
    allowed: EDITORS,
    url: (f) => `/api/v1/workstreams/${f.workstreamId}/agenda-items`,
    body: (f) => ({ agendaItemId: f.part1ItemId }),
  },
  {
    route: "DELETE /api/v1/workstreams/:id/agenda-items/:targetId",
    allowed: EDITORS,
    url: (f) => `/api/v1/workstreams/${f.workstreamId}/agenda-items/${f.part1ItemId}`,
  },
  { route: "GET /api/v1/workstreams/:id/contributors", allowed: EVERYONE, url: (f) => `/api/v1/workstreams/${f.workstreamId}/contributors` },
  {
    route: "POST /api/v1/workstreams/:id/contributors",
    allowed: MANAGERS,
    url: (f) => `/api/v1/workstreams/${f.workstreamId}/contributors`,
    body: async (f) => ({ userId: (await f.fresh("user")).id }),
  },
  {
    route: "DELETE /api/v1/workstreams/:id/contributors/:targetId",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/workstreams/${f.workstreamId}/contributors/${(await f.fresh("user")).id}`,
  },
];
