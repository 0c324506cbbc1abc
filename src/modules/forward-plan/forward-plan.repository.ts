import { and, asc, eq, gte, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../platform/db/client.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { agendaItems, meetings, type Confidentiality, type MeetingStatus } from "../meetings/meetings.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { forwardPlanEntries } from "./forward-plan.tables.ts";

export type ForwardPlanRow = typeof forwardPlanEntries.$inferSelect;

/** What of the source decisions a viewer may see (from meetings/confidentiality.ts, via the policy). */
export interface SourceVisibility {
  confidentialities: readonly Confidentiality[];
  meetingStatuses: readonly MeetingStatus[];
}

/** An entry with the names around it: target meeting, owner, source decision and the item it became. */
export interface ForwardPlanView {
  entry: ForwardPlanRow;
  targetMeeting: { id: string; title: string | null; startsAt: Date; status: MeetingStatus } | null;
  owner: { id: string; name: string } | null;
  source: { id: string; text: string; decidedOn: string; bodyId: string; bodyName: string; confidentiality: Confidentiality } | null;
  scheduledItem: { id: string; meetingId: string; title: string } | null;
}

/** Meetings that future business may target: coming meetings of the body, not cancelled. */
export const OPEN_MEETING_STATUSES: readonly MeetingStatus[] = ["planned", "agenda_published", "postponed"];

/** Queries for forward plans, always scoped to one partnership. */
export function forwardPlanRepository(db: Executor) {
  const target = alias(meetings, "target_meeting");
  const source = alias(decisions, "source_decision");
  const sourceItem = alias(agendaItems, "source_item");
  const sourceMeeting = alias(meetings, "source_meeting");
  const sourceBody = alias(bodies, "source_body");
  const scheduled = alias(agendaItems, "scheduled_item");

  function baseQuery() {
    return db
      .select({
        entry: forwardPlanEntries,
        targetId: target.id,
        targetTitle: target.title,
        targetStartsAt: target.startsAt,
        targetStatus: target.status,
        ownerId: people.id,
        ownerName: people.name,
        sourceId: source.id,
        sourceText: source.text,
        sourceDecidedOn: source.decidedOn,
        sourceBodyId: sourceBody.id,
        sourceBodyName: sourceBody.name,
        sourceConfidentiality: sourceItem.confidentiality,
        scheduledId: scheduled.id,
        scheduledMeetingId: scheduled.meetingId,
        scheduledTitle: scheduled.title,
      })
      .from(forwardPlanEntries)
      .leftJoin(target, and(eq(target.partnershipId, forwardPlanEntries.partnershipId), eq(target.id, forwardPlanEntries.targetMeetingId)))
      .leftJoin(people, and(eq(people.partnershipId, forwardPlanEntries.partnershipId), eq(people.id, forwardPlanEntries.ownerPersonId)))
      .leftJoin(source, and(eq(source.partnershipId, forwardPlanEntries.partnershipId), eq(source.id, forwardPlanEntries.sourceDecisionId)))
      .leftJoin(sourceItem, and(eq(sourceItem.partnershipId, source.partnershipId), eq(sourceItem.id, source.agendaItemId)))
      .leftJoin(sourceMeeting, and(eq(sourceMeeting.partnershipId, source.partnershipId), eq(sourceMeeting.id, source.meetingId)))
      .leftJoin(sourceBody, and(eq(sourceBody.partnershipId, source.partnershipId), eq(sourceBody.id, source.bodyId)))
      .leftJoin(scheduled, and(eq(scheduled.partnershipId, forwardPlanEntries.partnershipId), eq(scheduled.id, forwardPlanEntries.scheduledAgendaItemId)));
  }

  type Raw = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];
  const toView = (r: Raw): ForwardPlanView => ({
    entry: r.entry,
    targetMeeting:
      r.targetId && r.targetStartsAt && r.targetStatus ? { id: r.targetId, title: r.targetTitle, startsAt: r.targetStartsAt, status: r.targetStatus } : null,
    owner: r.ownerId && r.ownerName !== null ? { id: r.ownerId, name: r.ownerName } : null,
    source:
      r.sourceId && r.sourceText !== null && r.sourceDecidedOn && r.sourceBodyId && r.sourceBodyName !== null && r.sourceConfidentiality
        ? {
            id: r.sourceId,
            text: r.sourceText,
            decidedOn: r.sourceDecidedOn,
            bodyId: r.sourceBodyId,
            bodyName: r.sourceBodyName,
            confidentiality: r.sourceConfidentiality,
          }
        : null,
    scheduledItem:
      r.scheduledId && r.scheduledMeetingId && r.scheduledTitle !== null
        ? { id: r.scheduledId, meetingId: r.scheduledMeetingId, title: r.scheduledTitle }
        : null,
  });

  /**
   * An entry from a recommendation is visible only with its source decision, and one scheduled
   * onto an agenda item only with that item's part (Part II stays Part II).
   */
  function sourceVisible(v: SourceVisibility): SQL {
    return and(
      or(
        isNull(forwardPlanEntries.sourceDecisionId),
        and(inArray(sourceItem.confidentiality, [...v.confidentialities]), inArray(sourceMeeting.status, [...v.meetingStatuses])),
      ),
      or(isNull(forwardPlanEntries.scheduledAgendaItemId), inArray(scheduled.confidentiality, [...v.confidentialities])),
    )!;
  }

  // Ordered by target: the meeting's day in England, or the target month; entries with neither last.
  const byTarget = [
    asc(sql`coalesce((${target.startsAt} at time zone 'Europe/London')::date, ${forwardPlanEntries.targetMonth})`),
    asc(forwardPlanEntries.createdAt),
    asc(forwardPlanEntries.id),
  ];

  return {
    /** A body's current entries, by target (limit + 1 rows tell whether there is more). */
    async list(partnershipId: string, bodyId: string, v: SourceVisibility, filter: { scheduled?: boolean | undefined }, page: number, limit: number) {
      const conditions: SQL[] = [
        eq(forwardPlanEntries.partnershipId, partnershipId),
        eq(forwardPlanEntries.bodyId, bodyId),
        isNull(forwardPlanEntries.archivedAt),
        sourceVisible(v),
      ];
      if (filter.scheduled === true) conditions.push(isNotNull(forwardPlanEntries.scheduledAgendaItemId));
      if (filter.scheduled === false) conditions.push(isNull(forwardPlanEntries.scheduledAgendaItemId));
      const rows = await baseQuery()
        .where(and(...conditions))
        .orderBy(...byTarget)
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(toView);
    },

    /** One entry with its context, whoever may see it (the service applies the policy). */
    async findView(partnershipId: string, id: string, v: SourceVisibility): Promise<ForwardPlanView | undefined> {
      const [row] = await baseQuery().where(and(eq(forwardPlanEntries.partnershipId, partnershipId), eq(forwardPlanEntries.id, id), sourceVisible(v)));
      return row ? toView(row) : undefined;
    },

    async find(partnershipId: string, id: string): Promise<ForwardPlanRow | undefined> {
      const [row] = await db
        .select()
        .from(forwardPlanEntries)
        .where(and(eq(forwardPlanEntries.partnershipId, partnershipId), eq(forwardPlanEntries.id, id)));
      return row;
    },

    async findBody(partnershipId: string, bodyId: string) {
      const [row] = await db
        .select({ id: bodies.id, name: bodies.name, archivedAt: bodies.archivedAt, meetsInPublic: bodies.meetsInPublic })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.id, bodyId)));
      return row;
    },

    async findMeeting(partnershipId: string, meetingId: string) {
      const [row] = await db
        .select({ id: meetings.id, bodyId: meetings.bodyId, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
        .from(meetings)
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)));
      return row;
    },

    async personExists(partnershipId: string, personId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, personId), isNull(people.archivedAt)));
      return row !== undefined;
    },

    /** The confidentiality of a decision's agenda item (a recommendation's entry inherits Part II). */
    async sourceConfidentiality(partnershipId: string, decisionId: string): Promise<Confidentiality | undefined> {
      const [row] = await db
        .select({ confidentiality: agendaItems.confidentiality })
        .from(decisions)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, decisions.partnershipId), eq(agendaItems.id, decisions.agendaItemId)))
        .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.id, decisionId)));
      return row?.confidentiality;
    },

    /** Coming meetings of a body that business can be planned for or put on, soonest first. */
    async openMeetings(partnershipId: string, bodyId: string, from: Date) {
      return db
        .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status })
        .from(meetings)
        .where(
          and(
            eq(meetings.partnershipId, partnershipId),
            eq(meetings.bodyId, bodyId),
            gte(meetings.startsAt, from),
            inArray(meetings.status, [...OPEN_MEETING_STATUSES]),
          ),
        )
        .orderBy(asc(meetings.startsAt))
        .limit(60);
    },

    async insert(values: typeof forwardPlanEntries.$inferInsert): Promise<ForwardPlanRow> {
      const [row] = await db.insert(forwardPlanEntries).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof forwardPlanEntries.$inferInsert>,
    ): Promise<ForwardPlanRow | undefined> {
      const [row] = await db
        .update(forwardPlanEntries)
        .set({ ...values, updatedAt: new Date(), version: sql`${forwardPlanEntries.version} + 1` })
        .where(and(eq(forwardPlanEntries.partnershipId, partnershipId), eq(forwardPlanEntries.id, id), eq(forwardPlanEntries.version, expectedVersion)))
        .returning();
      return row;
    },
  };
}

export type ForwardPlanRepository = ReturnType<typeof forwardPlanRepository>;
