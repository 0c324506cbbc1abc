import { boolean, foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { users } from "../accounts/accounts.tables.ts";

/** Someone in the partnership's directory: a board member, a lead, a presenter. Not necessarily a user. */
export const people = pgTable(
  "people",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    name: text().notNull(),
    jobTitle: text(),
    organisationId: uuid(),
    /** Personal data: shown only to signed-in users of the partnership. */
    email: text(),
    /** Set for demo data whose e-mail or details were invented. */
    isExample: boolean().notNull().default(false),
    userId: uuid().references(() => users.id),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    // Composite key: a person can only belong to an organisation of the same partnership.
    foreignKey({ columns: [t.partnershipId, t.organisationId], foreignColumns: [organisations.partnershipId, organisations.id] }),
    index("people_name_idx").on(t.partnershipId, sql`lower(${t.name})`, t.id),
    index("people_organisation_idx").on(t.partnershipId, t.organisationId),
  ],
);

export type PersonRow = typeof people.$inferSelect;
