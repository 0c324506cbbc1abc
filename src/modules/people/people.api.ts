import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { errorResponses, idParams, listResponse, pageOf, versionField } from "../../platform/http/api-schemas.ts";
import { presentingConflict } from "../../platform/http/errors.ts";
import { personInput, personListQuery, personOutput, personPatch } from "./people.schema.ts";
import { presentPerson } from "./people.presenter.ts";
import type { PersonRecord } from "./people.service.ts";

const tags = ["People"];

/** JSON API for the people directory: /api/v1/people. E-mail addresses only reach signed-in users of the partnership. */
export const peopleApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { people } = services;

  app.get(
    "/people",
    { schema: { tags, summary: "List people", querystring: personListQuery, response: { 200: listResponse(personOutput), ...errorResponses } } },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const rows = await people.list(request.ctx, filter, page, limit);
      const result = pageOf(rows, page, limit);
      return { ...result, data: result.data.map((p) => presentPerson(p, request.ctx.principal)) };
    },
  );

  app.get("/people/:id", { schema: { tags, summary: "Get a person", params: idParams, response: { 200: personOutput, ...errorResponses } } }, async (request) =>
    presentPerson(await people.get(request.ctx, request.params.id), request.ctx.principal),
  );

  app.post(
    "/people",
    {
      schema: {
        tags,
        summary: "Add a person",
        description: "`organisationId` must be one of the partnership's current organisations (422 otherwise).",
        security: [{ bearer: [] }],
        body: personInput,
        response: { 201: personOutput, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(presentPerson(await people.create(request.ctx, request.body), request.ctx.principal)),
  );

  app.patch(
    "/people/:id",
    {
      schema: {
        tags,
        summary: "Update a person",
        description: "Send the `version` you read; if the person changed since, the answer is 409 with the newer person and nothing is written.",
        security: [{ bearer: [] }],
        params: idParams,
        body: personPatch,
        response: { 200: personOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      const row = await presentingConflict((current: PersonRecord) => presentPerson(current, request.ctx.principal), () => people.update(request.ctx, request.params.id, version, changes));
      return presentPerson(row, request.ctx.principal);
    },
  );

  app.post(
    "/people/:id/archive",
    {
      schema: {
        tags,
        summary: "Archive a person",
        description: "Archived people leave lists and public view; their memberships and history are kept.",
        security: [{ bearer: [] }],
        params: idParams,
        body: z.strictObject({ version: versionField }),
        response: { 200: personOutput, ...errorResponses },
      },
    },
    async (request) => {
      const row = await presentingConflict((current: PersonRecord) => presentPerson(current, request.ctx.principal), () => people.setArchived(request.ctx, request.params.id, request.body.version, true));
      return presentPerson(row, request.ctx.principal);
    },
  );
};
