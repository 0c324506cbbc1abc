import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../platform/db/client.ts";
import { auditEvents } from "../../platform/audit/audit.tables.ts";
import { diffSnapshots, type HistoryEntry } from "../../platform/audit/audit.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { agendaItems, meetings, type Confidentiality, type MeetingStatus } from "../meetings/meetings.tables.ts";
import { paperVersions, papers } from "./papers.tables.ts";

export type PaperRow = typeof papers.$inferSelect;
export type PaperVersionRow = typeof paperVersions.$inferSelect;

/** A paper version without its extracted text (long, and needed only for search): just its length, null when none was read. */
export type PaperVersionSummary = Omit<PaperVersionRow, "extractedText"> & { textLength: number | null };

/** An agenda item with what deciding who may see it (and its papers) needs: its meeting and body. */
export interface ItemContext {
  item: { id: string; title: string; parentItemId: string | null; confidentiality: Confidentiality };
  meeting: { id: string; title: string | null; startsAt: Date; status: MeetingStatus; agendaPublishedAt: Date | null };
  body: { id: string; name: string; shortName: string | null };
  bodyArchived: boolean;
}

export interface PaperFilter {
  meetingId?: string | undefined;
  agendaItemId?: string | undefined;
  /** Restricts to these items (the agenda page asks for all its items at once). */
  itemIds?: readonly string[] | undefined;
  /** Current papers only (the default), archived ones only, or both. */
  status?: "current" | "archived" | "all" | undefined;
}

/**
 * What the viewer may see, as query conditions: it mirrors confidentiality.ts (Part II only for
 * those entitled; the public only once the agenda is published) and is checked again row by row.
 */
export interface PaperVisibility {
  part2: boolean;
  insider: boolean;
}

const parentItems = alias(agendaItems, "parent_items");

/** The stages at which the public sees a meeting's Part I agenda and papers (see confidentiality.ts maySeeAgenda). */
const PUBLISHED_STATUSES: MeetingStatus[] = ["agenda_published", "held", "minutes_drafted", "minutes_approved"];

const versionSummaryColumns = (() => {
  const { extractedText: _text, ...rest } = getTableColumns(paperVersions);
  return {
    ...rest,
    textLength: sql<number | null>`length(${paperVersions.extractedText})`.mapWith((v: unknown) => (v === null ? null : Number(v))).as("text_length"),
  };
})();

const itemContextColumns = {
  item: { id: agendaItems.id, title: agendaItems.title, parentItemId: agendaItems.parentItemId, confidentiality: agendaItems.confidentiality },
  parentConfidentiality: parentItems.confidentiality,
  meeting: { id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status, agendaPublishedAt: meetings.agendaPublishedAt },
  body: { id: bodies.id, name: bodies.name, shortName: bodies.shortName },
  bodyArchivedAt: bodies.archivedAt,
};

/** The latest version number of the paper in the outer query (uses paper_versions_number_key). */
const currentVersionNumber = sql`(select max(pv.version_number) from ${paperVersions} pv where pv.partnership_id = ${papers.partnershipId} and pv.paper_id = ${papers.id})`;

function toItemContext(row: {
  item: ItemContext["item"];
  parentConfidentiality: Confidentiality | null;
  meeting: ItemContext["meeting"];
  body: ItemContext["body"];
  bodyArchivedAt: Date | null;
}): ItemContext {
  // A sub-item of a Part II item is treated as Part II whatever it says itself.
  const confidentiality: Confidentiality = row.parentConfidentiality === "part_2" ? "part_2" : row.item.confidentiality;
  return { item: { ...row.item, confidentiality }, meeting: row.meeting, body: row.body, bodyArchived: row.bodyArchivedAt !== null };
}

/** Query conditions that keep rows the viewer may not see out of lists, before the per-row check. */
function visibilityConditions(v: PaperVisibility): SQL[] {
  const conditions: SQL[] = [];
  if (!v.part2) {
    conditions.push(eq(agendaItems.confidentiality, "part_1"), or(isNull(parentItems.confidentiality), eq(parentItems.confidentiality, "part_1"))!);
  }
  if (!v.insider) {
    conditions.push(
      or(inArray(meetings.status, PUBLISHED_STATUSES), and(eq(meetings.status, "postponed"), isNotNull(meetings.agendaPublishedAt)))!,
      isNull(bodies.archivedAt),
      isNull(papers.archivedAt),
    );
  }
  return conditions;
}

