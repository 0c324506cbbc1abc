import { z } from "zod";
import { blankAsUnset } from "../../platform/http/api-schemas.ts";
import { RAGS } from "../highlight-reports/highlight-reports.tables.ts";
import { MILESTONE_STATUSES } from "../milestones/milestones.tables.ts";
import { PLAN_STATUSES } from "../plans/plans.tables.ts";
import { ISSUE_PRIORITIES, ISSUE_STATUSES } from "../risks/risks.tables.ts";
import { BANDS } from "../risks/scoring.ts";
import { CONTRIBUTION_LEVELS } from "../workstreams/workstreams.tables.ts";
import { DECISION_EFFECT_KINDS } from "./portfolio.tables.ts";

/** The dashboard's financial year: ?year=2018 is 2018/19 (April–March by default). */
export const dashboardQuery = z.object({
  year: blankAsUnset(z.coerce.number({ error: "must be a year such as 2018" }).int().min(2000).max(2100)).describe(
    "The financial year by the calendar year it starts in (2018 = 2018/19). Absent: the year containing today, or the latest year with plans.",
  ),
});

/** A page's query: an unusable year is ignored rather than refused (the page falls back to the default year). */
export const dashboardPageQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});

export const itemParams = z.object({
  id: z.uuid({ error: "must be the id of a meeting" }),
  itemId: z.uuid({ error: "must be the id of an agenda item" }),
});

// ---- Outputs ----------------------------------------------------------------------------------

const pence = z.number().int().describe("Integer pence");
const date = z.string().describe("YYYY-MM-DD");
const ragRating = z.object({ rag: z.enum(RAGS).nullable(), reason: z.string().nullable() });
const budgetTotals = z.object({
  plannedPence: pence,
  actualToDatePence: pence,
  forecastOutturnPence: pence.describe("Σ months of the actual when entered, else the forecast, else the plan"),
  variancePence: pence.describe("Forecast outturn − planned; positive = overspend"),
});

export const dashboardOutput = z.object({
  today: date,
  dueWithinDays: z.number().int(),
  financialYear: z.number().int(),
  financialYearLabel: z.string(),
  years: z.array(z.object({ year: z.number().int(), label: z.string() })),
  rows: z.array(
    z.object({
      workstream: z.object({ id: z.uuid(), slug: z.string(), name: z.string(), status: z.string(), published: z.boolean() }),
      report: z
        .object({ id: z.uuid(), month: date, overall: ragRating, schedule: ragRating, finance: ragRating, risk: ragRating })
        .nullable()
        .describe("The latest highlight report the caller may see"),
      budget: budgetTotals.extend({ planId: z.uuid(), planStatus: z.enum(PLAN_STATUSES) }).nullable(),
      milestonesDue: z.number().int().describe("Not complete, expected within dueWithinDays of today (late ones excluded)"),
      milestonesLate: z.number().int(),
      openRisks: z.number().int(),
      topRisk: z.object({ id: z.uuid(), reference: z.number().int(), title: z.string(), score: z.number().int(), band: z.enum(BANDS) }).nullable(),
      recentDecisions: z.array(z.object({ id: z.uuid(), text: z.string(), decidedOn: date, bodyName: z.string() })),
      actions: z.object({ outstanding: z.number().int(), overdue: z.number().int() }),
    }),
  ),
  budgetTotals,
  topRisks: z.array(
    z.object({
      id: z.uuid(),
      reference: z.number().int(),
      title: z.string(),
      score: z.number().int(),
      band: z.enum(BANDS),
      workstream: z.object({ slug: z.string(), name: z.string() }).nullable(),
    }),
  ),
  objectives: z.array(z.object({ id: z.uuid(), title: z.string() })),
  contributions: z
    .record(z.string(), z.record(z.string(), z.object({ level: z.enum(CONTRIBUTION_LEVELS), rationale: z.string() })))
    .describe("By workstream id, then objective id"),
});

