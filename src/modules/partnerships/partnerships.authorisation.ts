import { EVERYONE, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each partnerships route: everyone sees the partnership's open data (the home page
 * and accessibility statement are the public-site module's); only administrators change its settings and objectives.
 * The settings body names version 1, the version of a partnership nobody has saved yet (the
 * route test saves it once, as the admin); a later stale version would get 409, still not a denial.
 */
export const partnershipsRouteExpectations: RouteExpectation[] = [
  // Pages
  { route: "GET /partnership/settings", allowed: ["admin"], url: () => "/partnership/settings" },
  {
    route: "POST /partnership/settings",
    allowed: ["admin"],
    url: () => "/partnership/settings",
    body: () => ({
      name: "Route Test Partnership",
      shortName: "Route Test STP",
      financialYearStartMonth: "4",
      version: "1",
      "objectives.0.title": "Health and wellbeing",
      "objectives.0.description": "Closing the health and wellbeing gap.",
    }),
  },

  // JSON API
  { route: "GET /api/v1/partnership", allowed: EVERYONE, url: () => "/api/v1/partnership" },
];
