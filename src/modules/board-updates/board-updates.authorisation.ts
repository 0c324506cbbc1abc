import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each board-updates route (see board-updates.policy.ts). Everyone reads published
 * updates, their versions and the feeds; a draft's page is for insiders only (the public gets 404,
 * so a draft's existence does not leak). Only the board office (admin, secretary) drafts, edits and
 * publishes. Writes aim at a fresh draft (its own held meeting), so each allowed caller meets version 1.
 */

const fresh = (f: Fixtures) => f.fresh("boardUpdate");
const HIDDEN_FROM_PUBLIC: readonly Who[] = ["anonymous"];

export const boardUpdatesRouteExpectations: RouteExpectation[] = [
  // Pages and feeds
  { route: "GET /updates", allowed: EVERYONE, url: (f) => `/updates?bodyId=${f.bodyId}` },
  { route: "GET /updates.rss", allowed: EVERYONE, url: () => "/updates.rss" },
  { route: "GET /updates.atom", allowed: EVERYONE, url: () => "/updates.atom" },
  { route: "GET /bodies/:id/updates.rss", allowed: EVERYONE, url: (f) => `/bodies/${f.bodyId}/updates.rss` },
  { route: "GET /bodies/:id/updates.atom", allowed: EVERYONE, url: (f) => `/bodies/${f.bodyId}/updates.atom` },
  { route: "GET /updates/:slug", allowed: INSIDERS, hiddenAs404: HIDDEN_FROM_PUBLIC, url: (f) => `/updates/${f.draftBoardUpdateId}` },
  { route: "GET /updates/:slug/versions", allowed: EVERYONE, url: (f) => `/updates/${f.boardUpdateId}/versions` },
  { route: "GET /updates/:slug/versions/:number", allowed: EVERYONE, url: (f) => `/updates/${f.boardUpdateId}/versions/1` },
  { route: "GET /updates/:slug/edit", allowed: MANAGERS, url: (f) => `/updates/${f.draftBoardUpdateId}/edit` },
  {
    route: "POST /updates/:slug/edit",
    allowed: MANAGERS,
    url: async (f) => `/updates/${(await fresh(f)).id}/edit`,
    body: async (f) => ({ title: "Route test update", markdown: "The board met.", version: String((await fresh(f)).version), intent: "save" }),
  },
  {
    route: "POST /updates/:slug/publish",
    allowed: MANAGERS,
    url: async (f) => `/updates/${(await fresh(f)).id}/publish`,
    body: async (f) => ({ version: String((await fresh(f)).version) }),
  },
  // The meeting already has its update: the board office is sent to it.
  { route: "POST /updates/draft", allowed: MANAGERS, url: () => "/updates/draft", body: (f) => ({ meetingId: f.meetingId }) },
  { route: "GET /meetings/:meetingId/update", allowed: MANAGERS, url: (f) => `/meetings/${f.meetingId}/update` },
  { route: "POST /meetings/:meetingId/update", allowed: MANAGERS, url: (f) => `/meetings/${f.meetingId}/update`, body: () => ({}) },

  // JSON API
  { route: "GET /api/v1/board-updates", allowed: EVERYONE, url: () => "/api/v1/board-updates?status=draft" },
  { route: "GET /api/v1/board-updates/:id", allowed: INSIDERS, hiddenAs404: HIDDEN_FROM_PUBLIC, url: (f) => `/api/v1/board-updates/${f.draftBoardUpdateId}` },
  // A new meeting is not held yet: the allowed get 409, the others 401/403 before that is looked at.
  {
    route: "POST /api/v1/meetings/:id/board-update",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/meetings/${(await f.fresh("meeting")).id}/board-update`,
    body: () => ({}),
  },
  {
    route: "PATCH /api/v1/board-updates/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/board-updates/${(await fresh(f)).id}`,
    body: async (f) => ({ version: (await fresh(f)).version, markdown: "The board met and decided." }),
  },
  {
    route: "POST /api/v1/board-updates/:id/publish",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/board-updates/${(await fresh(f)).id}/publish`,
    body: async (f) => ({ version: (await fresh(f)).version }),
  },
];