/** How the history names the upload of a version. */
function uploadedLabel(versionNumber: unknown): string {
  return typeof versionNumber === "number" ? `Uploaded version ${versionNumber}` : "Uploaded a version";
}

/** Queries for papers and their versions, always scoped to one partnership. */
export function papersRepository(db: Executor) {
  /** Joins an agenda item (aliased as the base of the query) to its parent item, meeting and body. */
  function itemContextQuery() {
    return db
      .select(itemContextColumns)
      .from(agendaItems)
      .leftJoin(parentItems, and(eq(parentItems.partnershipId, agendaItems.partnershipId), eq(parentItems.id, agendaItems.parentItemId)))
      .innerJoin(meetings, and(eq(meetings.partnershipId, agendaItems.partnershipId), eq(meetings.id, agendaItems.meetingId)))
      .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)));
  }

  return {
    /** An agenda item with its meeting and body, for deciding who may see it and attach papers to it. */
    async findItemContext(partnershipId: string, itemId: string): Promise<ItemContext | undefined> {
      const [row] = await itemContextQuery().where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, itemId)));
      return row ? toItemContext(row) : undefined;
    },

    /** A paper with its item, meeting and body. */
    async find(partnershipId: string, id: string): Promise<{ paper: PaperRow; context: ItemContext } | undefined> {
      const [row] = await db
        .select({ paper: papers, ...itemContextColumns })
        .from(papers)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, papers.partnershipId), eq(agendaItems.id, papers.agendaItemId)))
        .leftJoin(parentItems, and(eq(parentItems.partnershipId, agendaItems.partnershipId), eq(parentItems.id, agendaItems.parentItemId)))
        .innerJoin(meetings, and(eq(meetings.partnershipId, agendaItems.partnershipId), eq(meetings.id, agendaItems.meetingId)))
        .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)))
        .where(and(eq(papers.partnershipId, partnershipId), eq(papers.id, id)));
      return row ? { paper: row.paper, context: toItemContext(row) } : undefined;
    },

    /** Locks the paper's row until the transaction ends, so version numbers are given out one at a time. */
    async findForUpdate(partnershipId: string, id: string): Promise<PaperRow | undefined> {
      const [row] = await db
        .select()
        .from(papers)
        .where(and(eq(papers.partnershipId, partnershipId), eq(papers.id, id)))
        .for("update");
      return row;
    },

    /**
     * A page (limit + 1 rows) of papers with their current version, in agenda order then the
     * papers' own order; rows the viewer may not see are left out by the query.
     */
    async list(partnershipId: string, filter: PaperFilter, visibility: PaperVisibility, page: number, limit: number) {
      const conditions: SQL[] = [
        eq(papers.partnershipId, partnershipId),
        eq(paperVersions.versionNumber, currentVersionNumber),
        ...visibilityConditions(visibility),
      ];
      if (filter.meetingId) conditions.push(eq(agendaItems.meetingId, filter.meetingId));
      if (filter.agendaItemId) conditions.push(eq(papers.agendaItemId, filter.agendaItemId));
      if (filter.itemIds) conditions.push(inArray(papers.agendaItemId, [...filter.itemIds]));
      if ((filter.status ?? "current") === "current") conditions.push(isNull(papers.archivedAt));
      if (filter.status === "archived") conditions.push(isNotNull(papers.archivedAt));
      const rows = await db
        .select({ paper: papers, current: versionSummaryColumns, ...itemContextColumns })
        .from(papers)
        .innerJoin(paperVersions, and(eq(paperVersions.partnershipId, papers.partnershipId), eq(paperVersions.paperId, papers.id)))
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, papers.partnershipId), eq(agendaItems.id, papers.agendaItemId)))
        .leftJoin(parentItems, and(eq(parentItems.partnershipId, agendaItems.partnershipId), eq(parentItems.id, agendaItems.parentItemId)))
        .innerJoin(meetings, and(eq(meetings.partnershipId, agendaItems.partnershipId), eq(meetings.id, agendaItems.meetingId)))
        .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)))
        .where(and(...conditions))
        .orderBy(desc(meetings.startsAt), asc(agendaItems.position), asc(papers.agendaItemId), asc(papers.position), asc(papers.createdAt), asc(papers.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map((r) => ({ paper: r.paper, current: r.current, context: toItemContext(r) }));
    },

    /** Every version of a paper, newest first, without the extracted text. */
    async listVersions(partnershipId: string, paperId: string): Promise<PaperVersionSummary[]> {
      const rows = await db
        .select(versionSummaryColumns)
        .from(paperVersions)
        .where(and(eq(paperVersions.partnershipId, partnershipId), eq(paperVersions.paperId, paperId)))
        .orderBy(desc(paperVersions.versionNumber));
      return rows;
    },

    /** One version by number, or the newest when no number is given. */
    async findVersion(partnershipId: string, paperId: string, versionNumber?: number): Promise<PaperVersionSummary | undefined> {
      const [row] = await db
        .select(versionSummaryColumns)
        .from(paperVersions)
        .where(
          and(
            eq(paperVersions.partnershipId, partnershipId),
            eq(paperVersions.paperId, paperId),
            versionNumber === undefined ? undefined : eq(paperVersions.versionNumber, versionNumber),
          ),
        )
        .orderBy(desc(paperVersions.versionNumber))
        .limit(1);
      return row;
    },

    async nextVersionNumber(partnershipId: string, paperId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`coalesce(max(${paperVersions.versionNumber}), 0) + 1`.mapWith(Number) })
        .from(paperVersions)
        .where(and(eq(paperVersions.partnershipId, partnershipId), eq(paperVersions.paperId, paperId)));
      return row?.n ?? 1;
    },

    /** The position after the item's last paper, so a new paper goes to the end. */
    async nextPosition(partnershipId: string, agendaItemId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`coalesce(max(${papers.position}), -1) + 1`.mapWith(Number) })
        .from(papers)
        .where(and(eq(papers.partnershipId, partnershipId), eq(papers.agendaItemId, agendaItemId)));
      return row?.n ?? 0;
    },

    /** Serialises additions of papers to one item, so positions stay distinct. */
    async lockItem(partnershipId: string, agendaItemId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`quorum:item-papers:${partnershipId}:${agendaItemId}`}, 0))`);
    },

    async insert(values: typeof papers.$inferInsert): Promise<PaperRow> {
      const [row] = await db.insert(papers).values(values).returning();
      return row!;
    },

    async insertVersion(values: typeof paperVersions.$inferInsert): Promise<PaperVersionRow> {
      const [row] = await db.insert(paperVersions).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof papers.$inferInsert>): Promise<PaperRow | undefined> {
      const [row] = await db
        .update(papers)
        .set({ ...values, updatedAt: new Date(), version: sql`${papers.version} + 1` })
        .where(and(eq(papers.partnershipId, partnershipId), eq(papers.id, id), eq(papers.version, expectedVersion)))
        .returning();
      return row;
    },

    /** The audit trail of a paper and its versions, newest first. */
    async history(partnershipId: string, paperId: string, limit = 200): Promise<HistoryEntry[]> {
      const rows = await db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.partnershipId, partnershipId),
            or(
              and(eq(auditEvents.recordType, "paper"), eq(auditEvents.recordId, paperId)),
              and(
                eq(auditEvents.recordType, "paper_version"),
                inArray(
                  auditEvents.recordId,
                  db
                    .select({ id: paperVersions.id })
                    .from(paperVersions)
                    .where(and(eq(paperVersions.partnershipId, partnershipId), eq(paperVersions.paperId, paperId))),
                ),
              ),
            ),
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(limit);
      return rows.map((r) => ({
        id: r.id,
        occurredAt: r.occurredAt,
        actorName: r.actorName,
        action: r.recordType === "paper_version" && r.action === "create" ? uploadedLabel(r.after?.versionNumber) : r.action,
        changes: diffSnapshots(r.before ?? null, r.after ?? null),
      }));
    },
  };
}

export type PapersRepository = ReturnType<typeof papersRepository>;