const milestoneOutput = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  baselineOn: date,
  forecastOn: date.nullable(),
  actualOn: date.nullable(),
  status: z.enum(MILESTONE_STATUSES),
  slippageDays: z.number().int().describe("(actual ?? forecast ?? baseline) − baseline, in days; positive = late"),
  isExample: z.boolean(),
});
const productOutput = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  plannedOn: date.nullable(),
  deliveredOn: date.nullable(),
  evidenceUrl: z.string().nullable(),
  isExample: z.boolean(),
});

export const deepDiveOutput = z.object({
  agendaItem: z.object({ id: z.uuid(), meetingId: z.uuid(), number: z.string(), title: z.string() }),
  meeting: z.object({ id: z.uuid(), title: z.string().nullable(), bodyName: z.string(), startsAt: z.string() }),
  workstream: z.object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    sro: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  }),
  asOf: date.describe("The meeting's date in England: the section shows the workstream as it stood then"),
  progress: z
    .object({ month: date, overallRag: z.enum(RAGS).nullable(), overallReason: z.string().nullable(), achievements: z.string(), nextPeriod: z.string() })
    .nullable(),
  milestonesAchieved: z.array(milestoneOutput).describe("Complete with the date achieved on or before asOf"),
  milestonesUpcoming: z.array(milestoneOutput).describe("Not achieved as of asOf, soonest expected first"),
  productsDelivered: z.array(productOutput),
  productsPlanned: z.array(productOutput),
  keyRisks: z.array(
    z.object({
      id: z.uuid(),
      reference: z.number().int(),
      title: z.string(),
      cause: z.string(),
      event: z.string(),
      effect: z.string(),
      ownerName: z.string().nullable(),
      score: z.object({ likelihood: z.number().int(), consequence: z.number().int(), score: z.number().int(), band: z.enum(BANDS) }),
      target: z.object({ score: z.number().int(), band: z.enum(BANDS) }),
      controls: z.string(),
      assurances: z.string(),
      actions: z.array(
        z.object({ id: z.uuid(), description: z.string(), ownerName: z.string(), dueOn: date.nullable(), status: z.string(), overdue: z.boolean() }),
      ),
      isExample: z.boolean(),
    }),
  ),
  otherOpenRisks: z.number().int(),
  issues: z.array(
    z.object({
      id: z.uuid(),
      reference: z.number().int(),
      title: z.string(),
      impact: z.string(),
      priority: z.enum(ISSUE_PRIORITIES),
      status: z.enum(ISSUE_STATUSES),
      ownerName: z.string().nullable(),
      resolution: z.string().nullable(),
    }),
  ),
  budget: z
    .object({
      planId: z.uuid(),
      financialYear: z.number().int(),
      financialYearLabel: z.string(),
      planStatus: z.enum(PLAN_STATUSES),
      monthsToDate: z.number().int(),
      plannedToDatePence: pence,
      actualToDatePence: pence,
      varianceToDatePence: pence,
      fullYearPlannedPence: pence,
      forecastOutturnPence: pence,
      variancePence: pence,
      isExample: z.boolean(),
    })
    .nullable()
    .describe("Against the plan of the financial year containing asOf; to date = the months before asOf's month"),
  contributions: z.array(z.object({ objectiveId: z.uuid(), objectiveTitle: z.string(), level: z.enum(CONTRIBUTION_LEVELS), rationale: z.string() })),
});

export const decisionEffectOutput = z.object({
  id: z.uuid(),
  kind: z.enum(DECISION_EFFECT_KINDS),
  note: z.string(),
  workstream: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  target: z
    .discriminatedUnion("type", [
      z.object({ type: z.literal("plan"), id: z.uuid(), financialYear: z.number().int(), financialYearLabel: z.string(), revision: z.number().int() }),
      z.object({ type: z.literal("milestone"), id: z.uuid(), title: z.string() }),
      z.object({ type: z.literal("risk"), id: z.uuid(), reference: z.number().int(), title: z.string() }),
    ])
    .nullable(),
  recordedAt: z.string(),
});

export const decisionEffectsOutput = z.object({ data: z.array(decisionEffectOutput) });
