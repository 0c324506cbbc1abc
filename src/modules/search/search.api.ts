import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { errorResponses } from "../../platform/http/api-schemas.ts";
import { searchApiQuery, searchResponse } from "./search.schema.ts";
import { presentSearchHit } from "./search.presenter.ts";

/**
 * JSON API for site-wide search: /api/v1/search. Each caller finds only what they may see:
 * anonymous callers Part I decisions of held meetings, public summaries of approved minutes,
 * published agendas and published board updates.
 */
export const searchApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/search",
    {
      schema: {
        tags: ["Search"],
        summary: "Search decisions, minutes, agenda items and board updates",
        description:
          "Full-text search (English stemming: `engage` finds `engagement`), best match first, then newest. An empty `q` finds nothing. Results of every type stop after the first 200; name a `type` to page further.",
        querystring: searchApiQuery,
        response: { 200: searchResponse, ...errorResponses },
      },
    },
    async (request) => {
      const { q, type, page, limit } = request.query;
      const result = await services.search.search(request.ctx, { q, type, page, limit });
      return { data: result.hits.map(presentSearchHit), page, limit, hasMore: result.hasMore, capped: result.capped };
    },
  );
};
