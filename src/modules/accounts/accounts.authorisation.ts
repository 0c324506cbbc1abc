import { randomUUID } from "node:crypto";
import { EVERYONE, INSIDERS, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each accounts route (see accounts.policy.ts). Signing in and out and setting a
 * password from a link are open to everyone; your own account, password and tokens need a
 * browser session; users and roles are for administrators only.
 *
 * The bodies are ones that succeed for an allowed caller, with two exceptions that cannot:
 * POST /sign-in is sent without credentials (a 422 re-shows the form: the route is open to all,
 * and the test holds no password to sign in with), and POST /set-password/:token names a link
 * that does not exist (a 410 page: links are anonymous by design).
 */
const ADMINS = ["admin"] as const;

/** The password the test factories give every user (tests/factories createUser). */
const FACTORY_PASSWORD = "correct horse battery staple";

export const accountsRouteExpectations: RouteExpectation[] = [
  // Sign in and out
  { route: "GET /sign-in", allowed: EVERYONE, url: () => "/sign-in" },
  { route: "POST /sign-in", allowed: EVERYONE, url: () => "/sign-in", body: () => ({ email: "", password: "" }) },
  { route: "POST /sign-out", allowed: EVERYONE, url: () => "/sign-out", body: () => ({}) },

  // Your account
  { route: "GET /account", allowed: INSIDERS, url: () => "/account" },
  { route: "GET /account/password", allowed: INSIDERS, url: () => "/account/password" },
  {
    route: "POST /account/password",
    allowed: INSIDERS,
    url: () => "/account/password",
    body: () => ({ currentPassword: FACTORY_PASSWORD, newPassword: "a new route test passphrase", confirmPassword: "a new route test passphrase" }),
  },
  { route: "GET /account/tokens", allowed: INSIDERS, url: () => "/account/tokens" },
  { route: "POST /account/tokens", allowed: INSIDERS, url: () => "/account/tokens", body: () => ({ name: "Route test token", scope: "read" }) },
  {
    route: "POST /account/tokens/:id/revoke",
    allowed: INSIDERS,
    url: async (f) => `/account/tokens/${(await f.fresh("token")).id}/revoke`,
    body: () => ({}),
  },

  // Users and roles
  { route: "GET /admin/users", allowed: ADMINS, url: () => "/admin/users" },
  { route: "GET /admin/users/new", allowed: ADMINS, url: () => "/admin/users/new" },
  {
    route: "POST /admin/users/new",
    allowed: ADMINS,
    url: () => "/admin/users/new",
    body: () => ({ name: "Route Test Invitee", email: `invitee-${randomUUID()}@example.org`, role: "viewer" }),
  },
  { route: "GET /admin/users/:id", allowed: ADMINS, url: async (f) => `/admin/users/${(await f.fresh("user")).id}` },
  {
    route: "POST /admin/users/:id/role",
    allowed: ADMINS,
    url: async (f) => `/admin/users/${(await f.fresh("user")).id}/role`,
    body: () => ({ role: "member" }),
  },
  { route: "POST /admin/users/:id/reset-link", allowed: ADMINS, url: async (f) => `/admin/users/${(await f.fresh("user")).id}/reset-link`, body: () => ({}) },
  { route: "POST /admin/users/:id/remove", allowed: ADMINS, url: async (f) => `/admin/users/${(await f.fresh("user")).id}/remove`, body: () => ({}) },

  // Set a password from an invitation or reset link
  { route: "GET /set-password/:token", allowed: EVERYONE, url: () => `/set-password/route-test-${randomUUID()}` },
  {
    route: "POST /set-password/:token",
    allowed: EVERYONE,
    url: () => `/set-password/route-test-${randomUUID()}`,
    body: () => ({ newPassword: "a route test passphrase", confirmPassword: "a route test passphrase" }),
  },

  // JSON API
  { route: "GET /api/v1/me", allowed: INSIDERS, url: () => "/api/v1/me" },
];
