import type { Database } from "../../platform/db/client.ts";
import { listHistory, recordAudit, auditSnapshot, type HistoryEntry } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, Unauthorised, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { MAX_PENCE } from "../../platform/money.ts";
import { londonDate } from "../../platform/time.ts";
import { assertMayEditWorkstream, mayEditWorkstream } from "../workstreams/portfolio-access.ts";
import { recordDecisionEffect } from "../portfolio/decision-effects.ts";
import { BUDGET_LINE_KINDS, type BudgetLineKind, type BudgetLineRow, type PlanRow } from "./plans.tables.ts";
import { plansRepository, type PlanWithWorkstream, type PlansRepository, type WorkstreamRef } from "./plans.repository.ts";
import { plansPolicy } from "./plans.policy.ts";
import { addTotals, totalsOf, type BudgetTotals, type MonthFigures } from "./budget-arithmetic.ts";
import { DEFAULT_FINANCIAL_YEAR_START_MONTH, financialYearLabel, financialYearOf, monthLabel, monthsOfFinancialYear } from "./financial-year.ts";
import type { ApproveInput, BudgetLineChanges, BudgetLineInput, ImportedLine, MonthInput, PlanChanges, PlanInput } from "./plans.schema.ts";

export const PLAN = "plan";
export const BUDGET_LINE = "budget_line";
const PLAN_NOT_FOUND = "Plan not found";
const LINE_NOT_FOUND = "Budget line not found";
const WORKSTREAM_NOT_FOUND = "Workstream not found";

/** What plans need from the decisions module: one decision the viewer may see, and recent ones of a body. */
export interface DecisionSource {
  get(ctx: RequestContext, id: string): Promise<{ decision: { id: string; text: string; decidedOn: string } }>;
  list(
    ctx: RequestContext,
    filter: { bodyId?: string | undefined },
    page: number,
    limit: number,
  ): Promise<{ decision: { id: string; text: string; decidedOn: string } }[]>;
}

export interface PlansDeps {
  db: Database;
  decisions: DecisionSource;
}

/** A budget line with its twelve months and their totals. */
export interface LineDetail {
  line: BudgetLineRow;
  months: MonthFigures[];
  totals: BudgetTotals;
}

/** A plan with its lines, month by month, and every total the plan page and the API show. */
export interface PlanDetail {
  plan: PlanRow;
  workstream: WorkstreamRef;
  lines: LineDetail[];
  totals: BudgetTotals;
  totalsByKind: Record<BudgetLineKind, BudgetTotals>;
  /** The plan's months, each the sum of its lines'. */
  months: MonthFigures[];
  /** Every version of this plan (same workstream and year) the viewer may see, latest first. */
  revisions: PlanRow[];
}

export interface LineWithMonths extends LineDetail {
  plan: PlanRow;
  workstream: WorkstreamRef;
}

/** One workstream's row of the portfolio roll-up. */
export interface BudgetSummaryRow extends BudgetTotals {
  workstreamId: string;
  workstreamName: string;
  workstreamSlug: string;
  planId: string;
  planStatus: PlanRow["status"];
  revision: number;
  isExample: boolean;
}

export interface BudgetSummary {
  rows: BudgetSummaryRow[];
  portfolio: BudgetTotals;
}

/** Refused because of the plan's state (not draft, already approved …), not its version. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

function startMonthOf(ctx: RequestContext): number {
  return ctx.partnership.financialYearStartMonth || DEFAULT_FINANCIAL_YEAR_START_MONTH;
}

/** The twelve months of the plan's year, filled from the stored months (planned £0, nothing entered, when none is stored). */
function monthsFor(ctx: RequestContext, plan: PlanRow, stored: readonly MonthFigures[]): MonthFigures[] {
  const byMonth = new Map(stored.map((m) => [m.month, m]));
  const year = monthsOfFinancialYear(plan.financialYear, startMonthOf(ctx));
  const extra = stored.filter((m) => !year.includes(m.month));
  return [...year.map((month) => byMonth.get(month) ?? { month, plannedPence: 0, actualPence: null, forecastPence: null }), ...extra].map((m) => ({
    month: m.month,
    plannedPence: m.plannedPence,
    actualPence: m.actualPence,
    forecastPence: m.forecastPence,
  }));
}

