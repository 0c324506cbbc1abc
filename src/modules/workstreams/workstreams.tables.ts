import { boolean, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnershipObjectives, partnerships } from "../partnerships/partnerships.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { users } from "../accounts/accounts.tables.ts";
import { agendaItems } from "../meetings/meetings.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";

export const WORKSTREAM_STATUSES = ["proposed", "active", "closed"] as const;
export type WorkstreamStatus = (typeof WORKSTREAM_STATUSES)[number];
export const workstreamStatusEnum = pgEnum("workstream_status", WORKSTREAM_STATUSES);

/** A programme of work the board holds to account for closing the partnership's gaps. */
export const workstreams = pgTable(
  "workstreams",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    /** Readable URL segment, unique in the partnership, e.g. "mental-health". */
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Senior responsible owner. */
    sroPersonId: uuid(),
    /** The body that oversees the workstream (e.g. its programme board or sub-board). */
    overseeingBodyId: uuid(),
    status: workstreamStatusEnum().notNull().default("proposed"),
    /** Anonymous visitors see a workstream (and its published records) only when this is set. */
    published: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    uniqueIndex("workstreams_slug_key").on(t.partnershipId, t.slug),
    foreignKey({ columns: [t.partnershipId, t.sroPersonId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.overseeingBodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
  ],
);

/** Workstream leads (besides the SRO), in order, with the role they hold. */
export const workstreamLeads = pgTable(
  "workstream_leads",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    workstreamId: uuid().notNull(),
    personId: uuid().notNull(),
    position: integer().notNull().default(0),
    roleLabel: text(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.workstreamId, t.personId] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.personId], foreignColumns: [people.partnershipId, people.id] }),
  ],
);

/** Organisations involved in a workstream. */
export const workstreamOrganisations = pgTable(
  "workstream_organisations",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    workstreamId: uuid().notNull(),
    organisationId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.workstreamId, t.organisationId] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.organisationId], foreignColumns: [organisations.partnershipId, organisations.id] }),
  ],
);

export const CONTRIBUTION_LEVELS = ["none", "some", "major"] as const;
export type ContributionLevel = (typeof CONTRIBUTION_LEVELS)[number];
export const contributionLevelEnum = pgEnum("contribution_level", CONTRIBUTION_LEVELS);

/** How much a workstream contributes to each partnership objective, with a sentence why. */
export const workstreamObjectives = pgTable(
  "workstream_objectives",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    workstreamId: uuid().notNull(),
    objectiveId: uuid().notNull(),
    level: contributionLevelEnum().notNull(),
    rationale: text().notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.workstreamId, t.objectiveId] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.objectiveId], foreignColumns: [partnershipObjectives.partnershipId, partnershipObjectives.id] }),
  ],
);

/** Users with the contributor role who may edit this workstream's plans, milestones, reports and risks. */
export const workstreamContributors = pgTable(
  "workstream_contributors",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    workstreamId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.workstreamId, t.userId] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }).onDelete("cascade"),
    index("workstream_contributors_user_idx").on(t.partnershipId, t.userId),
  ],
);

/** Workstreams an agenda item concerns; a deep-dive item names exactly the workstream it dives into. */
export const agendaItemWorkstreams = pgTable(
  "agenda_item_workstreams",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    agendaItemId: uuid().notNull(),
    workstreamId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.agendaItemId, t.workstreamId] }),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    index("agenda_item_workstreams_ws_idx").on(t.partnershipId, t.workstreamId),
  ],
);

/** Workstreams a decision governs: the workstream page shows its trail of decisions. */
export const decisionWorkstreams = pgTable(
  "decision_workstreams",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    decisionId: uuid().notNull(),
    workstreamId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.decisionId, t.workstreamId] }),
    foreignKey({ columns: [t.partnershipId, t.decisionId], foreignColumns: [decisions.partnershipId, decisions.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    index("decision_workstreams_ws_idx").on(t.partnershipId, t.workstreamId),
  ],
);

export type WorkstreamRow = typeof workstreams.$inferSelect;
