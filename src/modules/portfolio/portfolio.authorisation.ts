import { EVERYONE, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each portfolio route. Everything here reads: the dashboard is for everyone (the
 * public sees the published portfolio only), a deep dive follows its agenda item's visibility
 * (Part II items are 404 to those not entitled: meetings/confidentiality.ts), and a decision's
 * effects follow the decision's (a Part II decision is 404 to the public, contributors, viewers).
 * The deep-dive page of an item that is not a deep dive redirects to the item (303); its API
 * answers `data: null`.
 */
const PART_2: readonly Who[] = ["admin", "secretary", "member"];
const NOT_PART_2: readonly Who[] = ["anonymous", "contributor", "viewer"];

export const portfolioRouteExpectations: RouteExpectation[] = [
  { route: "GET /portfolio", allowed: EVERYONE, url: () => "/portfolio?year=2018" },
  { route: "GET /meetings/:id/items/:itemId/deep-dive", allowed: EVERYONE, url: (f) => `/meetings/${f.meetingId}/items/${f.part1ItemId}/deep-dive` },
  { route: "GET /api/v1/portfolio", allowed: EVERYONE, url: () => "/api/v1/portfolio?year=2018" },
  {
    route: "GET /api/v1/meetings/:id/items/:itemId/deep-dive",
    allowed: PART_2,
    hiddenAs404: NOT_PART_2,
    url: (f) => `/api/v1/meetings/${f.meetingId}/items/${f.part2ItemId}/deep-dive`,
  },
  {
    route: "GET /api/v1/decisions/:id/effects",
    allowed: PART_2,
    hiddenAs404: NOT_PART_2,
    url: (f) => `/api/v1/decisions/${f.part2DecisionId}/effects`,
  },
];
