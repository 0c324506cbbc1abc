import type { z } from "zod";
import type { BudgetTotals } from "./budget-arithmetic.ts";
import { financialYearLabel } from "./financial-year.ts";
import type { PlanWithWorkstream, WorkstreamRef } from "./plans.repository.ts";
import type { budgetLineOutput, budgetSummaryOutput, planDetailOutput, planOutput } from "./plans.schema.ts";
import type { BudgetSummary, LineDetail, PlanDetail } from "./plans.service.ts";
import type { PlanRow } from "./plans.tables.ts";

const totals = (t: BudgetTotals) => ({
  plannedPence: t.plannedPence,
  actualToDatePence: t.actualToDatePence,
  forecastOutturnPence: t.forecastOutturnPence,
  variancePence: t.variancePence,
});

/** A plan as the API shows it (no figures: see presentPlanDetail). */
export function presentPlan(plan: PlanRow, workstream: Pick<WorkstreamRef, "id" | "slug" | "name">, startMonth: number): z.input<typeof planOutput> {
  return {
    id: plan.id,
    workstream: { id: workstream.id, slug: workstream.slug, name: workstream.name },
    financialYear: plan.financialYear,
    financialYearLabel: financialYearLabel(plan.financialYear, startMonth),
    revision: plan.revision,
    status: plan.status,
    objectives: plan.objectives,
    plannedProducts: plan.plannedProducts,
    isExample: plan.isExample,
    submittedAt: plan.submittedAt?.toISOString() ?? null,
    approvedOn: plan.approvedOn,
    approvedByDecisionId: plan.approvedByDecisionId,
    revisedFromPlanId: plan.revisedFromPlanId,
    version: plan.version,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

export const presentPlanListItem = (p: PlanWithWorkstream, startMonth: number) => presentPlan(p.plan, p.workstream, startMonth);

export function presentLine(l: LineDetail): z.input<typeof budgetLineOutput> {
  return {
    id: l.line.id,
    planId: l.line.planId,
    position: l.line.position,
    description: l.line.description,
    kind: l.line.kind,
    fundingSource: l.line.fundingSource,
    months: l.months.map((m) => ({ month: m.month, plannedPence: m.plannedPence, actualPence: m.actualPence, forecastPence: m.forecastPence })),
    totals: totals(l.totals),
    version: l.line.version,
  };
}

export function presentPlanDetail(d: PlanDetail, startMonth: number): z.input<typeof planDetailOutput> {
  return {
    ...presentPlan(d.plan, d.workstream, startMonth),
    lines: d.lines.map(presentLine),
    totals: totals(d.totals),
    totalsByKind: { revenue: totals(d.totalsByKind.revenue), capital: totals(d.totalsByKind.capital) },
    revisions: d.revisions.map((r) => ({ id: r.id, revision: r.revision, status: r.status })),
  };
}

export function presentBudgetSummary(s: BudgetSummary, financialYear: number, startMonth: number): z.input<typeof budgetSummaryOutput> {
  return {
    financialYear,
    financialYearLabel: financialYearLabel(financialYear, startMonth),
    rows: s.rows.map((r) => ({
      workstreamId: r.workstreamId,
      workstreamName: r.workstreamName,
      planId: r.planId,
      planStatus: r.planStatus,
      revision: r.revision,
      ...totals(r),
    })),
    portfolio: totals(s.portfolio),
  };
}

/** Labels for the history of a plan and its lines. */
export const PLAN_HISTORY_LABELS: Record<string, string> = {
  status: "Status",
  objectives: "Objectives",
  plannedProducts: "Planned products",
  approvedOn: "Approved on",
  approvedByDecisionId: "Approving decision",
  submittedAt: "Submitted",
  description: "Description",
  kind: "Kind",
  fundingSource: "Funding source",
  months: "Monthly figures (pence)",
};
