import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { englishVector, headline, rankOf, webQuery } from "../../platform/db/text-search.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { ancestorsVisible } from "../meetings/meetings.repository.ts";
import { agendaItems, meetings, type Confidentiality, type MeetingStatus, type MinutesStatus } from "../meetings/meetings.tables.ts";
import { itemMinutes } from "./minutes.tables.ts";

export type ItemMinutesRow = typeof itemMinutes.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** What of the minutes a viewer may search, worked out by the service from meetings/confidentiality.ts. */
export interface MinutesSearchVisibility {
  confidentialities: readonly Confidentiality[];
  /** The statuses of a meeting's minutes that let the viewer read them; "any" for insiders (drafts too). */
  minutesStatuses: readonly MinutesStatus[] | "any";
  /** Whether the discussion record is searched too (insiders), or only public summaries and outcomes. */
  discussion: boolean;
  includeArchivedBodies: boolean;
}

/** One item's minutes found by site-wide search, with a snippet whose matches are marked. */
export interface MinutesSearchRow {
  itemId: string;
  itemTitle: string;
  meetingId: string;
  meetingTitle: string | null;
  startsAt: Date;
  bodyId: string;
  bodyName: string;
  rank: number;
  snippet: string;
}

/**
 * Queries for minutes, always scoped to one partnership. The minutes of each item live in
 * item_minutes; the minutes of the meeting as a whole (their status and the decision that
 * approved them) are columns of the meeting, which this module alone changes.
 */
