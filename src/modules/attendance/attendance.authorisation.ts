import { EVERYONE, MANAGERS, type Fixtures, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/** The decision-trail fixtures the route × role test provides (see tests/authorisation/types.ts). */
type TrailFixtures = Fixtures & {
  meetingId: string;
  fresh(kind: "meeting" | "person"): Promise<{ id: string; version: number }>;
};
const trail = (f: Fixtures) => f as unknown as TrailFixtures;
const freshMeeting = async (f: Fixtures) => (await trail(f).fresh("meeting")).id;
const freshPerson = async (f: Fixtures) => (await trail(f).fresh("person")).id;

/**
 * Who may use each attendance route (see attendance.policy.ts): attendance and quorum are part of
 * the minutes, so everyone sees them for the fixtures' meeting (its minutes are approved); only
 * admins and the board office (secretaries) record attendance. Writes aim at a fresh meeting, so
 * each allowed caller finds it open and the write itself succeeds.
 */
export const attendanceRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /meetings/:id/attendance", allowed: EVERYONE, url: (f) => `/meetings/${trail(f).meetingId}/attendance` },
  { route: "POST /meetings/:id/attendance", allowed: MANAGERS, url: async (f) => `/meetings/${await freshMeeting(f)}/attendance`, body: () => ({}) },
  {
    route: "POST /meetings/:id/attendance/deputies",
    allowed: MANAGERS,
    url: async (f) => `/meetings/${await freshMeeting(f)}/attendance/deputies`,
    body: async (f) => ({ deputyPersonId: await freshPerson(f), deputyForPersonId: f.personId, deputyNote: "" }),
  },
  {
    route: "POST /meetings/:id/attendance/others",
    allowed: MANAGERS,
    url: async (f) => `/meetings/${await freshMeeting(f)}/attendance/others`,
    body: async (f) => ({ otherPersonId: await freshPerson(f), otherNote: "Route test guest" }),
  },
  {
    route: "POST /meetings/:id/attendance/:personId/remove",
    allowed: MANAGERS,
    url: async (f) => `/meetings/${await freshMeeting(f)}/attendance/${await freshPerson(f)}/remove`,
    body: () => ({ version: 1 }),
  },

  // JSON API
  { route: "GET /api/v1/meetings/:id/attendance", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${trail(f).meetingId}/attendance` },
  {
    route: "POST /api/v1/meetings/:id/attendance",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/meetings/${await freshMeeting(f)}/attendance`,
    body: async (f) => ({ personId: await freshPerson(f), status: "in_attendance" }),
  },
  {
    route: "PUT /api/v1/meetings/:id/attendance/:personId",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/meetings/${await freshMeeting(f)}/attendance/${await freshPerson(f)}`,
    body: () => ({ status: "in_attendance" }),
  },
  {
    route: "DELETE /api/v1/meetings/:id/attendance/:personId",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/meetings/${await freshMeeting(f)}/attendance/${await freshPerson(f)}?version=1`,
  },
  { route: "GET /api/v1/meetings/:id/quorum", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${trail(f).meetingId}/quorum` },
];
