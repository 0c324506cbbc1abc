import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { budgetLineMonths, budgetLines, plans, type BudgetLineMonthRow, type BudgetLineRow, type PlanRow } from "./plans.tables.ts";

/** The workstream a plan belongs to, as far as plans need it (name for pages, flags for visibility). */
export interface WorkstreamRef {
  id: string;
  slug: string;
  name: string;
  published: boolean;
  archivedAt: Date | null;
  overseeingBodyId: string | null;
}

export interface PlanWithWorkstream {
  plan: PlanRow;
  workstream: WorkstreamRef;
}

export interface LineWithPlan {
  line: BudgetLineRow;
  plan: PlanRow;
  workstream: WorkstreamRef;
}

/** One workstream's figures for a financial year in the portfolio roll-up (integer pence). */
export interface BudgetSummaryRaw {
  workstreamId: string;
  workstreamName: string;
  workstreamSlug: string;
  planId: string;
  planStatus: PlanRow["status"];
  revision: number;
  isExample: boolean;
  plannedPence: number;
  actualToDatePence: number;
  forecastOutturnPence: number;
}

/** Whether the reader is the public: then only approved plans of published, current workstreams. */
export interface PlanVisibility {
  publicOnly: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const workstreamColumns = {
  id: workstreams.id,
  slug: workstreams.slug,
  name: workstreams.name,
  published: workstreams.published,
  archivedAt: workstreams.archivedAt,
  overseeingBodyId: workstreams.overseeingBodyId,
};

const joinWorkstream = and(eq(workstreams.partnershipId, plans.partnershipId), eq(workstreams.id, plans.workstreamId));

/** A bigint sum as an exact JavaScript number (every sum stays below 2^53 pence: see MAX_PENCE). */
const pence = (expression: SQL) => sql<number>`coalesce(${expression}, 0)::bigint`.mapWith(Number);

/** Queries for plans, budget lines and their months, always scoped to one partnership. */
export function plansRepository(db: Executor) {
  /** Visibility in the query: the public sees approved (and earlier approved, now revised) plans of published workstreams. */
  function visible(partnershipId: string, v: PlanVisibility): SQL[] {
    const conditions: SQL[] = [eq(plans.partnershipId, partnershipId)];
    if (v.publicOnly) {
      conditions.push(inArray(plans.status, ["approved", "revised"]), eq(workstreams.published, true), isNull(workstreams.archivedAt));
    }
    return conditions;
  }

  return {
    /** A workstream by id or slug, whoever may see it (the service applies the policy). */
    async findWorkstream(partnershipId: string, idOrSlug: string): Promise<WorkstreamRef | undefined> {
      const [row] = await db
        .select(workstreamColumns)
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), UUID.test(idOrSlug) ? eq(workstreams.id, idOrSlug) : eq(workstreams.slug, idOrSlug)));
      return row;
    },

    /** A workstream's plans the reader may see, newest year first, latest revision first. */
    async listForWorkstream(partnershipId: string, v: PlanVisibility, workstreamId: string, financialYear?: number): Promise<PlanRow[]> {
      const conditions = [...visible(partnershipId, v), eq(plans.workstreamId, workstreamId)];
      if (financialYear !== undefined) conditions.push(eq(plans.financialYear, financialYear));
      const rows = await db
        .select({ plan: plans })
        .from(plans)
        .innerJoin(workstreams, joinWorkstream)
        .where(and(...conditions))
        .orderBy(desc(plans.financialYear), desc(plans.revision))
        .limit(500);
      return rows.map((r) => r.plan);
    },

    /** Plans the reader may see, filtered by workstream and year, a page at a time (limit + 1 rows). */
    async list(
      partnershipId: string,
      v: PlanVisibility,
      filter: { workstreamId?: string | undefined; financialYear?: number | undefined; currentOnly?: boolean | undefined },
      page: number,
      limit: number,
    ): Promise<PlanWithWorkstream[]> {
      const conditions = visible(partnershipId, v);
      if (filter.workstreamId) conditions.push(eq(plans.workstreamId, filter.workstreamId));
      if (filter.financialYear !== undefined) conditions.push(eq(plans.financialYear, filter.financialYear));
      if (filter.currentOnly) conditions.push(ne(plans.status, "revised"));
      return db
        .select({ plan: plans, workstream: workstreamColumns })
        .from(plans)
        .innerJoin(workstreams, joinWorkstream)
        .where(and(...conditions))
        .orderBy(desc(plans.financialYear), asc(workstreams.position), asc(workstreams.name), desc(plans.revision), asc(plans.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
    },

    /** One plan with its workstream, whoever may see it (the service applies the policy). */
    async findPlan(partnershipId: string, id: string): Promise<PlanWithWorkstream | undefined> {
      const [row] = await db
        .select({ plan: plans, workstream: workstreamColumns })
        .from(plans)
        .innerJoin(workstreams, joinWorkstream)
        .where(and(eq(plans.partnershipId, partnershipId), eq(plans.id, id)));
      return row;
    },

    async findPlanRow(partnershipId: string, id: string): Promise<PlanRow | undefined> {
      const [row] = await db
        .select()
        .from(plans)
        .where(and(eq(plans.partnershipId, partnershipId), eq(plans.id, id)));
      return row;
    },

    /** Every revision of a workstream's plan for a year, latest first. */
    async revisions(partnershipId: string, v: PlanVisibility, workstreamId: string, financialYear: number): Promise<PlanRow[]> {
      const rows = await db
        .select({ plan: plans })
        .from(plans)
        .innerJoin(workstreams, joinWorkstream)
        .where(and(...visible(partnershipId, v), eq(plans.workstreamId, workstreamId), eq(plans.financialYear, financialYear)))
        .orderBy(desc(plans.revision));
      return rows.map((r) => r.plan);
    },

    /** The current (not revised) plan of a workstream for a year, if any. */
    async currentPlan(partnershipId: string, workstreamId: string, financialYear: number): Promise<PlanRow | undefined> {
      const [row] = await db
        .select()
        .from(plans)
        .where(
          and(
            eq(plans.partnershipId, partnershipId),
            eq(plans.workstreamId, workstreamId),
            eq(plans.financialYear, financialYear),
            ne(plans.status, "revised"),
          ),
        );
      return row;
    },

    /** The highest revision number of a workstream's plan for a year (0 when there is none). */
    async maxRevision(partnershipId: string, workstreamId: string, financialYear: number): Promise<number> {
      const [row] = await db
        .select({ max: sql<number>`coalesce(max(${plans.revision}), 0)`.mapWith(Number) })
        .from(plans)
        .where(and(eq(plans.partnershipId, partnershipId), eq(plans.workstreamId, workstreamId), eq(plans.financialYear, financialYear)));
      return row?.max ?? 0;
    },

    async insertPlan(values: typeof plans.$inferInsert): Promise<PlanRow> {
      const [row] = await db.insert(plans).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async updatePlan(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof plans.$inferInsert>): Promise<PlanRow | undefined> {
      const [row] = await db
        .update(plans)
        .set({ ...values, updatedAt: new Date(), version: sql`${plans.version} + 1` })
        .where(and(eq(plans.partnershipId, partnershipId), eq(plans.id, id), eq(plans.version, expectedVersion)))
        .returning();
      return row;
    },

    // -- Budget lines

    /** A plan's lines in order. */
    async linesOf(partnershipId: string, planId: string): Promise<BudgetLineRow[]> {
      return db
        .select()
        .from(budgetLines)
        .where(and(eq(budgetLines.partnershipId, partnershipId), eq(budgetLines.planId, planId)))
        .orderBy(asc(budgetLines.position), asc(budgetLines.createdAt), asc(budgetLines.id));
    },

    /** The stored months of the given lines, in month order. */
    async monthsOf(partnershipId: string, lineIds: readonly string[]): Promise<BudgetLineMonthRow[]> {
      if (lineIds.length === 0) return [];
      return db
        .select()
        .from(budgetLineMonths)
        .where(and(eq(budgetLineMonths.partnershipId, partnershipId), inArray(budgetLineMonths.budgetLineId, [...lineIds])))
        .orderBy(asc(budgetLineMonths.month));
    },

    /** One line with its plan and workstream, whoever may see it. */
    async findLine(partnershipId: string, id: string): Promise<LineWithPlan | undefined> {
      const [row] = await db
        .select({ line: budgetLines, plan: plans, workstream: workstreamColumns })
        .from(budgetLines)
        .innerJoin(plans, and(eq(plans.partnershipId, budgetLines.partnershipId), eq(plans.id, budgetLines.planId)))
        .innerJoin(workstreams, joinWorkstream)
        .where(and(eq(budgetLines.partnershipId, partnershipId), eq(budgetLines.id, id)));
      return row;
    },

    async findLineRow(partnershipId: string, id: string): Promise<BudgetLineRow | undefined> {
      const [row] = await db
        .select()
        .from(budgetLines)
        .where(and(eq(budgetLines.partnershipId, partnershipId), eq(budgetLines.id, id)));
      return row;
    },

    /** The position after the plan's last line. */
    async nextLinePosition(partnershipId: string, planId: string): Promise<number> {
      const [row] = await db
        .select({ next: sql<number>`coalesce(max(${budgetLines.position}), -1) + 1`.mapWith(Number) })
        .from(budgetLines)
        .where(and(eq(budgetLines.partnershipId, partnershipId), eq(budgetLines.planId, planId)));
      return row?.next ?? 0;
    },

    async insertLine(values: typeof budgetLines.$inferInsert): Promise<BudgetLineRow> {
      const [row] = await db.insert(budgetLines).values(values).returning();
      return row!;
    },

    async updateLine(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof budgetLines.$inferInsert>,
    ): Promise<BudgetLineRow | undefined> {
      const [row] = await db
        .update(budgetLines)
        .set({ ...values, updatedAt: new Date(), version: sql`${budgetLines.version} + 1` })
        .where(and(eq(budgetLines.partnershipId, partnershipId), eq(budgetLines.id, id), eq(budgetLines.version, expectedVersion)))
        .returning();
      return row;
    },

    /** Deletes a line (its months go with it) if the stored version is the one the writer read. */
    async deleteLine(partnershipId: string, id: string, expectedVersion: number): Promise<BudgetLineRow | undefined> {
      const [row] = await db
        .delete(budgetLines)
        .where(and(eq(budgetLines.partnershipId, partnershipId), eq(budgetLines.id, id), eq(budgetLines.version, expectedVersion)))
        .returning();
      return row;
    },

    /** Deletes every line of a plan (an import that replaces them). */
    async deleteLinesOf(partnershipId: string, planId: string): Promise<void> {
      await db.delete(budgetLines).where(and(eq(budgetLines.partnershipId, partnershipId), eq(budgetLines.planId, planId)));
    },

    /** Replaces a line's months with the given ones. */
    async replaceMonths(
      partnershipId: string,
      budgetLineId: string,
      months: readonly { month: string; plannedPence: number; actualPence: number | null; forecastPence: number | null }[],
    ): Promise<void> {
      await db.delete(budgetLineMonths).where(and(eq(budgetLineMonths.partnershipId, partnershipId), eq(budgetLineMonths.budgetLineId, budgetLineId)));
      if (months.length > 0) await db.insert(budgetLineMonths).values(months.map((m) => ({ partnershipId, budgetLineId, ...m })));
    },

    /**
     * The portfolio roll-up for a financial year: per workstream, its current (not revised) plan's
     * planned total, actual to date and forecast outturn, summed exactly in SQL (bigint). For the
     * public, only approved plans of published, current workstreams.
     *
     *   select p.workstream_id, p.id, sum(m.planned_pence)::bigint,
     *          sum(m.actual_pence)::bigint,
     *          sum(coalesce(m.actual_pence, m.forecast_pence, m.planned_pence))::bigint
     *   from plans p join workstreams w … left join budget_lines l … left join budget_line_months m …
     *   where p.partnership_id = $1 and p.financial_year = $2 and p.status <> 'revised' [and public filters]
     *   group by p.id, w.id order by w.position, w.name
     */
    async budgetSummary(partnershipId: string, v: PlanVisibility, financialYear: number, workstreamIds?: readonly string[]): Promise<BudgetSummaryRaw[]> {
      const conditions = [eq(plans.partnershipId, partnershipId), eq(plans.financialYear, financialYear), ne(plans.status, "revised")];
      if (v.publicOnly) conditions.push(eq(plans.status, "approved"), eq(workstreams.published, true), isNull(workstreams.archivedAt));
      if (workstreamIds) {
        if (workstreamIds.length === 0) return [];
        conditions.push(inArray(plans.workstreamId, [...workstreamIds]));
      }
      return db
        .select({
          workstreamId: plans.workstreamId,
          workstreamName: workstreams.name,
          workstreamSlug: workstreams.slug,
          planId: plans.id,
          planStatus: plans.status,
          revision: plans.revision,
          isExample: plans.isExample,
          plannedPence: pence(sql`sum(${budgetLineMonths.plannedPence})`),
          actualToDatePence: pence(sql`sum(${budgetLineMonths.actualPence})`),
          forecastOutturnPence: pence(sql`sum(coalesce(${budgetLineMonths.actualPence}, ${budgetLineMonths.forecastPence}, ${budgetLineMonths.plannedPence}))`),
        })
        .from(plans)
        .innerJoin(workstreams, joinWorkstream)
        .leftJoin(budgetLines, and(eq(budgetLines.partnershipId, plans.partnershipId), eq(budgetLines.planId, plans.id)))
        .leftJoin(budgetLineMonths, and(eq(budgetLineMonths.partnershipId, budgetLines.partnershipId), eq(budgetLineMonths.budgetLineId, budgetLines.id)))
        .where(and(...conditions))
        .groupBy(plans.id, plans.partnershipId, workstreams.partnershipId, workstreams.id)
        .orderBy(asc(workstreams.position), asc(workstreams.name));
    },

    /** The financial years that have at least one plan the reader may see (for the roll-up's year picker). */
    async years(partnershipId: string, v: PlanVisibility): Promise<number[]> {
      const rows = await db
        .selectDistinct({ year: plans.financialYear })
        .from(plans)
        .innerJoin(workstreams, joinWorkstream)
        .where(and(...visible(partnershipId, v)))
        .orderBy(desc(plans.financialYear));
      return rows.map((r) => r.year);
    },
  };
}

export type PlansRepository = ReturnType<typeof plansRepository>;
