import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";

export const PLAN_STATUSES = ["draft", "submitted", "approved", "revised"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const planStatusEnum = pgEnum("plan_status", PLAN_STATUSES);

/**
 * A workstream's plan for one financial year. Revising an approved plan creates the next revision
 * (a copy) and marks the earlier one "revised", so every approved version is kept.
 */
export const plans = pgTable(
  "plans",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    workstreamId: uuid().notNull(),
    /** The calendar year the financial year starts in: 2018 is 2018/19 (April 2018 – March 2019). */
    financialYear: integer().notNull(),
    revision: integer().notNull().default(1),
    status: planStatusEnum().notNull().default("draft"),
    /** What the workstream will achieve this year. */
    objectives: text().notNull().default(""),
    /** Products the workstream plans to deliver this year (one per line, or prose). */
    plannedProducts: text().notNull().default(""),
    /** True for demo or illustrative figures (the seeds give none), shown as "example" on every page. */
    isExample: boolean().notNull().default(false),
    submittedAt: timestamp({ withTimezone: true }),
    approvedOn: date(),
    /** The board decision that approved this plan and its budget. */
    approvedByDecisionId: uuid(),
    revisedFromPlanId: uuid(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    foreignKey({ columns: [t.partnershipId, t.approvedByDecisionId], foreignColumns: [decisions.partnershipId, decisions.id] }),
    foreignKey({ columns: [t.partnershipId, t.revisedFromPlanId], foreignColumns: [t.partnershipId, t.id] }),
    uniqueIndex("plans_revision_key").on(t.partnershipId, t.workstreamId, t.financialYear, t.revision),
    // One current plan per workstream and year; earlier revisions are kept as "revised".
    uniqueIndex("plans_current_key").on(t.partnershipId, t.workstreamId, t.financialYear).where(sql`${t.status} <> 'revised'`),
    index("plans_year_idx").on(t.partnershipId, t.financialYear),
    check("plans_financial_year", sql`${t.financialYear} between 2000 and 2100`),
    check("plans_approved_by", sql`${t.status} not in ('approved') or ${t.approvedOn} is not null`),
  ],
);

export const BUDGET_LINE_KINDS = ["revenue", "capital"] as const;
export type BudgetLineKind = (typeof BUDGET_LINE_KINDS)[number];
export const budgetLineKindEnum = pgEnum("budget_line_kind", BUDGET_LINE_KINDS);

/** A line of a plan's budget: revenue or capital, from one funding source. */
export const budgetLines = pgTable(
  "budget_lines",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    planId: uuid().notNull(),
    position: integer().notNull().default(0),
    description: text().notNull(),
    kind: budgetLineKindEnum().notNull(),
    fundingSource: text().notNull(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.planId], foreignColumns: [plans.partnershipId, plans.id] }).onDelete("cascade"),
    index("budget_lines_plan_idx").on(t.partnershipId, t.planId, t.position),
  ],
);

/**
 * One month of a budget line, in integer pence (exact; never floating point): planned at approval,
 * actual once the month is closed, forecast for months not yet closed.
 */
export const budgetLineMonths = pgTable(
  "budget_line_months",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    budgetLineId: uuid().notNull(),
    /** The first day of the month. */
    month: date().notNull(),
    plannedPence: bigint({ mode: "number" }).notNull().default(0),
    actualPence: bigint({ mode: "number" }),
    forecastPence: bigint({ mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.budgetLineId, t.month] }),
    foreignKey({ columns: [t.partnershipId, t.budgetLineId], foreignColumns: [budgetLines.partnershipId, budgetLines.id] }).onDelete("cascade"),
    check("budget_line_months_first_day", sql`extract(day from ${t.month}) = 1`),
    // Within ±£90 billion keeps every sum exact in a JavaScript number (2^53 pence).
    check("budget_line_months_range", sql`abs(${t.plannedPence}) < 9000000000000 and abs(coalesce(${t.actualPence}, 0)) < 9000000000000 and abs(coalesce(${t.forecastPence}, 0)) < 9000000000000`),
  ],
);

export type PlanRow = typeof plans.$inferSelect;
export type BudgetLineRow = typeof budgetLines.$inferSelect;
export type BudgetLineMonthRow = typeof budgetLineMonths.$inferSelect;
