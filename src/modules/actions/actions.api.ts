import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import {
  actionDetailOutput,
  actionInput,
  actionListQuery,
  actionOutput,
  actionPatch,
  actionStatusInput,
  actionUpdateInput,
  actionUpdateOutput,
} from "./actions.schema.ts";
import { presentAction, presentActionDetail, presentActionUpdate } from "./actions.presenter.ts";
import type { ActionView } from "./actions.repository.ts";

const tags = ["Actions"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the action changed since, the answer is 409 with the current action and nothing is written.";

/**
 * JSON API for actions: /api/v1/actions. Anonymous callers get open data: Part I actions of held
 * meetings, without progress updates or reasons for dropping; never Part II.
 */
export const actionsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { actions } = services;

  app.get(
    "/actions",
    {
      schema: {
        tags,
        summary: "List actions (the action log)",
        description:
          "Sorted by due date (soonest first, undated last). Filter by `bodyId`, `ownerPersonId`, `meetingId`, `status` (including the derived `overdue` and `outstanding`), due date range and words in the description (`q`).",
        querystring: actionListQuery,
        response: { 200: listResponse(actionOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, status, ...filter } = request.query;
      const result = pageOf(await actions.list(request.ctx, { ...filter, status: status === "all" ? undefined : status }, page, limit), page, limit);
      const today = actions.today();
      return { ...result, data: result.data.map((a) => presentAction(a, request.ctx.principal, today)) };
    },
  );

  app.get(
    "/actions/:id",
    { schema: { tags, summary: "Get an action with its progress updates", params: idParams, response: { 200: actionDetailOutput, ...errorResponses } } },
    async (request) => {
      const action = await actions.get(request.ctx, request.params.id);
      return presentActionDetail(action, await actions.updates(request.ctx, action), request.ctx.principal, actions.today());
    },
  );

  app.post(
    "/actions",
    {
      schema: {
        tags,
        summary: "Record an action",
        description:
          "Against an agenda item (`agendaItemId`; the meeting and body follow from it; `decisionId` may link a decision on the same item) or standalone on a body's action log (`bodyId`).",
        security: write,
        body: actionInput,
        response: { 201: actionOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentAction(await actions.create(request.ctx, request.body), request.ctx.principal, actions.today())),
  );

  app.patch(
    "/actions/:id",
    {
      schema: {
        tags,
        summary: "Edit an action",
        description: `${STALE} Changes the description, owner, due date or linked decision; status has its own operation.`,
        security: write,
        params: idParams,
        body: actionPatch,
        response: { 200: actionOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const today = actions.today();
      const row = await presentingConflict(
        (current: ActionView) => presentAction(current, request.ctx.principal, today),
        () => actions.update(request.ctx, request.params.id, version, changes),
      );
      return presentAction(row, request.ctx.principal, today);
    },
  );

  app.post(
    "/actions/:id/status",
    {
      schema: {
        tags,
        summary: "Change an action's status",
        description: `${STALE} \`done\` takes \`completedOn\` (today when absent; not in the future); \`dropped\` requires \`droppedReason\`; \`open\` and \`in_progress\` clear both. Allowed to the board office and to the action's owner.`,
        security: write,
        params: idParams,
        body: actionStatusInput,
        response: { 200: actionOutput, ...errorResponses },
      },
    },
    async (request) => {
      const today = actions.today();
      const row = await presentingConflict(
        (current: ActionView) => presentAction(current, request.ctx.principal, today),
        () => actions.changeStatus(request.ctx, request.params.id, request.body),
      );
      return presentAction(row, request.ctx.principal, today);
    },
  );

  app.post(
    "/actions/:id/updates",
    {
      schema: {
        tags,
        summary: "Add a progress update",
        description: "Dated today (Europe/London) unless `notedOn` is given; not in the future. Allowed to the board office and to the action's owner.",
        security: write,
        params: idParams,
        body: actionUpdateInput,
        response: { 201: actionUpdateOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentActionUpdate(await actions.addUpdate(request.ctx, request.params.id, request.body))),
  );
};
