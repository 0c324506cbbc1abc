import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { agendaItems, meetings } from "../meetings/meetings.tables.ts";

export const DECISION_KINDS = ["approved", "ratified", "agreed", "endorsed", "noted", "approved_in_principle", "recommended", "deferred", "rejected"] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

export const decisionKindEnum = pgEnum("decision_kind", DECISION_KINDS);

export const DECISION_STATUSES = ["in_force", "superseded", "rescinded"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const decisionStatusEnum = pgEnum("decision_status", DECISION_STATUSES);

/** A decision a body took at a meeting, against an agenda item. */
export const decisions = pgTable(
  "decisions",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    bodyId: uuid().notNull(),
    meetingId: uuid().notNull(),
    agendaItemId: uuid().notNull(),
    decidedOn: date().notNull(),
    text: text().notNull(),
    kind: decisionKindEnum().notNull(),
    status: decisionStatusEnum().notNull().default("in_force"),
    supersededByDecisionId: uuid(),
    /** For "recommended": the body the recommendation goes to; it lands on that body's forward plan. */
    recommendedToBodyId: uuid(),
    /** Set when the meeting was not quorate for this item when the decision was taken. */
    takenWhileInquorate: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    foreignKey({ columns: [t.partnershipId, t.meetingId], foreignColumns: [meetings.partnershipId, meetings.id] }),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }),
    foreignKey({ columns: [t.partnershipId, t.supersededByDecisionId], foreignColumns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.recommendedToBodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    index("decisions_body_date_idx").on(t.partnershipId, t.bodyId, t.decidedOn),
    index("decisions_date_idx").on(t.partnershipId, t.decidedOn),
    index("decisions_item_idx").on(t.partnershipId, t.agendaItemId),
    // A meeting's decisions (the meeting page and minutes; docs/performance.md, f).
    index("decisions_meeting_idx").on(t.partnershipId, t.meetingId),
    // Which decisions each listed decision replaced (the log's status chains; docs/performance.md, d2).
    index("decisions_superseded_by_idx").on(t.partnershipId, t.supersededByDecisionId).where(sql`${t.supersededByDecisionId} is not null`),
    // Full-text search of the decision log; queries must use the same expression with the literal config.
    index("decisions_text_search_idx").using("gin", sql`to_tsvector('english', ${t.text})`),
    check("decisions_recommended_to", sql`(${t.kind} = 'recommended') = (${t.recommendedToBodyId} is not null)`),
    check("decisions_superseded_by", sql`${t.status} <> 'superseded' or ${t.supersededByDecisionId} is not null`),
  ],
);

/** Bodies a decision concerns (workstreams join in the portfolio module). */
export const decisionBodies = pgTable(
  "decision_bodies",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    decisionId: uuid().notNull(),
    bodyId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.decisionId, t.bodyId] }),
    foreignKey({ columns: [t.partnershipId, t.decisionId], foreignColumns: [decisions.partnershipId, decisions.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
  ],
);

/** Organisations a decision concerns. */
export const decisionOrganisations = pgTable(
  "decision_organisations",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    decisionId: uuid().notNull(),
    organisationId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.decisionId, t.organisationId] }),
    foreignKey({ columns: [t.partnershipId, t.decisionId], foreignColumns: [decisions.partnershipId, decisions.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.organisationId], foreignColumns: [organisations.partnershipId, organisations.id] }),
  ],
);
