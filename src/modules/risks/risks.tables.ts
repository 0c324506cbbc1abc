import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { boolean, check, date, foreignKey, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { people } from "../people/people.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";

const score = (column: AnyPgColumn) => sql`${column} between 1 and 5`;

export const RISK_STATUSES = ["open", "closed", "occurred"] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const riskStatusEnum = pgEnum("risk_status", RISK_STATUSES);

/**
 * A risk on a workstream's register (or the portfolio's, when workstreamId is null), scored on the
 * NHS 5×5 matrix (likelihood × consequence) for inherent, current and target risk.
 */
export const risks = pgTable(
  "risks",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    /** Sequential per partnership, shown as "R12". */
    reference: integer().notNull(),
    workstreamId: uuid(),
    title: text().notNull(),
    cause: text().notNull().default(""),
    event: text().notNull().default(""),
    effect: text().notNull().default(""),
    ownerPersonId: uuid(),
    category: text().notNull().default(""),
    inherentLikelihood: integer().notNull(),
    inherentConsequence: integer().notNull(),
    currentLikelihood: integer().notNull(),
    currentConsequence: integer().notNull(),
    targetLikelihood: integer().notNull(),
    targetConsequence: integer().notNull(),
    controls: text().notNull().default(""),
    assurances: text().notNull().default(""),
    reviewOn: date(),
    status: riskStatusEnum().notNull().default("open"),
    escalatedToBodyId: uuid(),
    /** Anonymous visitors see a risk only when it is published and its workstream (if any) is. */
    published: boolean().notNull().default(false),
    isExample: boolean().notNull().default(false),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    uniqueIndex("risks_reference_key").on(t.partnershipId, t.reference),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    foreignKey({ columns: [t.partnershipId, t.ownerPersonId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.escalatedToBodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    index("risks_workstream_idx").on(t.partnershipId, t.workstreamId, t.status),
    // Top risks: open risks by current score.
    index("risks_current_score_idx")
      .on(t.partnershipId, sql`(${t.currentLikelihood} * ${t.currentConsequence}) desc`)
      .where(sql`${t.status} = 'open'`),
    check("risks_inherent_likelihood", score(t.inherentLikelihood)),
    check("risks_inherent_consequence", score(t.inherentConsequence)),
    check("risks_current_likelihood", score(t.currentLikelihood)),
    check("risks_current_consequence", score(t.currentConsequence)),
    check("risks_target_likelihood", score(t.targetLikelihood)),
    check("risks_target_consequence", score(t.targetConsequence)),
  ],
);

/** Every review of a risk's current score, so its history is kept (and the decision that changed it). */
export const riskReviews = pgTable(
  "risk_reviews",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    riskId: uuid().notNull(),
    reviewedOn: date().notNull(),
    likelihood: integer().notNull(),
    consequence: integer().notNull(),
    note: text().notNull().default(""),
    decisionId: uuid(),
    recordedByName: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.riskId], foreignColumns: [risks.partnershipId, risks.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.decisionId], foreignColumns: [decisions.partnershipId, decisions.id] }),
    index("risk_reviews_risk_idx").on(t.partnershipId, t.riskId, t.reviewedOn),
    check("risk_reviews_likelihood", score(t.likelihood)),
    check("risk_reviews_consequence", score(t.consequence)),
  ],
);

/**
 * The partnership's bands on the 5×5 matrix (score = likelihood × consequence): low below
 * moderateFrom, then moderate, high, and extreme from extremeFrom. NHS default 4, 8, 15.
 */
export const riskBands = pgTable(
  "risk_bands",
  {
    partnershipId: partnershipIdColumn()
      .references(() => partnerships.id)
      .primaryKey(),
    moderateFrom: integer().notNull().default(4),
    highFrom: integer().notNull().default(8),
    extremeFrom: integer().notNull().default(15),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    check(
      "risk_bands_order",
      sql`1 < ${t.moderateFrom} and ${t.moderateFrom} < ${t.highFrom} and ${t.highFrom} < ${t.extremeFrom} and ${t.extremeFrom} <= 25`,
    ),
  ],
);

export const ISSUE_STATUSES = ["open", "resolved", "closed"] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const issueStatusEnum = pgEnum("issue_status", ISSUE_STATUSES);

export const ISSUE_PRIORITIES = ["low", "medium", "high", "critical"] as const;
export type IssuePriority = (typeof ISSUE_PRIORITIES)[number];
export const issuePriorityEnum = pgEnum("issue_priority", ISSUE_PRIORITIES);

/** An issue: something that has happened and is being managed, possibly a risk that occurred. */
export const programmeIssues = pgTable(
  "programme_issues",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    /** Sequential per partnership, shown as "I7". */
    reference: integer().notNull(),
    workstreamId: uuid(),
    title: text().notNull(),
    description: text().notNull().default(""),
    impact: text().notNull().default(""),
    priority: issuePriorityEnum().notNull().default("medium"),
    ownerPersonId: uuid(),
    raisedFromRiskId: uuid(),
    raisedOn: date().notNull(),
    status: issueStatusEnum().notNull().default("open"),
    resolution: text(),
    resolvedOn: date(),
    escalatedToBodyId: uuid(),
    published: boolean().notNull().default(false),
    isExample: boolean().notNull().default(false),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    uniqueIndex("programme_issues_reference_key").on(t.partnershipId, t.reference),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
    foreignKey({ columns: [t.partnershipId, t.ownerPersonId], foreignColumns: [people.partnershipId, people.id] }),
    foreignKey({ columns: [t.partnershipId, t.raisedFromRiskId], foreignColumns: [risks.partnershipId, risks.id] }),
    foreignKey({ columns: [t.partnershipId, t.escalatedToBodyId], foreignColumns: [bodies.partnershipId, bodies.id] }),
    index("programme_issues_workstream_idx").on(t.partnershipId, t.workstreamId, t.status),
    check("programme_issues_resolution", sql`${t.status} = 'open' or coalesce(btrim(${t.resolution}), '') <> ''`),
  ],
);

export type RiskRow = typeof risks.$inferSelect;
export type RiskReviewRow = typeof riskReviews.$inferSelect;
export type ProgrammeIssueRow = typeof programmeIssues.$inferSelect;
