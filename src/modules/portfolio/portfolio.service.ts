import type { Database } from "../../platform/db/client.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { NotFound } from "../../platform/http/errors.ts";
import { addCalendarDays, toLondon } from "../../platform/time.ts";
import type { ActionsService } from "../actions/actions.service.ts";
import type { DecisionsService } from "../decisions/decisions.service.ts";
import type { HighlightReportsService } from "../highlight-reports/highlight-reports.service.ts";
import type { Rag } from "../highlight-reports/highlight-reports.tables.ts";
import type { MeetingsService } from "../meetings/meetings.service.ts";
import type { MilestonesService } from "../milestones/milestones.service.ts";
import type { MilestoneStatus } from "../milestones/milestones.tables.ts";
import { outturnOf, type BudgetTotals } from "../plans/budget-arithmetic.ts";
import { DEFAULT_FINANCIAL_YEAR_START_MONTH, financialYearLabel, financialYearOf } from "../plans/financial-year.ts";
import type { PlansService } from "../plans/plans.service.ts";
import type { PlanStatus } from "../plans/plans.tables.ts";
import type { RisksService } from "../risks/risks.service.ts";
import type { IssuePriority, IssueStatus } from "../risks/risks.tables.ts";
import { bandOf, scoreOf, type Band } from "../risks/scoring.ts";
import type { WorkstreamsService } from "../workstreams/workstreams.service.ts";
import type { DecisionEffectKind } from "./portfolio.tables.ts";
import { portfolioRepository } from "./portfolio.repository.ts";

/** How far ahead the dashboard counts milestones as due. */
export const DUE_WITHIN_DAYS = 60;
/** Recent decisions shown per workstream. */
export const RECENT_DECISIONS = 3;
/** Key risks a deep dive shows (the highest first); the rest are counted. */
export const KEY_RISKS = 5;
/** The most open risks the dashboard ranks (one query); far above any real portfolio's register. */
const RISK_CAP = 5000;

export interface PortfolioDeps {
  db: Database;
  meetings: Pick<MeetingsService, "getItem">;
  decisions: Pick<DecisionsService, "listByIds" | "get">;
  actions: Pick<ActionsService, "outstandingForWorkstreams">;
  workstreams: Pick<WorkstreamsService, "list" | "get" | "forAgendaItems" | "objectives" | "decisionIdsFor" | "contributionsFor">;
  plans: Pick<PlansService, "budgetSummary" | "years" | "list" | "get">;
  milestones: Pick<MilestonesService, "due" | "late" | "listForWorkstream" | "productsForWorkstream">;
  risks: Pick<RisksService, "top" | "bands" | "keyRisksAsOf" | "listIssues">;
  highlightReports: Pick<HighlightReportsService, "latestFor" | "history">;
  /** Today's date in England (tests fix it). */
  today?: () => string;
}

// ---- Shapes ----------------------------------------------------------------------------------

export interface RagRating {
  rag: Rag | null;
  reason: string | null;
}

export interface DashboardRow {
  workstream: { id: string; slug: string; name: string; status: string; published: boolean };
  /** The latest highlight report the viewer may see. */
  report: { id: string; month: string; overall: RagRating; schedule: RagRating; finance: RagRating; risk: RagRating } | null;
  /** The current plan of the year; null when the workstream has none the viewer may see. */
  budget: (BudgetTotals & { planId: string; planStatus: PlanStatus }) | null;
  milestonesDue: number;
  milestonesLate: number;
  openRisks: number;
  topRisk: { id: string; reference: number; title: string; score: number; band: Band } | null;
  recentDecisions: { id: string; text: string; decidedOn: string; bodyName: string }[];
  actions: { outstanding: number; overdue: number };
}

export interface Dashboard {
  today: string;
  dueWithinDays: number;
  financialYear: number;
  financialYearLabel: string;
  /** Years with plans the viewer may see, newest first (for the year picker). */
  years: { year: number; label: string }[];
  rows: DashboardRow[];
  budgetTotals: BudgetTotals;
  topRisks: { id: string; reference: number; title: string; score: number; band: Band; workstream: { slug: string; name: string } | null }[];
  objectives: { id: string; title: string }[];
  /** Level and rationale by workstream id, then objective id; absent = none recorded. */
  contributions: Record<string, Record<string, { level: "none" | "some" | "major"; rationale: string }>>;
}

