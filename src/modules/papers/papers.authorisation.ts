import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each papers route (see papers.policy.ts). A paper is Part I or Part II as its agenda
 * item is: the reading routes aim at the Part II paper, so those not entitled to Part II (the
 * public, contributors, viewers) get 404 and its existence does not leak. Only the board office
 * (admin, secretary) uploads papers and versions and archives them. Upload requests here carry
 * no file, so the allowed get past the checks to "Select a file" (422) or, in the API, 415.
 */

// The decision-trail fixtures are being added to Fixtures by the lead; this view of them
// compiles before and after that lands.
interface DecisionTrailFixtures {
  meetingId: string;
  part1ItemId: string;
  paperId: string;
  part2PaperId: string;
}
const fx = (f: Fixtures) => f as Fixtures & DecisionTrailFixtures;
const freshPaper = (f: Fixtures) => (f.fresh as (kind: string) => Promise<{ id: string; version: number }>)("paper");

const PART_2: readonly Who[] = ["admin", "secretary", "member"];
const NOT_PART_2: readonly Who[] = ["anonymous", "contributor", "viewer"];

export const papersRouteExpectations: RouteExpectation[] = [
  // Pages
  {
    route: "GET /meetings/:meetingId/items/:itemId/papers/new",
    allowed: MANAGERS,
    url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/papers/new`,
  },
  {
    route: "POST /meetings/:meetingId/items/:itemId/papers",
    allowed: MANAGERS,
    url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/papers`,
    body: () => ({ title: "Route test paper" }),
  },
  { route: "GET /papers/:id", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/papers/${fx(f).part2PaperId}` },
  { route: "GET /papers/:id/download", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/papers/${fx(f).part2PaperId}/download` },
  { route: "GET /papers/:id/versions/:n/download", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/papers/${fx(f).part2PaperId}/versions/1/download` },
  { route: "GET /papers/:id/versions/new", allowed: MANAGERS, url: (f) => `/papers/${fx(f).paperId}/versions/new` },
  { route: "POST /papers/:id/versions", allowed: MANAGERS, url: (f) => `/papers/${fx(f).paperId}/versions`, body: () => ({ version: "1" }) },
  {
    route: "POST /papers/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/papers/${(await freshPaper(f)).id}/archive`,
    body: async (f) => ({ version: (await freshPaper(f)).version }),
  },
  {
    route: "POST /papers/:id/restore",
    allowed: MANAGERS,
    url: async (f) => `/papers/${(await freshPaper(f)).id}/restore`,
    body: async (f) => ({ version: (await freshPaper(f)).version }),
  },

  // JSON API
  { route: "GET /api/v1/papers", allowed: EVERYONE, url: (f) => `/api/v1/papers?meetingId=${fx(f).meetingId}` },
  { route: "GET /api/v1/papers/:id", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/api/v1/papers/${fx(f).part2PaperId}` },
  { route: "GET /api/v1/papers/:id/download", allowed: PART_2, hiddenAs404: NOT_PART_2, url: (f) => `/api/v1/papers/${fx(f).part2PaperId}/download` },
  {
    route: "GET /api/v1/papers/:id/versions/:n/download",
    allowed: PART_2,
    hiddenAs404: NOT_PART_2,
    url: (f) => `/api/v1/papers/${fx(f).part2PaperId}/versions/1/download`,
  },
  {
    route: "POST /api/v1/meetings/:meetingId/items/:itemId/papers",
    allowed: MANAGERS,
    url: (f) => `/api/v1/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/papers`,
    body: () => ({ title: "Route test paper" }),
  },
  { route: "POST /api/v1/papers/:id/versions", allowed: MANAGERS, url: (f) => `/api/v1/papers/${fx(f).paperId}/versions`, body: () => ({ version: "1" }) },
  {
    route: "POST /api/v1/papers/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/papers/${(await freshPaper(f)).id}/archive`,
    body: async (f) => ({ version: (await freshPaper(f)).version }),
  },
];
