import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import type { Config } from "../../config.ts";
import { bodyMeetingsParams } from "./meetings.schema.ts";
import { feedMeetings, meetingsCalendar } from "./meetings.calendar.ts";
import type { MeetingView } from "./meetings.repository.ts";

/** A file name from a name: lower case letters, digits and hyphens. */
function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "meetings"
  );
}

/**
 * iCalendar feeds to subscribe to: a body's meetings and the whole partnership's. Anyone may
 * subscribe; each feed holds what the viewer may see (the public: meetings of current bodies).
 */
export const calendarRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const { meetings } = services;

  /** Links in the feed point at the configured public address, else the address this request came to. */
  function origin(request: FastifyRequest): string {
    return config.publicUrl ? config.publicUrl.replace(/\/+$/, "") : `${request.protocol}://${request.host}`;
  }

  function sendCalendar(request: FastifyRequest, reply: FastifyReply, rows: MeetingView[], name: string, fileName: string) {
    const site = origin(request);
    const body = meetingsCalendar(rows, { name, origin: site, uidHost: new URL(site).hostname, now: new Date() });
    return reply
      .type("text/calendar; charset=utf-8")
      .header("content-disposition", `inline; filename="${fileName}.ics"`)
      .header("cache-control", "no-cache")
      .send(body);
  }

  app.get("/meetings.ics", async (request, reply) => {
    const rows = await feedMeetings(meetings, request.ctx, new Date());
    const partnership = request.ctx.partnership;
    return sendCalendar(request, reply, rows, `${partnership.name} meetings`, `${fileSlug(partnership.name)}-meetings`);
  });

  app.get("/bodies/:id/meetings.ics", { schema: { params: bodyMeetingsParams } }, async (request, reply) => {
    const body = await meetings.visibleBody(request.ctx, request.params.id);
    const rows = await feedMeetings(meetings, request.ctx, new Date(), body.id);
    return sendCalendar(request, reply, rows, `${body.name} meetings`, `${fileSlug(body.shortName ?? body.name)}-meetings`);
  });
};
