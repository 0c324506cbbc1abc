import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import {
  issueInput,
  issueListQuery,
  issueOutput,
  issuePatch,
  riskDetailOutput,
  riskInput,
  riskListQuery,
  riskOutput,
  riskPatch,
  riskReviewInput,
  riskReviewOutput,
} from "./risks.schema.ts";
import { presentIssue, presentReview, presentRisk } from "./risks.presenter.ts";
import type { IssueView, RiskView } from "./risks.repository.ts";

const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the record changed since, the answer is 409 with the newer record and nothing is written.";
const VISIBILITY = "Anonymous callers see only published records of published workstreams (and published portfolio-level ones).";

/** JSON API for risk and issue registers: /api/v1/risks and /api/v1/issues. */
export const risksApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { risks } = services;
  const register = (w: string | undefined) => (w === "portfolio" ? null : w);

  async function riskDetail(request: { ctx: Parameters<typeof risks.getRisk>[0] }, id: string) {
    const [detail, bands] = await Promise.all([risks.detail(request.ctx, id), risks.bands(request.ctx)]);
    return { ...presentRisk(detail.risk, bands), reviews: detail.reviews.map((r) => presentReview(r, bands)) };
  }

  app.get(
    "/risks",
    {
      schema: {
        tags: ["Risks"],
        summary: "List risks",
        description: `Highest current score first. Filter by \`workstreamId\` (or "portfolio"), \`status\`, \`band\` and \`q\`. ${VISIBILITY}`,
        querystring: riskListQuery,
        response: { 200: listResponse(riskOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, workstreamId, ...filter } = request.query;
      const [rows, bands] = await Promise.all([
        risks.listRisks(request.ctx, { ...filter, workstreamId: register(workstreamId) }, page, limit),
        risks.bands(request.ctx),
      ]);
      const result = pageOf(rows, page, limit);
      return { ...result, data: result.data.map((r) => presentRisk(r, bands)) };
    },
  );

  app.get(
    "/risks/:id",
    {
      schema: {
        tags: ["Risks"],
        summary: "Get a risk with its scores, bands and reviews",
        params: idParams,
        response: { 200: riskDetailOutput, ...errorResponses },
      },
    },
    async (request) => riskDetail(request, request.params.id),
  );

  app.post(
    "/risks",
    {
      schema: {
        tags: ["Risks"],
        summary: "Record a risk",
        description:
          "On a workstream's register (its contributors and the programme office) or the portfolio's (workstreamId null: the programme office). The reference (R1, R2, …) is allocated in order.",
        security: write,
        body: riskInput,
        response: { 201: riskDetailOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await risks.createRisk(request.ctx, request.body);
      return reply.code(201).send(await riskDetail(request, row.id));
    },
  );

  app.patch(
    "/risks/:id",
    {
      schema: {
        tags: ["Risks"],
        summary: "Change a risk",
        description: `${STALE} The current score changes only through a review (POST /risks/{id}/reviews). Publishing is for the programme office.`,
        security: write,
        params: idParams,
        body: riskPatch,
        response: { 200: riskDetailOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const bands = await risks.bands(request.ctx);
      await presentingConflict(
        (current: RiskView) => presentRisk(current, bands),
        () => risks.updateRisk(request.ctx, request.params.id, version, changes),
      );
      return riskDetail(request, request.params.id);
    },
  );

  app.post(
    "/risks/:id/reviews",
    {
      schema: {
        tags: ["Risks"],
        summary: "Review a risk's current score",
        description: `${STALE} Adds a review to the risk's history and sets its current likelihood and consequence, in one transaction. A \`decisionId\` records that the decision changed the risk.`,
        security: write,
        params: idParams,
        body: riskReviewInput,
        response: { 201: riskReviewOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const bands = await risks.bands(request.ctx);
      const review = await presentingConflict(
        (current: RiskView) => presentRisk(current, bands),
        () => risks.reviewRisk(request.ctx, request.params.id, request.body),
      );
      return reply.code(201).send(presentReview(review, bands));
    },
  );

  app.get(
    "/issues",
    {
      schema: {
        tags: ["Issues"],
        summary: "List issues",
        description: `Open first, by priority. Filter by \`workstreamId\` (or "portfolio"), \`status\` and \`q\`. ${VISIBILITY}`,
        querystring: issueListQuery,
        response: { 200: listResponse(issueOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, workstreamId, ...filter } = request.query;
      const result = pageOf(await risks.listIssuesPage(request.ctx, { ...filter, workstreamId: register(workstreamId) }, page, limit), page, limit);
      return { ...result, data: result.data.map(presentIssue) };
    },
  );

  app.get(
    "/issues/:id",
    { schema: { tags: ["Issues"], summary: "Get an issue", params: idParams, response: { 200: issueOutput, ...errorResponses } } },
    async (request) => presentIssue(await risks.getIssue(request.ctx, request.params.id)),
  );

  app.post(
    "/issues",
    {
      schema: {
        tags: ["Issues"],
        summary: "Record an issue",
        description: "The reference (I1, I2, …) is allocated in order. To raise an issue from a risk that happened, use the risk's page.",
        security: write,
        body: issueInput,
        response: { 201: issueOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await risks.createIssue(request.ctx, request.body);
      return reply.code(201).send(presentIssue(await risks.getIssue(request.ctx, row.id)));
    },
  );

  app.patch(
    "/issues/:id",
    {
      schema: {
        tags: ["Issues"],
        summary: "Change or resolve an issue",
        description: `${STALE} Resolving (status resolved or closed) needs a resolution.`,
        security: write,
        params: idParams,
        body: issuePatch,
        response: { 200: issueOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      await presentingConflict(
        (current: IssueView) => presentIssue(current),
        () => risks.updateIssue(request.ctx, request.params.id, version, changes),
      );
      return presentIssue(await risks.getIssue(request.ctx, request.params.id));
    },
  );
};
