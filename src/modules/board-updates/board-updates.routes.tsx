import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../app.ts";
import type { Config } from "../../config.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { AppError, Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { boardUpdatesPolicy } from "./board-updates.policy.ts";
import { editForm, meetingParams, publishForm, slugParams, updatesPageQuery, versionParams } from "./board-updates.schema.ts";
import { renderMarkdown } from "./board-updates.markdown.ts";
import { updatePath } from "./board-updates.presenter.ts";
import { boardUpdatesFeed, FEED_LIMIT } from "./board-updates.feeds.ts";
import type { BoardUpdateEntry } from "./board-updates.service.ts";
import type { BoardUpdateRow } from "./board-updates.tables.ts";
import { DraftMeetingPage, EditPage, UpdatePage, UpdatesListPage, VersionPage, VersionsPage } from "./board-updates.views.tsx";

const PAGE_SIZE = 20;
const RELOAD = "Reload the page and try again";

/** A refusal because of the state of the update or meeting (409 with a code), not a stale version. */
function isStateConflict(err: unknown): err is AppError {
  return err instanceof AppError && err.status === 409 && !(err instanceof Conflict);
}

/**
 * Pages for board updates: the public list and each update (published text, "updated on", the
 * corrections), drafting from a held meeting, editing with a server-side preview, publishing and
 * correcting, every published version; and the RSS and Atom feeds, partnership-wide and per body.
 */
