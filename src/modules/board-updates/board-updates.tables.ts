import { sql } from "drizzle-orm";
import { foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { meetings } from "../meetings/meetings.tables.ts";

export const BOARD_UPDATE_STATUSES = ["draft", "published"] as const;
export type BoardUpdateStatus = (typeof BOARD_UPDATE_STATUSES)[number];
export const boardUpdateStatusEnum = pgEnum("board_update_status", BOARD_UPDATE_STATUSES);

/**
 * The public update after a meeting ("Programme Board update"), drafted from the record and edited
 * by the secretary in Markdown. The working draft lives here; each publication is a version.
 */
export const boardUpdates = pgTable(
  "board_updates",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    meetingId: uuid().notNull(),
    bodyId: uuid().notNull(),
    /** Readable URL segment, unique in the partnership, e.g. "programme-board-update-5-march-2018". */
    slug: text().notNull(),
    title: text().notNull(),
    markdown: text().notNull(),
    status: boardUpdateStatusEnum().notNull().default("draft"),
    firstPublishedAt: timestamp({ withTimezone: true }),
    /** Set when a published update is corrected: shown as "updated on". */
    lastPublishedAt: timestamp({ withTimezone: true }),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    uniqueIndex("board_updates_meeting_key").on(t.partnershipId, t.meetingId),
    uniqueIndex("board_updates_slug_key").on(t.partnershipId, t.slug),
    foreignKey({ columns: [t.partnershipId, t.meetingId], foreignColumns: [meetings.partnershipId, meetings.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    index("board_updates_search_idx").using("gin", sql`to_tsvector('english', ${t.title} || ' ' || ${t.markdown})`),
    index("board_updates_published_idx").on(t.partnershipId, t.firstPublishedAt).where(sql`${t.status} = 'published'`),
  ],
);

/** Each publication of an update (the first, and every correction), kept for ever. */
export const boardUpdateVersions = pgTable(
  "board_update_versions",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    boardUpdateId: uuid().notNull(),
    number: integer().notNull(),
    title: text().notNull(),
    markdown: text().notNull(),
    /** Why it was corrected (empty for the first publication). */
    changeNote: text().notNull().default(""),
    publishedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedByName: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.boardUpdateId], foreignColumns: [boardUpdates.partnershipId, boardUpdates.id] }).onDelete("cascade"),
    uniqueIndex("board_update_versions_number_key").on(t.partnershipId, t.boardUpdateId, t.number),
    index("board_update_versions_search_idx").using("gin", sql`to_tsvector('english', ${t.title} || ' ' || ${t.markdown})`),
  ],
);

export type BoardUpdateRow = typeof boardUpdates.$inferSelect;
export type BoardUpdateVersionRow = typeof boardUpdateVersions.$inferSelect;
