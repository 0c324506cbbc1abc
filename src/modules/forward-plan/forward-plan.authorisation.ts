import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each forward plan route (see forward-plan.policy.ts): forward plans are published,
 * so everyone reads the plan of a body that meets in public (the fixtures' body does; the public
 * gets 404 for a body that meets in private, tested in forward-plan.int.test.ts) and only admins
 * and secretaries change it. Writes aim at a fresh entry on the fixtures'
 * body, so each allowed caller meets version 1; scheduling aims at a fresh meeting of that body.
 */

// The decision-trail fixtures are being added to Fixtures by the lead; this view of them compiles
// before and after that lands.
interface DecisionTrailFixtures {
  forwardPlanEntryId: string;
}
const fx = (f: Fixtures) => f as Fixtures & DecisionTrailFixtures;
const fresh = (f: Fixtures, kind: "forwardPlanEntry" | "meeting") => (f.fresh as (kind: string) => Promise<{ id: string; version: number }>)(kind);

const blankEntryForm = { kind: "update", targetMeetingId: "", "targetMonth-month": "", "targetMonth-year": "", ownerPersonId: "" };

export const forwardPlanRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /bodies/:id/forward-plan", allowed: EVERYONE, url: (f) => `/bodies/${f.bodyId}/forward-plan` },
  { route: "GET /bodies/:id/forward-plan/new", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/forward-plan/new` },
  {
    route: "POST /bodies/:id/forward-plan",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/forward-plan`,
    body: () => ({ ...blankEntryForm, title: "Route test future business" }),
  },
  { route: "GET /bodies/:id/forward-plan/:entryId/edit", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/forward-plan/${fx(f).forwardPlanEntryId}/edit` },
  {
    route: "POST /bodies/:id/forward-plan/:entryId",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/forward-plan/${(await fresh(f, "forwardPlanEntry")).id}`,
    body: async (f) => ({ ...blankEntryForm, title: "Route test future business, renamed", version: String((await fresh(f, "forwardPlanEntry")).version) }),
  },
  {
    route: "POST /bodies/:id/forward-plan/:entryId/remove",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/forward-plan/${(await fresh(f, "forwardPlanEntry")).id}/remove`,
    body: async (f) => ({ version: String((await fresh(f, "forwardPlanEntry")).version) }),
  },
  {
    route: "GET /bodies/:id/forward-plan/:entryId/schedule",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/forward-plan/${(await fresh(f, "forwardPlanEntry")).id}/schedule`,
  },
  {
    route: "POST /bodies/:id/forward-plan/:entryId/schedule",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/forward-plan/${(await fresh(f, "forwardPlanEntry")).id}/schedule`,
    body: async (f) => ({ meetingId: (await fresh(f, "meeting")).id, version: String((await fresh(f, "forwardPlanEntry")).version) }),
  },

  // JSON API
  { route: "GET /api/v1/forward-plan", allowed: EVERYONE, url: (f) => `/api/v1/forward-plan?bodyId=${f.bodyId}` },
  { route: "GET /api/v1/forward-plan/:id", allowed: EVERYONE, url: (f) => `/api/v1/forward-plan/${fx(f).forwardPlanEntryId}` },
  {
    route: "POST /api/v1/forward-plan",
    allowed: MANAGERS,
    url: () => "/api/v1/forward-plan",
    body: (f) => ({ bodyId: f.bodyId, title: "Route test future business", kind: "update" }),
  },
  {
    route: "PATCH /api/v1/forward-plan/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/forward-plan/${(await fresh(f, "forwardPlanEntry")).id}`,
    body: async (f) => ({ version: (await fresh(f, "forwardPlanEntry")).version, title: "Route test future business, renamed" }),
  },
  {
    route: "POST /api/v1/forward-plan/:id/schedule",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/forward-plan/${(await fresh(f, "forwardPlanEntry")).id}/schedule`,
    body: async (f) => ({ version: (await fresh(f, "forwardPlanEntry")).version, meetingId: (await fresh(f, "meeting")).id }),
  },
  {
    route: "POST /api/v1/forward-plan/:id/remove",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/forward-plan/${(await fresh(f, "forwardPlanEntry")).id}/remove`,
    body: async (f) => ({ version: (await fresh(f, "forwardPlanEntry")).version }),
  },
];
