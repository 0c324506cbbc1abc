import { aliasedTable, and, asc, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { containsPattern } from "../../platform/db/patterns.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import {
  programmeIssues,
  riskBands,
  riskReviews,
  risks,
  type IssueStatus,
  type ProgrammeIssueRow,
  type RiskReviewRow,
  type RiskRow,
  type RiskStatus,
} from "./risks.tables.ts";

export type { ProgrammeIssueRow, RiskReviewRow, RiskRow };

/** The workstream a risk or issue sits on, as the registers name and link it. */
export interface WorkstreamRef {
  id: string;
  slug: string;
  name: string;
}

/** A risk with the names every register and page shows, fetched in the same query. */
export interface RiskView extends RiskRow {
  workstream: WorkstreamRef | null;
  /** The workstream is published and not archived (the public may see its published records). */
  workstreamPublic: boolean;
  ownerName: string | null;
  escalatedToBodyName: string | null;
}

/** An issue with the names around it. */
export interface IssueView extends ProgrammeIssueRow {
  workstream: WorkstreamRef | null;
  workstreamPublic: boolean;
  ownerName: string | null;
  escalatedToBodyName: string | null;
  raisedFromRiskReference: number | null;
}

/**
 * What a viewer may see of the registers, decided by the service from portfolio-access.ts and
 * applied here in SQL: the public sees only published records, and of workstream records only
 * those of published, unarchived workstreams.
 */
export interface RegisterVisibility {
  includeUnpublished: boolean;
}

/** Which risks a register shows. `workstreamId` null is the portfolio register; undefined is every register. */
export interface RiskFilter {
  workstreamId?: string | null | undefined;
  workstreamIds?: readonly string[] | undefined;
  status?: RiskStatus | undefined;
  /** Current score range, inclusive from, exclusive to (the band's bounds). */
  scoreFrom?: number | undefined;
  scoreBelow?: number | undefined;
  q?: string | undefined;
}

export interface IssueFilter {
  workstreamId?: string | null | undefined;
  status?: IssueStatus | undefined;
  q?: string | undefined;
}

const currentScore = sql<number>`(${risks.currentLikelihood} * ${risks.currentConsequence})`;

