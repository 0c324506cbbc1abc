import { z } from "zod";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import type { Config } from "../../config.ts";
import { isInsider } from "../../platform/auth/principal.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { isCalendarDate } from "../../platform/time.ts";
import { NotFound } from "../../platform/http/errors.ts";
import { publicSiteService } from "./public-site.service.ts";
import { robotsTxt, sitemapXml } from "./public-site.sitemap.ts";
import { AccessibilityPage, HomePage, MeetingChoicePage } from "./public-site.views.tsx";

const readableMeetingParams = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z0-9-]+$/, { error: "must be a body's id or slug" }),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD" }),
});

/**
 * The public website's own pages: the home page, the accessibility statement, the sitemap and
 * robots.txt, and readable meeting addresses (/bodies/programme-board/meetings/2018-03-05). Every
 * other public page is the staff page itself, showing the public view (one set of URLs).
 */
export const publicSiteRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const site = publicSiteService({
    partnerships: services.partnerships,
    bodies: services.bodies,
    meetings: services.meetings,
    decisions: services.decisions,
    boardUpdates: services.boardUpdates,
    workstreams: services.workstreams,
    portfolioDashboard: "portfolio" in services,
  });

  /** Absolute URLs use the configured public address, else the address this request came to. */
  function origin(request: FastifyRequest): string {
    return config.publicUrl ? config.publicUrl.replace(/\/+$/, "") : `${request.protocol}://${request.host}`;
  }

  app.get("/", async (request, reply) => {
    const data = await site.home(request.ctx);
    return reply.page(<HomePage ctx={viewContext(request, reply)} data={data} signedIn={isInsider(request.ctx.principal)} />);
  });

  app.get("/accessibility", async (request, reply) => reply.page(<AccessibilityPage ctx={viewContext(request, reply)} />));

  app.get("/sitemap.xml", async (request, reply) => {
    const entries = await site.sitemap(request.ctx);
    return reply
      .type("application/xml; charset=utf-8")
      .header("cache-control", "public, max-age=3600")
      .send(sitemapXml(origin(request), entries));
  });

  app.get("/robots.txt", async (request, reply) => reply.type("text/plain; charset=utf-8").send(robotsTxt(origin(request))));

  // A readable meeting address answers with a permanent redirect to the meeting page.
  app.get("/bodies/:id/meetings/:date", { schema: { params: readableMeetingParams } }, async (request, reply) => {
    const { id, date } = request.params;
    if (!isCalendarDate(date)) throw new NotFound("Meeting not found");
    const { body, meetings } = await site.meetingsOn(request.ctx, id, date);
    if (meetings.length === 1) return reply.redirect(`/meetings/${meetings[0]!.id}`, 301);
    return reply.page(<MeetingChoicePage ctx={viewContext(request, reply)} body={body} date={date} meetings={meetings} />);
  });
};
