import { boolean, check, date, foreignKey, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { archivedAtColumn, idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { people } from "../people/people.tables.ts";

export const BODY_KINDS = ["programme_board", "sub_board", "joint_committee", "working_group", "advisory_group"] as const;
export type BodyKind = (typeof BODY_KINDS)[number];
export const bodyKindEnum = pgEnum("body_kind", BODY_KINDS);

/** A governance body: the programme board and the boards, committees and groups beneath it. */
export const bodies = pgTable(
  "bodies",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    name: text().notNull(),
    shortName: text(),
    /** Readable URL segment, unique in the partnership, e.g. "programme-board". */
    slug: text(),
    kind: bodyKindEnum().notNull(),
    parentBodyId: uuid(),
    purpose: text().notNull().default(""),
    meetsInPublic: boolean().notNull().default(true),
    /** The date the body was established or agreed, where known. */
    establishedOn: date(),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.parentBodyId], foreignColumns: [t.partnershipId, t.id] }),
    index("bodies_parent_idx").on(t.partnershipId, t.parentBodyId),
    uniqueIndex("bodies_slug_key").on(t.partnershipId, t.slug).where(sql`${t.slug} is not null`),
    check("bodies_not_own_parent", sql`${t.parentBodyId} is distinct from ${t.id}`),
  ],
);

export const TERMS_OF_REFERENCE_STATUSES = ["draft", "ratified", "superseded"] as const;
export type TermsOfReferenceStatus = (typeof TERMS_OF_REFERENCE_STATUSES)[number];
export const termsOfReferenceStatusEnum = pgEnum("terms_of_reference_status", TERMS_OF_REFERENCE_STATUSES);

/**
 * One required representation in a quorum rule: at least `minimum` voting members present who
 * belong to the category (e.g. "clinician") or come from an organisation of the kind (e.g. a council).
 */
export type RepresentationRequirement =
  | { description: string; minimum: number; criterion: { type: "memberCategory"; category: string } }
  | { description: string; minimum: number; criterion: { type: "organisationKind"; kind: string } };

/** A version of a body's terms of reference with its quorum rule, ratified by a named body on a date. */
export const termsOfReference = pgTable(
  "terms_of_reference",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    bodyId: uuid().notNull(),
    versionLabel: text().notNull(),
    status: termsOfReferenceStatusEnum().notNull().default("draft"),
    text: text().notNull().default(""),
    /** Link to the document, where the terms are held as a file. */
    documentUrl: text(),
    ratifiedByBodyId: uuid(),
    ratifiedOn: date(),
    quorumMinimumVotingMembers: integer().notNull(),
    quorumRepresentation: jsonb().$type<RepresentationRequirement[]>().notNull().default([]),
    archivedAt: archivedAtColumn(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    foreignKey({ columns: [t.partnershipId, t.ratifiedByBodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    index("terms_of_reference_body_idx").on(t.partnershipId, t.bodyId),
    check("terms_of_reference_ratified", sql`${t.status} = 'draft' or (${t.ratifiedByBodyId} is not null and ${t.ratifiedOn} is not null)`),
    check("terms_of_reference_quorum_positive", sql`${t.quorumMinimumVotingMembers} >= 1`),
  ],
);

export const MEMBERSHIP_ROLES = ["chair", "co_chair", "vice_chair", "member", "in_attendance", "secretary"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];
export const membershipRoleEnum = pgEnum("membership_role", MEMBERSHIP_ROLES);

/**
 * A person's seat on a body for a period. History is kept: a change of role ends one
 * membership and starts another; rows are never overwritten.
 */
export const memberships = pgTable(
  "memberships",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    bodyId: uuid().notNull(),
    personId: uuid().notNull(),
    role: membershipRoleEnum().notNull(),
    voting: boolean().notNull(),
    /** Representation categories the member brings, used by quorum rules (e.g. "clinician"). */
    categories: text().array().notNull().default(sql`'{}'::text[]`),
    /** Whom the member represents, e.g. "Patient representative" or "Nursing". */
    representing: text(),
    startsOn: date().notNull(),
    endsOn: date(),
    endReason: text(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.bodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    foreignKey({ columns: [t.partnershipId, t.personId], foreignColumns: [people.partnershipId, people.id] }),
    index("memberships_body_idx").on(t.partnershipId, t.bodyId, t.startsOn),
    index("memberships_person_idx").on(t.partnershipId, t.personId),
    check("memberships_dates", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

export type BodyRow = typeof bodies.$inferSelect;
export type TermsOfReferenceRow = typeof termsOfReference.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
