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
  /** Returns a fresh record id each call, for routes that consume their target (archive, revoke, ...). */
  fresh(kind: "organisation" | "person" | "body" | "membership" | "termsOfReference" | "draftTermsOfReference" | "user" | "token"): Promise<{ id: string; version: number }>;
}

/**
 * What one route allows. `route` is the Fastify route pattern exactly as registered
 * (e.g. "GET /organisations/:id"); every registered route must have one entry.
 * Requests by someone in `allowed` must not get 401/403; everyone else must get 401 or 403
 * (or 404 where the route hides the record's existence: list those in `hiddenAs404`).
 */
export interface RouteExpectation {
  route: string;
  allowed: readonly Who[];
  /** The concrete URL to request. */
  url(f: Fixtures): string | Promise<string>;
  /** For POST/PATCH: a body that would succeed for an allowed role (form fields or JSON). */
  body?(f: Fixtures): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** Denied principals that get 404 rather than 401/403 because the record is invisible to them. */
  hiddenAs404?: readonly Who[];
}
