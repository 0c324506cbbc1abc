import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { errorResponses } from "../../platform/http/api-schemas.ts";

const partnershipOutput = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  shortName: z.string(),
  financialYearStartMonth: z.number().int(),
  objectives: z.array(z.object({ id: z.uuid(), title: z.string(), description: z.string(), position: z.number().int() })),
});

/** JSON API: the partnership being served, with its objectives. */
export const partnershipsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    "/partnership",
    { schema: { tags: ["Partnership"], summary: "The partnership and its objectives", response: { 200: partnershipOutput, ...errorResponses } } },
    async (request) => {
      const p = request.ctx.partnership;
      const objectives = await services.partnerships.listObjectives(request.ctx);
      return {
        id: p.id,
        slug: p.slug,
        name: p.name,
        shortName: p.shortName,
        financialYearStartMonth: p.financialYearStartMonth,
        objectives: objectives.map((o) => ({ id: o.id, title: o.title, description: o.description, position: o.position })),
      };
    },
  );
};
