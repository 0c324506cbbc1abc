import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { dashboardPageQuery, itemParams } from "./portfolio.schema.ts";
import { DeepDivePage, PortfolioDashboardPage } from "./portfolio.views.tsx";

/**
 * Pages of the portfolio: the dashboard (everyone; the public sees the published portfolio) and a
 * deep-dive agenda item's section on a page of its own. The deep-dive section on the agenda item
 * page itself is drawn by the meetings module through services.portfolio.deepDiveFor.
 */
export const portfolioRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { portfolio } = services;

  app.get("/portfolio", { schema: { querystring: dashboardPageQuery } }, async (request, reply) => {
    const dashboard = await portfolio.dashboard(request.ctx, { year: request.query.year });
    return reply.page(<PortfolioDashboardPage ctx={viewContext(request, reply)} dashboard={dashboard} />);
  });

  app.get("/meetings/:id/items/:itemId/deep-dive", { schema: { params: itemParams } }, async (request, reply) => {
    const deepDive = await portfolio.deepDiveOnMeeting(request.ctx, request.params.id, request.params.itemId);
    // Not a deep dive on a workstream this viewer may see: the agenda item's own page says what it is.
    if (!deepDive) return reply.seeOther(`/meetings/${request.params.id}/items/${request.params.itemId}`);
    return reply.page(<DeepDivePage ctx={viewContext(request, reply)} deepDive={deepDive} />);
  });
};
