import { foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { users } from "../accounts/accounts.tables.ts";
import { agendaItems } from "../meetings/meetings.tables.ts";

/** A paper attached to an agenda item; its Part I/II comes from the item. Versions hold the files. */
export const papers = pgTable(
  "papers",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    agendaItemId: uuid().notNull(),
    title: text().notNull(),
    position: integer().notNull().default(0),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }),
    index("papers_item_idx").on(t.partnershipId, t.agendaItemId, t.position),
  ],
);

export const PAPER_FORMATS = ["pdf", "docx", "xlsx", "pptx", "odt"] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

export const paperFormatEnum = pgEnum("paper_format", PAPER_FORMATS);

/** One uploaded file of a paper; the newest is current. Files are stored by SHA-256 in the FileStore. */
export const paperVersions = pgTable(
  "paper_versions",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    paperId: uuid().notNull(),
    versionNumber: integer().notNull(),
    fileName: text().notNull(),
    format: paperFormatEnum().notNull(),
    mediaType: text().notNull(),
    sizeBytes: integer().notNull(),
    sha256: text().notNull(),
    /** Plain text of PDF and DOCX papers, for search. */
    extractedText: text(),
    pageCount: integer(),
    uploadedByUserId: uuid().references(() => users.id),
    uploadedByName: text().notNull(),
    uploadedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.paperId], foreignColumns: [papers.partnershipId, papers.id] }),
    uniqueIndex("paper_versions_number_key").on(t.partnershipId, t.paperId, t.versionNumber),
  ],
);
