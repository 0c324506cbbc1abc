import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import type { Config } from "../../config.ts";
import { errorResponses, idParams } from "../../platform/http/api-schemas.ts";
import { boardPacksPolicy } from "./board-packs.policy.ts";
import { presentPack } from "./board-packs.presenter.ts";
import { packOutput, packQuery } from "./board-packs.schema.ts";
import { baseUrlOf } from "./board-packs.http.ts";

/** JSON API for board packs: /api/v1/meetings/{id}/pack. */
export const boardPacksApi: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  app.get(
    "/meetings/:id/pack",
    {
      schema: {
        tags: ["Meetings"],
        summary: "Describe a meeting's board pack",
        description:
          "The items of the board pack with the PDF page each starts on, its papers (and whether each is merged into the PDF), the page count and download addresses. The public pack (Part I, once the agenda is published) by default; `full=true` for the full pack with Part II, for admins, secretaries and members only. A paper that cannot be merged (password-protected or damaged) answers 422 `pack_paper_unreadable` naming it.",
        params: idParams,
        querystring: packQuery,
        response: { 200: packOutput, ...errorResponses },
      },
    },
    async (request) => {
      const pack = await services.boardPacks.build(request.ctx, request.params.id, {
        full: request.query.full === "true",
        baseUrl: baseUrlOf(config, request),
      });
      const { otherPack: _other, ...out } = presentPack(pack, boardPacksPolicy.downloadFull(request.ctx.principal));
      return out;
    },
  );
};
