import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";

export const RAGS = ["red", "amber", "green"] as const;
export type Rag = (typeof RAGS)[number];
export const ragEnum = pgEnum("rag", RAGS);

export const HIGHLIGHT_REPORT_STATUSES = ["draft", "submitted", "returned", "reviewed"] as const;
export type HighlightReportStatus = (typeof HIGHLIGHT_REPORT_STATUSES)[number];
export const highlightReportStatusEnum = pgEnum("highlight_report_status", HIGHLIGHT_REPORT_STATUSES);

const reasonWhenNotGreen = (rag: AnyPgColumn, reason: AnyPgColumn) => sql`${rag} is null or ${rag} = 'green' or coalesce(btrim(${reason}), '') <> ''`;

/**
 * A workstream's monthly highlight report. Quorum drafts it from live data; the lead edits and
 * submits; the programme office reviews (or returns it). The reports themselves are the RAG history.
 */
export const highlightReports = pgTable(
  "highlight_reports",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    workstreamId: uuid().notNull(),
    /** The first day of the month reported on. */
    month: date().notNull(),
    status: highlightReportStatusEnum().notNull().default("draft"),
    overallRag: ragEnum(),
    overallReason: text(),
    scheduleRag: ragEnum(),
    scheduleReason: text(),
    financeRag: ragEnum(),
    financeReason: text(),
    riskRag: ragEnum(),
    riskReason: text(),
    achievements: text().notNull().default(""),
    nextPeriod: text().notNull().default(""),
    milestonesDue: text().notNull().default(""),
    escalations: text().notNull().default(""),
    isExample: boolean().notNull().default(false),
    submittedAt: timestamp({ withTimezone: true }),
    submittedByName: text(),
    reviewedAt: timestamp({ withTimezone: true }),
    reviewedByName: text(),
    reviewNote: text(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    uniqueIndex("highlight_reports_month_key").on(t.partnershipId, t.workstreamId, t.month),
    index("highlight_reports_month_idx").on(t.partnershipId, t.month),
    check("highlight_reports_first_day", sql`extract(day from ${t.month}) = 1`),
    check("highlight_reports_overall_reason", reasonWhenNotGreen(t.overallRag, t.overallReason)),
    check("highlight_reports_schedule_reason", reasonWhenNotGreen(t.scheduleRag, t.scheduleReason)),
    check("highlight_reports_finance_reason", reasonWhenNotGreen(t.financeRag, t.financeReason)),
    check("highlight_reports_risk_reason", reasonWhenNotGreen(t.riskRag, t.riskReason)),
    check(
      "highlight_reports_submitted_rated",
      sql`${t.status} = 'draft' or (${t.overallRag} is not null and ${t.scheduleRag} is not null and ${t.financeRag} is not null and ${t.riskRag} is not null)`,
    ),
  ],
);

export type HighlightReportRow = typeof highlightReports.$inferSelect;
