import { boolean, index, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";

export const ORGANISATION_KINDS = [
  "ccg_icb",
  "nhs_trust",
  "foundation_trust",
  "local_authority",
  "primary_care_network",
  "voluntary_sector",
  "national_body",
  "other",
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const organisationKindEnum = pgEnum("organisation_kind", ORGANISATION_KINDS);

/** A partner organisation: a CCG or ICB, a trust, a council, a national body. */
export const organisations = pgTable(
  "organisations",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    name: text().notNull(),
    shortName: text(),
    kind: organisationKindEnum().notNull(),
    /** NHS Organisation Data Service code, where the organisation has one. */
    odsCode: text(),
    /** Set for demo data that was invented rather than taken from a public source. */
    isExample: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    index("organisations_name_idx").on(t.partnershipId, sql`lower(${t.name})`, t.id),
  ],
);

export type OrganisationRow = typeof organisations.$inferSelect;
