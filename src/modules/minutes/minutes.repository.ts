import { and, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { meetings, type MeetingStatus, type MinutesStatus } from "../meetings/meetings.tables.ts";
import { itemMinutes } from "./minutes.tables.ts";

export type ItemMinutesRow = typeof itemMinutes.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

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