/** Queries for risks, their reviews, issues and the partnership's bands; always scoped to one partnership. */
export function risksRepository(db: Executor) {
  const workstreamPublic = sql<boolean>`coalesce(${workstreams.published} and ${workstreams.archivedAt} is null, false)`;
  const workstreamRef = sql<WorkstreamRef | null>`case when ${workstreams.id} is null then null else json_build_object('id', ${workstreams.id}, 'slug', ${workstreams.slug}, 'name', ${workstreams.name}) end`;

  /** The public's condition: published, and on a published, unarchived workstream or on none. */
  function visible(v: RegisterVisibility, table: typeof risks | typeof programmeIssues): SQL[] {
    if (v.includeUnpublished) return [];
    return [eq(table.published, true), or(isNull(table.workstreamId), and(eq(workstreams.published, true), isNull(workstreams.archivedAt)))!];
  }

  const riskSelect = () =>
    db
      .select({
        risk: risks,
        workstream: workstreamRef,
        workstreamPublic,
        ownerName: people.name,
        escalatedToBodyName: bodies.name,
      })
      .from(risks)
      .leftJoin(workstreams, and(eq(workstreams.partnershipId, risks.partnershipId), eq(workstreams.id, risks.workstreamId)))
      .leftJoin(people, and(eq(people.partnershipId, risks.partnershipId), eq(people.id, risks.ownerPersonId)))
      .leftJoin(bodies, and(eq(bodies.partnershipId, risks.partnershipId), eq(bodies.id, risks.escalatedToBodyId)));

  type RiskSelected = {
    risk: RiskRow;
    workstream: WorkstreamRef | null;
    workstreamPublic: boolean;
    ownerName: string | null;
    escalatedToBodyName: string | null;
  };
  const flattenRisk = ({ risk, ...r }: RiskSelected): RiskView => ({ ...risk, ...r });

  function riskConditions(partnershipId: string, v: RegisterVisibility, filter: RiskFilter): SQL[] {
    const conditions: SQL[] = [eq(risks.partnershipId, partnershipId), ...visible(v, risks)];
    if (filter.workstreamId === null) conditions.push(isNull(risks.workstreamId));
    else if (filter.workstreamId !== undefined) conditions.push(eq(risks.workstreamId, filter.workstreamId));
    if (filter.workstreamIds) conditions.push(filter.workstreamIds.length === 0 ? sql`false` : inArray(risks.workstreamId, [...filter.workstreamIds]));
    if (filter.status) conditions.push(eq(risks.status, filter.status));
    if (filter.scoreFrom !== undefined) conditions.push(gte(currentScore, filter.scoreFrom));
    if (filter.scoreBelow !== undefined) conditions.push(lt(currentScore, filter.scoreBelow));
    if (filter.q) conditions.push(or(ilike(risks.title, containsPattern(filter.q)), ilike(risks.event, containsPattern(filter.q)))!);
    return conditions;
  }

  const ownerPeople = aliasedTable(people, "issue_owner");
  const escalatedBodies = aliasedTable(bodies, "issue_escalated_body");
  const fromRisks = aliasedTable(risks, "issue_from_risk");

  const issueSelect = () =>
    db
      .select({
        issue: programmeIssues,
        workstream: workstreamRef,
        workstreamPublic,
        ownerName: ownerPeople.name,
        escalatedToBodyName: escalatedBodies.name,
        raisedFromRiskReference: fromRisks.reference,
      })
      .from(programmeIssues)
      .leftJoin(workstreams, and(eq(workstreams.partnershipId, programmeIssues.partnershipId), eq(workstreams.id, programmeIssues.workstreamId)))
      .leftJoin(ownerPeople, and(eq(ownerPeople.partnershipId, programmeIssues.partnershipId), eq(ownerPeople.id, programmeIssues.ownerPersonId)))
      .leftJoin(
        escalatedBodies,
        and(eq(escalatedBodies.partnershipId, programmeIssues.partnershipId), eq(escalatedBodies.id, programmeIssues.escalatedToBodyId)),
      )
      .leftJoin(fromRisks, and(eq(fromRisks.partnershipId, programmeIssues.partnershipId), eq(fromRisks.id, programmeIssues.raisedFromRiskId)));

  type IssueSelected = {
    issue: ProgrammeIssueRow;
    workstream: WorkstreamRef | null;
    workstreamPublic: boolean;
    ownerName: string | null;
    escalatedToBodyName: string | null;
    raisedFromRiskReference: number | null;
  };
  const flattenIssue = ({ issue, ...r }: IssueSelected): IssueView => ({ ...issue, ...r });

  function issueConditions(partnershipId: string, v: RegisterVisibility, filter: IssueFilter): SQL[] {
    const conditions: SQL[] = [eq(programmeIssues.partnershipId, partnershipId), ...visible(v, programmeIssues)];
    if (filter.workstreamId === null) conditions.push(isNull(programmeIssues.workstreamId));
    else if (filter.workstreamId !== undefined) conditions.push(eq(programmeIssues.workstreamId, filter.workstreamId));
    if (filter.status) conditions.push(eq(programmeIssues.status, filter.status));
    if (filter.q) conditions.push(ilike(programmeIssues.title, containsPattern(filter.q)));
    return conditions;
  }

  return {
    /**
     * The next reference for a risk or an issue, sequential per partnership. The transaction-scoped
     * advisory lock on (table, partnership) serialises concurrent creators: the second waits until
     * the first commits and then reads its reference (max() cannot be taken FOR UPDATE).
     */
    async nextReference(partnershipId: string, kind: "risk" | "issue"): Promise<number> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`quorum:${kind}_reference`}), hashtext(${partnershipId}))`);
      const table = kind === "risk" ? risks : programmeIssues;
      const [row] = await db
        .select({ next: sql<number>`coalesce(max(${table.reference}), 0)::int + 1` })
        .from(table)
        .where(eq(table.partnershipId, partnershipId));
      return Number(row!.next);
    },

    // -- Risks

    /** A page of a register (limit + 1 rows): highest current score first, then by reference. */
    async listRisks(partnershipId: string, v: RegisterVisibility, filter: RiskFilter, page: number, limit: number): Promise<RiskView[]> {
      const rows = await riskSelect()
        .where(and(...riskConditions(partnershipId, v, filter)))
        .orderBy(desc(currentScore), asc(risks.reference))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(flattenRisk);
    },

    /** Every risk matching the filter (capped), in reference order, for exports and deep dives. */
    async allRisks(partnershipId: string, v: RegisterVisibility, filter: RiskFilter, cap: number): Promise<RiskView[]> {
      const rows = await riskSelect()
        .where(and(...riskConditions(partnershipId, v, filter)))
        .orderBy(asc(risks.reference))
        .limit(cap);
      return rows.map(flattenRisk);
    },

    /** Open risks by current score, highest first (risks_current_score_idx). */
    async topRisks(partnershipId: string, v: RegisterVisibility, filter: RiskFilter, limit: number): Promise<RiskView[]> {
      const rows = await riskSelect()
        .where(and(...riskConditions(partnershipId, v, { ...filter, status: "open" })))
        .orderBy(desc(currentScore), asc(risks.reference))
        .limit(limit);
      return rows.map(flattenRisk);
    },

    /** Counts of open risks by current likelihood × consequence. */
    async heatMapCounts(
      partnershipId: string,
      v: RegisterVisibility,
      filter: RiskFilter,
    ): Promise<{ likelihood: number; consequence: number; count: number }[]> {
      const rows = await db
        .select({ likelihood: risks.currentLikelihood, consequence: risks.currentConsequence, count: sql<number>`count(*)::int` })
        .from(risks)
        .leftJoin(workstreams, and(eq(workstreams.partnershipId, risks.partnershipId), eq(workstreams.id, risks.workstreamId)))
        .where(and(...riskConditions(partnershipId, v, { ...filter, status: "open" })))
        .groupBy(risks.currentLikelihood, risks.currentConsequence);
      return rows.map((r) => ({ ...r, count: Number(r.count) }));
    },

    async findRiskView(partnershipId: string, id: string): Promise<RiskView | undefined> {
      const [row] = await riskSelect().where(and(eq(risks.partnershipId, partnershipId), eq(risks.id, id)));
      return row ? flattenRisk(row) : undefined;
    },

    async findRisk(partnershipId: string, id: string): Promise<RiskRow | undefined> {
      const [row] = await db
        .select()
        .from(risks)
        .where(and(eq(risks.partnershipId, partnershipId), eq(risks.id, id)));
      return row;
    },

    async insertRisk(values: typeof risks.$inferInsert): Promise<RiskRow> {
      const [row] = await db.insert(risks).values(values).returning();
      return row!;
    },

    async insertRisks(values: (typeof risks.$inferInsert)[]): Promise<RiskRow[]> {
      if (values.length === 0) return [];
      return db.insert(risks).values(values).returning();
    },

    /** The risks with these references (any register), for an import that updates by reference. */
    async risksByReference(partnershipId: string, references: readonly number[]): Promise<RiskRow[]> {
      if (references.length === 0) return [];
      return db
        .select()
        .from(risks)
        .where(and(eq(risks.partnershipId, partnershipId), inArray(risks.reference, [...references])));
    },

    /** Applies changes when the version still matches; undefined when it does not (a stale write). */
    async updateRisk(partnershipId: string, id: string, version: number, values: Partial<typeof risks.$inferInsert>): Promise<RiskRow | undefined> {
      const [row] = await db
        .update(risks)
        .set({ ...values, version: sql`${risks.version} + 1`, updatedAt: new Date() })
        .where(and(eq(risks.partnershipId, partnershipId), eq(risks.id, id), eq(risks.version, version)))
        .returning();
      return row;
    },

    // -- Reviews

    async listReviews(partnershipId: string, riskId: string): Promise<RiskReviewRow[]> {
      return db
        .select()
        .from(riskReviews)
        .where(and(eq(riskReviews.partnershipId, partnershipId), eq(riskReviews.riskId, riskId)))
        .orderBy(asc(riskReviews.reviewedOn), asc(riskReviews.createdAt))
        .limit(1000);
    },

    /** The latest review of each risk on or before a date. */
    async reviewsAsOf(partnershipId: string, riskIds: readonly string[], date: string): Promise<Map<string, RiskReviewRow>> {
      if (riskIds.length === 0) return new Map();
      const rows = await db
        .selectDistinctOn([riskReviews.riskId])
        .from(riskReviews)
        .where(and(eq(riskReviews.partnershipId, partnershipId), inArray(riskReviews.riskId, [...riskIds]), sql`${riskReviews.reviewedOn} <= ${date}`))
        .orderBy(asc(riskReviews.riskId), desc(riskReviews.reviewedOn), desc(riskReviews.createdAt));
      return new Map(rows.map((r) => [r.riskId, r]));
    },

    async insertReview(values: typeof riskReviews.$inferInsert): Promise<RiskReviewRow> {
      const [row] = await db.insert(riskReviews).values(values).returning();
      return row!;
    },

    async insertReviews(values: (typeof riskReviews.$inferInsert)[]): Promise<void> {
      if (values.length > 0) await db.insert(riskReviews).values(values);
    },

    // -- Bands

    async findBands(partnershipId: string) {
      const [row] = await db.select().from(riskBands).where(eq(riskBands.partnershipId, partnershipId));
      return row;
    },

    async insertBands(values: typeof riskBands.$inferInsert) {
      const [row] = await db.insert(riskBands).values(values).onConflictDoNothing().returning();
      return row;
    },

    async updateBands(partnershipId: string, version: number, values: { moderateFrom: number; highFrom: number; extremeFrom: number }) {
      const [row] = await db
        .update(riskBands)
        .set({ ...values, version: sql`${riskBands.version} + 1`, updatedAt: new Date() })
        .where(and(eq(riskBands.partnershipId, partnershipId), eq(riskBands.version, version)))
        .returning();
      return row;
    },

    // -- Issues

    async listIssues(partnershipId: string, v: RegisterVisibility, filter: IssueFilter, page: number, limit: number): Promise<IssueView[]> {
      const rows = await issueSelect()
        .where(and(...issueConditions(partnershipId, v, filter)))
        .orderBy(
          sql`case ${programmeIssues.status} when 'open' then 0 else 1 end`,
          sql`case ${programmeIssues.priority} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`,
          asc(programmeIssues.reference),
        )
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(flattenIssue);
    },

    async findIssueView(partnershipId: string, id: string): Promise<IssueView | undefined> {
      const [row] = await issueSelect().where(and(eq(programmeIssues.partnershipId, partnershipId), eq(programmeIssues.id, id)));
      return row ? flattenIssue(row) : undefined;
    },

    async findIssue(partnershipId: string, id: string): Promise<ProgrammeIssueRow | undefined> {
      const [row] = await db
        .select()
        .from(programmeIssues)
        .where(and(eq(programmeIssues.partnershipId, partnershipId), eq(programmeIssues.id, id)));
      return row;
    },

    /** Issues raised from a risk (the risk page links them). */
    async issuesFromRisk(partnershipId: string, v: RegisterVisibility, riskId: string): Promise<IssueView[]> {
      const rows = await issueSelect()
        .where(and(...issueConditions(partnershipId, v, {}), eq(programmeIssues.raisedFromRiskId, riskId)))
        .orderBy(asc(programmeIssues.reference));
      return rows.map(flattenIssue);
    },

    async insertIssue(values: typeof programmeIssues.$inferInsert): Promise<ProgrammeIssueRow> {
      const [row] = await db.insert(programmeIssues).values(values).returning();
      return row!;
    },

    async updateIssue(
      partnershipId: string,
      id: string,
      version: number,
      values: Partial<typeof programmeIssues.$inferInsert>,
    ): Promise<ProgrammeIssueRow | undefined> {
      const [row] = await db
        .update(programmeIssues)
        .set({ ...values, version: sql`${programmeIssues.version} + 1`, updatedAt: new Date() })
        .where(and(eq(programmeIssues.partnershipId, partnershipId), eq(programmeIssues.id, id), eq(programmeIssues.version, version)))
        .returning();
      return row;
    },

    // -- The records risks and issues hang on (owned by other modules; read here only to check
    //    that the ones named exist in this partnership and to name them)

    /** A workstream by id or slug, with what visibility and mitigating actions need. */
    async findWorkstream(partnershipId: string, idOrSlug: string) {
      const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
      const [row] = await db
        .select({
          id: workstreams.id,
          slug: workstreams.slug,
          name: workstreams.name,
          published: workstreams.published,
          archivedAt: workstreams.archivedAt,
          overseeingBodyId: workstreams.overseeingBodyId,
        })
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), isUuid ? eq(workstreams.id, idOrSlug) : eq(workstreams.slug, idOrSlug)));
      return row;
    },

    /** Workstreams for the register filter and the new-risk form, in position order. */
    async workstreamChoices(partnershipId: string, v: RegisterVisibility) {
      return db
        .select({ id: workstreams.id, slug: workstreams.slug, name: workstreams.name })
        .from(workstreams)
        .where(
          and(eq(workstreams.partnershipId, partnershipId), isNull(workstreams.archivedAt), v.includeUnpublished ? undefined : eq(workstreams.published, true)),
        )
        .orderBy(asc(workstreams.position), asc(workstreams.name));
    },

    async findPerson(partnershipId: string, personId: string) {
      const [row] = await db
        .select({ id: people.id, name: people.name, archivedAt: people.archivedAt })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, personId)));
      return row;
    },

    async existingPeople(partnershipId: string, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: people.id, archivedAt: people.archivedAt })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), inArray(people.id, [...ids])));
    },

    async findBody(partnershipId: string, bodyId: string) {
      const [row] = await db
        .select({ id: bodies.id, name: bodies.name, archivedAt: bodies.archivedAt })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.id, bodyId)));
      return row;
    },
  };
}

export type RisksRepository = ReturnType<typeof risksRepository>;
