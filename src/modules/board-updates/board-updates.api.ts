import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import { boardUpdateListQuery, boardUpdateOutput, boardUpdatePatch, publishInput } from "./board-updates.schema.ts";
import { presentBoardUpdate, presentBoardUpdateConflict } from "./board-updates.presenter.ts";
import { boardUpdatesPolicy } from "./board-updates.policy.ts";
import type { BoardUpdateRow } from "./board-updates.tables.ts";

const tags = ["Board updates"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the update changed since, the answer is 409 and nothing is written.";

/**
 * JSON API for board updates: /api/v1/board-updates. Everyone reads published updates (their
 * published text); insiders also see drafts (`?status=draft`) and the working copy. The board
 * office drafts an update from a held meeting, edits it and publishes it (a correction needs a note).
 */
export const boardUpdatesApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { boardUpdates } = services;
  const insider = (p: Parameters<typeof boardUpdatesPolicy.seeDrafts>[0]) => boardUpdatesPolicy.seeDrafts(p);

  app.get(
    "/board-updates",
    {
      schema: {
        tags,
        summary: "List board updates",
        description: "Published updates, newest first. Filter by `bodyId`. Insiders may ask for `status=draft`.",
        querystring: boardUpdateListQuery,
        response: { 200: listResponse(boardUpdateOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, bodyId, status } = request.query;
      const result = pageOf(await boardUpdates.list(request.ctx, { bodyId, status: status ?? "published" }, page, limit), page, limit);
      return { ...result, data: result.data.map((e) => presentBoardUpdate(e, insider(request.ctx.principal))) };
    },
  );

  app.get(
    "/board-updates/:id",
    {
      schema: { tags, summary: "Get a board update, with every published version", params: idParams, response: { 200: boardUpdateOutput, ...errorResponses } },
    },
    async (request) => presentBoardUpdate(await boardUpdates.get(request.ctx, request.params.id), insider(request.ctx.principal)),
  );

  app.post(
    "/meetings/:id/board-update",
    {
      schema: {
        tags,
        summary: "Draft the board update of a held meeting",
        description:
          "Written from the meeting's public (Part I) record: agenda items, the minutes' public summaries, decisions and presenters. 409 (`meeting_not_held`, `update_exists`) when the meeting has not been held or already has an update.",
        security: write,
        params: idParams,
        response: { 201: boardUpdateOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await boardUpdates.create(request.ctx, request.params.id);
      return reply.code(201).send(presentBoardUpdate(await boardUpdates.get(request.ctx, row.id), true));
    },
  );

  app.patch(
    "/board-updates/:id",
    {
      schema: {
        tags,
        summary: "Edit a board update's working copy",
        description: `${STALE} On a published update, the public text changes only when the correction is published.`,
        security: write,
        params: idParams,
        body: boardUpdatePatch,
        response: { 200: boardUpdateOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      await presentingConflict(presentBoardUpdateConflict, () => boardUpdates.update(request.ctx, request.params.id, version, changes));
      return presentBoardUpdate(await boardUpdates.get(request.ctx, request.params.id), true);
    },
  );

  app.post(
    "/board-updates/:id/publish",
    {
      schema: {
        tags,
        summary: "Publish a board update, or a correction of it",
        description: `${STALE} Publishes the working copy as a new version. Correcting a published update needs \`changeNote\` (422 without it; 409 \`no_changes\` when nothing changed).`,
        security: write,
        params: idParams,
        body: publishInput,
        response: { 200: boardUpdateOutput, ...errorResponses },
      },
    },
    async (request) => {
      await presentingConflict(
        (current: BoardUpdateRow) => presentBoardUpdateConflict(current),
        () => boardUpdates.publish(request.ctx, request.params.id, request.body.version, request.body.changeNote),
      );
      return presentBoardUpdate(await boardUpdates.get(request.ctx, request.params.id), true);
    },
  );
};