export interface DeepDiveMilestone {
  id: string;
  title: string;
  description: string;
  baselineOn: string;
  forecastOn: string | null;
  actualOn: string | null;
  status: MilestoneStatus;
  slippageDays: number;
  isExample: boolean;
}

export interface DeepDiveProduct {
  id: string;
  title: string;
  description: string;
  plannedOn: string | null;
  deliveredOn: string | null;
  evidenceUrl: string | null;
  isExample: boolean;
}

export interface DeepDiveRisk {
  id: string;
  reference: number;
  title: string;
  cause: string;
  event: string;
  effect: string;
  ownerName: string | null;
  /** The score as of the meeting date (the latest review on or before it). */
  score: { likelihood: number; consequence: number; score: number; band: Band };
  target: { score: number; band: Band };
  controls: string;
  assurances: string;
  actions: { id: string; description: string; ownerName: string; dueOn: string | null; status: string; overdue: boolean }[];
  isExample: boolean;
}

export interface DeepDiveIssue {
  id: string;
  reference: number;
  title: string;
  impact: string;
  priority: IssuePriority;
  status: IssueStatus;
  ownerName: string | null;
  resolution: string | null;
}

export interface DeepDiveBudget {
  planId: string;
  financialYear: number;
  financialYearLabel: string;
  planStatus: PlanStatus;
  /** Months of the year before the meeting's month (those whose actuals could be known). */
  monthsToDate: number;
  plannedToDatePence: number;
  actualToDatePence: number;
  /** Actual to date − planned to date (positive = overspend so far). */
  varianceToDatePence: number;
  fullYearPlannedPence: number;
  forecastOutturnPence: number;
  /** Forecast outturn − full-year planned (positive = overspend). */
  variancePence: number;
  isExample: boolean;
}

/** A deep-dive agenda item's generated section: the workstream as of the meeting date. */
export interface DeepDive {
  agendaItem: { id: string; meetingId: string; number: string; title: string };
  meeting: { id: string; title: string | null; bodyName: string; startsAt: Date };
  workstream: { id: string; slug: string; name: string; description: string; sro: { id: string; name: string } | null };
  /** The meeting's date in England, YYYY-MM-DD. */
  asOf: string;
  /** The latest highlight report for a month before the meeting's, if the viewer may see one. */
  progress: { month: string; overallRag: Rag | null; overallReason: string | null; achievements: string; nextPeriod: string } | null;
  milestonesAchieved: DeepDiveMilestone[];
  milestonesUpcoming: DeepDiveMilestone[];
  productsDelivered: DeepDiveProduct[];
  productsPlanned: DeepDiveProduct[];
  keyRisks: DeepDiveRisk[];
  /** Open risks beyond the key ones shown. */
  otherOpenRisks: number;
  issues: DeepDiveIssue[];
  budget: DeepDiveBudget | null;
  contributions: { objectiveId: string; objectiveTitle: string; level: "none" | "some" | "major"; rationale: string }[];
}

/** What a decision changed in the programme, as this viewer may see it. */
export interface DecisionEffectView {
  id: string;
  kind: DecisionEffectKind;
  note: string;
  workstream: { id: string; slug: string; name: string };
  target:
    | { type: "plan"; id: string; financialYear: number; financialYearLabel: string; revision: number }
    | { type: "milestone"; id: string; title: string }
    | { type: "risk"; id: string; reference: number; title: string }
    | null;
  recordedAt: Date;
}

// ---- Pure helpers ----------------------------------------------------------------------------

const rating = (rag: Rag | null, reason: string | null): RagRating => ({ rag, reason: reason ?? null });

/** The date a not-yet-achieved milestone is expected: its forecast, else its baseline. */
const expectedOn = (m: { forecastOn: string | null; baselineOn: string }) => m.forecastOn ?? m.baselineOn;

