import { sql } from "drizzle-orm";
import { foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { agendaItems } from "../meetings/meetings.tables.ts";

/** The minutes of one agenda item: what was discussed, what may be published, the outcome. */
export const itemMinutes = pgTable(
  "item_minutes",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    agendaItemId: uuid().notNull(),
    discussion: text().notNull().default(""),
    /** What may be published; for a Part II item it stays unpublished whatever it says. */
    publicSummary: text().notNull().default(""),
    outcome: text().notNull().default(""),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.agendaItemId] }),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }).onDelete("cascade"),
    // Full-text search: what the public may read (public summary and outcome), and the insiders' discussion record.
    // Queries must use the same expressions, with the literal 'english' configuration.
    index("item_minutes_public_search_idx").using("gin", sql`to_tsvector('english', ${t.publicSummary} || ' ' || ${t.outcome})`),
    index("item_minutes_discussion_search_idx").using("gin", sql`to_tsvector('english', ${t.discussion})`),
  ],
);
