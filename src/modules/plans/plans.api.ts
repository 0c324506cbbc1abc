import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { Conflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import {
  approveInput,
  budgetLineInput,
  budgetLineOutput,
  budgetLinePatch,
  budgetSummaryOutput,
  budgetSummaryQuery,
  monthsInput,
  planDetailOutput,
  planInput,
  planListQuery,
  planOutput,
  planPatch,
  planVersionInput,
  versionQuery,
} from "./plans.schema.ts";
import { presentBudgetSummary, presentLine, presentPlan, presentPlanDetail, presentPlanListItem } from "./plans.presenter.ts";
import type { BudgetLineRow, PlanRow } from "./plans.tables.ts";

const tags = ["Plans and budgets"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the record changed since, the answer is 409 with the current record and nothing is written.";
const MONEY =
  "Money is always integer pence (fields ending `Pence`: 123456 = £1,234.56), never floating-point pounds. Forecast outturn = the sum over the months of the actual when entered, else the forecast when entered, else the planned amount; variance = forecast outturn − planned (positive = overspend).";

/**
 * JSON API for annual plans and budgets: /api/v1/plans, /api/v1/budget-lines and the portfolio
 * roll-up /api/v1/budget-summary. Anonymous callers see approved plans (and earlier approved
 * versions) of published workstreams only.
 */
export const plansApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { plans } = services;
  const startMonth = (ctx: RequestContext) => ctx.partnership.financialYearStartMonth;

  async function detail(ctx: RequestContext, id: string) {
    return presentPlanDetail(await plans.get(ctx, id), startMonth(ctx));
  }
  async function lineDetail(ctx: RequestContext, id: string) {
    return presentLine(await plans.getLine(ctx, id));
  }
  /** Runs a write; a 409 carries the current plan as the API presents it. */
  async function planWrite<T>(ctx: RequestContext, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (!(err instanceof Conflict) || !err.current) throw err;
      const current = err.current as PlanRow;
      throw new Conflict(err.message, presentPlan(current, await plans.workstreamFor(ctx, current.workstreamId), startMonth(ctx)));
    }
  }

  app.get(
    "/plans",
    {
      schema: {
        tags,
        summary: "List plans",
        description:
          "Filter by `workstreamId` and `financialYear` (the calendar year the financial year starts in: 2018 is 2018/19). Lists every revision unless `current=true`.",
        querystring: planListQuery,
        response: { 200: listResponse(planOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, current, ...filter } = request.query;
      const result = pageOf(await plans.list(request.ctx, { ...filter, currentOnly: current === "true" }, page, limit), page, limit);
      return { ...result, data: result.data.map((p) => presentPlanListItem(p, startMonth(request.ctx))) };
    },
  );

  app.get(
    "/plans/:id",
    {
      schema: {
        tags,
        summary: "Get a plan with its budget lines, months and totals",
        description: MONEY,
        params: idParams,
        response: { 200: planDetailOutput, ...errorResponses },
      },
    },
    async (request) => detail(request.ctx, request.params.id),
  );

  app.post(
    "/plans",
    {
      schema: {
        tags,
        summary: "Start a workstream's plan for a financial year (a draft)",
        description: "For the workstream's contributors and the programme office. One current plan per workstream and year.",
        security: write,
        body: planInput,
        response: { 201: planDetailOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await plans.create(request.ctx, request.body);
      return reply.code(201).send(await detail(request.ctx, row.id));
    },
  );

  app.patch(
    "/plans/:id",
    {
      schema: {
        tags,
        summary: "Change a draft plan's objectives or planned products",
        description: STALE,
        security: write,
        params: idParams,
        body: planPatch,
        response: { 200: planDetailOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      await planWrite(request.ctx, () => plans.update(request.ctx, request.params.id, version, changes));
      return detail(request.ctx, request.params.id);
    },
  );

  const statusChange = (path: string, summary: string, description: string, run: (ctx: RequestContext, id: string, version: number) => Promise<PlanRow>) =>
    app.post(
      path,
      {
        schema: {
          tags,
          summary,
          description: `${description} ${STALE}`,
          security: write,
          params: idParams,
          body: planVersionInput,
          response: { 200: planDetailOutput, ...errorResponses },
        },
      },
      async (request) => {
        await planWrite(request.ctx, () => run(request.ctx, request.params.id, request.body.version));
        return detail(request.ctx, request.params.id);
      },
    );

  statusChange("/plans/:id/submit", "Submit a draft plan for approval", "For the workstream's contributors and the programme office.", (ctx, id, version) =>
    plans.submit(ctx, id, version),
  );
  statusChange("/plans/:id/return", "Return a submitted plan to draft", "For the programme office.", (ctx, id, version) =>
    plans.returnToDraft(ctx, id, version),
  );

  app.post(
    "/plans/:id/approve",
    {
      schema: {
        tags,
        summary: "Approve a submitted plan",
        description: `For the programme office. Names the board decision that approved the plan (\`decisionId\`) and the date (\`approvedOn\`); the decision's effect "approves plan" is recorded with it. ${STALE}`,
        security: write,
        params: idParams,
        body: approveInput,
        response: { 200: planDetailOutput, ...errorResponses },
      },
    },
    async (request) => {
      await planWrite(request.ctx, () => plans.approve(request.ctx, request.params.id, request.body));
      return detail(request.ctx, request.params.id);
    },
  );

  app.post(
    "/plans/:id/revise",
    {
      schema: {
        tags,
        summary: "Revise an approved plan",
        description: `Creates the next revision as a draft copy (lines and months included); the approved plan becomes "revised" and is kept as it was. Answers with the new revision. ${STALE}`,
        security: write,
        params: idParams,
        body: planVersionInput,
        response: { 201: planDetailOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const next = await planWrite(request.ctx, () => plans.revise(request.ctx, request.params.id, request.body.version));
      return reply.code(201).send(await detail(request.ctx, next.id));
    },
  );

  // -- Budget lines

  /** Runs a write; a 409 carries the current budget line (with its months) as the API presents it. */
  async function lineWrite<T>(ctx: RequestContext, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (!(err instanceof Conflict) || !err.current) throw err;
      throw new Conflict(err.message, await lineDetail(ctx, (err.current as BudgetLineRow).id));
    }
  }

  app.post(
    "/budget-lines",
    {
      schema: {
        tags,
        summary: "Add a budget line to a draft plan",
        description: `${MONEY} Months not given are planned at £0.`,
        security: write,
        body: budgetLineInput,
        response: { 201: budgetLineOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const row = await plans.createLine(request.ctx, request.body);
      return reply.code(201).send(await lineDetail(request.ctx, row.id));
    },
  );

  app.get(
    "/budget-lines/:id",
    {
      schema: {
        tags,
        summary: "Get a budget line with its months",
        description: MONEY,
        params: idParams,
        response: { 200: budgetLineOutput, ...errorResponses },
      },
    },
    async (request) => lineDetail(request.ctx, request.params.id),
  );

  app.patch(
    "/budget-lines/:id",
    {
      schema: {
        tags,
        summary: "Change a budget line of a draft plan",
        description: STALE,
        security: write,
        params: idParams,
        body: budgetLinePatch,
        response: { 200: budgetLineOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      await lineWrite(request.ctx, () => plans.updateLine(request.ctx, request.params.id, version, changes));
      return lineDetail(request.ctx, request.params.id);
    },
  );

  app.delete(
    "/budget-lines/:id",
    {
      schema: {
        tags,
        summary: "Remove a budget line from a draft plan",
        description: "Send the `version` you read as a query parameter (`?version=3`); if the line changed since, the answer is 409.",
        security: write,
        params: idParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await lineWrite(request.ctx, () => plans.deleteLine(request.ctx, request.params.id, request.query.version));
      return reply.code(204).send(null);
    },
  );

  app.put(
    "/budget-lines/:id/months",
    {
      schema: {
        tags,
        summary: "Replace a budget line's monthly figures",
        description: `${MONEY} Months not given are planned at £0 with nothing entered. Planned amounts change only while the plan is a draft (an approved plan's through a revision); actuals and forecasts may be entered on submitted and approved plans too (monthly reporting). The line's \`version\` guards the write: ${STALE}`,
        security: write,
        params: idParams,
        body: monthsInput,
        response: { 200: budgetLineOutput, ...errorResponses },
      },
    },
    async (request) => presentLine(await lineWrite(request.ctx, () => plans.putMonths(request.ctx, request.params.id, request.body))),
  );

  app.get(
    "/budget-summary",
    {
      schema: {
        tags,
        summary: "The portfolio's budget for a financial year",
        description: `Per workstream (its current plan; for the public, approved plans of published workstreams) planned, actual to date, forecast outturn and variance, and the portfolio totals. ${MONEY}`,
        querystring: budgetSummaryQuery,
        response: { 200: budgetSummaryOutput, ...errorResponses },
      },
    },
    async (request) => {
      const financialYear = request.query.year ?? plans.currentFinancialYear(request.ctx);
      return presentBudgetSummary(await plans.budgetSummary(request.ctx, { financialYear }), financialYear, startMonth(request.ctx));
    },
  );
};
