import { sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";

/** The tenant: one health and care partnership (an STP or ICS). A Citus reference table. */
export const partnerships = pgTable(
  "partnerships",
  {
    id: idColumn().primaryKey(),
    slug: text().notNull(),
    name: text().notNull(),
    shortName: text().notNull(),
    /** Month (1–12) the financial year starts; April in the NHS. */
    financialYearStartMonth: integer().notNull().default(4),
    /** Host names that serve this partnership (lower case); the default partnership answers any other. */
    hostnames: text().array().notNull().default(sql`'{}'::text[]`),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    uniqueIndex("partnerships_slug_key").on(t.slug),
    check("partnerships_fy_month", sql`${t.financialYearStartMonth} between 1 and 12`),
  ],
);

/** What the partnership exists to achieve: for an STP the three national gaps; ICSs use four purposes. */
export const partnershipObjectives = pgTable(
  "partnership_objectives",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.id] })],
);

export type PartnershipRow = typeof partnerships.$inferSelect;
export type PartnershipObjectiveRow = typeof partnershipObjectives.$inferSelect;
export const partnershipIdRef = () => uuid().notNull().references(() => partnerships.id);
