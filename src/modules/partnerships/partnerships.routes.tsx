import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { isInsider } from "../../platform/auth/principal.ts";
import { AccessibilityPage, HomePage } from "./partnerships.views.tsx";

/** The home page and the accessibility statement. */
export const homeRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get("/", async (request, reply) => {
    const [objectives, bodies] = await Promise.all([services.partnerships.listObjectives(request.ctx), services.bodies.listTopLevel(request.ctx)]);
    return reply.page(<HomePage ctx={viewContext(request, reply)} objectives={objectives} bodies={bodies} signedIn={isInsider(request.ctx.principal)} />);
  });

  app.get("/accessibility", async (request, reply) => reply.page(<AccessibilityPage ctx={viewContext(request, reply)} />));
};
