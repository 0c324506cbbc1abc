import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf, versionField } from "../../platform/http/api-schemas.ts";
import { organisationInput, organisationListQuery, organisationOutput, organisationPatch } from "./organisations.schema.ts";
import { presentOrganisation } from "./organisations.presenter.ts";

const tags = ["Organisations"];

/** JSON API for organisations: /api/v1/organisations. */
export const organisationsApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { organisations } = services;

  app.get(
    "/organisations",
    { schema: { tags, summary: "List organisations", querystring: organisationListQuery, response: { 200: listResponse(organisationOutput), ...errorResponses } } },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const rows = await organisations.list(request.ctx, filter, page, limit);
      const result = pageOf(rows, page, limit);
      return { ...result, data: result.data.map(presentOrganisation) };
    },
  );

  app.get(
    "/organisations/:id",
    { schema: { tags, summary: "Get an organisation", params: idParams, response: { 200: organisationOutput, ...errorResponses } } },
    async (request) => presentOrganisation(await organisations.get(request.ctx, request.params.id)),
  );

  app.post(
    "/organisations",
    { schema: { tags, summary: "Create an organisation", security: [{ bearer: [] }], body: organisationInput, response: { 201: organisationOutput, ...errorResponses } } },
    async (request, reply) => reply.code(201).send(presentOrganisation(await organisations.create(request.ctx, request.body))),
  );

  app.patch(
    "/organisations/:id",
    {
      schema: {
        tags,
        summary: "Update an organisation",
        description: "Send the `version` you read; if the organisation changed since, the answer is 409 and nothing is written.",
        security: [{ bearer: [] }],
        params: idParams,
        body: organisationPatch,
        response: { 200: organisationOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return presentOrganisation(await presentingConflict(presentOrganisation, () => organisations.update(request.ctx, request.params.id, version, changes)));
    },
  );

  app.post(
    "/organisations/:id/archive",
    {
      schema: {
        tags,
        summary: "Archive an organisation",
        security: [{ bearer: [] }],
        params: idParams,
        body: z.strictObject({ version: versionField }),
        response: { 200: organisationOutput, ...errorResponses },
      },
    },
    async (request) => presentOrganisation(await presentingConflict(presentOrganisation, () => organisations.setArchived(request.ctx, request.params.id, request.body.version, true))),
  );
};
