import { and, asc, desc, eq, inArray, isNull, like, max, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { headline, webQuery } from "../../platform/db/text-search.ts";
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

/** An update found by site-wide search: the text the viewer reads (the latest publication, or a draft's working copy). */
export interface BoardUpdateSearchRow {
  id: string;
  slug: string;
  title: string;
  status: BoardUpdateStatus;
  firstPublishedAt: Date | null;
  meetingId: string;
  startsAt: Date;
  bodyId: string;
  bodyName: string;
  rank: number;
  snippet: string;
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

    /**
     * Site-wide search, best match first, then newest. A published update is searched in its latest
     * published version (what everyone reads, never the working copy's unpublished changes); a draft
     * in its working copy, when the viewer may see drafts. The vectors are the expressions of
     * board_update_versions_search_idx and board_updates_search_idx; only the page's rows get a snippet.
     */
    async search(partnershipId: string, v: BoardUpdateVisibility, q: string, limit: number, offset: number): Promise<BoardUpdateSearchRow[]> {
      const query = webQuery(q);
      const archived = v.includeArchivedBodies ? sql`` : sql`and b.archived_at is null`;
      const branches: SQL[] = [];
      if (v.statuses.includes("published")) {
        branches.push(sql`
          select u.id, u.slug, ver.title, u.status, u.first_published_at, m.id as meeting_id, m.starts_at, b.id as body_id, b.name as body_name,
                 ver.title || ' ' || ver.markdown as document,
                 ts_rank(to_tsvector('english', ver.title || ' ' || ver.markdown), ${query}, 1) as rank,
                 coalesce(u.first_published_at, m.starts_at) as sort_date
          from board_update_versions ver
          join board_updates u on u.partnership_id = ver.partnership_id and u.id = ver.board_update_id
          join bodies b on b.partnership_id = u.partnership_id and b.id = u.body_id
          join meetings m on m.partnership_id = u.partnership_id and m.id = u.meeting_id
          where ver.partnership_id = ${partnershipId} and u.status = 'published' ${archived}
            and to_tsvector('english', ver.title || ' ' || ver.markdown) @@ ${query}
            and ver.number = (select max(latest.number) from board_update_versions latest
                              where latest.partnership_id = ver.partnership_id and latest.board_update_id = ver.board_update_id)`);
      }
      if (v.statuses.includes("draft")) {
        branches.push(sql`
          select u.id, u.slug, u.title, u.status, u.first_published_at, m.id as meeting_id, m.starts_at, b.id as body_id, b.name as body_name,
                 u.title || ' ' || u.markdown as document,
                 ts_rank(to_tsvector('english', u.title || ' ' || u.markdown), ${query}, 1) as rank,
                 coalesce(u.first_published_at, m.starts_at) as sort_date
          from board_updates u
          join bodies b on b.partnership_id = u.partnership_id and b.id = u.body_id
          join meetings m on m.partnership_id = u.partnership_id and m.id = u.meeting_id
          where u.partnership_id = ${partnershipId} and u.status = 'draft' ${archived}
            and to_tsvector('english', u.title || ' ' || u.markdown) @@ ${query}`);
      }
      if (branches.length === 0) return [];
      const result = await db.execute<{
        id: string;
        slug: string;
        title: string;
        status: BoardUpdateStatus;
        first_published_at: Date | string | null;
        meeting_id: string;
        starts_at: Date | string;
        body_id: string;
        body_name: string;
        rank: number;
        snippet: string;
      }>(sql`
        select hits.id, hits.slug, hits.title, hits.status, hits.first_published_at, hits.meeting_id, hits.starts_at, hits.body_id, hits.body_name,
               hits.rank, ${headline(sql`hits.document`, query)} as snippet
        from (${sql.join(branches, sql` union all `)} order by rank desc, sort_date desc, id limit ${limit} offset ${offset}) hits
        order by hits.rank desc, hits.sort_date desc, hits.id`);
      return result.rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        title: r.title,
        status: r.status,
        firstPublishedAt: r.first_published_at === null ? null : new Date(r.first_published_at),
        meetingId: r.meeting_id,
        startsAt: new Date(r.starts_at),
        bodyId: r.body_id,
        bodyName: r.body_name,
        rank: Number(r.rank),
        snippet: r.snippet,
      }));
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
