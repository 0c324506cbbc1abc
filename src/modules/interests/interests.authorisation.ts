import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation } from "../../../tests/authorisation/types.ts";
import { todayInLondon } from "./interests.service.ts";

/**
 * Who may use each route of the register of interests and of declarations at meetings (see
 * interests.policy.ts): everyone reads the published register and a held meeting's Part I
 * declarations; the partnership reads annual declarations; only admins and the board office
 * (secretaries) write. Writes to interests aim at a fresh interest for every request, so each
 * allowed caller meets version 1. Declarations at meetings have no fresh kind: every allowed
 * caller edits the fixture's declaration with version 1, so after the first a stale 409 shows
 * they reached the version check (past the permission check) without a fresh record.
 *
 * Fixtures assumed: `interestId` is a current interest of `personId`, who sits on `bodyId`, so
 * the register publishes it; `meetingId` is a held meeting of `bodyId` with its agenda published.
 */
type IssueThreeFixtures = Fixtures & {
  meetingId: string;
  part1ItemId: string;
  interestId: string;
  meetingDeclarationId: string;
  fresh(kind: "interest"): Promise<{ id: string; version: number }>;
};
const f3 = (f: Fixtures) => f as IssueThreeFixtures;
const freshInterest = (f: Fixtures) => f3(f).fresh("interest");

/** Today as the three fields of a date input. */
function todayParts(name: string): Record<string, string> {
  const [year, month, day] = todayInLondon().split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? "" };
}

export const interestsRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /interests", allowed: EVERYONE, url: () => "/interests" },
  { route: "GET /people/:id/interests", allowed: EVERYONE, url: (f) => `/people/${f.personId}/interests` },
  { route: "GET /people/:id/interests/new", allowed: MANAGERS, url: (f) => `/people/${f.personId}/interests/new` },
  {
    route: "POST /people/:id/interests",
    allowed: MANAGERS,
    url: (f) => `/people/${f.personId}/interests`,
    body: (f) => ({ category: "non_financial_professional", organisationId: f.organisationId, description: "Route test: adviser to the trust" }),
  },
  {
    route: "POST /people/:id/interest-declarations",
    allowed: MANAGERS,
    url: (f) => `/people/${f.personId}/interest-declarations`,
    body: () => ({ ...todayParts("declaredOn"), kind: "declaration" }),
  },
  { route: "GET /interests/:id/edit", allowed: MANAGERS, url: (f) => `/interests/${f3(f).interestId}/edit` },
  {
    route: "POST /interests/:id",
    allowed: MANAGERS,
    url: async (f) => `/interests/${(await freshInterest(f)).id}`,
    body: async (f) => ({ category: "financial", description: "Route test: shareholding, edited", version: String((await freshInterest(f)).version) }),
  },
  { route: "GET /interests/:id/end", allowed: MANAGERS, url: (f) => `/interests/${f3(f).interestId}/end` },
  {
    route: "POST /interests/:id/end",
    allowed: MANAGERS,
    url: async (f) => `/interests/${(await freshInterest(f)).id}/end`,
    body: async (f) => ({ ...todayParts("endsOn"), version: String((await freshInterest(f)).version) }),
  },
  { route: "GET /meetings/:id/declarations", allowed: EVERYONE, url: (f) => `/meetings/${f3(f).meetingId}/declarations` },
  {
    route: "POST /meetings/:id/declarations",
    allowed: MANAGERS,
    url: (f) => `/meetings/${f3(f).meetingId}/declarations`,
    body: (f) => ({ agendaItemId: f3(f).part1ItemId, personId: f.personId, description: "Route test: declared an interest", action: "none" }),
  },
  {
    route: "GET /meetings/:id/declarations/:declarationId/edit",
    allowed: MANAGERS,
    url: (f) => `/meetings/${f3(f).meetingId}/declarations/${f3(f).meetingDeclarationId}/edit`,
  },
  {
    route: "POST /meetings/:id/declarations/:declarationId",
    allowed: MANAGERS,
    url: (f) => `/meetings/${f3(f).meetingId}/declarations/${f3(f).meetingDeclarationId}`,
    body: (f) => ({
      agendaItemId: f3(f).part1ItemId,
      personId: f.personId,
      description: "Route test: declaration, edited",
      action: "left_decision",
      version: "1",
    }),
  },

  // JSON API
  { route: "GET /api/v1/interests", allowed: EVERYONE, url: () => "/api/v1/interests" },
  { route: "GET /api/v1/interests/:id", allowed: EVERYONE, url: (f) => `/api/v1/interests/${f3(f).interestId}` },
  {
    route: "POST /api/v1/interests",
    allowed: MANAGERS,
    url: () => "/api/v1/interests",
    body: (f) => ({ personId: f.personId, category: "indirect", organisationId: f.organisationId, description: "Route test: spouse employed by the trust" }),
  },
  {
    route: "PATCH /api/v1/interests/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/interests/${(await freshInterest(f)).id}`,
    body: async (f) => ({ version: (await freshInterest(f)).version, description: "Route test: edited" }),
  },
  {
    route: "POST /api/v1/interests/:id/end",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/interests/${(await freshInterest(f)).id}/end`,
    body: async (f) => ({ version: (await freshInterest(f)).version, endsOn: todayInLondon() }),
  },
  { route: "GET /api/v1/people/:id/interest-declarations", allowed: INSIDERS, url: (f) => `/api/v1/people/${f.personId}/interest-declarations` },
  {
    route: "POST /api/v1/people/:id/interest-declarations",
    allowed: MANAGERS,
    url: (f) => `/api/v1/people/${f.personId}/interest-declarations`,
    body: () => ({ declaredOn: todayInLondon() }),
  },
  { route: "GET /api/v1/meetings/:id/declarations", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${f3(f).meetingId}/declarations` },
  {
    route: "POST /api/v1/meetings/:id/declarations",
    allowed: MANAGERS,
    url: (f) => `/api/v1/meetings/${f3(f).meetingId}/declarations`,
    body: (f) => ({ agendaItemId: f3(f).part1ItemId, personId: f.personId, description: "Route test: declared an interest", action: "left_discussion" }),
  },
  {
    route: "PATCH /api/v1/meetings/:id/declarations/:declarationId",
    allowed: MANAGERS,
    url: (f) => `/api/v1/meetings/${f3(f).meetingId}/declarations/${f3(f).meetingDeclarationId}`,
    body: () => ({ version: 1, action: "none" }),
  },
  { route: "GET /api/v1/meetings/:id/interest-flags", allowed: EVERYONE, url: (f) => `/api/v1/meetings/${f3(f).meetingId}/interest-flags` },
];
