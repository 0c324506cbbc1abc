import { sql } from "drizzle-orm";
import { check, date, foreignKey, index, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { agendaItems, meetings } from "../meetings/meetings.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { risks } from "../risks/risks.tables.ts";

export const ACTION_STATUSES = ["open", "in_progress", "done", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const actionStatusEnum = pgEnum("action_status", ACTION_STATUSES);

/** An action: who will do what by when, from which item and decision. "Overdue" is derived. */
export const actions = pgTable(
  "actions",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    description: text().notNull(),
    ownerPersonId: uuid().notNull(),
    dueOn: date(),
    status: actionStatusEnum().notNull().default("open"),
    droppedReason: text(),
    completedOn: date(),
    /** The body whose action log holds it (the meeting's body); its open actions reappear under matters arising. */
    bodyId: uuid().notNull(),
    sourceMeetingId: uuid(),
    sourceAgendaItemId: uuid(),
    decisionId: uuid(),
    /** The workstream the action serves, for its action log and trail. */
    workstreamId: uuid(),
    /** The risk the action mitigates (risk registers list their mitigating actions). */
    riskId: uuid(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.ownerPersonId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    foreignKey({ columns: [t.partnershipId, t.sourceMeetingId], foreignColumns: [meetings.partnershipId, meetings.id] }),
    foreignKey({ columns: [t.partnershipId, t.sourceAgendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }),
    foreignKey({ columns: [t.partnershipId, t.decisionId], foreignColumns: [decisions.partnershipId, decisions.id] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    foreignKey({ columns: [t.partnershipId, t.riskId], foreignColumns: [risks.partnershipId, risks.id] }),
    index("actions_workstream_status_due_idx").on(t.partnershipId, t.workstreamId, t.status, t.dueOn, t.id),
    index("actions_risk_idx").on(t.partnershipId, t.riskId),
    // A meeting's own actions (the meeting page and minutes; docs/performance.md, f).
    index("actions_source_meeting_idx").on(t.partnershipId, t.sourceMeetingId).where(sql`${t.sourceMeetingId} is not null`),
    index("actions_body_status_due_idx").on(t.partnershipId, t.bodyId, t.status, t.dueOn),
    index("actions_owner_idx").on(t.partnershipId, t.ownerPersonId, t.status),
    index("actions_due_idx").on(t.partnershipId, t.dueOn, t.id),
    // The default action log, overdue lists and matters arising read only outstanding actions.
    index("actions_outstanding_due_idx").on(t.partnershipId, t.dueOn, t.id).where(sql`${t.status} in ('open', 'in_progress')`),
    check("actions_dropped_reason", sql`${t.status} <> 'dropped' or coalesce(btrim(${t.droppedReason}), '') <> ''`),
  ],
);

/** A dated progress note on an action. */
export const actionUpdates = pgTable(
  "action_updates",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    actionId: uuid().notNull(),
    notedOn: date().notNull(),
    text: text().notNull(),
    authorName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.actionId], foreignColumns: [actions.partnershipId, actions.id] }),
    index("action_updates_action_idx").on(t.partnershipId, t.actionId, t.notedOn),
  ],
);