/**
 * Budget against plan as of a date: "to date" is the months before the date's month (their
 * actuals could be known at the meeting); forecast outturn and variance are for the whole year.
 * Integer pence throughout.
 */
export function budgetAsOf(
  months: readonly { month: string; plannedPence: number; actualPence: number | null; forecastPence: number | null }[],
  asOf: string,
): Omit<DeepDiveBudget, "planId" | "financialYear" | "financialYearLabel" | "planStatus" | "isExample"> {
  const monthStart = `${asOf.slice(0, 7)}-01`;
  const toDate = months.filter((m) => m.month < monthStart);
  const plannedToDatePence = toDate.reduce((s, m) => s + m.plannedPence, 0);
  const actualToDatePence = toDate.reduce((s, m) => s + (m.actualPence ?? 0), 0);
  const fullYearPlannedPence = months.reduce((s, m) => s + m.plannedPence, 0);
  const forecastOutturnPence = months.reduce((s, m) => s + outturnOf(m), 0);
  return {
    monthsToDate: toDate.length,
    plannedToDatePence,
    actualToDatePence,
    varianceToDatePence: actualToDatePence - plannedToDatePence,
    fullYearPlannedPence,
    forecastOutturnPence,
    variancePence: forecastOutturnPence - fullYearPlannedPence,
  };
}

/**
 * The portfolio: the dashboard across every workstream the viewer may see, the deep-dive section
 * of a deep-dive agenda item as of its meeting date, and what each decision changed. It reads
 * through the other modules' services (each applies portfolio-access.ts and, for meetings'
 * records, the Part II policy), one call per section for all workstreams, never one per workstream.
 */
