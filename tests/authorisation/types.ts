import type { Role } from "../../src/modules/accounts/accounts.tables.ts";

/** Who makes a request in the route × role test: nobody, or a signed-in user with one role. */
export type Who = "anonymous" | Role;
export const EVERYONE: readonly Who[] = ["anonymous", "admin", "secretary", "member", "contributor", "viewer"];
export const INSIDERS: readonly Who[] = ["admin", "secretary", "member", "contributor", "viewer"];
export const MANAGERS: readonly Who[] = ["admin", "secretary"];

/** Records the route × role test creates once, so routes with ids have something to point at. */
export interface Fixtures {
  partnershipId: string;
  organisationId: string;
  personId: string;
  bodyId: string;
  childBodyId: string;
  membershipId: string;
  termsOfReferenceId: string;
  draftTermsOfReferenceId: string;
  /** A held meeting of bodyId, agenda published, minutes approved, with a Part I and a Part II item. */
  meetingId: string;
  part1ItemId: string;
  part2ItemId: string;
  /** Papers with stored bytes on the Part I and Part II items. */
  paperId: string;
  part2PaperId: string;
  decisionId: string;
  part2DecisionId: string;
  actionId: string;
  part2ActionId: string;
  /** A current interest of personId (who sits on bodyId), in organisationId. */
  interestId: string;
  /** A declaration by personId on the Part I item. */
  meetingDeclarationId: string;
  forwardPlanEntryId: string;
  /**
   * The portfolio: a published active workstream overseen by bodyId, to which the contributor
   * role's users (sessions and tokens alike) are assigned; an unpublished one (name carries the
   * draft marker); on the published one an approved 2018 plan with a budget line, a milestone, a
   * delivered product, a reviewed highlight report (March 2018), a published risk and issue; an
   * unpublished risk (draft marker); a published maturity framework with an assessment.
   */
  workstreamId: string;
  unpublishedWorkstreamId: string;
  planId: string;
  budgetLineId: string;
  milestoneId: string;
  productId: string;
  highlightReportId: string;
  riskId: string;
  unpublishedRiskId: string;
  issueId: string;
  maturityFrameworkId: string;
  maturityAssessmentId: string;
  /** A published board update of meetingId, and a draft one of another held meeting (draft marker). */
  boardUpdateId: string;
  draftBoardUpdateId: string;
  /**
   * A new record for routes that consume their target (archive, revoke, ...): each request gets
   * its own, and within one request every call for a kind returns the same record, so `url` and
   * `body` agree on the id and version. "user" is a new user with the viewer role here; "token" is
   * a new personal access token of the user making the request (of a new viewer for anonymous),
   * so revoking it is allowed to anyone signed in. That revoking someone else's token answers 404
   * is for the accounts module's own tests: here each route has one URL.
   */
  fresh(
    kind:
      | "organisation"
      | "person"
      | "body"
      | "membership"
      | "termsOfReference"
      | "draftTermsOfReference"
      | "user"
      | "token"
      | "meeting"
      | "agendaItem"
      | "paper"
      | "decision"
      | "action"
      | "interest"
      | "forwardPlanEntry"
      // Portfolio records, all on workstreamId (a fresh workstream is unpublished and unassigned):
      | "workstream"
      // "plan": a draft 2030 plan on a published workstream of its own, which contributors may edit.
      | "plan"
      | "budgetLine"
      | "milestone"
      | "product"
      | "highlightReport"
      | "risk"
      | "issue"
      | "maturityFramework"
      | "maturityAssessment"
      // A draft board update of a fresh held meeting of bodyId:
      | "boardUpdate",
  ): Promise<{ id: string; version: number }>;
}

/**
 * What one route allows. `route` is the Fastify route pattern exactly as registered
 * (e.g. "GET /organisations/:id"); every registered route must have one entry. HEAD routes that
 * Fastify adds beside a GET are checked with the GET's entry and must not have their own.
 * Requests by someone in `allowed` must not get 401, 403 or 404 (a 404 would mean the request
 * never reached the check); everyone else must get 401 (anonymous) or 403 (signed in), or 404
 * where the route hides the record's existence: list those in `hiddenAs404`.
 * Pages are requested with the role's browser session (cookies and CSRF token); `/api/` routes
 * with a write-scope personal access token of the role, and for writes also with a read-scope
 * one, which must get 403.
 */
export interface RouteExpectation {
  route: string;
  allowed: readonly Who[];
  /** The concrete URL to request. */
  url(f: Fixtures): string | Promise<string>;
  /**
   * For POST/PATCH: a body that would succeed for an allowed role (form fields or JSON). It must be
   * valid, or the API's schema validation answers 400 before the denied callers reach the check.
   */
  body?(f: Fixtures): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Denied principals that get 404 rather than 401/403 because the record is invisible to them. */
  hiddenAs404?: readonly Who[];
}
