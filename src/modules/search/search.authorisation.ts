import { EVERYONE, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each search route: everyone. Search has no rules of its own; each owning module
 * searches only what the caller may see (search.int.test.ts checks that Part II, unapproved
 * minutes and drafts are never found by those not entitled to them).
 */
export const searchRouteExpectations: RouteExpectation[] = [
  { route: "GET /search", allowed: EVERYONE, url: () => "/search?q=board" },
  { route: "GET /api/v1/search", allowed: EVERYONE, url: () => "/api/v1/search?q=board" },
];