export const boardUpdatesRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const { boardUpdates } = services;
  const mayManage = (request: FastifyRequest) => requireAllowed(request.ctx.principal, boardUpdatesPolicy.manage(request.ctx.principal));

  // -- The list and the feeds

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    query: { page: number; bodyId?: string | undefined },
    errors: FieldErrors = {},
    status = 200,
  ) {
    const canManage = boardUpdatesPolicy.showManageControls(request.ctx.principal);
    const [entries, bodies, awaiting] = await Promise.all([
      boardUpdates.list(request.ctx, { bodyId: query.bodyId, status: "published" }, query.page, PAGE_SIZE),
      services.bodies.listForPicker(request.ctx),
      canManage ? boardUpdates.meetingsAwaitingUpdate(request.ctx) : Promise.resolve([]),
    ]);
    const drafts =
      boardUpdatesPolicy.seeDrafts(request.ctx.principal) && query.page === 1
        ? await boardUpdates.list(request.ctx, { bodyId: query.bodyId, status: "draft" }, 1, 50)
        : [];
    return reply.page(
      <UpdatesListPage
        ctx={viewContext(request, reply)}
        entries={[...drafts.slice(0, 50), ...entries.slice(0, PAGE_SIZE)]}
        page={query.page}
        hasNext={entries.length > PAGE_SIZE}
        bodyId={query.bodyId}
        bodies={bodies}
        canManage={canManage}
        awaiting={awaiting}
        errors={errors}
      />,
      status,
    );
  }

  app.get("/updates", { schema: { querystring: updatesPageQuery } }, async (request, reply) => listPage(request, reply, request.query));

  /** Links in a feed point at the configured public address, else the address this request came to. */
  function origin(request: FastifyRequest): string {
    const site = config.publicUrl ? config.publicUrl.replace(/\/+$/, "") : `${request.protocol}://${request.host}`;
    // Drops a default port ("http://localhost:80"), so every link in a feed is written alike.
    const url = new URL(site);
    return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
  }

  function sendFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    format: "rss" | "atom",
    entries: BoardUpdateEntry[],
    o: { title: string; description: string; pagePath: string; feedPath: string },
  ) {
    const feed = boardUpdatesFeed(entries, { ...o, origin: origin(request), now: new Date() });
    return reply
      .type(format === "rss" ? "application/rss+xml; charset=utf-8" : "application/atom+xml; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(format === "rss" ? feed.rss2() : feed.atom1());
  }

  for (const format of ["rss", "atom"] as const) {
    app.get(`/updates.${format}`, async (request, reply) => {
      const entries = await boardUpdates.listPublished(request.ctx, { limit: FEED_LIMIT });
      const name = request.ctx.partnership.name;
      return sendFeed(request, reply, format, entries, {
        title: `${name}: board updates`,
        description: `Public updates from the meetings of the boards of ${name}.`,
        pagePath: "/updates",
        feedPath: "/updates",
      });
    });

    app.get(`/bodies/:id/updates.${format}`, { schema: { params: idParams } }, async (request, reply) => {
      const body = await services.meetings.visibleBody(request.ctx, request.params.id);
      const entries = await boardUpdates.listPublished(request.ctx, { bodyId: body.id, limit: FEED_LIMIT });
      return sendFeed(request, reply, format, entries, {
        title: `${body.name}: board updates`,
        description: `Public updates from the meetings of ${body.name}.`,
        pagePath: `/updates?bodyId=${body.id}`,
        feedPath: `/bodies/${body.id}/updates`,
      });
    });
  }

  // -- Drafting from a held meeting

  async function createFor(request: FastifyRequest, reply: FastifyReply, meetingId: string, onConflict: (message: string) => Promise<unknown>) {
    const existing = await boardUpdates.forMeeting(request.ctx, meetingId);
    if (existing) return reply.seeOther(`${updatePath(existing)}/edit`, "This meeting already has an update");
    try {
      const row = await boardUpdates.create(request.ctx, meetingId);
      return reply.seeOther(`${updatePath(row)}/edit`, "The update has been drafted from the record; check and edit it before publishing");
    } catch (err) {
      if (isStateConflict(err)) return onConflict(err.message);
      throw err;
    }
  }

  app.post("/updates/draft", async (request, reply) => {
    mayManage(request);
    const form = parseForm(z.object({ meetingId: z.uuid({ error: "Select a meeting" }) }), request.body);
    if (!form.ok) return listPage(request, reply, { page: 1 }, form.errors, 422);
    const found = await services.meetings.get(request.ctx, form.value.meetingId).then(
      () => true,
      () => false,
    );
    if (!found) return listPage(request, reply, { page: 1 }, { meetingId: "Select a meeting" }, 422);
    return createFor(request, reply, form.value.meetingId, () =>
      listPage(request, reply, { page: 1 }, { meetingId: "This meeting has not been held yet" }, 409),
    );
  });

  async function draftMeetingPage(request: FastifyRequest, reply: FastifyReply, meetingId: string, errors: FieldErrors, status = 200) {
    const meeting = await services.meetings.get(request.ctx, meetingId);
    return reply.page(<DraftMeetingPage ctx={viewContext(request, reply)} meeting={meeting} errors={errors} />, status);
  }

  app.get("/meetings/:meetingId/update", { schema: { params: meetingParams } }, async (request, reply) => {
    mayManage(request);
    const existing = await boardUpdates.forMeeting(request.ctx, request.params.meetingId);
    if (existing) return reply.seeOther(updatePath(existing));
    return draftMeetingPage(request, reply, request.params.meetingId, {});
  });

  app.post("/meetings/:meetingId/update", { schema: { params: meetingParams } }, async (request, reply) => {
    mayManage(request);
    const meetingId = request.params.meetingId;
    return createFor(request, reply, meetingId, (message) => draftMeetingPage(request, reply, meetingId, { _form: message }, 409));
  });

  // -- One update, its versions

  async function updatePage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    errors: FieldErrors = {},
    values: Record<string, string> = {},
    status = 200,
  ) {
    const detail = await boardUpdates.get(request.ctx, slug);
    const history = await boardUpdates.history(request.ctx, detail.update.id);
    return reply.page(
      <UpdatePage
        ctx={viewContext(request, reply)}
        detail={detail}
        canManage={boardUpdatesPolicy.showManageControls(request.ctx.principal)}
        history={history}
        errors={errors}
        values={values}
      />,
      status,
    );
  }

  app.get("/updates/:slug", { schema: { params: slugParams } }, async (request, reply) => updatePage(request, reply, request.params.slug));

  app.get("/updates/:slug/versions", { schema: { params: slugParams } }, async (request, reply) => {
    const detail = await boardUpdates.get(request.ctx, request.params.slug);
    return reply.page(<VersionsPage ctx={viewContext(request, reply)} detail={detail} />);
  });

  app.get("/updates/:slug/versions/:number", { schema: { params: versionParams } }, async (request, reply) => {
    const { detail, version } = await boardUpdates.getVersion(request.ctx, request.params.slug, request.params.number);
    return reply.page(<VersionPage ctx={viewContext(request, reply)} detail={detail} version={version} />);
  });

  // -- Editing (with a preview rendered on the server) and publishing

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    values: Record<string, string> | null,
    errors: FieldErrors,
    status = 200,
    extra: { preview?: string; conflict?: BoardUpdateRow } = {},
  ) {
    const detail = await boardUpdates.get(request.ctx, slug);
    const u = detail.update;
    return reply.page(
      <EditPage
        ctx={viewContext(request, reply)}
        detail={detail}
        values={values ?? { title: u.title, markdown: u.markdown, version: String(u.version) }}
        errors={errors}
        preview={extra.preview}
        conflict={extra.conflict}
      />,
      status,
    );
  }

  app.get("/updates/:slug/edit", { schema: { params: slugParams } }, async (request, reply) => {
    mayManage(request);
    return editPage(request, reply, request.params.slug, null, {});
  });

  app.post("/updates/:slug/edit", { schema: { params: slugParams } }, async (request, reply) => {
    mayManage(request);
    const slug = request.params.slug;
    const typed = submittedValues(request.body);
    const form = parseForm(editForm, request.body);
    if (!form.ok) return editPage(request, reply, slug, typed, form.errors.version ? { ...form.errors, version: RELOAD } : form.errors, 422);
    const { version, intent, ...changes } = form.value;
    if (intent === "preview") {
      // Check the viewer may edit this update before rendering anything back.
      await boardUpdates.get(request.ctx, slug);
      return editPage(request, reply, slug, typed, {}, 200, { preview: renderMarkdown(changes.markdown) });
    }
    try {
      const row = await boardUpdates.update(request.ctx, slug, version, changes);
      return reply.seeOther(updatePath(row), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return editPage(request, reply, slug, typed, err.fields ?? {}, 422);
      if (err instanceof Conflict) {
        // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
        const current = err.current as BoardUpdateRow;
        return editPage(
          request,
          reply,
          slug,
          { ...typed, version: String(current.version) },
          { _form: "Someone else changed this update while you were editing it" },
          409,
          {
            conflict: current,
          },
        );
      }
      throw err;
    }
  });

  app.post("/updates/:slug/publish", { schema: { params: slugParams } }, async (request, reply) => {
    mayManage(request);
    const slug = request.params.slug;
    const typed = submittedValues(request.body);
    const form = parseForm(publishForm, request.body);
    if (!form.ok) return updatePage(request, reply, slug, form.errors.version ? { _form: RELOAD } : form.errors, typed, 422);
    try {
      const row = await boardUpdates.publish(request.ctx, slug, form.value.version, form.value.changeNote);
      return reply.seeOther(updatePath(row), row.lastPublishedAt ? "The correction has been published" : "The update has been published");
    } catch (err) {
      if (err instanceof ValidationFailed) return updatePage(request, reply, slug, err.fields ?? {}, typed, 422);
      if (err instanceof Conflict)
        return updatePage(request, reply, slug, { _form: "Someone else changed this update; check it and publish again" }, typed, 409);
      if (isStateConflict(err)) return updatePage(request, reply, slug, { _form: err.message }, typed, 409);
      throw err;
    }
  });
};
