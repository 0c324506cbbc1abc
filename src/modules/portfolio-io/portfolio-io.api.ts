import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { BadRequest, Forbidden } from "../../platform/http/errors.ts";
import { errorResponse, errorResponses } from "../../platform/http/api-schemas.ts";
import { describeProblem, type Problem } from "./portfolio-io.layouts.ts";
import type { ImportOutcome, PortfolioIoService } from "./portfolio-io.service.ts";
import { MEDIA_TYPES } from "./portfolio-io.sheets.ts";
import { acceptSpreadsheetUploads, readSpreadsheetUpload } from "./portfolio-io.http.ts";

const tags = ["Import and export"];
const RAW_TYPES = ["text/csv", MEDIA_TYPES.xlsx, "application/octet-stream"];

const workstreamParams = z.object({ id: z.string().min(1).max(200).describe("The workstream's id or slug") });
const planParams = z.object({ id: z.uuid({ error: "must be a UUID" }) });

const importOutput = z.object({
  data: z.object({
    imported: z.number().int().describe("How many rows the file had, all taken"),
    created: z.number().int().describe("Rows added as new records"),
    updated: z.number().int().describe("Rows that changed the record they name (a risk's reference, a milestone's ID)"),
    unchanged: z.number().int().describe("Rows that named a record and matched it already"),
  }),
});
const problemOutput = z.object({
  row: z.number().int().nullable().describe("The spreadsheet row (the header is row 1); null for the file as a whole"),
  column: z.string().nullable().describe("The column's header"),
  message: z.string(),
});
const importErrorOutput = z.object({
  error: errorResponse.shape.error.extend({
    problems: z.array(problemOutput).optional().describe("Every problem found, by row and column; when there are any, nothing was imported"),
  }),
});

const description = (what: string, effect: string) =>
  `${effect} Send the spreadsheet as the request body with Content-Type text/csv (UTF-8) or ${MEDIA_TYPES.xlsx}, or as multipart/form-data with the file in the field “file” (with a personal access token). The format is read from the content. Every row is checked first; if any has a problem the answer is 422 with every problem by row and column, and nothing is written. The columns are those of the ${what} export. Needs write access to the workstream.`;

/** Refuses multipart through a browser session: a cross-site page can send multipart/form-data with the browser's cookies. */
function requireSafeUpload(request: FastifyRequest): void {
  const p = request.ctx.principal;
  if (request.isMultipart() && p.kind === "user" && p.via !== "token")
    throw new Forbidden("Upload spreadsheets through the API with a personal access token (Authorization: Bearer …)");
}

/**
 * JSON API for imports: a workstream's risks and milestones, a plan's budget lines. (The exports
 * are files at the same addresses for pages and API clients: /workstreams/{id}/risks.xlsx …)
 */
export const portfolioIoApi: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const io: PortfolioIoService = services.portfolioIo;
  await acceptSpreadsheetUploads(app, io.maxBytes);
  app.addContentTypeParser(RAW_TYPES, { parseAs: "buffer", bodyLimit: io.maxBytes }, (_request, body, done) => done(null, body));

  /** The file of the request: multipart's one file, or the raw body. */
  async function contentOf(request: FastifyRequest): Promise<Buffer | { problem: string }> {
    if (request.isMultipart()) {
      const upload = await readSpreadsheetUpload(request, io.maxBytes);
      return upload.ok ? upload.content : { problem: upload.problem };
    }
    if (Buffer.isBuffer(request.body)) return request.body.length > 0 ? request.body : { problem: "The file is empty" };
    throw new BadRequest(
      `Send the spreadsheet as the request body with Content-Type text/csv or ${MEDIA_TYPES.xlsx}, or as multipart/form-data with the field “file”`,
      "unsupported_media_type",
      415,
    );
  }

  function answer(reply: FastifyReply, outcome: ImportOutcome) {
    if (outcome.ok)
      return reply.code(200).send({ data: { imported: outcome.count, created: outcome.created, updated: outcome.updated, unchanged: outcome.unchanged } });
    return reply.code(422).send({ error: problemsError(outcome.problems) });
  }

  const schemaFor = (summary: string, what: string, effect: string, params: z.ZodType) => ({
    tags,
    summary,
    description: description(what, effect),
    security: [{ bearer: [] }],
    consumes: [...RAW_TYPES, "multipart/form-data"],
    params,
    response: { 200: importOutput, ...errorResponses, 413: errorResponse, 415: errorResponse, 422: importErrorOutput },
  });

  app.post(
    "/workstreams/:id/risks/import",
    {
      schema: schemaFor(
        "Import risks into a workstream's register",
        "risks",
        "A row whose Reference names a risk of this register (R12) updates it (a changed current score is recorded as a review); a row with a blank Reference is added as a new risk with the next reference.",
        workstreamParams,
      ),
      bodyLimit: io.maxBytes,
    },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof workstreamParams>;
      const ws = await io.importTarget(request.ctx, id);
      requireSafeUpload(request);
      const content = await contentOf(request);
      return answer(reply, Buffer.isBuffer(content) ? await io.importRisks(request.ctx, ws.id, content) : fileProblem(content.problem));
    },
  );

  app.post(
    "/workstreams/:id/milestones/import",
    {
      schema: schemaFor(
        "Import milestones into a workstream",
        "milestones",
        "A row whose ID names a milestone of this workstream updates it; a row with a blank ID is added as a new milestone.",
        workstreamParams,
      ),
      bodyLimit: io.maxBytes,
    },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof workstreamParams>;
      const ws = await io.importTarget(request.ctx, id);
      requireSafeUpload(request);
      const content = await contentOf(request);
      return answer(reply, Buffer.isBuffer(content) ? await io.importMilestones(request.ctx, ws.id, content) : fileProblem(content.problem));
    },
  );

  app.post(
    "/plans/:id/budget-lines/import",
    {
      schema: schemaFor(
        "Replace a draft plan's budget lines",
        "budget lines",
        "Replaces all the draft plan's budget lines (with their planned, actual and forecast amounts per month) with the file's rows.",
        planParams,
      ),
      bodyLimit: io.maxBytes,
    },
    async (request, reply) => {
      const { id } = request.params as z.output<typeof planParams>;
      const plan = await io.planImportTarget(request.ctx, id);
      requireSafeUpload(request);
      const content = await contentOf(request);
      return answer(reply, Buffer.isBuffer(content) ? await io.importBudgetLines(request.ctx, plan.id, content) : fileProblem(content.problem));
    },
  );
};

const fileProblem = (message: string): ImportOutcome => ({ ok: false, problems: [{ row: null, column: null, message }] });

/** The API's error body for a refused import: the usual envelope, with every problem. */
function problemsError(problems: Problem[]) {
  const fields: Record<string, string> = {};
  for (const p of problems) {
    const key = p.row === null ? (p.column ?? "file") : `row ${p.row}${p.column ? `, ${p.column}` : ""}`;
    fields[key] = fields[key] ? `${fields[key]}; ${p.message}` : p.message;
  }
  const message =
    problems.length === 1 ? `Nothing was imported: ${describeProblem(problems[0]!)}` : `Nothing was imported: the file has ${problems.length} problems`;
  return { code: "validation_failed", message, fields, problems };
}
