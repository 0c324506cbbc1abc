import { EVERYONE, type RouteExpectation } from "../../../tests/authorisation/types.ts";

/**
 * Who may use each public website route: everyone. The home page, the accessibility statement,
 * the sitemap and robots.txt are for the public; a readable meeting address redirects everyone to
 * the meeting page, which shows each viewer what they may see. The fixtures' body has no slug, so
 * its readable address uses the id (which the route also accepts) and the fixture meeting's day (the factory's default, 5 March 2018).
 */
export const publicSiteRouteExpectations: RouteExpectation[] = [
  { route: "GET /", allowed: EVERYONE, url: () => "/" },
  { route: "GET /accessibility", allowed: EVERYONE, url: () => "/accessibility" },
  { route: "GET /sitemap.xml", allowed: EVERYONE, url: () => "/sitemap.xml" },
  { route: "GET /robots.txt", allowed: EVERYONE, url: () => "/robots.txt" },
  { route: "GET /bodies/:id/meetings/:date", allowed: EVERYONE, url: (f) => `/bodies/${f.bodyId}/meetings/2018-03-05` },
];
