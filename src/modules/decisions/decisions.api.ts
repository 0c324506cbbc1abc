import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import { decisionInput, decisionListQuery, decisionOutput, decisionPatch, rescindInput, supersedeInput } from "./decisions.schema.ts";
import { presentDecision, presentDecisionConflict } from "./decisions.presenter.ts";
import type { DecisionRow } from "./decisions.repository.ts";

const tags = ["Decisions"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the decision changed since, the answer is 409 and nothing is written.";

/**
 * JSON API for the decision log: /api/v1/decisions. Anonymous callers see Part I decisions of
 * meetings that have been held; Part II decisions only reach admins, secretaries and members.
 */
export const decisionsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { decisions } = services;

  app.get(
    "/decisions",
    {
      schema: {
        tags,
        summary: "List decisions (the decision log)",
        description:
          "Newest first. Filter by `bodyId` (taken by or concerning the body), `meetingId`, `kind`, `status`, `from` and `to` (decision dates, inclusive) and `q` (words, PostgreSQL web search syntax).",
        querystring: decisionListQuery,
        response: { 200: listResponse(decisionOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await decisions.list(request.ctx, filter, page, limit), page, limit);
      return { ...result, data: result.data.map(presentDecision) };
    },
  );

  app.get(
    "/decisions/:id",
    { schema: { tags, summary: "Get a decision", params: idParams, response: { 200: decisionOutput, ...errorResponses } } },
    async (request) => presentDecision(await decisions.get(request.ctx, request.params.id)),
  );

  app.post(
    "/decisions",
    {
      schema: {
        tags,
        summary: "Record a decision against an agenda item",
        description:
          "The body, meeting and date come from the item. `takenWhileInquorate` is worked out from the meeting's attendance. A `recommended` decision names `recommendedToBodyId` and lands on that body's forward plan; on a minutes-of-the-last-meeting item, `approvesMinutesOfMeetingId` approves an earlier meeting's minutes, in the same transaction.",
        security: write,
        body: decisionInput,
        response: { 201: decisionOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await decisions.create(request.ctx, request.body);
      return reply.code(201).send(presentDecision(await decisions.get(request.ctx, row.id)));
    },
  );

  app.patch(
    "/decisions/:id",
    {
      schema: {
        tags,
        summary: "Correct a decision",
        description: `${STALE} \`bodyIds\` and \`organisationIds\`, when sent, replace the links. A recommendation keeps its kind.`,
        security: write,
        params: idParams,
        body: decisionPatch,
        response: { 200: decisionOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      await presentingConflict(presentDecisionConflict, () => decisions.update(request.ctx, request.params.id, version, changes));
      return presentDecision(await decisions.get(request.ctx, request.params.id));
    },
  );

  app.post(
    "/decisions/:id/supersede",
    {
      schema: {
        tags,
        summary: "Mark a decision as superseded by a later one",
        description: `${STALE} Both decisions must be in force (409, code \`not_in_force\`, if this one is not), and the replacement taken on or after this one.`,
        security: write,
        params: idParams,
        body: supersedeInput,
        response: { 200: decisionOutput, ...errorResponses },
      },
    },
    async (request) => {
      await presentingConflict(
        (current: DecisionRow) => presentDecisionConflict(current),
        () => decisions.supersede(request.ctx, request.params.id, request.body),
      );
      return presentDecision(await decisions.get(request.ctx, request.params.id));
    },
  );

  app.post(
    "/decisions/:id/rescind",
    {
      schema: {
        tags,
        summary: "Rescind a decision",
        description: `${STALE} Only a decision in force can be rescinded (409, code \`not_in_force\`).`,
        security: write,
        params: idParams,
        body: rescindInput,
        response: { 200: decisionOutput, ...errorResponses },
      },
    },
    async (request) => {
      await presentingConflict(
        (current: DecisionRow) => presentDecisionConflict(current),
        () => decisions.rescind(request.ctx, request.params.id, request.body.version),
      );
      return presentDecision(await decisions.get(request.ctx, request.params.id));
    },
  );
};
