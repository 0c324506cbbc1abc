import { and, asc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../platform/db/client.ts";
import { organisations, type OrganisationKind } from "../organisations/organisations.tables.ts";
import { people } from "../people/people.tables.ts";
import { attendance, type AttendanceStatus } from "./attendance.tables.ts";

export type AttendanceRow = typeof attendance.$inferSelect;

/** An attendance record with the person (and, for a deputy, the member they stand in for) named. */
export interface AttendanceView extends AttendanceRow {
  personName: string;
  personJobTitle: string | null;
  organisationName: string | null;
  organisationKind: OrganisationKind | null;
  deputyForName: string | null;
}

/** The order minutes list attendance in: present, deputies, others in attendance, apologies, absent. */
const STATUS_ORDER = sql`case ${attendance.status} when 'present' then 0 when 'deputy' then 1 when 'in_attendance' then 2 when 'apologies' then 3 else 4 end`;

/**
 * Queries for meeting attendance, always scoped to one partnership. People's names and
 * organisations are read here (a join, not a query per attendee) as the bodies module reads them
 * for memberships; the people module owns those tables.
 */
export function attendanceRepository(db: Executor) {
  const deputyFor = alias(people, "deputy_for");
  const view = {
    row: attendance,
    personName: people.name,
    personJobTitle: people.jobTitle,
    organisationName: organisations.name,
    organisationKind: organisations.kind,
    deputyForName: deputyFor.name,
  };
  const toView = (r: {
    row: AttendanceRow;
    personName: string;
    personJobTitle: string | null;
    organisationName: string | null;
    organisationKind: OrganisationKind | null;
    deputyForName: string | null;
  }): AttendanceView => ({
    ...r.row,
    personName: r.personName,
    personJobTitle: r.personJobTitle,
    organisationName: r.organisationName,
    organisationKind: r.organisationKind,
    deputyForName: r.deputyForName,
  });
  const withPeople = () =>
    db
      .select(view)
      .from(attendance)
      .innerJoin(people, and(eq(people.partnershipId, attendance.partnershipId), eq(people.id, attendance.personId)))
      .leftJoin(organisations, and(eq(organisations.partnershipId, people.partnershipId), eq(organisations.id, people.organisationId)))
      .leftJoin(deputyFor, and(eq(deputyFor.partnershipId, attendance.partnershipId), eq(deputyFor.id, attendance.deputyForPersonId)));

  return {
    /** Everyone recorded for a meeting, in the order minutes list them, then by name. */
    async listForMeeting(partnershipId: string, meetingId: string): Promise<AttendanceView[]> {
      const rows = await withPeople()
        .where(and(eq(attendance.partnershipId, partnershipId), eq(attendance.meetingId, meetingId)))
        .orderBy(STATUS_ORDER, asc(sql`lower(${people.name})`), asc(attendance.id));
      return rows.map(toView);
    },

    async findView(partnershipId: string, meetingId: string, personId: string): Promise<AttendanceView | undefined> {
      const [row] = await withPeople().where(
        and(eq(attendance.partnershipId, partnershipId), eq(attendance.meetingId, meetingId), eq(attendance.personId, personId)),
      );
      return row ? toView(row) : undefined;
    },

    async find(partnershipId: string, meetingId: string, personId: string): Promise<AttendanceRow | undefined> {
      const [row] = await db
        .select()
        .from(attendance)
        .where(and(eq(attendance.partnershipId, partnershipId), eq(attendance.meetingId, meetingId), eq(attendance.personId, personId)));
      return row;
    },

    /** The person's name and organisation, if they are a current person of the partnership (for the pickers' checks). */
    async findPerson(partnershipId: string, personId: string) {
      const [row] = await db
        .select({ id: people.id, name: people.name, archivedAt: people.archivedAt })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, personId)));
      return row;
    },

    /** Serialises attendance changes to one meeting until the transaction ends (deputy and member rules span rows). */
    async lockMeeting(partnershipId: string, meetingId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`quorum:attendance:${partnershipId}:${meetingId}`}, 0))`);
    },

    /** Inserts a record unless the person already has one; undefined means someone else recorded them first. */
    async insert(values: typeof attendance.$inferInsert): Promise<AttendanceRow | undefined> {
      const [row] = await db.insert(attendance).values(values).onConflictDoNothing().returning();
      return row;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(
      partnershipId: string,
      meetingId: string,
      personId: string,
      expectedVersion: number,
      values: { status: AttendanceStatus; deputyForPersonId: string | null; note: string | null },
    ): Promise<AttendanceRow | undefined> {
      const [row] = await db
        .update(attendance)
        .set({ ...values, updatedAt: new Date(), version: sql`${attendance.version} + 1` })
        .where(
          and(
            eq(attendance.partnershipId, partnershipId),
            eq(attendance.meetingId, meetingId),
            eq(attendance.personId, personId),
            eq(attendance.version, expectedVersion),
          ),
        )
        .returning();
      return row;
    },

    /** Deletes only if the stored version is the one the writer read. */
    async remove(partnershipId: string, meetingId: string, personId: string, expectedVersion: number): Promise<AttendanceRow | undefined> {
      const [row] = await db
        .delete(attendance)
        .where(
          and(
            eq(attendance.partnershipId, partnershipId),
            eq(attendance.meetingId, meetingId),
            eq(attendance.personId, personId),
            eq(attendance.version, expectedVersion),
          ),
        )
        .returning();
      return row;
    },
  };
}

export type AttendanceRepository = ReturnType<typeof attendanceRepository>;
