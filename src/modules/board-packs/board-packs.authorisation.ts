import { EVERYONE, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may have each board pack route (see board-packs.policy.ts). The fixture meeting is held with
 * its agenda published, so everyone has its public pack (PDF, page and JSON). The full pack is for
 * those entitled to Part II (admin, secretary, member): anonymous callers are asked to sign in
 * (401) and other roles refused (403); the meeting itself is public, so nothing is hidden as 404.
 */
const PART_2: readonly Who[] = ["admin", "secretary", "member"];

export const boardPacksRouteExpectations: RouteExpectation[] = [
  { route: "GET /meetings/:id/pack.pdf", allowed: EVERYONE, url: (f) => `/meetings/${f.meetingId}/pack.pdf` },
  { route: "GET /meetings/:id/pack-full.pdf", allowed: PART_2, url: (f) => `/meetings/${f.meetingId}/pack-full.pdf` },
  { route: "GET /meetings/:id/pack", allowed: EVERYONE, url: (f) => `/meetings/${f.meetingId}/pack` },
  { route: "GET /api/v1/meetings/:id/pack", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${f.meetingId}/pack` },
];
