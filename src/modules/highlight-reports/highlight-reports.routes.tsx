import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import { viewContext } from "../../platform/http/http.plugin.tsx";
import { blankAsUnset, idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { isInsider } from "../../platform/auth/principal.ts";
import { highlightReportsPolicy, isEditableStatus } from "./highlight-reports.policy.ts";
import type { HighlightReportView } from "./highlight-reports.repository.ts";
import { monthLabel, nextMonthOf } from "./highlight-reports.rules.ts";
import { editReportForm, monthField, newReportForm, returnReportForm, reviewReportForm, submitReportForm } from "./highlight-reports.schema.ts";
import {
  EditReportPage,
  NewReportPage,
  OverviewPage,
  RagHistoryPage,
  ReportPage,
  reportFormValues,
  reportHref,
  type MonthChoice,
  type ReportForm,
} from "./highlight-reports.views.tsx";
import { readableHistory } from "./highlight-reports.presenter.ts";

const workstreamParams = z.object({ workstreamId: z.string().trim().min(1).max(200) });
const monthQuery = z.object({ month: blankAsUnset(monthField).catch(undefined) });

/** Months offered for a report, newest first: next month and the 24 before it. */
function recentMonths(today: string): string[] {
  const months: string[] = [];
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const next = nextMonthOf(`${today.slice(0, 7)}-01`);
  months.push(next);
  for (let i = 0; i < 24; i++) {
    months.push(`${y}-${String(m).padStart(2, "0")}-01`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return months;
}

/**
 * Pages for highlight reports: a workstream's RAG history, drafting a month's report from live
 * data, one report with its submit and review forms, the lead's edit form, and the programme
 * office's overview of the month. Every form works without JavaScript and keeps what was typed.
 */
export const highlightReportsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { highlightReports: reports } = services;
  const mayWrite = (request: FastifyRequest) => requireAllowed(request.ctx.principal, highlightReportsPolicy.writeAny(request.ctx.principal));

  // -- The programme office's overview

  app.get("/highlight-reports", { schema: { querystring: monthQuery } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, highlightReportsPolicy.viewOverview(request.ctx.principal));
    const today = reports.today();
    const month = request.query.month ?? `${today.slice(0, 7)}-01`;
    const rows = await reports.monthOverview(request.ctx, month);
    const months = recentMonths(today);
    if (!months.includes(month)) months.push(month);
    return reply.page(
      <OverviewPage
        ctx={viewContext(request, reply)}
        month={month}
        rows={rows}
        months={months.map((m) => ({ value: m.slice(0, 7), label: monthLabel(m) }))}
        canDraft={highlightReportsPolicy.showReviewControls(request.ctx.principal)}
      />,
    );
  });

  // -- A workstream's RAG history, and drafting a report

  app.get("/workstreams/:workstreamId/highlight-reports", { schema: { params: workstreamParams } }, async (request, reply) => {
    const { workstream, reports: rows } = await reports.history(request.ctx, request.params.workstreamId);
    return reply.page(
      <RagHistoryPage
        ctx={viewContext(request, reply)}
        workstream={workstream}
        reports={rows}
        canDraft={!workstream.archivedAt && (await reports.mayDraft(request.ctx, workstream.id))}
        insider={isInsider(request.ctx.principal)}
      />,
    );
  });

  async function newPage(
    request: FastifyRequest,
    reply: FastifyReply,
    workstreamId: string,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) {
    const ws = await reports.workstream(request.ctx, workstreamId);
    const existing = await reports.existingMonths(request.ctx, ws.id);
    const months: MonthChoice[] = recentMonths(reports.today()).map((m) => ({ value: m.slice(0, 7), label: monthLabel(m), exists: existing.has(m) }));
    return reply.page(<NewReportPage ctx={viewContext(request, reply)} workstream={ws} months={months} values={values} errors={errors} />, status);
  }

  app.get("/workstreams/:workstreamId/highlight-reports/new", { schema: { params: workstreamParams, querystring: monthQuery } }, async (request, reply) => {
    mayWrite(request);
    const ws = await reports.workstream(request.ctx, request.params.workstreamId);
    requireAllowed(request.ctx.principal, await reports.mayDraft(request.ctx, ws.id));
    return newPage(request, reply, ws.id, { month: request.query.month?.slice(0, 7) ?? "" }, {});
  });

  app.post("/workstreams/:workstreamId/highlight-reports", { schema: { params: workstreamParams } }, async (request, reply) => {
    mayWrite(request);
    const ws = await reports.workstream(request.ctx, request.params.workstreamId);
    requireAllowed(request.ctx.principal, await reports.mayDraft(request.ctx, ws.id));
    const typed = submittedValues(request.body);
    const parsed = parseForm(newReportForm, request.body);
    if (!parsed.ok) return newPage(request, reply, ws.id, typed, parsed.errors, 422);
    try {
      const row = await reports.draft(request.ctx, ws.id, parsed.value.month);
      return reply.seeOther(reportHref(row.id), "Quorum has drafted the report from live data. Check it, edit it and submit it.");
    } catch (err) {
      if (err instanceof ValidationFailed) return newPage(request, reply, ws.id, typed, err.fields ?? {}, err.status);
      throw err;
    }
  });

  // -- One report

  async function reportPage(request: FastifyRequest, reply: FastifyReply, report: HighlightReportView, form?: ReportForm, status = 200) {
    const p = request.ctx.principal;
    const trail = await reports.auditTrail(request.ctx, report);
    return reply.page(
      <ReportPage
        ctx={viewContext(request, reply)}
        report={report}
        canEdit={await reports.mayEdit(request.ctx, report)}
        canReview={highlightReportsPolicy.showReviewControls(p)}
        insider={isInsider(p)}
        history={trail ? readableHistory(trail) : null}
        form={form}
      />,
      status,
    );
  }

  app.get("/highlight-reports/:id", { schema: { params: idParams } }, async (request, reply) =>
    reportPage(request, reply, await reports.get(request.ctx, request.params.id)),
  );

  async function editPage(
    request: FastifyRequest,
    reply: FastifyReply,
    report: HighlightReportView,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
    conflict?: HighlightReportView,
  ) {
    return reply.page(<EditReportPage ctx={viewContext(request, reply)} report={report} values={values} errors={errors} conflict={conflict} />, status);
  }

  /** The report if this user may edit it now; 403 if not theirs, back to the report if it is no longer editable. */
  async function editable(request: FastifyRequest, reply: FastifyReply, id: string): Promise<HighlightReportView | null> {
    mayWrite(request);
    const report = await reports.get(request.ctx, id);
    if (!isEditableStatus(report.status)) {
      await reply.seeOther(reportHref(report.id), `This report is ${report.status}: it can be edited only while it is a draft or has been returned`);
      return null;
    }
    requireAllowed(request.ctx.principal, await reports.mayEdit(request.ctx, report));
    return report;
  }

  app.get("/highlight-reports/:id/edit", { schema: { params: idParams } }, async (request, reply) => {
    const report = await editable(request, reply, request.params.id);
    if (!report) return reply;
    return editPage(request, reply, report, reportFormValues(report), {});
  });

  app.post("/highlight-reports/:id", { schema: { params: idParams } }, async (request, reply) => {
    const report = await editable(request, reply, request.params.id);
    if (!report) return reply;
    const typed = submittedValues(request.body);
    const parsed = parseForm(editReportForm, request.body);
    if (!parsed.ok) return editPage(request, reply, report, typed, parsed.errors, 422);
    const { version, ...changes } = parsed.value;
    try {
      const row = await reports.update(request.ctx, report.id, version, changes);
      return reply.seeOther(reportHref(row.id), "Your changes have been saved");
    } catch (err) {
      if (err instanceof ValidationFailed) return editPage(request, reply, report, typed, err.fields ?? {}, 422);
      if (!(err instanceof Conflict)) throw err;
      // Keep what was typed; adopt the newer version so a second save is a deliberate overwrite.
      const current = err.current as HighlightReportView;
      return editPage(
        request,
        reply,
        current,
        { ...typed, version: String(current.version) },
        { _form: "Someone else changed this report while you were editing it" },
        409,
        current,
      );
    }
  });

  /** Runs a workflow step from the report page; errors and conflicts redraw the page with the form's values. */
  async function step(
    request: FastifyRequest,
    reply: FastifyReply,
    which: ReportForm["which"],
    run: (report: HighlightReportView, values: Record<string, string>) => Promise<{ errors: FieldErrors } | { done: string }>,
  ) {
    const report = await reports.get(request.ctx, (request.params as { id: string }).id);
    const typed = submittedValues(request.body);
    try {
      const outcome = await run(report, typed);
      if ("done" in outcome) return reply.seeOther(reportHref(report.id), outcome.done);
      return reportPage(request, reply, report, { which, values: typed, errors: outcome.errors }, 422);
    } catch (err) {
      if (err instanceof ValidationFailed) return reportPage(request, reply, report, { which, values: typed, errors: err.fields ?? {} }, 422);
      if (!(err instanceof Conflict)) throw err;
      const current = err.current as HighlightReportView;
      return reportPage(
        request,
        reply,
        current,
        { which, values: { ...typed, version: String(current.version) }, errors: { _form: "Someone else changed this report first" }, conflict: true },
        409,
      );
    }
  }

  app.post("/highlight-reports/:id/submit", { schema: { params: idParams } }, async (request, reply) => {
    mayWrite(request);
    return step(request, reply, "submit", async (report) => {
      const parsed = parseForm(submitReportForm, request.body);
      if (!parsed.ok) return { errors: { _form: "Reload the page and try again" } };
      await reports.submit(request.ctx, report.id, parsed.value.version);
      return { done: "The report has been submitted to the programme office for review" };
    });
  });

  app.post("/highlight-reports/:id/review", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, highlightReportsPolicy.review(request.ctx.principal));
    return step(request, reply, "review", async (report) => {
      const parsed = parseForm(reviewReportForm, request.body);
      if (!parsed.ok) return { errors: parsed.errors };
      await reports.review(request.ctx, report.id, parsed.value.version, parsed.value.note);
      return { done: "The report has been marked as reviewed" };
    });
  });

  app.post("/highlight-reports/:id/return", { schema: { params: idParams } }, async (request, reply) => {
    requireAllowed(request.ctx.principal, highlightReportsPolicy.review(request.ctx.principal));
    return step(request, reply, "return", async (report) => {
      const parsed = parseForm(returnReportForm, request.body);
      if (!parsed.ok) return { errors: parsed.errors };
      await reports.returnToLead(request.ctx, report.id, parsed.value.version, parsed.value.returnNote);
      return { done: "The report has been returned to the lead" };
    });
  });
};
