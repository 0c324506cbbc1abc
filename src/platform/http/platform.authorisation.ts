import { EVERYONE, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use the platform's own routes: all of them are open to everyone, because monitors,
 * API clients and every page's styles and scripts need them before anyone has signed in.
 * @fastify/static registers its routes as "HEAD" and "GET" on a wildcard; the route × role test
 * folds every HEAD into the GET on the same path, so only the GET is listed here.
 */
export const platformRouteExpectations: RouteExpectation[] = [
  { route: "GET /health", allowed: EVERYONE, url: () => "/health" },
  { route: "GET /api/v1/openapi.json", allowed: EVERYONE, url: () => "/api/v1/openapi.json" },
  { route: "GET /assets/nhsuk/*", allowed: EVERYONE, url: () => "/assets/nhsuk/nhsuk-frontend.min.css" },
  { route: "GET /assets/app/*", allowed: EVERYONE, url: () => "/assets/app/app.css" },
];
