import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation, type Who } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each meetings route (see meetings.policy.ts and confidentiality.ts). Everyone reads
 * the calendar, meeting pages and open data, each seeing what confidentiality allows; only the
 * board office (admin, secretary) schedules meetings and builds agendas. The one-item reads aim at
 * the Part II item: those not entitled to Part II (the public, contributors, viewers) get 404, so
 * its existence does not leak. Writes aim at a fresh meeting or item, so each allowed caller meets
 * version 1. Items of the fixtures' meeting cannot be removed, because it has been held: allowed
 * callers get a 409 there, which still shows that they got past the check.
 */

// The decision-trail fixtures are being added to Fixtures by the lead; this view of them compiles
// before and after that lands.
interface DecisionTrailFixtures {
  meetingId: string;
  part1ItemId: string;
  part2ItemId: string;
}
const fx = (f: Fixtures) => f as Fixtures & DecisionTrailFixtures;
const fresh = (f: Fixtures, kind: "meeting" | "agendaItem") => (f.fresh as (kind: string) => Promise<{ id: string; version: number }>)(kind);

const PART_2: readonly Who[] = ["admin", "secretary", "member"];
const NOT_PART_2: readonly Who[] = ["anonymous", "contributor", "viewer"];
/** A template item that does not exist: moving or removing one that is gone just goes back to the list. */
const GONE_TEMPLATE_ITEM = "0190a5b0-0000-7000-8000-000000000001";

const meetingForm = (f: Fixtures) => ({
  bodyId: f.bodyId,
  title: "Route test meeting",
  "date-day": "5",
  "date-month": "3",
  "date-year": "2018",
  startTime: "10:00",
  endTime: "12:00",
  venue: "Route test venue",
  onlineUrl: "",
  sessions: "public",
});
const itemForm = {
  title: "Route test item",
  kind: "update",
  purpose: "",
  durationMinutes: "10",
  confidentiality: "part_1",
  exemptionReason: "",
  recommendation: "",
};
const generateForm = {
  ordinal: "first",
  weekday: "monday",
  startTime: "10:00",
  durationMinutes: "120",
  fromMonth: "2030-01",
  months: "12",
  venue: "",
  onlineUrl: "",
  sessions: "public",
};

const freshMeetingUrl = async (f: Fixtures, suffix = "") => `/meetings/${(await fresh(f, "meeting")).id}${suffix}`;
const freshMeetingVersion = async (f: Fixtures) => (await fresh(f, "meeting")).version;
const freshItemUrl = async (f: Fixtures, suffix = "") => `/meetings/${fx(f).meetingId}/items/${(await fresh(f, "agendaItem")).id}${suffix}`;
const freshItemVersion = async (f: Fixtures) => (await fresh(f, "agendaItem")).version;

