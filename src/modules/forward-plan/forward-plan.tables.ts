import { date, foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { agendaItemKindEnum, agendaItems, meetings } from "../meetings/meetings.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";

/** Future business of a body, with a target meeting or month; it becomes an agenda item when scheduled. */
export const forwardPlanEntries = pgTable(
  "forward_plan_entries",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    bodyId: uuid().notNull(),
    title: text().notNull(),
    kind: agendaItemKindEnum().notNull().default("update"),
    targetMeetingId: uuid(),
    /** The first day of the target month, when no meeting is chosen yet. */
    targetMonth: date(),
    ownerPersonId: uuid(),
    /** A recommendation from another body that put this on the plan. */
    sourceDecisionId: uuid(),
    scheduledAgendaItemId: uuid(),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    foreignKey({ columns: [t.partnershipId, t.targetMeetingId], foreignColumns: [meetings.partnershipId, meetings.id] }),
    foreignKey({ columns: [t.partnershipId, t.ownerPersonId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.sourceDecisionId], foreignColumns: [decisions.partnershipId, decisions.id] }),
    foreignKey({ columns: [t.partnershipId, t.scheduledAgendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }),
    index("forward_plan_body_idx").on(t.partnershipId, t.bodyId, t.targetMonth),
  ],
);
