import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { errorResponses, idParams } from "../../platform/http/api-schemas.ts";
import { dashboardOutput, dashboardQuery, decisionEffectsOutput, deepDiveOutput, itemParams } from "./portfolio.schema.ts";
import { presentDecisionEffect, presentDeepDive } from "./portfolio.presenter.ts";

const tags = ["Portfolio"];

/**
 * JSON API for the portfolio: the dashboard's data, a deep-dive agenda item's section, and what a
 * decision changed. Anonymous callers see only what the partnership has published (and Part I).
 */
export const portfolioApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { portfolio } = services;

  app.get(
    "/portfolio",
    {
      schema: {
        tags,
        summary: "The portfolio dashboard",
        description:
          "Per workstream the latest RAG ratings, the budget of the financial year (`year`, default the year containing today or the latest with plans; integer pence), milestones due in the next 60 days and late, open risks with the highest, the last three decisions and outstanding actions; the top risks; the contribution of each workstream to each objective.",
        querystring: dashboardQuery,
        response: { 200: dashboardOutput, ...errorResponses },
      },
    },
    async (request) => portfolio.dashboard(request.ctx, { year: request.query.year }),
  );

  app.get(
    "/meetings/:id/items/:itemId/deep-dive",
    {
      schema: {
        tags,
        summary: "The deep-dive section of a deep-dive agenda item",
        description:
          "For an agenda item of kind deep_dive linked to a workstream: the workstream as of the meeting date (Europe/London): milestones achieved and to come, products, key risks with controls, assurances and mitigating actions, open issues, budget against the plan of that financial year, contribution to the objectives. `data` is null for items that are not deep dives on a workstream the caller may see; 404 for items the caller may not see.",
        params: itemParams,
        response: { 200: z.object({ data: deepDiveOutput.nullable() }), ...errorResponses },
      },
    },
    async (request) => {
      const deepDive = await portfolio.deepDiveOnMeeting(request.ctx, request.params.id, request.params.itemId);
      return { data: deepDive ? presentDeepDive(deepDive) : null };
    },
  );

  app.get(
    "/decisions/:id/effects",
    {
      schema: {
        tags,
        summary: "What a decision changed in the programme",
        description: "Plans approved, budgets, milestones and risks changed by the decision, as far as the caller may see them.",
        params: idParams,
        response: { 200: decisionEffectsOutput, ...errorResponses },
      },
    },
    async (request) => ({ data: (await portfolio.effectsOfDecision(request.ctx, request.params.id)).map(presentDecisionEffect) }),
  );
};
