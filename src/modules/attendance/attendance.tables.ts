import { sql } from "drizzle-orm";
import { check, foreignKey, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { people } from "../people/people.tables.ts";
import { meetings } from "../meetings/meetings.tables.ts";

export const ATTENDANCE_STATUSES = ["present", "apologies", "absent", "deputy", "in_attendance"] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const attendanceStatusEnum = pgEnum("attendance_status", ATTENDANCE_STATUSES);

/** Who came: members present, apologies, deputies (and for whom), others in attendance. */
export const attendance = pgTable(
  "attendance",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    meetingId: uuid().notNull(),
    personId: uuid().notNull(),
    status: attendanceStatusEnum().notNull(),
    /** For a deputy: the member they stand in for (their vote and representation count). */
    deputyForPersonId: uuid(),
    /** Role as recorded in the minutes, e.g. "Chair". */
    note: text(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.meetingId], foreignColumns: [meetings.partnershipId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.personId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.deputyForPersonId], foreignColumns: [people.partnershipId, people.id] }),
    uniqueIndex("attendance_person_key").on(t.partnershipId, t.meetingId, t.personId),
    check("attendance_deputy_for", sql`(${t.status} = 'deputy') = (${t.deputyForPersonId} is not null)`),
  ],
);
