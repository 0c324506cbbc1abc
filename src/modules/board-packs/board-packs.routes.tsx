import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import type { Config } from "../../config.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { boardPacksPolicy } from "./board-packs.policy.ts";
import { presentPack } from "./board-packs.presenter.ts";
import { packQuery } from "./board-packs.schema.ts";
import { baseUrlOf, sendPack } from "./board-packs.http.ts";
import { PackPage } from "./board-packs.views.tsx";

/**
 * Board packs: the public pack (Part I, as the public sees the meeting), the full pack (Part II
 * included, for those entitled) and the pack as a web page. An unreadable paper answers 422 with
 * a message naming it, never a broken PDF.
 */
export const boardPacksRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const packs = services.boardPacks;

  app.get("/meetings/:id/pack.pdf", { schema: { params: idParams } }, async (request, reply) =>
    sendPack(request, reply, await packs.build(request.ctx, request.params.id, { full: false, baseUrl: baseUrlOf(config, request) })),
  );

  app.get("/meetings/:id/pack-full.pdf", { schema: { params: idParams } }, async (request, reply) =>
    sendPack(request, reply, await packs.build(request.ctx, request.params.id, { full: true, baseUrl: baseUrlOf(config, request) })),
  );

  app.get("/meetings/:id/pack", { schema: { params: idParams, querystring: packQuery } }, async (request, reply) => {
    const pack = await packs.build(request.ctx, request.params.id, { full: request.query.full === "true", baseUrl: baseUrlOf(config, request) });
    return reply.page(<PackPage ctx={viewContext(request, reply)} pack={presentPack(pack, boardPacksPolicy.downloadFull(request.ctx.principal))} />);
  });
};
