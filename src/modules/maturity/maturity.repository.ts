import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { people } from "../people/people.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { maturityAssessments, maturityDescriptors, maturityDimensions, maturityFrameworks, maturityLevels, maturityRatings } from "./maturity.tables.ts";

export type FrameworkRow = typeof maturityFrameworks.$inferSelect;
export type DimensionRow = typeof maturityDimensions.$inferSelect;
export type LevelRow = typeof maturityLevels.$inferSelect;
export type AssessmentRow = typeof maturityAssessments.$inferSelect;

/** A framework with the workstream that owns it (and whether the public may see that workstream). */
export interface FrameworkView extends FrameworkRow {
  workstream: { id: string; name: string; published: boolean; archivedAt: Date | null } | null;
}

/** An assessment with its subject's name and its framework's published flag. */
export interface AssessmentView extends AssessmentRow {
  organisationName: string | null;
  frameworkTitle: string;
  frameworkPublished: boolean;
  frameworkWorkstreamId: string | null;
}

/** Filters for lists of assessments. */
export interface AssessmentQuery {
  frameworkId?: string | undefined;
  organisationId?: string | undefined;
  areaName?: string | undefined;
}

const frameworkColumns = {
  framework: maturityFrameworks,
  workstreamId: workstreams.id,
  workstreamName: workstreams.name,
  workstreamPublished: workstreams.published,
  workstreamArchivedAt: workstreams.archivedAt,
};

function toFrameworkView(r: {
  framework: FrameworkRow;
  workstreamId: string | null;
  workstreamName: string | null;
  workstreamPublished: boolean | null;
  workstreamArchivedAt: Date | null;
}): FrameworkView {
  return {
    ...r.framework,
    workstream:
      r.workstreamId && r.workstreamName !== null
        ? { id: r.workstreamId, name: r.workstreamName, published: r.workstreamPublished ?? false, archivedAt: r.workstreamArchivedAt }
        : null,
  };
}

const assessmentColumns = {
  assessment: maturityAssessments,
  organisationName: organisations.name,
  frameworkTitle: maturityFrameworks.title,
  frameworkPublished: maturityFrameworks.published,
  frameworkWorkstreamId: maturityFrameworks.workstreamId,
};

function toAssessmentView(r: {
  assessment: AssessmentRow;
  organisationName: string | null;
  frameworkTitle: string;
  frameworkPublished: boolean;
  frameworkWorkstreamId: string | null;
}): AssessmentView {
  return {
    ...r.assessment,
    organisationName: r.organisationName,
    frameworkTitle: r.frameworkTitle,
    frameworkPublished: r.frameworkPublished,
    frameworkWorkstreamId: r.frameworkWorkstreamId,
  };
}

/** The most assessments the heat map reads for one framework (years of quarterly assessments of every organisation). */
export const HEAT_MAP_ASSESSMENT_CAP = 5000;

