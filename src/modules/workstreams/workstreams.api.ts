import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import { actionOutput } from "../actions/actions.schema.ts";
import { presentAction } from "../actions/actions.presenter.ts";
import {
  agendaItemLinkInput,
  contributorInput,
  contributorOutput,
  decisionLinkInput,
  linkParams,
  trailDecisionOutput,
  trailItemOutput,
  versionInput,
  workstreamActionsQuery,
  workstreamInput,
  workstreamListQuery,
  workstreamOutput,
  workstreamParams,
  workstreamPatch,
  workstreamSummaryOutput,
} from "./workstreams.schema.ts";
import { presentTrailDecision, presentTrailItem, presentWorkstream, presentWorkstreamConflict, presentWorkstreamSummary } from "./workstreams.presenter.ts";
import type { WorkstreamRow } from "./workstreams.repository.ts";

const tags = ["Workstreams"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the workstream changed since, the answer is 409 with the current workstream and nothing is written.";
const ID = "`{id}` is the workstream's id or its slug (e.g. `mental-health`).";

/**
 * JSON API for workstreams: /api/v1/workstreams. Anonymous callers see published workstreams only
 * (404 otherwise), and of their trail only Part I decisions and actions of held meetings.
 * Admins and the programme office change the definition; an assigned contributor may link the
 * workstream's decisions and agenda items.
 */
export const workstreamsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { workstreams, actions } = services;

  app.get(
    "/workstreams",
    {
      schema: {
        tags,
        summary: "List workstreams",
        description: "In portfolio order. The public sees published workstreams only. Filter by `status`.",
        querystring: workstreamListQuery,
        response: { 200: listResponse(workstreamSummaryOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, status } = request.query;
      const all = await workstreams.list(request.ctx, { status });
      const result = pageOf(all.slice((page - 1) * limit, page * limit + 1), page, limit);
      return { ...result, data: result.data.map(presentWorkstreamSummary) };
    },
  );

  app.get(
    "/workstreams/:id",
    { schema: { tags, summary: "Get a workstream", description: ID, params: workstreamParams, response: { 200: workstreamOutput, ...errorResponses } } },
    async (request) => presentWorkstream(await workstreams.get(request.ctx, request.params.id)),
  );

  app.post(
    "/workstreams",
    {
      schema: {
        tags,
        summary: "Create a workstream",
        description: "Created unpublished. A contribution of `some` or `major` needs a `rationale`. The `slug` is made from the name when absent.",
        security: write,
        body: workstreamInput,
        response: { 201: workstreamOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await workstreams.create(request.ctx, request.body);
      return reply.code(201).send(presentWorkstream(await workstreams.get(request.ctx, row.id)));
    },
  );

  app.patch(
    "/workstreams/:id",
    {
      schema: {
        tags,
        summary: "Change a workstream",
        description: `${STALE} \`leads\`, \`organisationIds\` and \`contributions\`, when sent, replace what is recorded (contributions per objective named).`,
        security: write,
        params: workstreamParams,
        body: workstreamPatch,
        response: { 200: workstreamOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const row = await presentingConflict(presentWorkstreamConflict, () => workstreams.update(request.ctx, request.params.id, version, changes));
      return presentWorkstream(await workstreams.get(request.ctx, row.id));
    },
  );

  for (const [verb, summary] of [
    ["publish", "Publish a workstream (the public sees it)"],
    ["unpublish", "Withdraw a workstream from the public"],
    ["archive", "Archive a workstream"],
  ] as const) {
    app.post(
      `/workstreams/:id/${verb}`,
      {
        schema: {
          tags,
          summary,
          description: STALE,
          security: write,
          params: workstreamParams,
          body: versionInput,
          response: { 200: workstreamOutput, ...errorResponses },
        },
      },
      async (request) => {
        const { id } = request.params;
        const { version } = request.body;
        const row = await presentingConflict(
          (current: WorkstreamRow) => presentWorkstreamConflict(current),
          () => (verb === "archive" ? workstreams.archive(request.ctx, id, version) : workstreams.setPublished(request.ctx, id, version, verb === "publish")),
        );
        return presentWorkstream(await workstreams.get(request.ctx, row.id));
      },
    );
  }

  // -- The trail

  app.get(
    "/workstreams/:id/actions",
    {
      schema: {
        tags,
        summary: "List a workstream's actions",
        description: `${ID} Soonest due first, undated last; with no status, outstanding actions come first. Part II actions only for those entitled.`,
        params: workstreamParams,
        querystring: workstreamActionsQuery,
        response: { 200: listResponse(actionOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, status } = request.query;
      const { rows } = await workstreams.actions(request.ctx, request.params.id, { status: status === "all" ? undefined : status, page, limit });
      const today = actions.today();
      const result = pageOf(rows, page, limit);
      return { ...result, data: result.data.map((a) => presentAction(a, request.ctx.principal, today)) };
    },
  );

  app.get(
    "/workstreams/:id/decisions",
    {
      schema: {
        tags,
        summary: "The decisions that govern a workstream",
        description: `${ID} Decisions linked to the workstream, taken on agenda items linked to it, or recorded as changing its plan, budget, milestones or risks; newest first.`,
        params: workstreamParams,
        response: { 200: z.object({ data: z.array(trailDecisionOutput) }), ...errorResponses },
      },
    },
    async (request) => ({ data: (await workstreams.trail(request.ctx, request.params.id)).decisions.map(presentTrailDecision) }),
  );

  app.get(
    "/workstreams/:id/agenda-items",
    {
      schema: {
        tags,
        summary: "The agenda items that discussed a workstream",
        description: `${ID} Newest meeting first, deep dives included.`,
        params: workstreamParams,
        response: { 200: z.object({ data: z.array(trailItemOutput) }), ...errorResponses },
      },
    },
    async (request) => ({ data: (await workstreams.trail(request.ctx, request.params.id)).items.map(presentTrailItem) }),
  );

  app.post(
    "/workstreams/:id/decisions",
    {
      schema: {
        tags,
        summary: "Link a decision to a workstream",
        description: "Admins, the programme office and the workstream's contributors; the decision must be one the caller may see.",
        security: write,
        params: workstreamParams,
        body: decisionLinkInput,
        response: { 204: z.null().describe("Linked"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await workstreams.linkDecision(request.ctx, request.params.id, request.body.decisionId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/workstreams/:id/decisions/:targetId",
    {
      schema: {
        tags,
        summary: "Unlink a decision from a workstream",
        security: write,
        params: linkParams,
        response: { 204: z.null().describe("Unlinked"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await workstreams.unlinkDecision(request.ctx, request.params.id, request.params.targetId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/workstreams/:id/agenda-items",
    {
      schema: {
        tags,
        summary: "Link an agenda item to a workstream",
        description: "Admins, the programme office and the workstream's contributors; the item must be one the caller may see.",
        security: write,
        params: workstreamParams,
        body: agendaItemLinkInput,
        response: { 204: z.null().describe("Linked"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await workstreams.linkAgendaItem(request.ctx, request.params.id, request.body.agendaItemId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/workstreams/:id/agenda-items/:targetId",
    {
      schema: {
        tags,
        summary: "Unlink an agenda item from a workstream",
        security: write,
        params: linkParams,
        response: { 204: z.null().describe("Unlinked"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await workstreams.unlinkAgendaItem(request.ctx, request.params.id, request.params.targetId);
      return reply.code(204).send(null);
    },
  );

  // -- Contributors

  app.get(
    "/workstreams/:id/contributors",
    {
      schema: {
        tags,
        summary: "List a workstream's contributors",
        description: "Users who may edit the workstream's plans, milestones, reports and risks. Names only, and only for users with a role here.",
        params: workstreamParams,
        response: { 200: z.object({ data: z.array(contributorOutput) }), ...errorResponses },
      },
    },
    async (request) => ({ data: await workstreams.contributors(request.ctx, request.params.id) }),
  );

  app.post(
    "/workstreams/:id/contributors",
    {
      schema: {
        tags,
        summary: "Assign a contributor to a workstream",
        description: "Admins and the programme office; the user must hold the contributor role in this partnership.",
        security: write,
        params: workstreamParams,
        body: contributorInput,
        response: { 204: z.null().describe("Assigned"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await workstreams.addContributor(request.ctx, request.params.id, request.body.userId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    "/workstreams/:id/contributors/:targetId",
    {
      schema: {
        tags,
        summary: "Remove a contributor from a workstream",
        security: write,
        params: linkParams,
        response: { 204: z.null().describe("Removed"), ...errorResponses },
      },
    },
    async (request, reply) => {
      await workstreams.removeContributor(request.ctx, request.params.id, request.params.targetId);
      return reply.code(204).send(null);
    },
  );
};