export const meetingsRouteExpectations: RouteExpectation[] = [
  // Pages: the calendar and a body's meetings
  { route: "GET /meetings", allowed: EVERYONE, url: () => "/meetings" },
  { route: "GET /bodies/:id/meetings", allowed: EVERYONE, url: (f) => `/bodies/${f.bodyId}/meetings` },
  // iCalendar feeds: each holds what the viewer may see
  { route: "GET /meetings.ics", allowed: EVERYONE, url: () => "/meetings.ics" },
  { route: "GET /bodies/:id/meetings.ics", allowed: EVERYONE, url: (f) => `/bodies/${f.bodyId}/meetings.ics` },
  { route: "GET /bodies/:id/meetings/template", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/meetings/template` },
  {
    route: "POST /bodies/:id/meetings/template",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/meetings/template`,
    body: () => ({ title: "Route test standard item", kind: "welcome_and_apologies", durationMinutes: "5" }),
  },
  {
    route: "POST /bodies/:id/meetings/template/:templateItemId/move",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/meetings/template/${GONE_TEMPLATE_ITEM}/move`,
    body: () => ({ direction: "up" }),
  },
  {
    route: "POST /bodies/:id/meetings/template/:templateItemId/remove",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/meetings/template/${GONE_TEMPLATE_ITEM}/remove`,
    body: () => ({}),
  },
  { route: "GET /bodies/:id/meetings/generate", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/meetings/generate` },
  // Without `confirm` the form only previews, so the test creates nothing.
  { route: "POST /bodies/:id/meetings/generate", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/meetings/generate`, body: () => generateForm },

  // Pages: a meeting
  { route: "GET /meetings/new", allowed: MANAGERS, url: (f) => `/meetings/new?bodyId=${f.bodyId}` },
  { route: "POST /meetings", allowed: MANAGERS, url: () => "/meetings", body: meetingForm },
  { route: "GET /meetings/:id", allowed: EVERYONE, url: (f) => `/meetings/${fx(f).meetingId}` },
  { route: "GET /meetings/:id/edit", allowed: MANAGERS, url: (f) => `/meetings/${fx(f).meetingId}/edit` },
  {
    route: "POST /meetings/:id",
    allowed: MANAGERS,
    url: (f) => freshMeetingUrl(f),
    body: async (f) => ({ ...meetingForm(f), version: String(await freshMeetingVersion(f)) }),
  },
  { route: "GET /meetings/:id/cancel", allowed: MANAGERS, url: (f) => freshMeetingUrl(f, "/cancel") },
  {
    route: "POST /meetings/:id/cancel",
    allowed: MANAGERS,
    url: (f) => freshMeetingUrl(f, "/cancel"),
    body: async (f) => ({ reason: "Route test", version: String(await freshMeetingVersion(f)) }),
  },
  { route: "GET /meetings/:id/postpone", allowed: MANAGERS, url: (f) => freshMeetingUrl(f, "/postpone") },
  {
    route: "POST /meetings/:id/postpone",
    allowed: MANAGERS,
    url: (f) => freshMeetingUrl(f, "/postpone"),
    body: async (f) => ({ reason: "Route test", version: String(await freshMeetingVersion(f)) }),
  },
  {
    route: "POST /meetings/:id/publish-agenda",
    allowed: MANAGERS,
    url: (f) => freshMeetingUrl(f, "/publish-agenda"),
    body: async (f) => ({ version: String(await freshMeetingVersion(f)) }),
  },
  {
    route: "POST /meetings/:id/held",
    allowed: MANAGERS,
    url: (f) => freshMeetingUrl(f, "/held"),
    body: async (f) => ({ version: String(await freshMeetingVersion(f)) }),
  },
  { route: "POST /meetings/:id/standard-items", allowed: MANAGERS, url: (f) => freshMeetingUrl(f, "/standard-items"), body: () => ({}) },

  // Pages: agenda items
  { route: "GET /meetings/:id/items/new", allowed: MANAGERS, url: (f) => `/meetings/${fx(f).meetingId}/items/new` },
  { route: "POST /meetings/:id/items", allowed: MANAGERS, url: (f) => freshMeetingUrl(f, "/items"), body: () => itemForm },
  {
    route: "GET /meetings/:id/items/:itemId",
    allowed: PART_2,
    hiddenAs404: NOT_PART_2,
    url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part2ItemId}`,
  },
  { route: "GET /meetings/:id/items/:itemId/edit", allowed: MANAGERS, url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/edit` },
  {
    route: "POST /meetings/:id/items/:itemId",
    allowed: MANAGERS,
    url: (f) => freshItemUrl(f),
    body: async (f) => ({ ...itemForm, version: String(await freshItemVersion(f)) }),
  },
  { route: "POST /meetings/:id/items/:itemId/move", allowed: MANAGERS, url: (f) => freshItemUrl(f, "/move"), body: () => ({ direction: "up" }) },
  { route: "GET /meetings/:id/items/:itemId/remove", allowed: MANAGERS, url: (f) => `/meetings/${fx(f).meetingId}/items/${fx(f).part1ItemId}/remove` },
  {
    route: "POST /meetings/:id/items/:itemId/remove",
    allowed: MANAGERS,
    url: (f) => freshItemUrl(f, "/remove"),
    body: async (f) => ({ version: String(await freshItemVersion(f)) }),
  },

  // JSON API
  { route: "GET /api/v1/meetings", allowed: EVERYONE, url: (f) => `/api/v1/meetings?bodyId=${f.bodyId}` },
  {
    route: "POST /api/v1/meetings",
    allowed: MANAGERS,
    url: () => "/api/v1/meetings",
    body: (f) => ({ bodyId: f.bodyId, date: "2018-03-05", startTime: "10:00", endTime: "12:00" }),
  },
  {
    route: "POST /api/v1/meetings/generate",
    allowed: MANAGERS,
    url: () => "/api/v1/meetings/generate",
    body: (f) => ({ bodyId: f.bodyId, ordinal: "first", weekday: "monday", startTime: "10:00", durationMinutes: 120, fromMonth: "2030-01", dryRun: true }),
  },
  { route: "GET /api/v1/meetings/:id", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${fx(f).meetingId}` },
  { route: "GET /api/v1/meetings/:id/matters-arising", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${fx(f).meetingId}/matters-arising` },
  {
    route: "PATCH /api/v1/meetings/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshMeetingUrl(f)}`,
    body: async (f) => ({ version: await freshMeetingVersion(f), venue: "Route test venue" }),
  },
  {
    route: "POST /api/v1/meetings/:id/cancel",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshMeetingUrl(f, "/cancel")}`,
    body: async (f) => ({ version: await freshMeetingVersion(f), reason: "Route test" }),
  },
  {
    route: "POST /api/v1/meetings/:id/postpone",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshMeetingUrl(f, "/postpone")}`,
    body: async (f) => ({ version: await freshMeetingVersion(f), reason: "Route test" }),
  },
  {
    route: "POST /api/v1/meetings/:id/publish-agenda",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshMeetingUrl(f, "/publish-agenda")}`,
    body: async (f) => ({ version: await freshMeetingVersion(f) }),
  },
  {
    route: "POST /api/v1/meetings/:id/held",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshMeetingUrl(f, "/held")}`,
    body: async (f) => ({ version: await freshMeetingVersion(f) }),
  },
  { route: "GET /api/v1/meetings/:id/items", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${fx(f).meetingId}/items` },
  {
    route: "GET /api/v1/meetings/:id/items/:itemId",
    allowed: PART_2,
    hiddenAs404: NOT_PART_2,
    url: (f) => `/api/v1/meetings/${fx(f).meetingId}/items/${fx(f).part2ItemId}`,
  },
  {
    route: "POST /api/v1/meetings/:id/items",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshMeetingUrl(f, "/items")}`,
    body: () => ({ title: "Route test item", kind: "update" }),
  },
  {
    route: "PATCH /api/v1/meetings/:id/items/:itemId",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshItemUrl(f)}`,
    body: async (f) => ({ version: await freshItemVersion(f), durationMinutes: 15 }),
  },
  {
    route: "POST /api/v1/meetings/:id/items/:itemId/move",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshItemUrl(f, "/move")}`,
    body: () => ({ direction: "down" }),
  },
  {
    route: "POST /api/v1/meetings/:id/items/:itemId/remove",
    allowed: MANAGERS,
    url: async (f) => `/api/v1${await freshItemUrl(f, "/remove")}`,
    body: async (f) => ({ version: await freshItemVersion(f) }),
  },
];