/** Queries for maturity frameworks and assessments, always scoped to one partnership. */
export function maturityRepository(db: Executor) {
  function frameworkQuery() {
    return db
      .select(frameworkColumns)
      .from(maturityFrameworks)
      .leftJoin(workstreams, and(eq(workstreams.partnershipId, maturityFrameworks.partnershipId), eq(workstreams.id, maturityFrameworks.workstreamId)));
  }

  function assessmentQuery() {
    return db
      .select(assessmentColumns)
      .from(maturityAssessments)
      .innerJoin(
        maturityFrameworks,
        and(eq(maturityFrameworks.partnershipId, maturityAssessments.partnershipId), eq(maturityFrameworks.id, maturityAssessments.frameworkId)),
      )
      .leftJoin(
        organisations,
        and(eq(organisations.partnershipId, maturityAssessments.partnershipId), eq(organisations.id, maturityAssessments.organisationId)),
      );
  }

  function assessmentConditions(partnershipId: string, publishedOnly: boolean, q: AssessmentQuery): SQL[] {
    const conditions: SQL[] = [eq(maturityAssessments.partnershipId, partnershipId)];
    // The public sees assessments only of published frameworks: filtered here, not in the view.
    if (publishedOnly) conditions.push(eq(maturityFrameworks.published, true));
    if (q.frameworkId) conditions.push(eq(maturityAssessments.frameworkId, q.frameworkId));
    if (q.organisationId) conditions.push(eq(maturityAssessments.organisationId, q.organisationId));
    if (q.areaName) {
      conditions.push(
        isNull(maturityAssessments.organisationId),
        sql`lower(regexp_replace(btrim(${maturityAssessments.areaName}), '\\s+', ' ', 'g')) = ${q.areaName.trim().replace(/\s+/g, " ").toLowerCase()}`,
      );
    }
    return conditions;
  }

  return {
    /** A page of frameworks (limit + 1 rows), by title. */
    async listFrameworks(partnershipId: string, publishedOnly: boolean, filter: { workstreamId?: string | undefined }, page: number, limit: number) {
      const conditions: SQL[] = [eq(maturityFrameworks.partnershipId, partnershipId)];
      if (publishedOnly) conditions.push(eq(maturityFrameworks.published, true));
      if (filter.workstreamId) conditions.push(eq(maturityFrameworks.workstreamId, filter.workstreamId));
      const rows = await frameworkQuery()
        .where(and(...conditions))
        .orderBy(asc(sql`lower(${maturityFrameworks.title})`), asc(maturityFrameworks.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(toFrameworkView);
    },

    async findFramework(partnershipId: string, id: string): Promise<FrameworkView | undefined> {
      const [row] = await frameworkQuery().where(and(eq(maturityFrameworks.partnershipId, partnershipId), eq(maturityFrameworks.id, id)));
      return row ? toFrameworkView(row) : undefined;
    },

    /** The framework row alone, locked for the rest of the transaction (structure edits are serialised per framework). */
    async lockFramework(partnershipId: string, id: string): Promise<FrameworkRow | undefined> {
      const [row] = await db
        .select()
        .from(maturityFrameworks)
        .where(and(eq(maturityFrameworks.partnershipId, partnershipId), eq(maturityFrameworks.id, id)))
        .for("update");
      return row;
    },

    async dimensions(partnershipId: string, frameworkId: string): Promise<DimensionRow[]> {
      return db
        .select()
        .from(maturityDimensions)
        .where(and(eq(maturityDimensions.partnershipId, partnershipId), eq(maturityDimensions.frameworkId, frameworkId)))
        .orderBy(asc(maturityDimensions.position), asc(maturityDimensions.id));
    },

    async levels(partnershipId: string, frameworkId: string): Promise<LevelRow[]> {
      return db
        .select()
        .from(maturityLevels)
        .where(and(eq(maturityLevels.partnershipId, partnershipId), eq(maturityLevels.frameworkId, frameworkId)))
        .orderBy(asc(maturityLevels.rank));
    },

    async descriptors(partnershipId: string, frameworkId: string) {
      return db
        .select({ dimensionId: maturityDescriptors.dimensionId, levelId: maturityDescriptors.levelId, text: maturityDescriptors.text })
        .from(maturityDescriptors)
        .innerJoin(
          maturityDimensions,
          and(eq(maturityDimensions.partnershipId, maturityDescriptors.partnershipId), eq(maturityDimensions.id, maturityDescriptors.dimensionId)),
        )
        .where(and(eq(maturityDescriptors.partnershipId, partnershipId), eq(maturityDimensions.frameworkId, frameworkId)));
    },

    /** How many ratings use each dimension and each level of a framework (what may not be removed). */
    async usage(partnershipId: string, frameworkId: string) {
      const base = and(eq(maturityRatings.partnershipId, partnershipId), eq(maturityAssessments.frameworkId, frameworkId));
      const join = and(eq(maturityAssessments.partnershipId, maturityRatings.partnershipId), eq(maturityAssessments.id, maturityRatings.assessmentId));
      const [byDimension, byLevel] = [
        await db
          .select({ id: maturityRatings.dimensionId, n: count() })
          .from(maturityRatings)
          .innerJoin(maturityAssessments, join)
          .where(base)
          .groupBy(maturityRatings.dimensionId),
        await db
          .select({ id: maturityRatings.levelId, n: count() })
          .from(maturityRatings)
          .innerJoin(maturityAssessments, join)
          .where(base)
          .groupBy(maturityRatings.levelId),
      ];
      return {
        dimensions: new Map(byDimension.map((r) => [r.id, Number(r.n)])),
        levels: new Map(byLevel.map((r) => [r.id, Number(r.n)])),
      };
    },

    /** Every assessment of a framework (up to the cap), oldest first, with its subject's name. */
    async assessmentsOfFramework(partnershipId: string, frameworkId: string): Promise<AssessmentView[]> {
      const rows = await assessmentQuery()
        .where(and(eq(maturityAssessments.partnershipId, partnershipId), eq(maturityAssessments.frameworkId, frameworkId)))
        .orderBy(desc(maturityAssessments.assessedOn), desc(maturityAssessments.createdAt), desc(maturityAssessments.id))
        .limit(HEAT_MAP_ASSESSMENT_CAP);
      return rows.map(toAssessmentView).reverse();
    },

    /** A page of assessments (limit + 1 rows), newest first. */
    async listAssessments(partnershipId: string, publishedOnly: boolean, q: AssessmentQuery, page: number, limit: number): Promise<AssessmentView[]> {
      const rows = await assessmentQuery()
        .where(and(...assessmentConditions(partnershipId, publishedOnly, q)))
        .orderBy(desc(maturityAssessments.assessedOn), desc(maturityAssessments.createdAt), desc(maturityAssessments.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(toAssessmentView);
    },

    async findAssessmentView(partnershipId: string, id: string): Promise<AssessmentView | undefined> {
      const [row] = await assessmentQuery().where(and(eq(maturityAssessments.partnershipId, partnershipId), eq(maturityAssessments.id, id)));
      return row ? toAssessmentView(row) : undefined;
    },

    async findAssessment(partnershipId: string, id: string): Promise<AssessmentRow | undefined> {
      const [row] = await db
        .select()
        .from(maturityAssessments)
        .where(and(eq(maturityAssessments.partnershipId, partnershipId), eq(maturityAssessments.id, id)));
      return row;
    },

    /** The ratings of some assessments, with the dimension and level they name. */
    async ratingsOf(partnershipId: string, assessmentIds: readonly string[]) {
      if (assessmentIds.length === 0) return [];
      return db
        .select({
          assessmentId: maturityRatings.assessmentId,
          dimensionId: maturityRatings.dimensionId,
          levelId: maturityRatings.levelId,
          evidence: maturityRatings.evidence,
          dimensionTitle: maturityDimensions.title,
          dimensionPosition: maturityDimensions.position,
          levelTitle: maturityLevels.title,
          rank: maturityLevels.rank,
        })
        .from(maturityRatings)
        .innerJoin(
          maturityDimensions,
          and(eq(maturityDimensions.partnershipId, maturityRatings.partnershipId), eq(maturityDimensions.id, maturityRatings.dimensionId)),
        )
        .innerJoin(maturityLevels, and(eq(maturityLevels.partnershipId, maturityRatings.partnershipId), eq(maturityLevels.id, maturityRatings.levelId)))
        .where(and(eq(maturityRatings.partnershipId, partnershipId), inArray(maturityRatings.assessmentId, [...assessmentIds])))
        .orderBy(asc(maturityDimensions.position), asc(maturityDimensions.id));
    },

    async organisationExists(partnershipId: string, id: string): Promise<boolean> {
      const rows = await db
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.partnershipId, partnershipId), eq(organisations.id, id)))
        .limit(1);
      return rows.length > 0;
    },

    async personExists(partnershipId: string, id: string): Promise<boolean> {
      const rows = await db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, id)))
        .limit(1);
      return rows.length > 0;
    },

    async workstreamExists(partnershipId: string, id: string): Promise<boolean> {
      const rows = await db
        .select({ id: workstreams.id })
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), eq(workstreams.id, id)))
        .limit(1);
      return rows.length > 0;
    },

    /** Current workstreams for the framework form, until the workstreams service offers its list. */
    async workstreamChoices(partnershipId: string) {
      return db
        .select({ id: workstreams.id, name: workstreams.name })
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), isNull(workstreams.archivedAt)))
        .orderBy(asc(workstreams.position), asc(sql`lower(${workstreams.name})`));
    },

    // -- Writes

    async insertFramework(values: typeof maturityFrameworks.$inferInsert): Promise<FrameworkRow> {
      const [row] = await db.insert(maturityFrameworks).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async updateFramework(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof maturityFrameworks.$inferInsert>) {
      const [row] = await db
        .update(maturityFrameworks)
        .set({ ...values, updatedAt: new Date(), version: sql`${maturityFrameworks.version} + 1` })
        .where(and(eq(maturityFrameworks.partnershipId, partnershipId), eq(maturityFrameworks.id, id), eq(maturityFrameworks.version, expectedVersion)))
        .returning();
      return row;
    },

    async insertDimension(values: typeof maturityDimensions.$inferInsert): Promise<DimensionRow> {
      const [row] = await db.insert(maturityDimensions).values(values).returning();
      return row!;
    },

    async updateDimension(partnershipId: string, id: string, values: { title: string; description: string; position: number }) {
      await db
        .update(maturityDimensions)
        .set(values)
        .where(and(eq(maturityDimensions.partnershipId, partnershipId), eq(maturityDimensions.id, id)));
    },

    async deleteDimensions(partnershipId: string, ids: readonly string[]) {
      if (ids.length === 0) return;
      await db.delete(maturityDimensions).where(and(eq(maturityDimensions.partnershipId, partnershipId), inArray(maturityDimensions.id, [...ids])));
    },

    async insertLevel(values: typeof maturityLevels.$inferInsert): Promise<LevelRow> {
      const [row] = await db.insert(maturityLevels).values(values).returning();
      return row!;
    },

    async updateLevel(partnershipId: string, id: string, values: { title?: string; rank?: number }) {
      await db
        .update(maturityLevels)
        .set(values)
        .where(and(eq(maturityLevels.partnershipId, partnershipId), eq(maturityLevels.id, id)));
    },

    /** Moves every level of a framework out of the way (ranks + offset), so new ranks can be given without breaking uniqueness. */
    async shiftLevelRanks(partnershipId: string, frameworkId: string, offset: number) {
      await db
        .update(maturityLevels)
        .set({ rank: sql`${maturityLevels.rank} + ${offset}` })
        .where(and(eq(maturityLevels.partnershipId, partnershipId), eq(maturityLevels.frameworkId, frameworkId)));
    },

    async deleteLevels(partnershipId: string, ids: readonly string[]) {
      if (ids.length === 0) return;
      await db.delete(maturityLevels).where(and(eq(maturityLevels.partnershipId, partnershipId), inArray(maturityLevels.id, [...ids])));
    },

    /** Sets (or with empty text, clears) the descriptor of one cell. */
    async setDescriptor(partnershipId: string, dimensionId: string, levelId: string, text: string) {
      if (text === "") {
        await db
          .delete(maturityDescriptors)
          .where(
            and(
              eq(maturityDescriptors.partnershipId, partnershipId),
              eq(maturityDescriptors.dimensionId, dimensionId),
              eq(maturityDescriptors.levelId, levelId),
            ),
          );
        return;
      }
      await db
        .insert(maturityDescriptors)
        .values({ partnershipId, dimensionId, levelId, text })
        .onConflictDoUpdate({ target: [maturityDescriptors.partnershipId, maturityDescriptors.dimensionId, maturityDescriptors.levelId], set: { text } });
    },

    async insertAssessment(values: typeof maturityAssessments.$inferInsert): Promise<AssessmentRow> {
      const [row] = await db.insert(maturityAssessments).values(values).returning();
      return row!;
    },

    async updateAssessment(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof maturityAssessments.$inferInsert>) {
      const [row] = await db
        .update(maturityAssessments)
        .set({ ...values, updatedAt: new Date(), version: sql`${maturityAssessments.version} + 1` })
        .where(and(eq(maturityAssessments.partnershipId, partnershipId), eq(maturityAssessments.id, id), eq(maturityAssessments.version, expectedVersion)))
        .returning();
      return row;
    },

    /** Replaces an assessment's ratings. */
    async replaceRatings(partnershipId: string, assessmentId: string, ratings: readonly { dimensionId: string; levelId: string; evidence: string }[]) {
      await db.delete(maturityRatings).where(and(eq(maturityRatings.partnershipId, partnershipId), eq(maturityRatings.assessmentId, assessmentId)));
      if (ratings.length > 0) await db.insert(maturityRatings).values(ratings.map((r) => ({ partnershipId, assessmentId, ...r })));
    },
  };
}

export type MaturityRepository = ReturnType<typeof maturityRepository>;