/**
 * Annual plans and budgets: a workstream's plan per financial year with its budget lines and
 * monthly planned, actual and forecast figures (integer pence); submitted, approved by a board
 * decision, revised (earlier versions kept); rolled up for the portfolio.
 */
export function plansService(deps: PlansDeps) {
  const repo = plansRepository(deps.db);
  const visibility = (ctx: RequestContext) => plansPolicy.visibility(ctx.principal);

  /** A workstream the viewer may see; 404 otherwise. */
  async function workstreamFor(ctx: RequestContext, idOrSlug: string): Promise<WorkstreamRef> {
    const ws = await repo.findWorkstream(ctx.partnership.id, idOrSlug);
    if (!ws || !plansPolicy.view(ctx.principal, ws, { status: "approved" })) throw new NotFound(WORKSTREAM_NOT_FOUND);
    return ws;
  }

  /** A plan the viewer may see; 404 otherwise, so hidden drafts are indistinguishable from missing plans. */
  async function findVisible(ctx: RequestContext, id: string): Promise<PlanWithWorkstream> {
    const found = await repo.findPlan(ctx.partnership.id, id);
    if (!found || !plansPolicy.view(ctx.principal, found.workstream, found.plan)) throw new NotFound(PLAN_NOT_FOUND);
    return found;
  }

  /** Every change needs someone signed in: the public is asked to sign in (401) before anything is looked up. */
  function requireSignedIn(ctx: RequestContext): void {
    if (ctx.principal.kind === "anonymous") throw new Unauthorised();
  }

  /** A plan the principal may change (the workstream's contributors and the programme office). */
  async function findEditable(ctx: RequestContext, id: string): Promise<PlanWithWorkstream> {
    requireSignedIn(ctx);
    const found = await findVisible(ctx, id);
    await assertMayEditWorkstream(deps.db, ctx, found.workstream.id);
    return found;
  }

  function requireGovernor(ctx: RequestContext): void {
    requireSignedIn(ctx);
    if (!plansPolicy.govern(ctx.principal)) throw new Forbidden("Only the programme office may approve plans or return them to draft");
  }

  async function linesWithMonths(r: PlansRepository, ctx: RequestContext, plan: PlanRow): Promise<LineDetail[]> {
    const lines = await r.linesOf(ctx.partnership.id, plan.id);
    const stored = await r.monthsOf(
      ctx.partnership.id,
      lines.map((l) => l.id),
    );
    return lines.map((line) => {
      const months = monthsFor(
        ctx,
        plan,
        stored.filter((m) => m.budgetLineId === line.id),
      );
      return { line, months, totals: totalsOf(months) };
    });
  }

  /** A line whose workstream the principal may change. */
  async function lineEditable(ctx: RequestContext, id: string) {
    requireSignedIn(ctx);
    const found = await lineVisible(ctx, id);
    await assertMayEditWorkstream(deps.db, ctx, found.workstream.id);
    return found;
  }

  async function lineVisible(ctx: RequestContext, id: string) {
    const found = await repo.findLine(ctx.partnership.id, id);
    if (!found || !plansPolicy.view(ctx.principal, found.workstream, found.plan)) throw new NotFound(LINE_NOT_FOUND);
    return found;
  }

  /** Checks months belong to the plan's year and appear once; field errors name the offending entry. */
  function checkMonths(ctx: RequestContext, plan: PlanRow, months: readonly MonthInput[], prefix: string): FieldErrors {
    const year = monthsOfFinancialYear(plan.financialYear, startMonthOf(ctx));
    const errors: FieldErrors = {};
    const seen = new Set<string>();
    months.forEach((m, i) => {
      if (!year.includes(m.month))
        errors[`${prefix}${i}.month`] =
          `must be a month of the plan's financial year ${financialYearLabel(plan.financialYear, startMonthOf(ctx))} (${year[0]} to ${year[11]})`;
      else if (seen.has(m.month)) errors[`${prefix}${i}.month`] = "appears more than once";
      seen.add(m.month);
      for (const key of ["plannedPence", "actualPence", "forecastPence"] as const) {
        const v = m[key];
        if (v !== null && (!Number.isSafeInteger(v) || Math.abs(v) >= MAX_PENCE))
          errors[`${prefix}${i}.${key}`] = "must be a whole number of pence below £90 billion";
      }
    });
    return errors;
  }

  function requireDraft(plan: PlanRow, what: string): void {
    if (plan.status !== "draft") {
      const why =
        plan.status === "revised"
          ? "This is an earlier version of the plan, kept as it was; change the current version instead"
          : plan.status === "approved"
            ? `This plan is approved, so ${what} change only through a revision`
            : `This plan has been submitted for approval, so ${what} cannot change until it is returned to draft`;
      throw stateConflict(why, "plan_not_draft");
    }
  }

  const snapshotOfLine = (line: BudgetLineRow, months: readonly MonthFigures[]) => ({ ...line, months: months.map((m) => ({ ...m })) });

  /** A status change with optimistic concurrency, audited. */
  async function transition(ctx: RequestContext, id: string, version: number, action: string, change: (before: PlanRow) => Partial<PlanRow>): Promise<PlanRow> {
    return deps.db.transaction(async (tx) => {
      const r = plansRepository(tx);
      const pid = ctx.partnership.id;
      return auditedUpdate(tx, ctx, {
        recordType: PLAN,
        action,
        notFound: PLAN_NOT_FOUND,
        find: () => r.findPlanRow(pid, id),
        write: async (before) => (before.version === version ? r.updatePlan(pid, id, version, change(before)) : undefined),
      });
    });
  }

  return {
    workstreamFor,

    /** Whether the principal may change this workstream's plans (to offer the controls). */
    mayEdit: (ctx: RequestContext, workstreamId: string) => mayEditWorkstream(deps.db, ctx, workstreamId),

    /** The financial year today falls in (Europe/London), as the partnership counts years. */
    currentFinancialYear: (ctx: RequestContext) => financialYearOf(londonDate(new Date()), startMonthOf(ctx)),

    /** "2018/19" as this partnership counts financial years. */
    yearLabel: (ctx: RequestContext, financialYear: number) => financialYearLabel(financialYear, startMonthOf(ctx)),

    /** The financial years that have a plan the viewer may see, newest first. */
    years: (ctx: RequestContext) => repo.years(ctx.partnership.id, visibility(ctx)),

    /** A workstream's plans the viewer may see (every year and revision), newest year and latest revision first; 404 if the workstream is hidden. */
    async listForWorkstream(ctx: RequestContext, workstreamId: string): Promise<PlanRow[]> {
      const ws = await workstreamFor(ctx, workstreamId);
      return repo.listForWorkstream(ctx.partnership.id, visibility(ctx), ws.id);
    },

    /** A page of plans (limit + 1), filtered by workstream and year. */
    async list(
      ctx: RequestContext,
      filter: { workstreamId?: string | undefined; financialYear?: number | undefined; currentOnly?: boolean | undefined },
      page: number,
      limit: number,
    ): Promise<PlanWithWorkstream[]> {
      return repo.list(ctx.partnership.id, visibility(ctx), filter, page, limit);
    },

    /** A plan with its lines, months and totals, and its other versions; 404 when the viewer may not see it. */
    async get(ctx: RequestContext, planId: string): Promise<PlanDetail> {
      const { plan, workstream } = await findVisible(ctx, planId);
      const lines = await linesWithMonths(repo, ctx, plan);
      const months = monthsFor(ctx, plan, []).map((empty) => {
        const same = lines.map((l) => l.months.find((m) => m.month === empty.month)).filter((m): m is MonthFigures => m !== undefined);
        const entered = (key: "actualPence" | "forecastPence") => (same.some((m) => m[key] !== null) ? same.reduce((s, m) => s + (m[key] ?? 0), 0) : null);
        return {
          month: empty.month,
          plannedPence: same.reduce((s, m) => s + m.plannedPence, 0),
          actualPence: entered("actualPence"),
          forecastPence: entered("forecastPence"),
        };
      });
      const byKind = (kind: BudgetLineKind) => addTotals(lines.filter((l) => l.line.kind === kind).map((l) => l.totals));
      const revisions = await repo.revisions(ctx.partnership.id, visibility(ctx), workstream.id, plan.financialYear);
      return {
        plan,
        workstream,
        lines,
        totals: addTotals(lines.map((l) => l.totals)),
        totalsByKind: { revenue: byKind("revenue"), capital: byKind("capital") },
        months,
        revisions,
      };
    },

    /** The decision that approved the plan, when the viewer may see it. */
    async approvalDecision(ctx: RequestContext, plan: PlanRow) {
      if (!plan.approvedByDecisionId) return null;
      try {
        return (await deps.decisions.get(ctx, plan.approvedByDecisionId)).decision;
      } catch (err) {
        if (err instanceof NotFound) return null;
        throw err;
      }
    },

    /** Recent decisions the viewer may see, of the workstream's overseeing body when it has one: what may have approved the plan. */
    async decisionChoices(ctx: RequestContext, workstream: WorkstreamRef) {
      const rows = await deps.decisions.list(ctx, workstream.overseeingBodyId ? { bodyId: workstream.overseeingBodyId } : {}, 1, 100);
      return rows.map((r) => r.decision);
    },

    /** Starts a workstream's plan for a financial year, as a draft (revision 1). */
    async create(ctx: RequestContext, input: PlanInput): Promise<PlanRow> {
      requireSignedIn(ctx);
      const ws = await workstreamFor(ctx, input.workstreamId);
      await assertMayEditWorkstream(deps.db, ctx, ws.id);
      const pid = ctx.partnership.id;
      const existing = await repo.currentPlan(pid, ws.id, input.financialYear);
      if (existing)
        throw new ValidationFailed({
          financialYear: `${ws.name} already has a plan for ${financialYearLabel(input.financialYear, startMonthOf(ctx))}; change that one`,
        });
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const row = await r.insertPlan({
          partnershipId: pid,
          workstreamId: ws.id,
          financialYear: input.financialYear,
          revision: (await r.maxRevision(pid, ws.id, input.financialYear)) + 1,
          status: "draft",
          objectives: input.objectives,
          plannedProducts: input.plannedProducts,
          isExample: input.isExample,
        });
        return auditedCreate(tx, ctx, PLAN, row);
      });
    },

    /** Changes a draft plan's objectives and planned products. */
    async update(ctx: RequestContext, id: string, version: number, changes: PlanChanges): Promise<PlanRow> {
      await findEditable(ctx, id);
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        return auditedUpdate(tx, ctx, {
          recordType: PLAN,
          notFound: PLAN_NOT_FOUND,
          find: () => r.findPlanRow(pid, id),
          write: async (before) => {
            if (before.version === version) requireDraft(before, "its objectives and products");
            return r.updatePlan(pid, id, version, changes);
          },
        });
      });
    },

    /** Submits a draft plan for approval. */
    async submit(ctx: RequestContext, id: string, version: number): Promise<PlanRow> {
      await findEditable(ctx, id);
      return transition(ctx, id, version, "submit", (before) => {
        if (before.status !== "draft") throw stateConflict("Only a draft plan can be submitted for approval", "plan_not_draft");
        return { status: "submitted", submittedAt: new Date() };
      });
    },

    /** Returns a submitted plan to draft so it can be changed (the programme office). */
    async returnToDraft(ctx: RequestContext, id: string, version: number): Promise<PlanRow> {
      requireGovernor(ctx);
      await findVisible(ctx, id);
      return transition(ctx, id, version, "return_to_draft", (before) => {
        if (before.status !== "submitted") throw stateConflict("Only a submitted plan can be returned to draft", "plan_not_submitted");
        return { status: "draft", submittedAt: null };
      });
    },

    /**
     * Approves a submitted plan (the programme office), recording the board decision that approved
     * it and the date; the decision's effect "approves plan" is recorded in the same transaction.
     */
    async approve(ctx: RequestContext, planId: string, input: ApproveInput): Promise<PlanRow> {
      requireGovernor(ctx);
      const { plan, workstream } = await findVisible(ctx, planId);
      try {
        await deps.decisions.get(ctx, input.decisionId);
      } catch (err) {
        if (err instanceof NotFound) throw new ValidationFailed({ decisionId: "Select the decision that approved the plan" });
        throw err;
      }
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        const row = await auditedUpdate(tx, ctx, {
          recordType: PLAN,
          action: "approve",
          notFound: PLAN_NOT_FOUND,
          find: () => r.findPlanRow(pid, planId),
          write: async (before) => {
            if (before.version === input.version && before.status !== "submitted")
              throw stateConflict(
                before.status === "draft" ? "Submit the plan for approval before approving it" : "This plan has already been approved",
                "plan_not_submitted",
              );
            return r.updatePlan(pid, planId, input.version, { status: "approved", approvedOn: input.approvedOn, approvedByDecisionId: input.decisionId });
          },
        });
        await recordDecisionEffect(tx, ctx, {
          decisionId: input.decisionId,
          workstreamId: workstream.id,
          kind: "approves_plan",
          planId: row.id,
          note: `Approved the ${financialYearLabel(plan.financialYear, startMonthOf(ctx))} plan and budget (revision ${plan.revision})`,
        });
        return row;
      });
    },

    /**
     * Revises an approved plan: the next revision is created as a draft copy (lines and months
     * included) and the approved one becomes "revised", kept as it was.
     */
    async revise(ctx: RequestContext, id: string, version: number): Promise<PlanRow> {
      await findEditable(ctx, id);
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        const old = await auditedUpdate(tx, ctx, {
          recordType: PLAN,
          action: "revise",
          notFound: PLAN_NOT_FOUND,
          find: () => r.findPlanRow(pid, id),
          write: async (before) => {
            if (before.version === version && before.status !== "approved") throw stateConflict("Only an approved plan can be revised", "plan_not_approved");
            return r.updatePlan(pid, id, version, { status: "revised" });
          },
        });
        const next = await r.insertPlan({
          partnershipId: pid,
          workstreamId: old.workstreamId,
          financialYear: old.financialYear,
          revision: (await r.maxRevision(pid, old.workstreamId, old.financialYear)) + 1,
          status: "draft",
          objectives: old.objectives,
          plannedProducts: old.plannedProducts,
          isExample: old.isExample,
          revisedFromPlanId: old.id,
        });
        await auditedCreate(tx, ctx, PLAN, next);
        for (const l of await linesWithMonths(r, ctx, old)) {
          const copy = await r.insertLine({
            partnershipId: pid,
            planId: next.id,
            position: l.line.position,
            description: l.line.description,
            kind: l.line.kind,
            fundingSource: l.line.fundingSource,
          });
          await r.replaceMonths(pid, copy.id, l.months);
          await auditedCreate(tx, ctx, BUDGET_LINE, snapshotOfLine(copy, l.months));
        }
        return next;
      });
    },

    // -- Budget lines

    /** A budget line with its plan, months and totals; 404 when the viewer may not see its plan. */
    async getLine(ctx: RequestContext, id: string): Promise<LineWithMonths> {
      const found = await lineVisible(ctx, id);
      const stored = await repo.monthsOf(ctx.partnership.id, [id]);
      const months = monthsFor(ctx, found.plan, stored);
      return { ...found, months, totals: totalsOf(months) };
    },

    /** Adds a line to a draft plan, with its months when given (any not given are planned at £0). */
    async createLine(ctx: RequestContext, input: BudgetLineInput): Promise<BudgetLineRow> {
      const { plan } = await findEditable(ctx, input.planId);
      requireDraft(plan, "its budget lines");
      const months = input.months ?? [];
      const errors = checkMonths(ctx, plan, months, "months.");
      if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        const row = await r.insertLine({
          partnershipId: pid,
          planId: plan.id,
          description: input.description,
          kind: input.kind,
          fundingSource: input.fundingSource,
          position: await r.nextLinePosition(pid, plan.id),
        });
        await r.replaceMonths(pid, row.id, months);
        await auditedCreate(tx, ctx, BUDGET_LINE, snapshotOfLine(row, months));
        return row;
      });
    },

    /** Changes a line of a draft plan: its description, kind or funding source. */
    async updateLine(ctx: RequestContext, id: string, version: number, changes: BudgetLineChanges): Promise<BudgetLineRow> {
      const found = await lineEditable(ctx, id);
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        return auditedUpdate(tx, ctx, {
          recordType: BUDGET_LINE,
          notFound: LINE_NOT_FOUND,
          find: () => r.findLineRow(pid, id),
          write: async (before) => {
            if (before.version === version) requireDraft(found.plan, "its budget lines");
            return r.updateLine(pid, id, version, changes);
          },
        });
      });
    },

    /** Removes a line (and its months) from a draft plan. */
    async deleteLine(ctx: RequestContext, id: string, version: number): Promise<void> {
      const found = await lineEditable(ctx, id);
      await deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        const before = await r.findLineRow(pid, id);
        if (!before) throw new NotFound(LINE_NOT_FOUND);
        if (before.version === version) requireDraft(found.plan, "its budget lines");
        const months = monthsFor(ctx, found.plan, await r.monthsOf(pid, [id]));
        const deleted = await r.deleteLine(pid, id, version);
        if (!deleted) throw new Conflict(undefined, before);
        await recordAudit(tx, {
          partnershipId: pid,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: BUDGET_LINE,
          recordId: id,
          action: "delete",
          before: auditSnapshot(snapshotOfLine(before, months)),
        });
      });
    },

    /**
     * Replaces a line's twelve months (months not given: planned £0, nothing entered). Planned
     * amounts change only while the plan is a draft; actuals and forecasts also on submitted and
     * approved plans (monthly reporting); nothing changes on an earlier, revised version.
     */
    async putMonths(ctx: RequestContext, lineId: string, input: { version: number; months: MonthInput[] }): Promise<LineWithMonths> {
      const found = await lineEditable(ctx, lineId);
      const { plan } = found;
      if (plan.status === "revised") requireDraft(plan, "its figures");
      const errors = checkMonths(ctx, plan, input.months, "months.");
      if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
      const pid = ctx.partnership.id;
      const after = monthsFor(ctx, plan, input.months);
      const row = await deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const current = monthsFor(ctx, plan, await r.monthsOf(pid, [lineId]));
        const updated = await auditedUpdate(tx, ctx, {
          recordType: BUDGET_LINE,
          action: "months",
          notFound: LINE_NOT_FOUND,
          find: async () => {
            const line = await r.findLineRow(pid, lineId);
            return line ? snapshotOfLine(line, current) : undefined;
          },
          write: async (before) => {
            if (before.version === input.version && plan.status !== "draft") {
              const changed = after.findIndex((m, i) => m.plannedPence !== current[i]?.plannedPence);
              if (changed >= 0) {
                const index = input.months.findIndex((m) => m.month === after[changed]!.month);
                throw new ValidationFailed({
                  [`months.${index >= 0 ? index : changed}.plannedPence`]: `The planned amount for ${monthLabel(after[changed]!.month)} cannot change: the plan is ${plan.status === "approved" ? "approved, so planned amounts change only through a revision" : "submitted for approval"}`,
                });
              }
            }
            const line = await r.updateLine(pid, lineId, input.version, {});
            if (!line) return undefined;
            await r.replaceMonths(pid, lineId, after);
            return snapshotOfLine(line, after);
          },
        });
        const { months: _m, ...line } = updated;
        return line;
      });
      return { line: row, plan, workstream: found.workstream, months: after, totals: totalsOf(after) };
    },

    // -- The portfolio

    /**
     * The budget roll-up for a financial year: per workstream (its current, not revised, plan;
     * approved plans of published workstreams only for the public) planned, actual to date,
     * forecast outturn and variance, and the portfolio totals; exact integer pence.
     */
    async budgetSummary(ctx: RequestContext, options: { financialYear: number; workstreamIds?: readonly string[] | undefined }): Promise<BudgetSummary> {
      const raw = await repo.budgetSummary(ctx.partnership.id, visibility(ctx), options.financialYear, options.workstreamIds);
      const rows = raw.map((r) => ({ ...r, variancePence: r.forecastOutturnPence - r.plannedPence }));
      return { rows, portfolio: addTotals(rows) };
    },

    // -- Import and export (used by the import/export module)

    /** A plan's lines with their twelve months, in the shape importLines takes. */
    async linesForExport(ctx: RequestContext, planId: string): Promise<(ImportedLine & { id: string; position: number })[]> {
      const { plan } = await findVisible(ctx, planId);
      const lines = await linesWithMonths(repo, ctx, plan);
      return lines.map((l) => ({
        id: l.line.id,
        position: l.line.position,
        description: l.line.description,
        kind: l.line.kind,
        fundingSource: l.line.fundingSource,
        months: l.months,
      }));
    },

    /**
     * Adds lines (with their months) to a draft plan, or replaces all its lines, in one
     * transaction: every line is checked first, and if any is invalid nothing is written
     * (ValidationFailed with a field per problem, e.g. "lines.2.months.0.month").
     */
    async importLines(ctx: RequestContext, planId: string, lines: readonly ImportedLine[], options: { replace: boolean }): Promise<BudgetLineRow[]> {
      const { plan } = await findEditable(ctx, planId);
      requireDraft(plan, "its budget lines");
      const errors: FieldErrors = {};
      lines.forEach((l, i) => {
        if (!l.description.trim()) errors[`lines.${i}.description`] = "Enter what the budget line is for";
        else if (l.description.length > 500) errors[`lines.${i}.description`] = "must be 500 characters or fewer";
        if (!BUDGET_LINE_KINDS.includes(l.kind)) errors[`lines.${i}.kind`] = "must be revenue or capital";
        if (!l.fundingSource.trim()) errors[`lines.${i}.fundingSource`] = "Enter the funding source";
        else if (l.fundingSource.length > 200) errors[`lines.${i}.fundingSource`] = "must be 200 characters or fewer";
        Object.assign(errors, checkMonths(ctx, plan, l.months, `lines.${i}.months.`));
      });
      if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        if (options.replace) {
          for (const old of await linesWithMonths(r, ctx, plan)) {
            await recordAudit(tx, {
              partnershipId: pid,
              actor: actorOf(ctx),
              requestId: ctx.requestId,
              recordType: BUDGET_LINE,
              recordId: old.line.id,
              action: "delete",
              before: auditSnapshot(snapshotOfLine(old.line, old.months)),
            });
          }
          await r.deleteLinesOf(pid, plan.id);
        }
        const created: BudgetLineRow[] = [];
        for (const l of lines) {
          const row = await r.insertLine({
            partnershipId: pid,
            planId: plan.id,
            description: l.description.trim(),
            kind: l.kind,
            fundingSource: l.fundingSource.trim(),
            position: await r.nextLinePosition(pid, plan.id),
          });
          await r.replaceMonths(pid, row.id, l.months);
          await auditedCreate(tx, ctx, BUDGET_LINE, snapshotOfLine(row, l.months));
          created.push(row);
        }
        return created;
      });
    },

    /**
     * Monthly reporting by import (used by the import/export module): replaces the actuals and
     * forecasts of a submitted or approved plan's lines in one transaction, audited per line like
     * putMonths. `lines` are the plan's lines in order, as linesForExport gives them; the lines
     * and their planned amounts change only through a revision, so any difference there is a
     * problem (ValidationFailed, fields as importLines names them) and nothing is written.
     */
    async importActuals(ctx: RequestContext, planId: string, lines: readonly ImportedLine[]): Promise<BudgetLineRow[]> {
      const { plan } = await findEditable(ctx, planId);
      if (plan.status === "draft") throw stateConflict("This plan is a draft: import its budget lines instead", "plan_is_draft");
      if (plan.status === "revised") requireDraft(plan, "its figures");
      const existing = await linesWithMonths(repo, ctx, plan);
      const errors: FieldErrors = {};
      const why = plan.status === "approved" ? "the plan is approved, so it changes only through a revision" : "the plan is submitted for approval";
      if (lines.length !== existing.length)
        errors._form = `The plan has ${existing.length} budget line${existing.length === 1 ? "" : "s"} and the file ${lines.length}: ${why}, so only actuals and forecasts can be imported`;
      lines.forEach((l, i) => {
        const old = existing[i];
        if (!old) return;
        if (l.description.trim() !== old.line.description) errors[`lines.${i}.description`] = `must stay “${old.line.description}”: ${why}`;
        if (l.kind !== old.line.kind) errors[`lines.${i}.kind`] = `must stay ${old.line.kind}: ${why}`;
        if (l.fundingSource.trim() !== old.line.fundingSource) errors[`lines.${i}.fundingSource`] = `must stay “${old.line.fundingSource}”: ${why}`;
        Object.assign(errors, checkMonths(ctx, plan, l.months, `lines.${i}.months.`));
        const after = monthsFor(ctx, plan, l.months);
        after.forEach((m, j) => {
          if (m.plannedPence !== old.months[j]?.plannedPence) {
            const index = l.months.findIndex((given) => given.month === m.month);
            errors[`lines.${i}.months.${index >= 0 ? index : j}.plannedPence`] = `The planned amount for ${monthLabel(m.month)} cannot change: ${why}`;
          }
        });
      });
      if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
      return deps.db.transaction(async (tx) => {
        const r = plansRepository(tx);
        const pid = ctx.partnership.id;
        const out: BudgetLineRow[] = [];
        for (const [i, old] of existing.entries()) {
          const after = monthsFor(ctx, plan, lines[i]!.months);
          const current = monthsFor(ctx, plan, await r.monthsOf(pid, [old.line.id]));
          const updated = await auditedUpdate(tx, ctx, {
            recordType: BUDGET_LINE,
            action: "months",
            notFound: LINE_NOT_FOUND,
            find: async () => {
              const line = await r.findLineRow(pid, old.line.id);
              return line ? snapshotOfLine(line, current) : undefined;
            },
            write: async (before) => {
              const line = await r.updateLine(pid, old.line.id, before.version, {});
              if (!line) return undefined;
              await r.replaceMonths(pid, old.line.id, after);
              return snapshotOfLine(line, after);
            },
          });
          const { months: _m, ...row } = updated;
          out.push(row);
        }
        return out;
      });
    },

    /** Who changed the plan, and how; only for insiders. */
    async history(ctx: RequestContext, planId: string): Promise<HistoryEntry[] | null> {
      if (!plansPolicy.viewHistory(ctx.principal)) return null;
      await findVisible(ctx, planId);
      return listHistory(deps.db, ctx.partnership.id, PLAN, planId);
    },

    /** Who changed a budget line and its months; only for insiders. */
    async lineHistory(ctx: RequestContext, lineId: string): Promise<HistoryEntry[] | null> {
      if (!plansPolicy.viewHistory(ctx.principal)) return null;
      await lineVisible(ctx, lineId);
      return listHistory(deps.db, ctx.partnership.id, BUDGET_LINE, lineId);
    },
  };
}

export type PlansService = ReturnType<typeof plansService>;
