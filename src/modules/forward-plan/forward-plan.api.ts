import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import { archiveInput, forwardPlanInput, forwardPlanListQuery, forwardPlanOutput, forwardPlanPatch, scheduleInput } from "./forward-plan.schema.ts";
import { presentForwardPlanConflict, presentForwardPlanEntry } from "./forward-plan.presenter.ts";

const tags = ["Forward plan"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the entry changed since, the answer is 409 and nothing is written.";

/**
 * JSON API for forward plans: /api/v1/forward-plan. Forward plans of bodies that meet in public
 * are open data; other bodies' plans are read by people with a role in the partnership; entries
 * from a Part II recommendation, or scheduled onto a Part II item, only by those entitled to Part II.
 */
export const forwardPlanApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { forwardPlan } = services;

  app.get(
    "/forward-plan",
    {
      schema: {
        tags,
        summary: "List a body's forward plan",
        description:
          "Ordered by target (meeting date or month; entries without a target last). `scheduled` narrows to entries already on an agenda, or still to schedule.",
        querystring: forwardPlanListQuery,
        response: { 200: listResponse(forwardPlanOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, bodyId, scheduled } = request.query;
      const result = pageOf(await forwardPlan.list(request.ctx, bodyId, { scheduled }, page, limit), page, limit);
      return { ...result, data: result.data.map(presentForwardPlanEntry) };
    },
  );

  app.get(
    "/forward-plan/:id",
    { schema: { tags, summary: "Get a forward plan entry", params: idParams, response: { 200: forwardPlanOutput, ...errorResponses } } },
    async (request) => presentForwardPlanEntry(await forwardPlan.get(request.ctx, request.params.id)),
  );

  app.post(
    "/forward-plan",
    {
      schema: {
        tags,
        summary: "Add future business to a body's forward plan",
        description: "Give a `targetMeetingId` (a meeting of the body) or a `targetMonth` (YYYY-MM), or neither, but not both.",
        security: write,
        body: forwardPlanInput,
        response: { 201: forwardPlanOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await forwardPlan.create(request.ctx, request.body);
      return reply.code(201).send(presentForwardPlanEntry(await forwardPlan.get(request.ctx, row.id)));
    },
  );

  app.patch(
    "/forward-plan/:id",
    {
      schema: {
        tags,
        summary: "Update a forward plan entry",
        description: `${STALE} Choosing a target meeting clears the target month, and the other way round.`,
        security: write,
        params: idParams,
        body: forwardPlanPatch,
        response: { 200: forwardPlanOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      await presentingConflict(presentForwardPlanConflict, () => forwardPlan.update(request.ctx, request.params.id, version, changes));
      return presentForwardPlanEntry(await forwardPlan.get(request.ctx, request.params.id));
    },
  );

  app.post(
    "/forward-plan/:id/schedule",
    {
      schema: {
        tags,
        summary: "Put an entry on a meeting's agenda",
        description: `${STALE} Adds an agenda item (title and kind from the entry) to \`meetingId\`, or to the entry's target meeting, and links the entry to it. An entry already scheduled answers 409 (code \`already_scheduled\`).`,
        security: write,
        params: idParams,
        body: scheduleInput,
        response: { 200: forwardPlanOutput.extend({ agendaItemId: z.uuid(), meetingId: z.uuid() }), ...errorResponses },
      },
    },
    async (request) => {
      const result = await presentingConflict(presentForwardPlanConflict, () => forwardPlan.schedule(request.ctx, request.params.id, request.body));
      return {
        ...presentForwardPlanEntry(await forwardPlan.get(request.ctx, request.params.id)),
        agendaItemId: result.agendaItemId,
        meetingId: result.meetingId,
      };
    },
  );

  app.post(
    "/forward-plan/:id/remove",
    {
      schema: {
        tags,
        summary: "Take an entry off the forward plan",
        description: `${STALE} The entry keeps its history.`,
        security: write,
        params: idParams,
        body: archiveInput,
        response: { 204: z.null().describe("Removed"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await presentingConflict(presentForwardPlanConflict, () => forwardPlan.remove(request.ctx, request.params.id, request.body.version));
      return reply.code(204).send(null);
    },
  );
};