export function portfolioService(deps: PortfolioDeps) {
  const repo = portfolioRepository(deps.db);
  const today = deps.today ?? (() => toLondon(new Date()).date);
  const startMonthOf = (ctx: RequestContext) => ctx.partnership.financialYearStartMonth || DEFAULT_FINANCIAL_YEAR_START_MONTH;

  async function dashboard(ctx: RequestContext, options: { year?: number | undefined } = {}): Promise<Dashboard> {
    const on = today();
    const startMonth = startMonthOf(ctx);
    const [workstreams, years] = await Promise.all([deps.workstreams.list(ctx), deps.plans.years(ctx)]);
    const current = financialYearOf(on, startMonth);
    const financialYear = options.year ?? (years.length === 0 || years.includes(current) ? current : years[0]!);
    const ids = workstreams.map((w) => w.id);

    const [reports, budget, due, late, risks, bands, decisionIds, actions, objectives, contributions] = await Promise.all([
      deps.highlightReports.latestFor(ctx, ids),
      deps.plans.budgetSummary(ctx, { financialYear, workstreamIds: ids }),
      deps.milestones.due(ctx, { from: on, to: addCalendarDays(on, DUE_WITHIN_DAYS), workstreamIds: ids }),
      deps.milestones.late(ctx, { asOf: on, workstreamIds: ids }),
      ids.length > 0 ? deps.risks.top(ctx, { workstreamIds: ids, limit: RISK_CAP }) : Promise.resolve([]),
      deps.risks.bands(ctx),
      deps.workstreams.decisionIdsFor(ctx, ids),
      deps.actions.outstandingForWorkstreams(ctx, ids),
      deps.workstreams.objectives(ctx),
      deps.workstreams.contributionsFor(ctx, ids),
    ]);
    // One call for every linked decision; Part II and unheld meetings' decisions are filtered there.
    const visibleDecisions = await deps.decisions.listByIds(ctx, [...new Set([...decisionIds.values()].flat())]);
    const decisionById = new Map(visibleDecisions.map((d) => [d.decision.id, d]));

    const budgetByWorkstream = new Map(budget.rows.map((r) => [r.workstreamId, r]));
    const count = (rows: readonly { workstreamId: string }[]) => {
      const map = new Map<string, number>();
      for (const r of rows) map.set(r.workstreamId, (map.get(r.workstreamId) ?? 0) + 1);
      return map;
    };
    // Late milestones are counted once, as late (as the milestones page lists them).
    const dueCounts = count(due.filter((m) => m.status !== "late"));
    const lateCounts = count(late);
    const scoredRisks = risks.map((r) => {
      const score = scoreOf(r.currentLikelihood, r.currentConsequence);
      return { risk: r, score, band: bandOf(score, bands) };
    });
    const risksByWorkstream = new Map<string, typeof scoredRisks>();
    for (const r of scoredRisks)
      if (r.risk.workstreamId) risksByWorkstream.set(r.risk.workstreamId, [...(risksByWorkstream.get(r.risk.workstreamId) ?? []), r]);

    const rows: DashboardRow[] = workstreams.map((w) => {
      const report = reports.get(w.id);
      const plan = budgetByWorkstream.get(w.id);
      const mine = risksByWorkstream.get(w.id) ?? [];
      const top = mine[0];
      const recent = [...new Set(decisionIds.get(w.id) ?? [])]
        .map((id) => decisionById.get(id))
        .filter((d) => d !== undefined)
        .sort(
          (a, b) =>
            b.decision.decidedOn.localeCompare(a.decision.decidedOn) ||
            b.meeting.startsAt.getTime() - a.meeting.startsAt.getTime() ||
            a.item.position - b.item.position ||
            a.decision.position - b.decision.position,
        )
        .slice(0, RECENT_DECISIONS);
      return {
        workstream: { id: w.id, slug: w.slug, name: w.name, status: w.status, published: w.published },
        report: report
          ? {
              id: report.id,
              month: report.month,
              overall: rating(report.overallRag, report.overallReason),
              schedule: rating(report.scheduleRag, report.scheduleReason),
              finance: rating(report.financeRag, report.financeReason),
              risk: rating(report.riskRag, report.riskReason),
            }
          : null,
        budget: plan
          ? {
              planId: plan.planId,
              planStatus: plan.planStatus,
              plannedPence: plan.plannedPence,
              actualToDatePence: plan.actualToDatePence,
              forecastOutturnPence: plan.forecastOutturnPence,
              variancePence: plan.variancePence,
            }
          : null,
        milestonesDue: dueCounts.get(w.id) ?? 0,
        milestonesLate: lateCounts.get(w.id) ?? 0,
        openRisks: mine.length,
        topRisk: top ? { id: top.risk.id, reference: top.risk.reference, title: top.risk.title, score: top.score, band: top.band } : null,
        recentDecisions: recent.map((d) => ({ id: d.decision.id, text: d.decision.text, decidedOn: d.decision.decidedOn, bodyName: d.body.name })),
        actions: actions.get(w.id) ?? { outstanding: 0, overdue: 0 },
      };
    });

    const matrix: Dashboard["contributions"] = {};
    for (const c of contributions) (matrix[c.workstreamId] ??= {})[c.objectiveId] = { level: c.level, rationale: c.rationale };

    return {
      today: on,
      dueWithinDays: DUE_WITHIN_DAYS,
      financialYear,
      financialYearLabel: financialYearLabel(financialYear, startMonth),
      years: (years.includes(financialYear) ? years : [financialYear, ...years].sort((a, b) => b - a)).map((year) => ({
        year,
        label: financialYearLabel(year, startMonth),
      })),
      rows,
      budgetTotals: budget.portfolio,
      topRisks: scoredRisks.slice(0, 5).map((r) => ({
        id: r.risk.id,
        reference: r.risk.reference,
        title: r.risk.title,
        score: r.score,
        band: r.band,
        workstream: r.risk.workstream ? { slug: r.risk.workstream.slug, name: r.risk.workstream.name } : null,
      })),
      objectives: objectives.map((o) => ({ id: o.id, title: o.title })),
      contributions: matrix,
    };
  }

  /**
   * The deep-dive section of an agenda item of kind "deep_dive" linked to a workstream, as of the
   * meeting's date in England: null for other items, or when the viewer may see no linked
   * workstream. 404 when the viewer may not see the item (Part II, unpublished agenda: the
   * meetings service decides).
   */
  async function deepDiveFor(ctx: RequestContext, agendaItemId: string, meetingId?: string): Promise<DeepDive | null> {
    const { meeting, item } = await deps.meetings.getItem(ctx, agendaItemId);
    if (meetingId !== undefined && meeting.id !== meetingId) throw new NotFound("Agenda item not found");
    if (item.kind !== "deep_dive") return null;
    const linked = (await deps.workstreams.forAgendaItems(ctx, [item.id])).get(item.id) ?? [];
    const first = linked[0];
    if (!first) return null;
    const asOf = toLondon(meeting.startsAt).date;
    const financialYear = financialYearOf(asOf, startMonthOf(ctx));

    const [detail, milestones, products, keyRisks, issues, plans, reports] = await Promise.all([
      deps.workstreams.get(ctx, first.id),
      deps.milestones.listForWorkstream(ctx, first.id),
      deps.milestones.productsForWorkstream(ctx, first.id),
      deps.risks.keyRisksAsOf(ctx, first.id, asOf),
      deps.risks.listIssues(ctx, { workstreamId: first.id }),
      deps.plans.list(ctx, { workstreamId: first.id, financialYear }, 1, 20),
      deps.highlightReports.history(ctx, first.id),
    ]);

    // Achieved = complete on or before the meeting; anything achieved later was still to come then.
    const achievedBy = (m: { status: MilestoneStatus; actualOn: string | null }) => m.status === "complete" && m.actualOn !== null && m.actualOn <= asOf;
    const toMilestone = (m: (typeof milestones)[number]): DeepDiveMilestone => ({
      id: m.id,
      title: m.title,
      description: m.description,
      baselineOn: m.baselineOn,
      forecastOn: m.forecastOn,
      actualOn: m.actualOn,
      status: m.status,
      slippageDays: m.slippageDays,
      isExample: m.isExample,
    });
    const milestonesAchieved = milestones
      .filter(achievedBy)
      .sort((a, b) => a.actualOn!.localeCompare(b.actualOn!) || a.position - b.position)
      .map(toMilestone);
    const milestonesUpcoming = milestones
      .filter((m) => !achievedBy(m))
      .sort((a, b) => expectedOn(a).localeCompare(expectedOn(b)) || a.position - b.position)
      .map(toMilestone);

    const toProduct = (p: (typeof products)[number]): DeepDiveProduct => ({
      id: p.id,
      title: p.title,
      description: p.description,
      plannedOn: p.plannedOn,
      deliveredOn: p.deliveredOn,
      evidenceUrl: p.evidenceUrl,
      isExample: p.isExample,
    });
    const deliveredBy = (p: (typeof products)[number]) => p.status === "delivered" && p.deliveredOn !== null && p.deliveredOn <= asOf;
    const productsDelivered = products
      .filter(deliveredBy)
      .sort((a, b) => a.deliveredOn!.localeCompare(b.deliveredOn!))
      .map(toProduct);
    const productsPlanned = products
      .filter((p) => !deliveredBy(p))
      .sort((a, b) => (a.plannedOn ?? "9999").localeCompare(b.plannedOn ?? "9999"))
      .map(toProduct);

    const bands = await deps.risks.bands(ctx);
    const risks: DeepDiveRisk[] = keyRisks.slice(0, KEY_RISKS).map((k) => {
      const targetScore = scoreOf(k.risk.targetLikelihood, k.risk.targetConsequence);
      return {
        id: k.risk.id,
        reference: k.risk.reference,
        title: k.risk.title,
        cause: k.risk.cause,
        event: k.risk.event,
        effect: k.risk.effect,
        ownerName: k.risk.ownerName,
        score: { likelihood: k.asOf.likelihood, consequence: k.asOf.consequence, score: k.asOf.score, band: k.asOf.band },
        target: { score: targetScore, band: bandOf(targetScore, bands) },
        controls: k.risk.controls,
        assurances: k.risk.assurances,
        actions: k.actions.map((a) => ({
          id: a.id,
          description: a.description,
          ownerName: a.owner.name,
          dueOn: a.dueOn,
          status: a.status,
          overdue: a.overdue,
        })),
        isExample: k.risk.isExample,
      };
    });

    // Issues open at the meeting: raised by then, and not resolved or closed before it.
    const openIssues = issues
      .filter((i) => i.raisedOn <= asOf && (i.status === "open" || (i.resolvedOn !== null && i.resolvedOn > asOf)))
      .map((i) => ({
        id: i.id,
        reference: i.reference,
        title: i.title,
        impact: i.impact,
        priority: i.priority,
        status: i.status,
        ownerName: i.ownerName,
        resolution: i.resolution,
      }));

    // The plan of the year containing the meeting: its latest version the viewer may see.
    const planRow = plans.map((p) => p.plan).sort((a, b) => b.revision - a.revision)[0];
    let budget: DeepDiveBudget | null = null;
    if (planRow) {
      const plan = await deps.plans.get(ctx, planRow.id);
      budget = {
        planId: plan.plan.id,
        financialYear: plan.plan.financialYear,
        financialYearLabel: financialYearLabel(plan.plan.financialYear, startMonthOf(ctx)),
        planStatus: plan.plan.status,
        isExample: plan.plan.isExample,
        ...budgetAsOf(plan.months, asOf),
      };
    }

    const monthOfMeeting = `${asOf.slice(0, 7)}-01`;
    const report = reports.reports.filter((r) => r.month < monthOfMeeting).sort((a, b) => b.month.localeCompare(a.month))[0];

    return {
      agendaItem: { id: item.id, meetingId: meeting.id, number: item.number, title: item.title },
      meeting: { id: meeting.id, title: meeting.title, bodyName: meeting.body.name, startsAt: meeting.startsAt },
      workstream: {
        id: detail.workstream.id,
        slug: detail.workstream.slug,
        name: detail.workstream.name,
        description: detail.workstream.description,
        sro: detail.sro,
      },
      asOf,
      progress: report
        ? {
            month: report.month,
            overallRag: report.overallRag,
            overallReason: report.overallReason,
            achievements: report.achievements,
            nextPeriod: report.nextPeriod,
          }
        : null,
      milestonesAchieved,
      milestonesUpcoming,
      productsDelivered,
      productsPlanned,
      keyRisks: risks,
      otherOpenRisks: Math.max(0, keyRisks.length - KEY_RISKS),
      issues: openIssues,
      budget,
      contributions: detail.contributions,
    };
  }

  /**
   * What a decision changed in the programme (approved a plan, changed a budget, a milestone or a
   * risk), as this viewer may see it: 404 when the viewer may not see the decision; effects on
   * workstreams, plans or risks the viewer may not see are left out (filtered in the query).
   */
  async function effectsOfDecision(ctx: RequestContext, decisionId: string): Promise<DecisionEffectView[]> {
    await deps.decisions.get(ctx, decisionId);
    const rows = await repo.effectsOfDecision(ctx, decisionId);
    const startMonth = startMonthOf(ctx);
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      note: r.note,
      workstream: r.workstream,
      recordedAt: r.createdAt,
      target:
        r.plan && (r.kind === "approves_plan" || r.kind === "changes_budget")
          ? {
              type: "plan",
              id: r.plan.id,
              financialYear: r.plan.financialYear,
              financialYearLabel: financialYearLabel(r.plan.financialYear, startMonth),
              revision: r.plan.revision,
            }
          : r.milestone && r.kind === "changes_milestone"
            ? { type: "milestone", id: r.milestone.id, title: r.milestone.title }
            : r.risk && r.kind === "changes_risk"
              ? { type: "risk", id: r.risk.id, reference: r.risk.reference, title: r.risk.title }
              : null,
    }));
  }

  return {
    dashboard,
    /** Service contract for the meetings item page and board packs: `deepDiveFor(ctx, agendaItemId)`. */
    deepDiveFor: (ctx: RequestContext, agendaItemId: string) => deepDiveFor(ctx, agendaItemId),
    effectsOfDecision,
    /**
     * The deep-dive section of an item of the given meeting: 404 when the viewer may not see the
     * item (or it is not on that meeting); null when it is not a deep dive on a visible workstream.
     */
    deepDiveOnMeeting: (ctx: RequestContext, meetingId: string, agendaItemId: string) => deepDiveFor(ctx, agendaItemId, meetingId),
  };
}

export type PortfolioService = ReturnType<typeof portfolioService>;
