import { z } from "zod";
import type { FastifyRequest } from "fastify";
import type { FastifySchemaCompiler } from "fastify";
import { validatorCompiler, type FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { BadRequest, Forbidden, presentingConflict } from "../../platform/http/errors.ts";
import { errorResponses, idParams, listResponse, pageOf, versionField } from "../../platform/http/api-schemas.ts";
import { papersPolicy } from "./papers.policy.ts";
import {
  itemPaperParams,
  paperDetailOutput,
  paperListQuery,
  paperOutput,
  paperUploadBody,
  paperUploadOutput,
  paperVersionFields,
  paperVersionUploadBody,
  versionNumberParams,
} from "./papers.schema.ts";
import { presentPaper, presentPaperDetail } from "./papers.presenter.ts";
import type { PaperDetail } from "./papers.service.ts";
import { acceptUploads, readUpload, sendPaperFile } from "./papers.http.ts";

const tags = ["Papers"];

/**
 * Multipart bodies are read from the stream by the handler (so the file is never held whole before
 * its size is checked); their schema is for the OpenAPI document only. Other parts validate as usual.
 */
function multipartBodyCompiler<T>(route: Parameters<FastifySchemaCompiler<T>>[0]): ReturnType<FastifySchemaCompiler<T>> {
  if (route.httpPart === "body") return (data: unknown) => ({ value: data });
  return validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]);
}

const downloadResponses = {
  200: z.unknown().describe("The file, with its media type, length and an attachment Content-Disposition"),
  ...errorResponses,
};

/**
 * Uploads through the API need a personal access token: the API skips the CSRF check because a
 * cross-site page cannot send JSON, but it can send multipart/form-data with the browser's cookies.
 */
function requireUploader(request: FastifyRequest): void {
  const p = request.ctx.principal;
  if (!papersPolicy.manage(p)) throw new Forbidden();
  if (p.kind === "user" && p.via !== "token") throw new Forbidden("Upload papers through the API with a personal access token (Authorization: Bearer …)");
  if (!request.isMultipart())
    throw new BadRequest("Send the paper as multipart/form-data, with the file in the field named “file”", "unsupported_media_type", 415);
}

/** JSON API for papers: /api/v1/papers, and uploads to agenda items. */
export const papersApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { papers } = services;
  await acceptUploads(app, papers.maxBytes);

  app.get(
    "/papers",
    {
      schema: {
        tags,
        summary: "List papers",
        description:
          "Papers of agenda items the caller may see, each with its current version. Part II papers are listed only for admins, the board office and members.",
        querystring: paperListQuery,
        response: { 200: listResponse(paperOutput), ...errorResponses },
      },
    },
    async (request) => {
      const { page, limit, ...filter } = request.query;
      const rows = await papers.list(request.ctx, filter, page, limit);
      const result = pageOf(rows, page, limit);
      return { ...result, data: result.data.map(presentPaper) };
    },
  );

  app.get(
    "/papers/:id",
    { schema: { tags, summary: "Get a paper with all its versions", params: idParams, response: { 200: paperDetailOutput, ...errorResponses } } },
    async (request) => presentPaperDetail(await papers.get(request.ctx, request.params.id)),
  );

  app.get(
    "/papers/:id/download",
    { schema: { tags, summary: "Download the current version of a paper", params: idParams, response: downloadResponses } },
    async (request, reply) => sendPaperFile(reply, await papers.download(request.ctx, request.params.id)),
  );

  app.get(
    "/papers/:id/versions/:n/download",
    { schema: { tags, summary: "Download one version of a paper", params: versionNumberParams, response: downloadResponses } },
    async (request, reply) => sendPaperFile(reply, await papers.download(request.ctx, request.params.id, request.params.n)),
  );

  app.post(
    "/meetings/:meetingId/items/:itemId/papers",
    {
      schema: {
        tags,
        summary: "Upload a paper to an agenda item",
        description:
          "multipart/form-data with `title` and `file`. The type is read from the file's content (PDF, DOCX, XLSX, PPTX or ODT); the paper is Part I or Part II as its item is. Needs a personal access token with write scope.",
        security: [{ bearer: [] }],
        consumes: ["multipart/form-data"],
        params: itemPaperParams,
        body: paperUploadBody,
        response: { 201: paperUploadOutput, 413: errorResponses[422], 415: errorResponses[422], ...errorResponses },
      },
      validatorCompiler: multipartBodyCompiler,
    },
    async (request, reply) => {
      requireUploader(request);
      const { meetingId, itemId } = request.params;
      await papers.itemForUpload(request.ctx, meetingId, itemId);
      const upload = await readUpload(request, papers.maxBytes);
      if (upload.problem) throw new BadRequest(upload.problem, "too_many_parts", 413);
      const result = await papers.upload(request.ctx, meetingId, itemId, { title: upload.fields.title, file: upload.file });
      return reply.code(201).send({ ...presentPaperDetail(result), textProblem: result.textProblem });
    },
  );

  app.post(
    "/papers/:id/versions",
    {
      schema: {
        tags,
        summary: "Upload a new version of a paper",
        description:
          "multipart/form-data with `file` and optionally `version` (the paper's version you read: if it changed since, 409 and nothing is written). Earlier versions are kept.",
        security: [{ bearer: [] }],
        consumes: ["multipart/form-data"],
        params: idParams,
        body: paperVersionUploadBody,
        response: { 201: paperUploadOutput, 413: errorResponses[422], 415: errorResponses[422], ...errorResponses },
      },
      validatorCompiler: multipartBodyCompiler,
    },
    async (request, reply) => {
      requireUploader(request);
      await papers.get(request.ctx, request.params.id);
      const upload = await readUpload(request, papers.maxBytes);
      if (upload.problem) throw new BadRequest(upload.problem, "too_many_parts", 413);
      const fields = paperVersionFields.safeParse(upload.fields);
      if (!fields.success) throw new BadRequest("version must be the number you read", "validation_failed", 422);
      const result = await presentingConflict(presentPaperDetail, () =>
        papers.addVersion(request.ctx, request.params.id, { file: upload.file, expectedVersion: fields.data.version }),
      );
      return reply.code(201).send({ ...presentPaperDetail(result), textProblem: result.textProblem });
    },
  );

  app.post(
    "/papers/:id/archive",
    {
      schema: {
        tags,
        summary: "Archive a paper",
        description: "It leaves the agenda and the public's view; its versions and history are kept.",
        security: [{ bearer: [] }],
        params: idParams,
        body: z.strictObject({ version: versionField }),
        response: { 200: paperDetailOutput, ...errorResponses },
      },
    },
    async (request) =>
      presentPaperDetail(
        await presentingConflict(
          (d: PaperDetail) => presentPaperDetail(d),
          () => papers.setArchived(request.ctx, request.params.id, request.body.version, true),
        ),
      ),
  );
};
