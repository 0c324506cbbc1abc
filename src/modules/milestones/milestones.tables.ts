import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { plans } from "../plans/plans.tables.ts";

export const MILESTONE_STATUSES = ["not_started", "on_track", "at_risk", "late", "complete"] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];
export const milestoneStatusEnum = pgEnum("milestone_status", MILESTONE_STATUSES);

/** A dated point of progress; slippage (forecast or actual against baseline, in days) is derived. */
export const milestones = pgTable(
  "milestones",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    workstreamId: uuid().notNull(),
    planId: uuid(),
    title: text().notNull(),
    description: text().notNull().default(""),
    baselineOn: date().notNull(),
    forecastOn: date(),
    actualOn: date(),
    status: milestoneStatusEnum().notNull().default("not_started"),
    position: integer().notNull().default(0),
    isExample: boolean().notNull().default(false),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    foreignKey({ columns: [t.partnershipId, t.planId], foreignColumns: [plans.partnershipId, plans.id] }),
    index("milestones_workstream_idx").on(t.partnershipId, t.workstreamId, t.baselineOn),
    index("milestones_due_idx").on(t.partnershipId, t.forecastOn).where(sql`${t.status} <> 'complete'`),
    check("milestones_complete_has_actual", sql`${t.status} <> 'complete' or ${t.actualOn} is not null`),
  ],
);

export const PRODUCT_STATUSES = ["planned", "delivered"] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];
export const productStatusEnum = pgEnum("product_status", PRODUCT_STATUSES);

/** Something a workstream delivers (a service, a conference, a workbook), with evidence once delivered. */
export const products = pgTable(
  "products",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    workstreamId: uuid().notNull(),
    planId: uuid(),
    title: text().notNull(),
    description: text().notNull().default(""),
    status: productStatusEnum().notNull().default("planned"),
    plannedOn: date(),
    deliveredOn: date(),
    /** A link to the evidence of delivery (report, web page, paper). */
    evidenceUrl: text(),
    isExample: boolean().notNull().default(false),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    foreignKey({ columns: [t.partnershipId, t.planId], foreignColumns: [plans.partnershipId, plans.id] }),
    index("products_workstream_idx").on(t.partnershipId, t.workstreamId, t.deliveredOn),
    check("products_delivered_has_date", sql`${t.status} <> 'delivered' or ${t.deliveredOn} is not null`),
  ],
);

export type MilestoneRow = typeof milestones.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
