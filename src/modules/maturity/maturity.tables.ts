import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import { people } from "../people/people.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";

/** A maturity framework the partnership defines: dimensions × levels, with a descriptor per cell. */
export const maturityFrameworks = pgTable(
  "maturity_frameworks",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    title: text().notNull(),
    description: text().notNull().default(""),
    /** The workstream that owns the framework, e.g. local care's readiness matrix. */
    workstreamId: uuid(),
    /** Anonymous visitors see the framework and its assessments only when published. */
    published: boolean().notNull().default(false),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.workstreamId], foreignColumns: [workstreams.partnershipId, workstreams.id] }),
  ],
);

/** A row of the framework, e.g. "Integrated multidisciplinary teams". */
export const maturityDimensions = pgTable(
  "maturity_dimensions",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    frameworkId: uuid().notNull(),
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.frameworkId], foreignColumns: [maturityFrameworks.partnershipId, maturityFrameworks.id] }).onDelete("cascade"),
    index("maturity_dimensions_framework_idx").on(t.partnershipId, t.frameworkId, t.position),
  ],
);

/** A column of the framework, ordered from least to most mature: emerging, developing, maturing, thriving. */
export const maturityLevels = pgTable(
  "maturity_levels",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    frameworkId: uuid().notNull(),
    /** 1 = least mature. The change between assessments is the difference in rank. */
    rank: integer().notNull(),
    title: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.frameworkId], foreignColumns: [maturityFrameworks.partnershipId, maturityFrameworks.id] }).onDelete("cascade"),
    uniqueIndex("maturity_levels_rank_key").on(t.partnershipId, t.frameworkId, t.rank),
    check("maturity_levels_rank", sql`${t.rank} >= 1`),
  ],
);

/** What a dimension looks like at a level. */
export const maturityDescriptors = pgTable(
  "maturity_descriptors",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    dimensionId: uuid().notNull(),
    levelId: uuid().notNull(),
    text: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.dimensionId, t.levelId] }),
    foreignKey({ columns: [t.partnershipId, t.dimensionId], foreignColumns: [maturityDimensions.partnershipId, maturityDimensions.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.levelId], foreignColumns: [maturityLevels.partnershipId, maturityLevels.id] }).onDelete("cascade"),
  ],
);

/** One assessment of an organisation (or a named area) against a framework, on a date, by an assessor. */
export const maturityAssessments = pgTable(
  "maturity_assessments",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    frameworkId: uuid().notNull(),
    organisationId: uuid(),
    /** For areas that are not organisations, e.g. "Whitstable vanguard". */
    areaName: text(),
    assessedOn: date().notNull(),
    assessorPersonId: uuid(),
    assessorName: text().notNull(),
    /** "self" for a self-assessment, otherwise who assessed (peer, programme office). */
    method: text().notNull().default("self"),
    notes: text().notNull().default(""),
    isExample: boolean().notNull().default(false),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    foreignKey({ columns: [t.partnershipId, t.frameworkId], foreignColumns: [maturityFrameworks.partnershipId, maturityFrameworks.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.organisationId], foreignColumns: [organisations.partnershipId, organisations.id] }),
    foreignKey({ columns: [t.partnershipId, t.assessorPersonId], foreignColumns: [people.partnershipId, people.id] }),
    index("maturity_assessments_subject_idx").on(t.partnershipId, t.frameworkId, t.organisationId, t.areaName, t.assessedOn),
    check("maturity_assessments_subject", sql`(${t.organisationId} is null) <> (coalesce(btrim(${t.areaName}), '') = '')`),
  ],
);

/** The level an assessment gives one dimension, with the evidence for it. */
export const maturityRatings = pgTable(
  "maturity_ratings",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    assessmentId: uuid().notNull(),
    dimensionId: uuid().notNull(),
    levelId: uuid().notNull(),
    evidence: text().notNull().default(""),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.assessmentId, t.dimensionId] }),
    foreignKey({ columns: [t.partnershipId, t.assessmentId], foreignColumns: [maturityAssessments.partnershipId, maturityAssessments.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.partnershipId, t.dimensionId], foreignColumns: [maturityDimensions.partnershipId, maturityDimensions.id] }),
    foreignKey({ columns: [t.partnershipId, t.levelId], foreignColumns: [maturityLevels.partnershipId, maturityLevels.id] }),
  ],
);
