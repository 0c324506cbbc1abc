import { randomUUID } from "node:crypto";
import { EVERYONE, INSIDERS, MANAGERS, type Fixtures, type RouteExpectation } from "../../../tests/authorisation/types.ts";
import { todayInLondon } from "./bodies.service.ts";

/**
 * Who may use each bodies route (see bodies.policy.ts): everyone reads current bodies, their
 * members and ratified terms of reference, pages and open data alike; drafts are for people with a
 * role in the partnership (the public gets 404, as if they did not exist); only admins and the
 * board office (secretaries) change anything. Writes aim at fresh records (fresh memberships and
 * terms of reference belong to f.bodyId), so each allowed caller meets version 1 and succeeds.
 */
const fresh = async (f: Fixtures, kind: Parameters<Fixtures["fresh"]>[0]) => f.fresh(kind);

/** Today as the three fields of an NHS date input named `name`. */
function todayParts(name: string): Record<string, string> {
  const [year, month, day] = todayInLondon().split("-");
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year ?? "" };
}

// Version labels must be unique per body, and each allowed caller adds a draft.
const newLabel = () => `route-test-${randomUUID().slice(0, 8)}`;

export const bodiesRouteExpectations: RouteExpectation[] = [
  // Pages: bodies
  { route: "GET /bodies", allowed: EVERYONE, url: () => "/bodies" },
  { route: "GET /bodies/new", allowed: MANAGERS, url: () => "/bodies/new" },
  {
    route: "POST /bodies",
    allowed: MANAGERS,
    url: () => "/bodies",
    body: (f) => ({
      name: "Route test working group",
      shortName: "",
      kind: "working_group",
      parentBodyId: f.bodyId,
      purpose: "Testing routes",
      meetsInPublic: "yes",
    }),
  },
  { route: "GET /bodies/:id", allowed: EVERYONE, url: (f) => `/bodies/${f.bodyId}` },
  { route: "GET /bodies/:id/edit", allowed: MANAGERS, url: (f) => `/bodies/${f.childBodyId}/edit` },
  {
    route: "POST /bodies/:id",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${(await fresh(f, "body")).id}`,
    body: async (f) => ({
      name: "Route test board, renamed",
      kind: "sub_board",
      parentBodyId: f.bodyId,
      purpose: "",
      meetsInPublic: "no",
      version: (await fresh(f, "body")).version,
    }),
  },
  {
    route: "POST /bodies/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${(await fresh(f, "body")).id}/archive`,
    body: async (f) => ({ version: (await fresh(f, "body")).version }),
  },
  {
    route: "POST /bodies/:id/restore",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${(await fresh(f, "body")).id}/restore`,
    body: async (f) => ({ version: (await fresh(f, "body")).version }),
  },

  // Pages: memberships
  { route: "GET /bodies/:id/members/new", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/members/new` },
  {
    route: "POST /bodies/:id/members",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/members`,
    body: async (f) => ({
      personId: (await fresh(f, "person")).id,
      role: "member",
      voting: "yes",
      otherCategories: "clinician",
      representing: "",
      ...todayParts("startsOn"),
    }),
  },
  { route: "GET /bodies/:id/members/:membershipId/end", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/members/${f.membershipId}/end` },
  {
    route: "POST /bodies/:id/members/:membershipId/end",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/members/${(await fresh(f, "membership")).id}/end`,
    body: async (f) => ({ ...todayParts("endsOn"), reason: "Stepped down", version: (await fresh(f, "membership")).version }),
  },
  { route: "GET /bodies/:id/members/:membershipId/change-role", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/members/${f.membershipId}/change-role` },
  {
    route: "POST /bodies/:id/members/:membershipId/change-role",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/members/${(await fresh(f, "membership")).id}/change-role`,
    body: async (f) => ({
      role: "vice_chair",
      voting: "yes",
      otherCategories: "",
      representing: "",
      ...todayParts("startsOn"),
      version: (await fresh(f, "membership")).version,
    }),
  },

  // Pages: terms of reference
  { route: "GET /bodies/:id/terms-of-reference/new", allowed: MANAGERS, url: (f) => `/bodies/${f.bodyId}/terms-of-reference/new` },
  {
    route: "POST /bodies/:id/terms-of-reference",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/terms-of-reference`,
    body: () => ({ versionLabel: newLabel(), text: "Route test terms.", documentUrl: "", quorumMinimumVotingMembers: "3" }),
  },
  // A draft: insiders read it; to the public it does not exist.
  {
    route: "GET /bodies/:id/terms-of-reference/:termsId",
    allowed: INSIDERS,
    hiddenAs404: ["anonymous"],
    url: (f) => `/bodies/${f.bodyId}/terms-of-reference/${f.draftTermsOfReferenceId}`,
  },
  {
    route: "GET /bodies/:id/terms-of-reference/:termsId/edit",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/terms-of-reference/${f.draftTermsOfReferenceId}/edit`,
  },
  {
    route: "POST /bodies/:id/terms-of-reference/:termsId",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/terms-of-reference/${(await fresh(f, "draftTermsOfReference")).id}`,
    body: async (f) => ({
      versionLabel: newLabel(),
      text: "Route test terms, revised.",
      documentUrl: "",
      quorumMinimumVotingMembers: "4",
      version: (await fresh(f, "draftTermsOfReference")).version,
    }),
  },
  {
    route: "GET /bodies/:id/terms-of-reference/:termsId/ratify",
    allowed: MANAGERS,
    url: (f) => `/bodies/${f.bodyId}/terms-of-reference/${f.draftTermsOfReferenceId}/ratify`,
  },
  {
    route: "POST /bodies/:id/terms-of-reference/:termsId/ratify",
    allowed: MANAGERS,
    url: async (f) => `/bodies/${f.bodyId}/terms-of-reference/${(await fresh(f, "draftTermsOfReference")).id}/ratify`,
    body: async (f) => ({ ratifiedByBodyId: f.bodyId, ...todayParts("ratifiedOn"), version: (await fresh(f, "draftTermsOfReference")).version }),
  },

  // JSON API: bodies
  { route: "GET /api/v1/bodies", allowed: EVERYONE, url: () => "/api/v1/bodies" },
  { route: "GET /api/v1/bodies/:id", allowed: EVERYONE, url: (f) => `/api/v1/bodies/${f.bodyId}` },
  {
    route: "POST /api/v1/bodies",
    allowed: MANAGERS,
    url: () => "/api/v1/bodies",
    body: (f) => ({ name: "Route test advisory group", kind: "advisory_group", parentBodyId: f.bodyId }),
  },
  {
    route: "PATCH /api/v1/bodies/:id",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/bodies/${(await fresh(f, "body")).id}`,
    body: async (f) => ({ version: (await fresh(f, "body")).version, shortName: "RTB" }),
  },
  {
    route: "POST /api/v1/bodies/:id/archive",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/bodies/${(await fresh(f, "body")).id}/archive`,
    body: async (f) => ({ version: (await fresh(f, "body")).version }),
  },
  {
    route: "POST /api/v1/bodies/:id/restore",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/bodies/${(await fresh(f, "body")).id}/restore`,
    body: async (f) => ({ version: (await fresh(f, "body")).version }),
  },

  // JSON API: memberships (names and roles of members are public)
  { route: "GET /api/v1/bodies/:id/memberships", allowed: EVERYONE, url: (f) => `/api/v1/bodies/${f.bodyId}/memberships` },
  { route: "GET /api/v1/bodies/:id/memberships/:membershipId", allowed: EVERYONE, url: (f) => `/api/v1/bodies/${f.bodyId}/memberships/${f.membershipId}` },
  {
    route: "POST /api/v1/bodies/:id/memberships",
    allowed: MANAGERS,
    url: (f) => `/api/v1/bodies/${f.bodyId}/memberships`,
    body: async (f) => ({ personId: (await fresh(f, "person")).id, role: "member", voting: true, categories: ["clinician"], startsOn: todayInLondon() }),
  },
  {
    route: "POST /api/v1/bodies/:id/memberships/:membershipId/end",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/bodies/${f.bodyId}/memberships/${(await fresh(f, "membership")).id}/end`,
    body: async (f) => ({ version: (await fresh(f, "membership")).version, endsOn: todayInLondon(), reason: "Stepped down" }),
  },
  {
    route: "POST /api/v1/bodies/:id/memberships/:membershipId/change-role",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/bodies/${f.bodyId}/memberships/${(await fresh(f, "membership")).id}/change-role`,
    body: async (f) => ({ version: (await fresh(f, "membership")).version, role: "vice_chair", voting: true, startsOn: todayInLondon() }),
  },

  // JSON API: terms of reference
  { route: "GET /api/v1/bodies/:id/terms-of-reference", allowed: EVERYONE, url: (f) => `/api/v1/bodies/${f.bodyId}/terms-of-reference` },
  {
    route: "GET /api/v1/bodies/:id/terms-of-reference/:termsId",
    allowed: INSIDERS,
    hiddenAs404: ["anonymous"],
    url: (f) => `/api/v1/bodies/${f.bodyId}/terms-of-reference/${f.draftTermsOfReferenceId}`,
  },
  {
    route: "POST /api/v1/bodies/:id/terms-of-reference",
    allowed: MANAGERS,
    url: (f) => `/api/v1/bodies/${f.bodyId}/terms-of-reference`,
    body: () => ({ versionLabel: newLabel(), text: "Route test terms.", quorum: { minimumVotingMembers: 3, representation: [] } }),
  },
  {
    route: "PATCH /api/v1/bodies/:id/terms-of-reference/:termsId",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/bodies/${f.bodyId}/terms-of-reference/${(await fresh(f, "draftTermsOfReference")).id}`,
    body: async (f) => ({ version: (await fresh(f, "draftTermsOfReference")).version, text: "Route test terms, revised." }),
  },
  {
    route: "POST /api/v1/bodies/:id/terms-of-reference/:termsId/ratify",
    allowed: MANAGERS,
    url: async (f) => `/api/v1/bodies/${f.bodyId}/terms-of-reference/${(await fresh(f, "draftTermsOfReference")).id}/ratify`,
    body: async (f) => ({ version: (await fresh(f, "draftTermsOfReference")).version, ratifiedByBodyId: f.bodyId, ratifiedOn: todayInLondon() }),
  },
];
