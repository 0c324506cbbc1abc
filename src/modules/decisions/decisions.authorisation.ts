import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each decisions route (see decisions.policy.ts). Everyone reads the decision log, its
 * CSV and Part I decisions of held meetings, pages and open data alike. Only the board office
 * (admin, secretary) records, corrects, supersedes and rescinds decisions. A decision's own page
 * and API record aim at the Part II decision: those not entitled to Part II (the public,
 * contributors, viewers) get 404, so its existence does not leak. Writes aim at a fresh Part I
 * decision, so each allowed caller meets version 1.
 */

// The decision-trail fixtures are being added to Fixtures by the lead; this view of them compiles
// before and after that lands.
interface DecisionTrailFixtures {
  meetingId: string;
  part1ItemId: string;
  decisionId: string;
  part2DecisionId: string;
}
const fx = (f: Fixtures) => f as Fixtures & DecisionTrailFixtures;
const freshDecision = (f: Fixtures) => (f.fresh as (kind: string) => Promise<{ id: string; version: number }>)("decision");

const PART_2: readonly Who[] = ["admin", "secretary", "member"];
const NOT_PART_2: readonly Who[] = ["anonymous", "contributor", "viewer"];

export const decisionsRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /decisions", allowed: EVERYONE, url: (f) => `/decisions?bodyId=${f.bodyId}` },
  { route: "GET /decisions.csv", allowed: EVERYONE, url: (f) => `/decisions.csv?bodyId=${f.bodyId}` },
  { route: "GET /decisions/:id", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/decisions/${fx(f).part2DecisionId}` },
  { route: "GET /decisions/:id/edit", allowed: MANAGERS, url: (f) => `/decisions/${fx(f).decisionId}/edit` },
  {
    route: "POST /decisions/:id",
    allowed: MANAGERS,
    url: async (f) => `/decisions/${(await freshDecision(f)).id}`,
    body: async (f) => ({ text: "Route test decision, corrected", kind: "agreed", version: String((await freshDecision(f)).version) }),
  },
  { route: "GET /decisions/:id/supersede", allowed: MANAGERS, url: async (f) => `/decisions/${(await freshDecision(f)).id}/supersede` },
  {
    route: "POST /decisions/:id/supersede",
    allowed: MANAGERS,
    url: async (f) => `/decisions/${(await freshDecision(f)).id}/supersede`,
    body: async (f) => ({ supersededByDecisionId: fx(f).decisionId, version: String((await freshDecision(f)).version) }),
  },
  {
    route: "POST /decisions/:id/rescind",
    allowed: MANAGERS,
    url: async (f) => `/decisions/${(await freshDecision(f)).id}/rescind`,
    body: async (f) => ({ version: String((await freshDecision(f)).version) }),
  },
  {
    route: "GET /meetings/:meetingId/items/:itemId/decisions/new",
    allowed: MANAGERS,
    url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/decisions/new`,
  },
  {
    route: "POST /meetings/:meetingId/items/:itemId/decisions",
    allowed: MANAGERS,
    url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/decisions`,
    body: () => ({ text: "Route test: the board noted the update.", kind: "noted", recommendedToBodyId: "" }),
  },

  // JSON API
  { route: "GET /api/v1/decisions", allowed: EVERYONE, url: (f) => `/api/v1/decisions?bodyId=${f.bodyId}` },
  { route: "GET /api/v1/decisions/:id", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/api/v1/decisions/${fx(f).part2DecisionId}` },
  {
    route: "POST /api/v1/decisions",
    allowed: MANAGERS,
    url: () => "/api/v1/decisions",
    body: (f) => ({ agendaItemId: fx(f).part1ItemId, text: "Route test: the board agreed.", kind: "agreed" }),
  },
  {
    route: "PATCH /api/v1/decisions/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/decisions/${(await freshDecision(f)).id}`,
    body: async (f) => ({ version: (await freshDecision(f)).version, text: "Route test decision, corrected" }),
  },
  {
    route: "POST /api/v1/decisions/:id/supersede",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/decisions/${(await freshDecision(f)).id}/supersede`,
    body: async (f) => ({ version: (await freshDecision(f)).version, supersededByDecisionId: fx(f).decisionId }),
  },
  {
    route: "POST /api/v1/decisions/:id/rescind",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/decisions/${(await freshDecision(f)).id}/rescind`,
    body: async (f) => ({ version: (await freshDecision(f)).version }),
  },
];
