import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf } from "../../platform/http/api-schemas.ts";
import {
  assessmentInput,
  assessmentListQuery,
  assessmentOutput,
  assessmentPatch,
  frameworkDetailOutput,
  frameworkInput,
  frameworkListQuery,
  frameworkOutput,
  frameworkPatch,
} from "./maturity.schema.ts";
import { presentAssessment, presentFramework, presentFrameworkDetail } from "./maturity.presenter.ts";
import type { FrameworkDetail } from "./maturity.service.ts";

const tags = ["Maturity"];
const write = [{ bearer: [] }];
const STALE = "Send the `version` you read; if the record changed since, the answer is 409 with the current record and nothing is written.";

/**
 * JSON API for maturity frameworks and assessments. Anonymous callers see published frameworks
 * and their assessments only (anything else is a 404).
 */
export const maturityApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { maturity } = services;

  app.get(
    "/maturity-frameworks",
    {
      schema: {
        tags,
        summary: "List maturity frameworks",
        description: "By title. Filter by `workstreamId`.",
        querystring: frameworkListQuery,
        response: { 200: listResponse(frameworkOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await maturity.listFrameworks(request.ctx, filter, page, limit), page, limit);
      return { ...result, data: result.data.map((f) => presentFramework(f, request.ctx.principal)) };
    },
  );

  app.get(
    "/maturity-frameworks/:id",
    {
      schema: {
        tags,
        summary: "Get a maturity framework with its matrix and latest ratings",
        description:
          "Dimensions × levels with a descriptor per cell, and the heat map: per subject (organisation or area) and dimension the latest level and the change in rank since the subject's previous rating of that dimension. Where the subject's latest assessment did not rate a dimension, the latest assessment that did is used (`fromEarlierAssessment`).",
        params: idParams,
        response: { 200: frameworkDetailOutput, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await maturity.frameworkDetail(request.ctx, request.params.id);
      return presentFrameworkDetail(detail, await maturity.latestRatings(request.ctx, detail.framework.id), request.ctx.principal);
    },
  );

  app.post(
    "/maturity-frameworks",
    {
      schema: {
        tags,
        summary: "Define a maturity framework",
        description: "With its dimensions, levels (least mature first) and, per dimension, a descriptor for each level. Programme office only.",
        security: write,
        body: frameworkInput,
        response: { 201: frameworkDetailOutput, ...errorResponses },
      },
    },
    async (request, reply) => {
      const detail = await maturity.createFramework(request.ctx, request.body);
      return reply.code(201).send(presentFrameworkDetail(detail, await maturity.latestRatings(request.ctx, detail.framework.id), request.ctx.principal));
    },
  );

  app.patch(
    "/maturity-frameworks/:id",
    {
      schema: {
        tags,
        summary: "Edit a maturity framework",
        description: `${STALE} \`dimensions\` and \`levels\`, when given, are the whole new lists in order: rows with an \`id\` are kept (renamed, moved), rows without are added, and rows left out are removed, which is refused (422) while any rating uses them.`,
        security: write,
        params: idParams,
        body: frameworkPatch,
        response: { 200: frameworkDetailOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const detail = await presentingConflict(
        (current: FrameworkDetail) => presentFramework(current.framework, request.ctx.principal),
        () => maturity.updateFramework(request.ctx, request.params.id, version, changes),
      );
      return presentFrameworkDetail(detail, await maturity.latestRatings(request.ctx, detail.framework.id), request.ctx.principal);
    },
  );

  app.get(
    "/maturity-assessments",
    {
      schema: {
        tags,
        summary: "List maturity assessments",
        description: "Newest first. Filter by `frameworkId` and a subject: `organisationId` or `areaName`.",
        querystring: assessmentListQuery,
        response: { 200: listResponse(assessmentOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const result = pageOf(await maturity.listAssessments(request.ctx, filter, page, limit), page, limit);
      return { ...result, data: result.data.map(presentAssessment) };
    },
  );

  app.get(
    "/maturity-assessments/:id",
    { schema: { tags, summary: "Get a maturity assessment with its ratings", params: idParams, response: { 200: assessmentOutput, ...errorResponses } } },
    async (request) => presentAssessment(await maturity.getAssessment(request.ctx, request.params.id)),
  );

  app.post(
    "/maturity-assessments",
    {
      schema: {
        tags,
        summary: "Record a maturity assessment",
        description:
          "Of an organisation (`organisationId`) or an area (`areaName`), with one rating for every dimension of the framework, each naming a level of that framework. The programme office, or contributors of the framework's workstream.",
        security: write,
        body: assessmentInput,
        response: { 201: assessmentOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentAssessment(await maturity.createAssessment(request.ctx, request.body))),
  );

  app.patch(
    "/maturity-assessments/:id",
    {
      schema: {
        tags,
        summary: "Edit a maturity assessment",
        description: `${STALE} \`ratings\`, when given, is the whole new set (one for every dimension).`,
        security: write,
        params: idParams,
        body: assessmentPatch,
        response: { 200: assessmentOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return presentAssessment(await presentingConflict(presentAssessment, () => maturity.updateAssessment(request.ctx, request.params.id, version, changes)));
    },
  );
};
