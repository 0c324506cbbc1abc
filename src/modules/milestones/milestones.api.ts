import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import {
  milestoneInput,
  milestoneListQuery,
  milestoneOutput,
  milestonePatch,
  productInput,
  productListQuery,
  productOutput,
  productPatch,
} from "./milestones.schema.ts";
import { presentMilestone, presentMilestoneConflict, presentProduct, presentProductConflict } from "./milestones.presenter.ts";

const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the record changed since, the answer is 409 with the newer record and nothing is written.";
const VISIBILITY =
  "Anonymous callers see the milestones and delivered products of published workstreams only; signed-in users of the partnership see everything.";

/** JSON API for milestones and products: /api/v1/milestones and /api/v1/products. */
export const milestonesApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { milestones } = services;

  app.get(
    "/milestones",
    {
      schema: {
        tags: ["Milestones"],
        summary: "List milestones",
        description: `Soonest due first (forecast date, else baseline). Filter by \`workstreamId\`, \`status\`, and \`dueFrom\`/\`dueTo\` (inclusive, on the forecast date or, without one, the baseline). ${VISIBILITY}`,
        querystring: milestoneListQuery,
        response: { 200: listResponse(milestoneOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await milestones.list(request.ctx, filter, page, limit), page, limit);
      return { ...result, data: result.data.map(presentMilestone) };
    },
  );

  app.get(
    "/milestones/:id",
    {
      schema: {
        tags: ["Milestones"],
        summary: "Get a milestone, with its slippage in days",
        params: idParams,
        response: { 200: milestoneOutput, ...errorResponses },
      },
    },
    async (request) => presentMilestone(await milestones.get(request.ctx, request.params.id)),
  );

  app.post(
    "/milestones",
    {
      schema: {
        tags: ["Milestones"],
        summary: "Add a milestone to a workstream",
        description:
          "For admins, the programme office and the workstream's contributors. A complete milestone needs `actualOn` (not in the future); at_risk and late need `forecastOn`.",
        security: write,
        body: milestoneInput,
        response: { 201: milestoneOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentMilestone(await milestones.create(request.ctx, request.body))),
  );

  app.patch(
    "/milestones/:id",
    {
      schema: {
        tags: ["Milestones"],
        summary: "Change a milestone",
        description: `${STALE} Leaving \`complete\` clears \`actualOn\` unless one is sent. With \`decisionId\`, a change of baseline, forecast or status is recorded on that decision's trail ("Forecast moved from 31 May 2018 to 30 June 2018").`,
        security: write,
        params: idParams,
        body: milestonePatch,
        response: { 200: milestoneOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, decisionId, ...changes } = request.body;
      return presentMilestone(
        await presentingConflict(presentMilestoneConflict, () => milestones.update(request.ctx, request.params.id, version, changes, decisionId)),
      );
    },
  );

  app.get(
    "/products",
    {
      schema: {
        tags: ["Products"],
        summary: "List products",
        description: `Filter by \`workstreamId\` and \`status\`. ${VISIBILITY}`,
        querystring: productListQuery,
        response: { 200: listResponse(productOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await milestones.listProducts(request.ctx, filter, page, limit), page, limit);
      return { ...result, data: result.data.map(presentProduct) };
    },
  );

  app.get(
    "/products/:id",
    { schema: { tags: ["Products"], summary: "Get a product", params: idParams, response: { 200: productOutput, ...errorResponses } } },
    async (request) => presentProduct(await milestones.getProduct(request.ctx, request.params.id)),
  );

  app.post(
    "/products",
    {
      schema: {
        tags: ["Products"],
        summary: "Add a product to a workstream",
        description: "A delivered product needs `deliveredOn` (not in the future); `evidenceUrl` is an http(s) link.",
        security: write,
        body: productInput,
        response: { 201: productOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentProduct(await milestones.createProduct(request.ctx, request.body))),
  );

  app.patch(
    "/products/:id",
    {
      schema: {
        tags: ["Products"],
        summary: "Change a product, or mark it delivered",
        description: `${STALE} To mark it delivered send \`status: "delivered"\`, \`deliveredOn\` and \`evidenceUrl\`. Back to planned clears both unless sent.`,
        security: write,
        params: idParams,
        body: productPatch,
        response: { 200: productOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return presentProduct(await presentingConflict(presentProductConflict, () => milestones.updateProduct(request.ctx, request.params.id, version, changes)));
    },
  );
};
