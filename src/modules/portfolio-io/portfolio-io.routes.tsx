import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { MILESTONE_COLUMNS, RISK_COLUMNS, monthHeader, type Column, type Problem } from "./portfolio-io.layouts.ts";
import { ignoredCell } from "./portfolio-io.cells.ts";
import { PROBLEMS_SHOWN, type ImportOutcome, type PortfolioIoService } from "./portfolio-io.service.ts";
import { acceptSpreadsheetUploads, readSpreadsheetUpload, sendExport } from "./portfolio-io.http.ts";
import { ImportPage, type ImportPageProps } from "./portfolio-io.views.tsx";
import type { FileFormat } from "./portfolio-io.sheets.ts";

const workstreamParams = z.object({ workstreamId: z.string().min(1).max(200) });
const planParams = z.object({ planId: z.uuid() });
const FORMATS: readonly FileFormat[] = ["xlsx", "csv"];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "Imported 3 risks", or "Imported 5 risks: 1 new, 2 updated, 2 unchanged" when rows named existing records. */
function importedMessage(outcome: { count: number; created: number; updated: number; unchanged: number }, one: string, many: string): string {
  const head = `Imported ${plural(outcome.count, one, many)}`;
  if (outcome.created === outcome.count) return head;
  const parts = [
    outcome.created > 0 ? `${outcome.created.toLocaleString("en-GB")} new` : null,
    outcome.updated > 0 ? `${outcome.updated.toLocaleString("en-GB")} updated` : null,
    outcome.unchanged > 0 ? `${outcome.unchanged.toLocaleString("en-GB")} unchanged` : null,
  ].filter((p) => p !== null);
  return `${head}: ${parts.join(", ")}`;
}

/** The columns an import page lists: those it reads, and whether each must be present. */
function columnsOf<E>(columns: readonly Column<E>[]): ImportPageProps["columns"] {
  return columns.map((c) => ({
    header: c.header,
    required: Boolean(c.required),
    ...(c.cell === ignoredCell ? { note: "No: exported for reading, ignored on import" } : c.importNote ? { note: c.importNote } : {}),
  }));
}

/** One row per month of the plan's year: "Apr 2018 planned, Apr 2018 actual, Apr 2018 forecast". */
function monthColumns(months: readonly string[]): ImportPageProps["columns"] {
  return months.map((m) => ({
    header: `${monthHeader(m)} planned, ${monthHeader(m)} actual, ${monthHeader(m)} forecast`,
    required: false,
    note: "No: planned £0, actual and forecast not entered when left out",
  }));
}

/**
 * Spreadsheet exports (XLSX and CSV) of a workstream's risks and milestones, the portfolio risk
 * register and a plan's budget lines; and the pages that import them. Imports read the file, the
 * service checks every row, and either everything is written (then back to the register with
 * "Imported 12 risks") or nothing is, and the page lists every problem by row and column.
 */
