import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each actions route (see actions.policy.ts). Everyone reads the action log, pages,
 * CSV and open data alike, each seeing what confidentiality allows. Only the board office (admin,
 * secretary) records and edits actions. Progress updates and status changes are also open to an
 * action's owner, whatever their role; the fixtures' actions are owned by a person not linked to
 * any requester, so here only managers get through. The one-action routes aim at the Part II
 * action: those not entitled to Part II (the public, contributors, viewers) get 404, so its
 * existence does not leak.
 */

// The decision-trail fixtures (meeting, items, actions) are being added to Fixtures by the lead;
// this view of them compiles before and after that lands.
interface DecisionTrailFixtures {
  meetingId: string;
  part1ItemId: string;
  actionId: string;
  part2ActionId: string;
}
type F = Fixtures & DecisionTrailFixtures;
const fx = (f: Fixtures) => f as F;
const freshAction = (f: Fixtures) => (f.fresh as (kind: string) => Promise<{ id: string; version: number }>)("action");

const PART_2: readonly Who[] = ["admin", "secretary", "member"];
const NOT_PART_2: readonly Who[] = ["anonymous", "contributor", "viewer"];

export const actionsRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /actions", allowed: EVERYONE, url: (f) => `/actions?bodyId=${f.bodyId}&status=all` },
  { route: "GET /actions.csv", allowed: EVERYONE, url: (f) => `/actions.csv?bodyId=${f.bodyId}&status=all` },
  { route: "GET /my-actions", allowed: INSIDERS, url: () => "/my-actions" },
  { route: "GET /actions/new", allowed: MANAGERS, url: (f) => `/actions/new?bodyId=${f.bodyId}` },
  {
    route: "POST /actions",
    allowed: MANAGERS,
    url: () => "/actions",
    body: (f) => ({ bodyId: f.bodyId, description: "Route test standalone action", ownerPersonId: f.personId }),
  },
  {
    route: "GET /meetings/:meetingId/items/:itemId/actions/new",
    allowed: MANAGERS,
    url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/actions/new`,
  },
  {
    route: "POST /meetings/:meetingId/items/:itemId/actions",
    allowed: MANAGERS,
    url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/actions`,
    body: (f) => ({ description: "Route test action from an item", ownerPersonId: f.personId, "dueOn-day": "1", "dueOn-month": "6", "dueOn-year": "2018" }),
  },
  { route: "GET /actions/:id", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/actions/${fx(f).part2ActionId}` },
  { route: "GET /actions/:id/edit", allowed: MANAGERS, url: (f) => `/actions/${fx(f).actionId}/edit` },
  {
    route: "POST /actions/:id",
    allowed: MANAGERS,
    url: async (f) => `/actions/${(await freshAction(f)).id}`,
    body: async (f) => ({ description: "Route test action, reworded", ownerPersonId: f.personId, version: (await freshAction(f)).version }),
  },
  {
    route: "POST /actions/:id/status",
    allowed: MANAGERS,
    url: async (f) => `/actions/${(await freshAction(f)).id}/status`,
    body: async (f) => ({ status: "in_progress", version: (await freshAction(f)).version }),
  },
  {
    route: "POST /actions/:id/updates",
    allowed: MANAGERS,
    url: async (f) => `/actions/${(await freshAction(f)).id}/updates`,
    body: () => ({ text: "Route test progress update" }),
  },

  // JSON API
  { route: "GET /api/v1/actions", allowed: EVERYONE, url: (f) => `/api/v1/actions?bodyId=${f.bodyId}` },
  { route: "GET /api/v1/actions/:id", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/api/v1/actions/${fx(f).part2ActionId}` },
  {
    route: "POST /api/v1/actions",
    allowed: MANAGERS,
    url: () => "/api/v1/actions",
    body: (f) => ({ agendaItemId: fx(f).part1ItemId, description: "Route test action", ownerPersonId: f.personId, dueOn: "2018-06-01" }),
  },
  {
    route: "PATCH /api/v1/actions/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/actions/${(await freshAction(f)).id}`,
    body: async (f) => ({ version: (await freshAction(f)).version, dueOn: "2018-07-01" }),
  },
  {
    route: "POST /api/v1/actions/:id/status",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/actions/${(await freshAction(f)).id}/status`,
    body: async (f) => ({ status: "dropped", droppedReason: "Overtaken by events", version: (await freshAction(f)).version }),
  },
  {
    route: "POST /api/v1/actions/:id/updates",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/actions/${(await freshAction(f)).id}/updates`,
    body: () => ({ text: "Route test progress update" }),
  },
];