export function minutesRepository(db: Executor) {
  return {
    async listForItems(partnershipId: string, itemIds: readonly string[]): Promise<ItemMinutesRow[]> {
      if (itemIds.length === 0) return [];
      return db
        .select()
        .from(itemMinutes)
        .where(and(eq(itemMinutes.partnershipId, partnershipId), inArray(itemMinutes.agendaItemId, [...itemIds])));
    },

    /**
     * Site-wide search of minutes the viewer may read, best match first, then newest. The vectors
     * are the expressions of item_minutes_public_search_idx and item_minutes_discussion_search_idx;
     * only the page's rows get a snippet.
     */
    async search(partnershipId: string, v: MinutesSearchVisibility, q: string, limit: number, offset: number): Promise<MinutesSearchRow[]> {
      const query = webQuery(q);
      const publicText = sql`${itemMinutes.publicSummary} || ' ' || ${itemMinutes.outcome}`;
      const publicVector = englishVector(publicText);
      const readable = v.discussion ? sql`${itemMinutes.discussion} || ' ' || ${publicText}` : publicText;
      const conditions: SQL[] = [
        eq(itemMinutes.partnershipId, partnershipId),
        inArray(agendaItems.confidentiality, [...v.confidentialities]),
        ancestorsVisible(agendaItems, v.confidentialities),
      ];
      if (v.minutesStatuses !== "any") conditions.push(inArray(meetings.minutesStatus, [...v.minutesStatuses]));
      if (!v.includeArchivedBodies) conditions.push(isNull(bodies.archivedAt));
      const discussionVector = englishVector(sql`${itemMinutes.discussion}`);
      conditions.push(v.discussion ? or(sql`${publicVector} @@ ${query}`, sql`${discussionVector} @@ ${query}`)! : sql`${publicVector} @@ ${query}`);
      // Every column is aliased: the joined tables share column names (id, title), which a subquery may not repeat.
      const hits = db
        .select({
          itemId: sql<string>`${agendaItems.id}`.as("item_id"),
          itemTitle: sql<string>`${agendaItems.title}`.as("item_title"),
          meetingId: sql<string>`${meetings.id}`.as("meeting_id"),
          meetingTitle: sql<string | null>`${meetings.title}`.as("meeting_title"),
          startsAt: sql`${meetings.startsAt}`.mapWith(meetings.startsAt).as("starts_at"),
          bodyId: sql<string>`${bodies.id}`.as("body_id"),
          bodyName: sql<string>`${bodies.name}`.as("body_name"),
          readable: sql<string>`${readable}`.as("readable"),
          rank: rankOf(englishVector(readable), query).as("rank"),
        })
        .from(itemMinutes)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, itemMinutes.partnershipId), eq(agendaItems.id, itemMinutes.agendaItemId)))
        .innerJoin(meetings, and(eq(meetings.partnershipId, agendaItems.partnershipId), eq(meetings.id, agendaItems.meetingId)))
        .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)))
        .where(and(...conditions))
        .orderBy(desc(sql`rank`), desc(meetings.startsAt), asc(agendaItems.id))
        .limit(limit)
        .offset(offset)
        .as("hits");
      return db
        .select({
          itemId: hits.itemId,
          itemTitle: hits.itemTitle,
          meetingId: hits.meetingId,
          meetingTitle: hits.meetingTitle,
          startsAt: hits.startsAt,
          bodyId: hits.bodyId,
          bodyName: hits.bodyName,
          rank: hits.rank,
          snippet: headline(sql`${hits.readable}`, query),
        })
        .from(hits)
        .orderBy(desc(hits.rank), desc(hits.startsAt), asc(hits.itemId));
    },

    async find(partnershipId: string, agendaItemId: string): Promise<ItemMinutesRow | undefined> {
      const [row] = await db
        .select()
        .from(itemMinutes)
        .where(and(eq(itemMinutes.partnershipId, partnershipId), eq(itemMinutes.agendaItemId, agendaItemId)));
      return row;
    },

    /** The first minutes of an item; undefined means someone else wrote them first. */
    async insert(values: typeof itemMinutes.$inferInsert): Promise<ItemMinutesRow | undefined> {
      const [row] = await db.insert(itemMinutes).values(values).onConflictDoNothing().returning();
      return row;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(
      partnershipId: string,
      agendaItemId: string,
      expectedVersion: number,
      values: Partial<Pick<ItemMinutesRow, "discussion" | "publicSummary" | "outcome">>,
    ): Promise<ItemMinutesRow | undefined> {
      const [row] = await db
        .update(itemMinutes)
        .set({ ...values, updatedAt: new Date(), version: sql`${itemMinutes.version} + 1` })
        .where(and(eq(itemMinutes.partnershipId, partnershipId), eq(itemMinutes.agendaItemId, agendaItemId), eq(itemMinutes.version, expectedVersion)))
        .returning();
      return row;
    },

    /** The meeting row, locked until the transaction ends, so two status changes cannot interleave. */
    async lockMeeting(partnershipId: string, meetingId: string): Promise<MeetingRow | undefined> {
      const [row] = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)))
        .for("update");
      return row;
    },

    /** Sets the status of a meeting's minutes (and the meeting's own status with it). */
    async setMinutesStatus(
      partnershipId: string,
      meetingId: string,
      values: { minutesStatus: MinutesStatus; status: MeetingStatus; minutesApprovedByDecisionId?: string | null },
    ): Promise<MeetingRow> {
      const [row] = await db
        .update(meetings)
        .set({ ...values, updatedAt: new Date(), version: sql`${meetings.version} + 1` })
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)))
        .returning();
      return row!;
    },

    /** The meeting a decision was taken at (read inside the deciding transaction, so a new decision is seen). */
    async meetingOfDecision(
      partnershipId: string,
      decisionId: string,
    ): Promise<{ id: string; bodyId: string; startsAt: Date; title: string | null } | undefined> {
      const [row] = await db
        .select({ id: meetings.id, bodyId: meetings.bodyId, startsAt: meetings.startsAt, title: meetings.title })
        .from(decisions)
        .innerJoin(meetings, and(eq(meetings.partnershipId, decisions.partnershipId), eq(meetings.id, decisions.meetingId)))
        .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.id, decisionId)));
      return row;
    },
  };
}

export type MinutesRepository = ReturnType<typeof minutesRepository>;
