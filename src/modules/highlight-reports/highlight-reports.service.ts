import type { Database } from "../../platform/db/client.ts";
import { listHistory, type HistoryEntry } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { londonDate } from "../../platform/time.ts";
import { assertMayEditWorkstream, mayEditWorkstream, maySeeWorkstream } from "../workstreams/portfolio-access.ts";
import {
  highlightReportsRepository,
  type HighlightReportRow,
  type HighlightReportView,
  type MonthStatusRow,
  type ReportFilter,
  type ReportWorkstream,
} from "./highlight-reports.repository.ts";
import { highlightReportsPolicy, isEditableStatus } from "./highlight-reports.policy.ts";
import {
  draftReport,
  financialYearOf,
  lastDayOf,
  monthLabel,
  nextMonthOf,
  type DraftFacts,
  type FinanceFact,
  type MilestoneFact,
  type ProductFact,
  type RiskBands,
  type RiskFact,
} from "./highlight-reports.rules.ts";
import { DIMENSIONS, DIMENSION_LABELS, type ReportChanges } from "./highlight-reports.schema.ts";
import type { Rag } from "./highlight-reports.tables.ts";

export const HIGHLIGHT_REPORT = "highlight_report";
const NOT_FOUND = "Highlight report not found";

// What drafting needs from the modules that own the live data (see the service contracts). Each
// is optional so that the module works, drafting from what there is, while they are being built.

/** From milestones: the workstream's milestones and products as the viewer may see them. */
export interface MilestonesForReports {
  listForWorkstream(ctx: RequestContext, workstreamId: string): Promise<readonly MilestoneFact[]>;
  productsForWorkstream(ctx: RequestContext, workstreamId: string): Promise<readonly ProductFact[]>;
}

/** From plans: budget against forecast for a financial year, per workstream (current plan). */
export interface PlansForReports {
  budgetSummary(
    ctx: RequestContext,
    query: { financialYear: number; workstreamIds?: string[] },
  ): Promise<{ rows: readonly { workstreamId: string; plannedPence: number; forecastOutturnPence: number }[] }>;
}

/** From risks: the workstream's register and the partnership's bands. */
export interface RisksForReports {
  listForWorkstream(ctx: RequestContext, workstreamId: string): Promise<readonly RiskFact[]>;
  bands(ctx: RequestContext): Promise<RiskBands>;
}

export interface HighlightReportsDeps {
  db: Database;
  milestones?: MilestonesForReports | undefined;
  plans?: PlansForReports | undefined;
  risks?: RisksForReports | undefined;
  /** Today's date in England (YYYY-MM-DD); tests fix it. */
  today?: () => string;
}

/** Refused because of the report's state (already submitted, not yet submitted), not its version. */
function stateConflict(message: string): BadRequest {
  return new BadRequest(message, "wrong_status", 409);
}

const NON_GREEN_REASON = (dimension: string, rag: Rag) => `Enter why the ${dimension} rating is ${rag}`;

/** Field errors for ratings of amber or red without a reason (the table's check constraints, said kindly first). */
export function missingReasons(values: Pick<HighlightReportRow, `${(typeof DIMENSIONS)[number]}Rag` | `${(typeof DIMENSIONS)[number]}Reason`>): FieldErrors {
  const errors: FieldErrors = {};
  for (const d of DIMENSIONS) {
    const rag = values[`${d}Rag`];
    const reason = values[`${d}Reason`];
    if (rag && rag !== "green" && !reason?.trim()) errors[`${d}Reason`] = NON_GREEN_REASON(DIMENSION_LABELS[d].toLowerCase(), rag);
  }
  return errors;
}

/**
 * Highlight reports: drafted by Quorum from the workstream's live milestones, products, budget and
 * risks; edited and submitted by the lead; reviewed or returned by the programme office. The
 * reports, month by month, are the workstream's RAG history. Every change is audited.
 */
