import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";

export const MINUTES_STATUSES = ["draft", "circulated", "approved"] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
export const minutesStatusEnum = pgEnum("minutes_status", MINUTES_STATUSES);

export const MEETING_STATUSES = ["planned", "agenda_published", "held", "minutes_drafted", "minutes_approved", "cancelled", "postponed"] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const meetingStatusEnum = pgEnum("meeting_status", MEETING_STATUSES);

/** A meeting of a body, at a time in Europe/London, in a venue and/or online. */
export const meetings = pgTable(
  "meetings",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    bodyId: uuid().notNull(),
    title: text(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    venue: text(),
    onlineUrl: text(),
    hasPublicSession: boolean().notNull().default(true),
    hasPrivateSession: boolean().notNull().default(false),
    status: meetingStatusEnum().notNull().default("planned"),
    /** Why a meeting was cancelled or postponed. */
    statusReason: text(),
    agendaPublishedAt: timestamp({ withTimezone: true }),
    /** The minutes as a whole: drafted, circulated to members, approved by a later meeting. */
    minutesStatus: minutesStatusEnum(),
    /** The decision (of a later meeting) that approved these minutes. */
    minutesApprovedByDecisionId: uuid(),
    /** Increases on every change a calendar subscriber would notice (iCalendar SEQUENCE). */
    sequence: integer().notNull().default(0),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    index("meetings_body_starts_idx").on(t.partnershipId, t.bodyId, t.startsAt),
    index("meetings_starts_idx").on(t.partnershipId, t.startsAt),
    // The decision log says which meeting's minutes each decision approved (docs/performance.md, d2).
    index("meetings_minutes_approved_by_idx").on(t.partnershipId, t.minutesApprovedByDecisionId).where(sql`${t.minutesApprovedByDecisionId} is not null`),
    check("meetings_ends_after_start", sql`${t.endsAt} >= ${t.startsAt}`),
  ],
);

export const AGENDA_ITEM_KINDS = [
  "welcome_and_apologies",
  "declarations_of_interest",
  "minutes_of_last_meeting",
  "matters_arising",
  "update",
  "deep_dive",
  "decision",
  "ratification",
  "for_noting",
  "discussion",
  "consultation_response",
  "presentation",
  "any_other_business",
] as const;
export type AgendaItemKind = (typeof AGENDA_ITEM_KINDS)[number];

export const agendaItemKindEnum = pgEnum("agenda_item_kind", AGENDA_ITEM_KINDS);

export const AGENDA_ITEM_PURPOSES = ["for_decision", "for_assurance", "for_information", "for_discussion"] as const;
export type AgendaItemPurpose = (typeof AGENDA_ITEM_PURPOSES)[number];

export const agendaItemPurposeEnum = pgEnum("agenda_item_purpose", AGENDA_ITEM_PURPOSES);

/** Part I is public; Part II is confidential and never reaches anyone not entitled to it. */
export const CONFIDENTIALITY = ["part_1", "part_2"] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

export const confidentialityEnum = pgEnum("confidentiality", CONFIDENTIALITY);

/** An agenda item; sub-items (2.1) have a parent. Numbers are derived from positions. */
export const agendaItems = pgTable(
  "agenda_items",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    meetingId: uuid().notNull(),
    parentItemId: uuid(),
    position: integer().notNull(),
    title: text().notNull(),
    kind: agendaItemKindEnum().notNull(),
    purpose: agendaItemPurposeEnum(),
    durationMinutes: integer(),
    confidentiality: confidentialityEnum().notNull().default("part_1"),
    /** Required for Part II: the reason the item is exempt from publication. */
    exemptionReason: text(),
    /** The recommendation the paper asks the body to agree, for the cover sheet. */
    recommendation: text(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.meetingId], foreignColumns: [meetings.partnershipId, meetings.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.parentItemId], foreignColumns: [t.partnershipId, t.id] }),
    index("agenda_items_meeting_idx").on(t.partnershipId, t.meetingId, t.position),
    check("agenda_items_part_2_reason", sql`${t.confidentiality} = 'part_1' or coalesce(btrim(${t.exemptionReason}), '') <> ''`),
    index("agenda_items_title_search_idx").using("gin", sql`to_tsvector('english', ${t.title})`),
    check("agenda_items_duration", sql`${t.durationMinutes} is null or ${t.durationMinutes} between 0 and 1440`),
  ],
);

/** Who presents an item, in order, with the role they presented in. */
export const agendaItemPresenters = pgTable(
  "agenda_item_presenters",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    agendaItemId: uuid().notNull(),
    personId: uuid().notNull(),
    position: integer().notNull().default(0),
    /** As the update names them, e.g. "STP Chief Executive and Chair of the Programme Board". */
    roleLabel: text(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.agendaItemId, t.personId] }),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.personId], foreignColumns: [people.partnershipId, people.id] }),
  ],
);

/** Bodies an agenda item concerns. */
export const agendaItemBodies = pgTable(
  "agenda_item_bodies",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    agendaItemId: uuid().notNull(),
    bodyId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.agendaItemId, t.bodyId] }),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
  ],
);

/** Organisations an agenda item concerns: a member's registered interest in one is flagged before the meeting. */
export const agendaItemOrganisations = pgTable(
  "agenda_item_organisations",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    agendaItemId: uuid().notNull(),
    organisationId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.agendaItemId, t.organisationId] }),
    foreignKey({ columns: [t.partnershipId, t.agendaItemId], foreignColumns: [agendaItems.partnershipId, agendaItems.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.organisationId], foreignColumns: [organisations.partnershipId, organisations.id] }),
    index("agenda_item_organisations_org_idx").on(t.partnershipId, t.organisationId),
  ],
);

/** The opening items every meeting of a body starts with (welcome and apologies, declarations, ...). */
export const agendaTemplateItems = pgTable(
  "agenda_template_items",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    bodyId: uuid().notNull(),
    position: integer().notNull(),
    title: text().notNull(),
    kind: agendaItemKindEnum().notNull(),
    durationMinutes: integer(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    index("agenda_template_body_idx").on(t.partnershipId, t.bodyId, t.position),
  ],
);
