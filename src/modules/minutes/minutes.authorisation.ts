import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/** The decision-trail fixtures the route × role test provides (see tests/authorisation/types.ts). */
type TrailFixtures = Fixtures & {
  meetingId: string;
  part1ItemId: string;
  fresh(kind: "meeting"): Promise<{ id: string; version: number }>;
};
const trail = (f: Fixtures) => f as unknown as TrailFixtures;
const freshMeeting = async (f: Fixtures) => (await trail(f).fresh("meeting")).id;

/**
 * Who may use each minutes route (see minutes.policy.ts): everyone reads the fixtures' meeting's
 * minutes (they are approved; what each reader sees of them is the module's own tests' concern);
 * only admins and the board office (secretaries) write and circulate minutes. The writes reach
 * the service, which refuses approved minutes or a meeting not yet held by its state (409), not
 * by who is asking.
 */
export const minutesRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /meetings/:id/minutes", allowed: EVERYONE, url: (f) => `/meetings/${trail(f).meetingId}/minutes` },
  {
    route: "POST /meetings/:id/minutes/items/:itemId",
    allowed: MANAGERS,
    url: (f) => `/meetings/${trail(f).meetingId}/minutes/items/${trail(f).part1ItemId}`,
    body: () => ({ discussion: "Route test discussion", publicSummary: "Route test summary", outcome: "Noted", version: "1" }),
  },
  { route: "POST /meetings/:id/minutes/draft", allowed: MANAGERS, url: async (f) => `/meetings/${await freshMeeting(f)}/minutes/draft` },
  { route: "POST /meetings/:id/minutes/circulate", allowed: MANAGERS, url: async (f) => `/meetings/${await freshMeeting(f)}/minutes/circulate` },

  // JSON API
  { route: "GET /api/v1/meetings/:id/minutes", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${trail(f).meetingId}/minutes` },
  {
    route: "PATCH /api/v1/meetings/:id/minutes/items/:itemId",
    allowed: MANAGERS,
    url: (f) => `/api/v1/meetings/${trail(f).meetingId}/minutes/items/${trail(f).part1ItemId}`,
    body: () => ({ version: 1, outcome: "Noted" }),
  },
  {
    route: "POST /api/v1/meetings/:id/minutes/status",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/meetings/${await freshMeeting(f)}/minutes/status`,
    body: () => ({ status: "draft" }),
  },
];