export function highlightReportsService(deps: HighlightReportsDeps) {
  const repo = highlightReportsRepository(deps.db);
  const today = deps.today ?? (() => londonDate(new Date()));
  const visibility = (ctx: RequestContext) => highlightReportsPolicy.visibility(ctx.principal);

  /** The report if this viewer may see it; 404 otherwise, so hidden reports look like missing ones. */
  async function get(ctx: RequestContext, id: string): Promise<HighlightReportView> {
    const row = await repo.findView(ctx.partnership.id, id);
    if (!row || !highlightReportsPolicy.view(ctx.principal, row)) throw new NotFound(NOT_FOUND);
    return row;
  }

  /** A workstream this viewer may see, by id or slug; 404 otherwise. */
  async function workstream(ctx: RequestContext, idOrSlug: string): Promise<ReportWorkstream> {
    const ws = await repo.findWorkstream(ctx.partnership.id, idOrSlug);
    if (!ws || !maySeeWorkstream(ctx.principal, ws)) throw new NotFound("Workstream not found");
    return ws;
  }

  function requireWriter(ctx: RequestContext): void {
    if (!highlightReportsPolicy.writeAny(ctx.principal)) throw new Forbidden();
  }

  /** Re-reads the stored report after a refused write, so the 409 carries the newer record. */
  async function withConflict<T>(ctx: RequestContext, id: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict) throw new Conflict(err.message, (await repo.findView(ctx.partnership.id, id)) ?? err.current);
      throw err;
    }
  }

  /** Applies a versioned, audited change to a report, after `check` has seen the stored row. */
  async function change(
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    values: (before: HighlightReportRow) => Partial<HighlightReportRow>,
  ): Promise<HighlightReportView> {
    const pid = ctx.partnership.id;
    return withConflict(ctx, id, () =>
      deps.db.transaction(async (tx) => {
        const r = highlightReportsRepository(tx);
        await auditedUpdate(tx, ctx, {
          recordType: HIGHLIGHT_REPORT,
          action,
          notFound: NOT_FOUND,
          find: () => r.find(pid, id),
          write: async (before) => (before.version === version ? r.update(pid, id, version, values(before)) : undefined),
        });
        return (await r.findView(pid, id))!;
      }),
    );
  }

  /** The live facts for one workstream and month, from the other modules' services. */
  async function gatherFacts(ctx: RequestContext, workstreamId: string, month: string): Promise<DraftFacts> {
    const fy = financialYearOf(month);
    const end = lastDayOf(month);
    const on = today();
    const [milestones, products, summary, risks, bands] = await Promise.all([
      deps.milestones ? deps.milestones.listForWorkstream(ctx, workstreamId) : Promise.resolve([]),
      deps.milestones ? deps.milestones.productsForWorkstream(ctx, workstreamId) : Promise.resolve([]),
      deps.plans ? deps.plans.budgetSummary(ctx, { financialYear: fy, workstreamIds: [workstreamId] }) : Promise.resolve({ rows: [] }),
      deps.risks ? deps.risks.listForWorkstream(ctx, workstreamId) : Promise.resolve([]),
      deps.risks ? deps.risks.bands(ctx) : Promise.resolve({ moderateFrom: 4, highFrom: 8, extremeFrom: 15 }),
    ]);
    const row = summary.rows.find((r) => r.workstreamId === workstreamId);
    const finance: FinanceFact | null = row ? { financialYear: fy, plannedPence: row.plannedPence, forecastOutturnPence: row.forecastOutturnPence } : null;
    return { month, asOf: on < end ? on : end, milestones, products, finance, risks, bands };
  }

  return {
    get,
    workstream,
    today,

    /** A page of reports (limit + 1) that this viewer may see. */
    async list(ctx: RequestContext, filter: ReportFilter, page: number, limit: number): Promise<HighlightReportView[]> {
      return repo.list(ctx.partnership.id, visibility(ctx), filter, page, limit);
    },

    /** A workstream's RAG history: its visible reports, newest month first. */
    async history(ctx: RequestContext, workstreamIdOrSlug: string): Promise<{ workstream: ReportWorkstream; reports: HighlightReportView[] }> {
      const ws = await workstream(ctx, workstreamIdOrSlug);
      return { workstream: ws, reports: await repo.history(ctx.partnership.id, visibility(ctx), ws.id) };
    },

    /** Each workstream's latest report this viewer may see (service contract `highlightReports.latestFor`). */
    async latestFor(ctx: RequestContext, workstreamIds: readonly string[]): Promise<Map<string, HighlightReportView>> {
      const rows = await repo.latestFor(ctx.partnership.id, visibility(ctx), workstreamIds);
      return new Map(rows.map((r) => [r.workstreamId, r]));
    },

    /** The programme office's overview: each workstream's report for the month, if any. Insiders only. */
    async monthOverview(ctx: RequestContext, month: string): Promise<MonthStatusRow[]> {
      if (!highlightReportsPolicy.viewOverview(ctx.principal)) throw new Forbidden();
      return repo.monthStatus(ctx.partnership.id, month);
    },

    /** The audit trail of a report, for insiders; null for the public. */
    async auditTrail(ctx: RequestContext, report: HighlightReportView): Promise<HistoryEntry[] | null> {
      if (!highlightReportsPolicy.viewHistory(ctx.principal)) return null;
      return listHistory(deps.db, ctx.partnership.id, HIGHLIGHT_REPORT, report.id);
    },

    /** Whether this viewer may edit and submit the report now (for showing controls). */
    async mayEdit(ctx: RequestContext, report: HighlightReportView): Promise<boolean> {
      return isEditableStatus(report.status) && highlightReportsPolicy.writeAny(ctx.principal) && mayEditWorkstream(deps.db, ctx, report.workstreamId);
    },

    /** Whether this viewer may draft reports for the workstream. */
    async mayDraft(ctx: RequestContext, workstreamId: string): Promise<boolean> {
      return highlightReportsPolicy.writeAny(ctx.principal) && mayEditWorkstream(deps.db, ctx, workstreamId);
    },

    /** The month's existing report of a workstream, if any (for the "choose a month" page). */
    async existingMonths(ctx: RequestContext, workstreamId: string): Promise<Set<string>> {
      const rows = await repo.history(ctx.partnership.id, visibility(ctx), workstreamId);
      return new Set(rows.map((r) => r.month));
    },

    /**
     * Drafts a workstream's report for a month from live data (service contract
     * `highlightReports.draft`): texts and suggested ratings with reasons, by the rules in
     * highlight-reports.rules.ts. One report per workstream and month; no later than next month.
     */
    async draft(ctx: RequestContext, workstreamId: string, monthGiven: string): Promise<HighlightReportView> {
      requireWriter(ctx);
      if (!/^\d{4}-(0[1-9]|1[0-2])(-01)?$/.test(monthGiven)) throw new ValidationFailed({ month: "Select the month to report on" });
      const month = `${monthGiven.slice(0, 7)}-01`;
      const ws = await workstream(ctx, workstreamId);
      await assertMayEditWorkstream(deps.db, ctx, ws.id);
      if (ws.archivedAt) throw new ValidationFailed({ workstreamId: `${ws.name} is archived; it takes no new reports` });
      if (month > nextMonthOf(`${today().slice(0, 7)}-01`)) throw new ValidationFailed({ month: "The month must be no later than next month" });
      const pid = ctx.partnership.id;
      const exists = () =>
        new ValidationFailed({ month: `There is already a highlight report for ${monthLabel(month)}` }, "A report for this month already exists", 409);
      if (await repo.findByMonth(pid, ws.id, month)) throw exists();
      const d = draftReport(await gatherFacts(ctx, ws.id, month));
      try {
        return await deps.db.transaction(async (tx) => {
          const r = highlightReportsRepository(tx);
          const row = await r.insert({
            partnershipId: pid,
            workstreamId: ws.id,
            month,
            overallRag: d.overall.rag,
            overallReason: d.overall.reason,
            scheduleRag: d.schedule.rag,
            scheduleReason: d.schedule.reason,
            financeRag: d.finance?.rag ?? null,
            financeReason: d.finance?.reason ?? null,
            riskRag: d.risk.rag,
            riskReason: d.risk.reason,
            achievements: d.achievements,
            nextPeriod: d.nextPeriod,
            milestonesDue: d.milestonesDue,
          });
          await auditedCreate(tx, ctx, HIGHLIGHT_REPORT, row);
          return (await r.findView(pid, row.id))!;
        });
      } catch (err) {
        // Two drafts of the same month at once: the unique key decides.
        if ((err as { cause?: { code?: string } }).cause?.code === "23505" || (err as { code?: string }).code === "23505") throw exists();
        throw err;
      }
    },

    /** Changes ratings, reasons and texts while the report is a draft or returned; amber and red need a reason. */
    async update(ctx: RequestContext, id: string, version: number, changes: ReportChanges): Promise<HighlightReportView> {
      requireWriter(ctx);
      const report = await get(ctx, id);
      await assertMayEditWorkstream(deps.db, ctx, report.workstreamId);
      const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<HighlightReportRow>;
      return change(ctx, id, version, "update", (before) => {
        if (!isEditableStatus(before.status)) throw stateConflict(`This report is ${before.status}; it can be changed only while it is a draft or returned`);
        const errors = missingReasons({ ...before, ...values });
        if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
        return values;
      });
    },

    /** The lead submits the report for review: all four ratings needed, and a reason for each amber or red. */
    async submit(ctx: RequestContext, id: string, version: number): Promise<HighlightReportView> {
      requireWriter(ctx);
      const report = await get(ctx, id);
      await assertMayEditWorkstream(deps.db, ctx, report.workstreamId);
      return change(ctx, id, version, "submit", (before) => {
        if (!isEditableStatus(before.status)) throw stateConflict(`This report is already ${before.status}`);
        const errors: FieldErrors = {};
        for (const d of DIMENSIONS)
          if (!before[`${d}Rag`]) errors[`${d}Rag`] = `Rate ${DIMENSION_LABELS[d].toLowerCase()} red, amber or green before submitting`;
        Object.assign(errors, missingReasons(before));
        if (Object.keys(errors).length > 0) throw new ValidationFailed(errors, "The report is not ready to submit");
        return { status: "submitted", submittedAt: new Date(), submittedByName: actorOf(ctx).name };
      });
    },

    /** The programme office accepts a submitted report, with an optional note; the public may then read it. */
    async review(ctx: RequestContext, id: string, version: number, note: string | undefined): Promise<HighlightReportView> {
      if (!highlightReportsPolicy.review(ctx.principal)) throw new Forbidden();
      await get(ctx, id);
      return change(ctx, id, version, "review", (before) => {
        if (before.status !== "submitted") throw stateConflict(`Only a submitted report can be reviewed; this one is ${before.status}`);
        return { status: "reviewed", reviewedAt: new Date(), reviewedByName: actorOf(ctx).name, reviewNote: note?.trim() ? note.trim() : null };
      });
    },

    /** The programme office sends a submitted report back to the lead with a note saying what to change. */
    async returnToLead(ctx: RequestContext, id: string, version: number, note: string): Promise<HighlightReportView> {
      if (!highlightReportsPolicy.review(ctx.principal)) throw new Forbidden();
      await get(ctx, id);
      if (!note.trim()) throw new ValidationFailed({ returnNote: "Enter what the lead should change before resubmitting" });
      return change(ctx, id, version, "return", (before) => {
        if (before.status !== "submitted") throw stateConflict(`Only a submitted report can be returned; this one is ${before.status}`);
        return { status: "returned", reviewedAt: new Date(), reviewedByName: actorOf(ctx).name, reviewNote: note.trim() };
      });
    },
  };
}

export type HighlightReportsService = ReturnType<typeof highlightReportsService>;
