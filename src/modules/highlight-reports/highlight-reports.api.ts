import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import { presentReport } from "./highlight-reports.presenter.ts";
import type { HighlightReportView } from "./highlight-reports.repository.ts";
import {
  reportCreateInput,
  reportListQuery,
  reportOutput,
  reportPatch,
  reportReturnInput,
  reportReviewInput,
  reportSubmitInput,
} from "./highlight-reports.schema.ts";

const tags = ["Highlight reports"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the report changed since, the answer is 409 with the current report and nothing is written.";

/**
 * JSON API for highlight reports: /api/v1/highlight-reports. Anonymous callers get open data:
 * reviewed reports of published workstreams, without the programme office's note or names.
 */
export const highlightReportsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { highlightReports: reports } = services;
  const conflictAs = (viewer: Principal) => (current: HighlightReportView) => presentReport(current, viewer);

  app.get(
    "/highlight-reports",
    {
      schema: {
        tags,
        summary: "List highlight reports",
        description: "Newest month first. Filter by `workstreamId`, `month` (YYYY-MM) and `status`. The public sees reviewed reports of published workstreams.",
        querystring: reportListQuery,
        response: { 200: listResponse(reportOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await reports.list(request.ctx, filter, page, limit), page, limit);
      return { ...result, data: result.data.map((r) => presentReport(r, request.ctx.principal)) };
    },
  );

  app.get(
    "/highlight-reports/:id",
    { schema: { tags, summary: "Get a highlight report", params: idParams, response: { 200: reportOutput, ...errorResponses } } },
    async (request) => presentReport(await reports.get(request.ctx, request.params.id), request.ctx.principal),
  );

  app.post(
    "/highlight-reports",
    {
      schema: {
        tags,
        summary: "Draft a highlight report from live data",
        description:
          "Creates the workstream's report for the month as a draft, drafted from its milestones, products, budget and risks, with suggested ratings and reasons. One report per workstream and month (422 with a `month` field error, status 409, if it exists). The workstream's contributors and the programme office.",
        security: write,
        body: reportCreateInput,
        response: { 201: reportOutput, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentReport(await reports.draft(request.ctx, request.body.workstreamId, request.body.month), request.ctx.principal)),
  );

  app.patch(
    "/highlight-reports/:id",
    {
      schema: {
        tags,
        summary: "Edit a highlight report",
        description: `${STALE} Only while the report is a draft or returned. An amber or red rating needs its reason (422 otherwise).`,
        security: write,
        params: idParams,
        body: reportPatch,
        response: { 200: reportOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const row = await presentingConflict(conflictAs(request.ctx.principal), () => reports.update(request.ctx, request.params.id, version, changes));
      return presentReport(row, request.ctx.principal);
    },
  );

  app.post(
    "/highlight-reports/:id/submit",
    {
      schema: {
        tags,
        summary: "Submit a highlight report for review",
        description: `${STALE} From draft or returned. Needs all four ratings, and a reason for each amber or red (422 naming the fields otherwise).`,
        security: write,
        params: idParams,
        body: reportSubmitInput,
        response: { 200: reportOutput, ...errorResponses },
      },
    },
    async (request) =>
      presentReport(
        await presentingConflict(conflictAs(request.ctx.principal), () => reports.submit(request.ctx, request.params.id, request.body.version)),
        request.ctx.principal,
      ),
  );

  app.post(
    "/highlight-reports/:id/review",
    {
      schema: {
        tags,
        summary: "Review a submitted highlight report",
        description: `${STALE} The programme office (admin, secretary) only; an optional \`note\`. A reviewed report is public once its workstream is published.`,
        security: write,
        params: idParams,
        body: reportReviewInput,
        response: { 200: reportOutput, ...errorResponses },
      },
    },
    async (request) =>
      presentReport(
        await presentingConflict(conflictAs(request.ctx.principal), () =>
          reports.review(request.ctx, request.params.id, request.body.version, request.body.note),
        ),
        request.ctx.principal,
      ),
  );

  app.post(
    "/highlight-reports/:id/return",
    {
      schema: {
        tags,
        summary: "Return a submitted highlight report to the lead",
        description: `${STALE} The programme office only; \`note\` says what to change. The lead edits and resubmits.`,
        security: write,
        params: idParams,
        body: reportReturnInput,
        response: { 200: reportOutput, ...errorResponses },
      },
    },
    async (request) =>
      presentReport(
        await presentingConflict(conflictAs(request.ctx.principal), () =>
          reports.returnToLead(request.ctx, request.params.id, request.body.version, request.body.note),
        ),
        request.ctx.principal,
      ),
  );
};
