import { and, asc, desc, eq, inArray, isNull, like, max, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { meetings } from "../meetings/meetings.tables.ts";
import { boardUpdateVersions, boardUpdates, type BoardUpdateRow, type BoardUpdateStatus, type BoardUpdateVersionRow } from "./board-updates.tables.ts";

/** An update with the body it reports and the date of its meeting (a meeting's date is always public). */
export interface BoardUpdateView {
  update: BoardUpdateRow;
  body: { id: string; name: string; shortName: string | null; archivedAt: Date | null };
  meeting: { id: string; startsAt: Date; title: string | null };
}

/** What a viewer may list, worked out by the service from the policy and applied in the WHERE clause. */
export interface BoardUpdateVisibility {
  statuses: readonly BoardUpdateStatus[];
  includeArchivedBodies: boolean;
}

export interface BoardUpdateFilter {
  bodyId?: string | undefined;
  status?: BoardUpdateStatus | undefined;
}

/** Queries for board updates and their published versions, always scoped to one partnership. */
export function boardUpdatesRepository(db: Executor) {
  const columns = {
    update: boardUpdates,
    body: { id: bodies.id, name: bodies.name, shortName: bodies.shortName, archivedAt: bodies.archivedAt },
    meeting: { id: meetings.id, startsAt: meetings.startsAt, title: meetings.title },
  };

  const base = () =>
    db
      .select(columns)
      .from(boardUpdates)
      .innerJoin(bodies, and(eq(bodies.partnershipId, boardUpdates.partnershipId), eq(bodies.id, boardUpdates.bodyId)))
      .innerJoin(meetings, and(eq(meetings.partnershipId, boardUpdates.partnershipId), eq(meetings.id, boardUpdates.meetingId)));

  function visible(partnershipId: string, v: BoardUpdateVisibility, f: BoardUpdateFilter = {}): SQL[] {
    const conditions: SQL[] = [eq(boardUpdates.partnershipId, partnershipId), inArray(boardUpdates.status, [...v.statuses])];
    if (!v.includeArchivedBodies) conditions.push(isNull(bodies.archivedAt));
    if (f.bodyId) conditions.push(eq(boardUpdates.bodyId, f.bodyId));
    if (f.status) conditions.push(eq(boardUpdates.status, f.status));
    return conditions;
  }

  return {
    /** A page (limit + 1 rows): published updates newest first by first publication, drafts by their meeting. */
    async list(partnershipId: string, v: BoardUpdateVisibility, f: BoardUpdateFilter, page: number, limit: number): Promise<BoardUpdateView[]> {
      return base()
        .where(and(...visible(partnershipId, v, f)))
        .orderBy(sql`coalesce(${boardUpdates.firstPublishedAt}, ${meetings.startsAt}) desc`, desc(boardUpdates.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
    },

    async find(partnershipId: string, id: string): Promise<BoardUpdateView | undefined> {
      const [row] = await base().where(and(eq(boardUpdates.partnershipId, partnershipId), eq(boardUpdates.id, id)));
      return row;
    },

    async findBySlug(partnershipId: string, slug: string): Promise<BoardUpdateView | undefined> {
      const [row] = await base().where(and(eq(boardUpdates.partnershipId, partnershipId), eq(boardUpdates.slug, slug)));
      return row;
    },

    async findRow(partnershipId: string, id: string): Promise<BoardUpdateRow | undefined> {
      const [row] = await db
        .select()
        .from(boardUpdates)
        .where(and(eq(boardUpdates.partnershipId, partnershipId), eq(boardUpdates.id, id)));
      return row;
    },

    async findForMeeting(partnershipId: string, meetingId: string): Promise<BoardUpdateRow | undefined> {
      const [row] = await db
        .select()
        .from(boardUpdates)
        .where(and(eq(boardUpdates.partnershipId, partnershipId), eq(boardUpdates.meetingId, meetingId)));
      return row;
    },

    /** Which of these meetings already have an update. */
    async meetingsWithUpdates(partnershipId: string, meetingIds: string[]): Promise<Set<string>> {
      if (meetingIds.length === 0) return new Set();
      const rows = await db
        .select({ meetingId: boardUpdates.meetingId })
        .from(boardUpdates)
        .where(and(eq(boardUpdates.partnershipId, partnershipId), inArray(boardUpdates.meetingId, meetingIds)));
      return new Set(rows.map((r) => r.meetingId));
    },

    /** Slugs in use that start with `base` (to pick the first free one). */
    async slugsLike(partnershipId: string, base: string): Promise<Set<string>> {
      const escaped = base.replace(/[\\%_]/g, (c) => `\\${c}`);
      const rows = await db
        .select({ slug: boardUpdates.slug })
        .from(boardUpdates)
        .where(and(eq(boardUpdates.partnershipId, partnershipId), like(boardUpdates.slug, `${escaped}%`)));
      return new Set(rows.map((r) => r.slug));
    },

    async insert(values: typeof boardUpdates.$inferInsert): Promise<BoardUpdateRow> {
      const [row] = await db.insert(boardUpdates).values(values).returning();
      return row!;
    },

    /** Writes the changes if the stored version is still `version`; undefined when it is not (a stale write). */
    async update(
      partnershipId: string,
      id: string,
      version: number,
      changes: Partial<Pick<BoardUpdateRow, "title" | "markdown" | "status" | "firstPublishedAt" | "lastPublishedAt">>,
    ): Promise<BoardUpdateRow | undefined> {
      const [row] = await db
        .update(boardUpdates)
        .set({ ...changes, version: sql`${boardUpdates.version} + 1`, updatedAt: new Date() })
        .where(and(eq(boardUpdates.partnershipId, partnershipId), eq(boardUpdates.id, id), eq(boardUpdates.version, version)))
        .returning();
      return row;
    },

    /** Every published version of an update, oldest first. */
    async versions(partnershipId: string, boardUpdateId: string): Promise<BoardUpdateVersionRow[]> {
      return db
        .select()
        .from(boardUpdateVersions)
        .where(and(eq(boardUpdateVersions.partnershipId, partnershipId), eq(boardUpdateVersions.boardUpdateId, boardUpdateId)))
        .orderBy(asc(boardUpdateVersions.number));
    },

    /** The latest published version of each update. */
    async latestVersions(partnershipId: string, boardUpdateIds: string[]): Promise<Map<string, BoardUpdateVersionRow>> {
      if (boardUpdateIds.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([boardUpdateVersions.boardUpdateId])
        .from(boardUpdateVersions)
        .where(and(eq(boardUpdateVersions.partnershipId, partnershipId), inArray(boardUpdateVersions.boardUpdateId, boardUpdateIds)))
        .orderBy(boardUpdateVersions.boardUpdateId, desc(boardUpdateVersions.number));
      return new Map(rows.map((r) => [r.boardUpdateId, r]));
    },

    async nextVersionNumber(partnershipId: string, boardUpdateId: string): Promise<number> {
      const [row] = await db
        .select({ n: max(boardUpdateVersions.number) })
        .from(boardUpdateVersions)
        .where(and(eq(boardUpdateVersions.partnershipId, partnershipId), eq(boardUpdateVersions.boardUpdateId, boardUpdateId)));
      return (row?.n ?? 0) + 1;
    },

    async insertVersion(values: typeof boardUpdateVersions.$inferInsert): Promise<BoardUpdateVersionRow> {
      const [row] = await db.insert(boardUpdateVersions).values(values).returning();
      return row!;
    },
  };
}

export type BoardUpdatesRepository = ReturnType<typeof boardUpdatesRepository>;