export const portfolioIoRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const io: PortfolioIoService = services.portfolioIo;
  await acceptSpreadsheetUploads(app, io.maxBytes);

  // -- Exports: everyone, of what they may see

  for (const format of FORMATS) {
    app.get(`/workstreams/:workstreamId/risks.${format}`, { schema: { params: workstreamParams } }, async (request, reply) =>
      sendExport(reply, await io.exportRisks(request.ctx, request.params.workstreamId, format)),
    );
    app.get(`/workstreams/:workstreamId/milestones.${format}`, { schema: { params: workstreamParams } }, async (request, reply) =>
      sendExport(reply, await io.exportMilestones(request.ctx, request.params.workstreamId, format)),
    );
    app.get(`/plans/:planId/budget-lines.${format}`, { schema: { params: planParams } }, async (request, reply) =>
      sendExport(reply, await io.exportBudgetLines(request.ctx, request.params.planId, format)),
    );
    app.get(`/risks/portfolio.${format}`, async (request, reply) => sendExport(reply, await io.exportRisks(request.ctx, null, format)));
  }

  // -- Imports: those who may change the workstream

  /** Renders the import page, or on success goes back with "Imported 12 risks". */
  async function finish(
    request: FastifyRequest,
    reply: FastifyReply,
    page: Omit<ImportPageProps, "ctx" | "problems" | "shown">,
    outcome: ImportOutcome | { ok: false; problems: Problem[] },
    done: (outcome: Extract<ImportOutcome, { ok: true }>) => { location: string; message: string },
  ) {
    if (outcome.ok) {
      const { location, message } = done(outcome);
      return reply.seeOther(location, message);
    }
    return reply.page(<ImportPage ctx={viewContext(request, reply)} {...page} problems={outcome.problems} shown={PROBLEMS_SHOWN} />, 422);
  }

  const fileProblem = (message: string) => ({ ok: false as const, problems: [{ row: null, column: null, message }] });

  const riskPage = (ws: { id: string; slug: string; name: string }): Omit<ImportPageProps, "ctx" | "problems" | "shown"> => ({
    title: "Import risks",
    caption: ws.name,
    back: { href: `/workstreams/${ws.slug}/risks`, text: `${ws.name} risks` },
    action: `/workstreams/${ws.slug}/risks/import`,
    exportHref: { xlsx: `/workstreams/${ws.slug}/risks.xlsx`, csv: `/workstreams/${ws.slug}/risks.csv` },
    effect:
      "A row whose Reference names a risk of this register (R12, as the export gives it) updates that risk: a changed current likelihood or consequence is recorded as a review, so the risk's history is kept. A row with a blank Reference is added as a new risk, with the next reference. Owners are matched by name to the people directory. To copy risks to another register, clear the Reference column first.",
    columns: columnsOf(RISK_COLUMNS),
    maxRows: io.maxRows,
    maxBytes: io.maxBytes,
  });

  app.get("/workstreams/:workstreamId/risks/import", { schema: { params: workstreamParams } }, async (request, reply) => {
    const ws = await io.importTarget(request.ctx, request.params.workstreamId);
    return reply.page(<ImportPage ctx={viewContext(request, reply)} {...riskPage(ws)} problems={[]} shown={PROBLEMS_SHOWN} />);
  });

  app.post("/workstreams/:workstreamId/risks/import", { schema: { params: workstreamParams } }, async (request, reply) => {
    const ws = await io.importTarget(request.ctx, request.params.workstreamId);
    const upload = await readSpreadsheetUpload(request, io.maxBytes);
    const outcome = upload.ok ? await io.importRisks(request.ctx, ws.id, upload.content) : fileProblem(upload.problem);
    return finish(request, reply, riskPage(ws), outcome, (o) => ({
      location: `/workstreams/${ws.slug}/risks`,
      message: importedMessage(o, "risk", "risks"),
    }));
  });

  const milestonePage = (ws: { id: string; slug: string; name: string }): Omit<ImportPageProps, "ctx" | "problems" | "shown"> => ({
    title: "Import milestones",
    caption: ws.name,
    back: { href: `/workstreams/${ws.slug}/milestones`, text: `${ws.name} milestones` },
    action: `/workstreams/${ws.slug}/milestones/import`,
    exportHref: { xlsx: `/workstreams/${ws.slug}/milestones.xlsx`, csv: `/workstreams/${ws.slug}/milestones.csv` },
    effect:
      "A row whose ID names a milestone of this workstream (as the export gives it) updates that milestone. A row with a blank ID is added as a new milestone. To copy milestones to another workstream, clear the ID column first.",
    columns: columnsOf(MILESTONE_COLUMNS),
    maxRows: io.maxRows,
    maxBytes: io.maxBytes,
  });

  app.get("/workstreams/:workstreamId/milestones/import", { schema: { params: workstreamParams } }, async (request, reply) => {
    const ws = await io.importTarget(request.ctx, request.params.workstreamId);
    return reply.page(<ImportPage ctx={viewContext(request, reply)} {...milestonePage(ws)} problems={[]} shown={PROBLEMS_SHOWN} />);
  });

  app.post("/workstreams/:workstreamId/milestones/import", { schema: { params: workstreamParams } }, async (request, reply) => {
    const ws = await io.importTarget(request.ctx, request.params.workstreamId);
    const upload = await readSpreadsheetUpload(request, io.maxBytes);
    const outcome = upload.ok ? await io.importMilestones(request.ctx, ws.id, upload.content) : fileProblem(upload.problem);
    return finish(request, reply, milestonePage(ws), outcome, (o) => ({
      location: `/workstreams/${ws.slug}/milestones`,
      message: importedMessage(o, "milestone", "milestones"),
    }));
  });

  const budgetPage = (plan: Awaited<ReturnType<PortfolioIoService["plan"]>>): Omit<ImportPageProps, "ctx" | "problems" | "shown"> => ({
    title: "Import budget lines",
    caption: `${plan.workstream.name}: ${plan.yearLabel} plan`,
    back: { href: `/plans/${plan.id}`, text: `${plan.workstream.name} ${plan.yearLabel} plan` },
    action: `/plans/${plan.id}/budget-lines/import`,
    exportHref: { xlsx: `/plans/${plan.id}/budget-lines.xlsx`, csv: `/plans/${plan.id}/budget-lines.csv` },
    effect:
      plan.status === "draft"
        ? `The file's rows replace all of this draft plan's budget lines, with their planned, actual and forecast amounts for each month of ${plan.yearLabel}.`
        : plan.status === "revised"
          ? "This is an earlier version of the plan, kept as it was: nothing can be imported into it. Import into the current version instead."
          : `This plan is ${plan.status === "approved" ? "approved" : "submitted for approval"}, so its lines and planned amounts change only through a revision. The file's actual and forecast amounts replace those of its budget lines; its rows must be the plan's lines, in the same order, with the same planned amounts (start from the export).`,
    columns: [
      { header: "Description", required: true },
      { header: "Kind", required: true, note: "Yes: Revenue or Capital" },
      { header: "Funding source", required: true },
      ...monthColumns(plan.months),
    ],
    maxRows: io.maxRows,
    maxBytes: io.maxBytes,
  });

  app.get("/plans/:planId/budget-lines/import", { schema: { params: planParams } }, async (request, reply) => {
    const plan = await io.planImportTarget(request.ctx, request.params.planId);
    return reply.page(<ImportPage ctx={viewContext(request, reply)} {...budgetPage(plan)} problems={[]} shown={PROBLEMS_SHOWN} />);
  });

  app.post("/plans/:planId/budget-lines/import", { schema: { params: planParams } }, async (request, reply) => {
    const plan = await io.planImportTarget(request.ctx, request.params.planId);
    const upload = await readSpreadsheetUpload(request, io.maxBytes);
    const outcome = upload.ok ? await io.importBudgetLines(request.ctx, plan.id, upload.content) : fileProblem(upload.problem);
    return finish(request, reply, budgetPage(plan), outcome, (o) => ({
      location: `/plans/${plan.id}`,
      message: `Imported ${plural(o.count, "budget line", "budget lines")}`,
    }));
  });
};
