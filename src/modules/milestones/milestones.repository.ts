import { and, asc, eq, gte, inArray, isNull, lt, lte, max, ne, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { milestones, products, type MilestoneRow, type ProductRow } from "./milestones.tables.ts";

export type { MilestoneRow, ProductRow };

/** The workstream a milestone or product belongs to, as pages and the API name it. */
export interface WorkstreamRef {
  id: string;
  slug: string;
  name: string;
  published: boolean;
  archivedAt: Date | null;
  overseeingBodyId: string | null;
}

export interface MilestoneView extends MilestoneRow {
  workstream: WorkstreamRef;
}

export interface ProductView extends ProductRow {
  workstream: WorkstreamRef;
}

/**
 * What of the portfolio the viewer may see, decided by the service from
 * workstreams/portfolio-access.ts and applied here in SQL, so lists never carry more.
 */
export interface PortfolioVisibility {
  /** Insiders: unpublished and archived workstreams, and planned products. */
  includeUnpublished: boolean;
}

export interface MilestoneQuery {
  workstreamIds?: readonly string[] | undefined;
  status?: MilestoneRow["status"] | undefined;
  /** On the forecast date, or the baseline when there is no forecast. */
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  /** Not complete. */
  open?: boolean | undefined;
  /** Status late, or not complete with a forecast-or-baseline date before this date. */
  lateAsOf?: string | undefined;
  /** Complete with the date achieved on or before this date. */
  achievedBy?: string | undefined;
}

export interface ProductQuery {
  workstreamIds?: readonly string[] | undefined;
  status?: ProductRow["status"] | undefined;
  deliveredBy?: string | undefined;
}

const workstreamColumns = {
  id: workstreams.id,
  slug: workstreams.slug,
  name: workstreams.name,
  published: workstreams.published,
  archivedAt: workstreams.archivedAt,
  overseeingBodyId: workstreams.overseeingBodyId,
};

/** The date a milestone is due: its forecast, or its baseline when nothing is forecast. */
const dueOn = sql<string>`coalesce(${milestones.forecastOn}, ${milestones.baselineOn})`;

/** Queries for milestones and products, always scoped to one partnership. */
export function milestonesRepository(db: Executor) {
  function visibleWorkstream(v: PortfolioVisibility): SQL[] {
    return v.includeUnpublished ? [] : [eq(workstreams.published, true), isNull(workstreams.archivedAt)];
  }

  const joinedMilestones = () =>
    db
      .select({ milestone: milestones, workstream: workstreamColumns })
      .from(milestones)
      .innerJoin(workstreams, and(eq(workstreams.partnershipId, milestones.partnershipId), eq(workstreams.id, milestones.workstreamId)));

  const joinedProducts = () =>
    db
      .select({ product: products, workstream: workstreamColumns })
      .from(products)
      .innerJoin(workstreams, and(eq(workstreams.partnershipId, products.partnershipId), eq(workstreams.id, products.workstreamId)));

  const flattenMilestone = (r: { milestone: MilestoneRow; workstream: WorkstreamRef }): MilestoneView => ({ ...r.milestone, workstream: r.workstream });
  const flattenProduct = (r: { product: ProductRow; workstream: WorkstreamRef }): ProductView => ({ ...r.product, workstream: r.workstream });

  function milestoneConditions(partnershipId: string, v: PortfolioVisibility, q: MilestoneQuery): SQL[] {
    const c: SQL[] = [eq(milestones.partnershipId, partnershipId), ...visibleWorkstream(v)];
    if (q.workstreamIds) c.push(q.workstreamIds.length === 0 ? sql`false` : inArray(milestones.workstreamId, [...q.workstreamIds]));
    if (q.status) c.push(eq(milestones.status, q.status));
    if (q.open) c.push(ne(milestones.status, "complete"));
    if (q.dueFrom) c.push(gte(dueOn, q.dueFrom));
    if (q.dueTo) c.push(lte(dueOn, q.dueTo));
    if (q.lateAsOf) c.push(or(eq(milestones.status, "late"), and(ne(milestones.status, "complete"), lt(dueOn, q.lateAsOf)))!);
    if (q.achievedBy) c.push(eq(milestones.status, "complete"), lte(milestones.actualOn, q.achievedBy));
    return c;
  }

  function productConditions(partnershipId: string, v: PortfolioVisibility, q: ProductQuery): SQL[] {
    const c: SQL[] = [eq(products.partnershipId, partnershipId), ...visibleWorkstream(v)];
    // The public sees delivered products only: planned ones are the workstream's own business.
    if (!v.includeUnpublished) c.push(eq(products.status, "delivered"));
    if (q.workstreamIds) c.push(q.workstreamIds.length === 0 ? sql`false` : inArray(products.workstreamId, [...q.workstreamIds]));
    if (q.status) c.push(eq(products.status, q.status));
    if (q.deliveredBy) c.push(eq(products.status, "delivered"), lte(products.deliveredOn, q.deliveredBy));
    return c;
  }

  return {
    /** A workstream by id or slug, with what visibility and the decision picker need; undefined when there is none. */
    async findWorkstream(partnershipId: string, idOrSlug: string): Promise<WorkstreamRef | undefined> {
      const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
      const [row] = await db
        .select(workstreamColumns)
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), isUuid ? eq(workstreams.id, idOrSlug) : eq(workstreams.slug, idOrSlug)))
        .limit(1);
      return row;
    },

    /** Visible workstreams for the portfolio view's filter, in their order. */
    async workstreamChoices(partnershipId: string, v: PortfolioVisibility): Promise<{ id: string; name: string }[]> {
      return db
        .select({ id: workstreams.id, name: workstreams.name })
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), ...visibleWorkstream(v)))
        .orderBy(asc(workstreams.position), asc(workstreams.name))
        .limit(500);
    },

    /**
     * Milestones matching the query, soonest due first (forecast, else baseline). The due date is
     * an expression (coalesce), so no index orders by it: a partnership's milestones number in the
     * hundreds, and the planner filters them by partnership (and workstream, on
     * milestones_workstream_idx) and sorts the few left. An expression index would be the fix if
     * portfolios grow to tens of thousands.
     */
    async listMilestones(partnershipId: string, v: PortfolioVisibility, q: MilestoneQuery, page = 1, limit = 1000): Promise<MilestoneView[]> {
      const rows = await joinedMilestones()
        .where(and(...milestoneConditions(partnershipId, v, q)))
        .orderBy(asc(dueOn), asc(milestones.position), asc(milestones.title), asc(milestones.id))
        .limit(limit)
        .offset((page - 1) * limit);
      return rows.map(flattenMilestone);
    },

    /** A workstream's milestones in plan order: baseline date, then position. */
    async milestonesOfWorkstream(partnershipId: string, workstreamId: string): Promise<MilestoneView[]> {
      const rows = await joinedMilestones()
        .where(and(eq(milestones.partnershipId, partnershipId), eq(milestones.workstreamId, workstreamId)))
        .orderBy(asc(milestones.baselineOn), asc(milestones.position), asc(milestones.id))
        .limit(2000);
      return rows.map(flattenMilestone);
    },

    async findMilestoneView(partnershipId: string, id: string): Promise<MilestoneView | undefined> {
      const [row] = await joinedMilestones().where(and(eq(milestones.partnershipId, partnershipId), eq(milestones.id, id)));
      return row ? flattenMilestone(row) : undefined;
    },

    async findMilestone(partnershipId: string, id: string): Promise<MilestoneRow | undefined> {
      const [row] = await db
        .select()
        .from(milestones)
        .where(and(eq(milestones.partnershipId, partnershipId), eq(milestones.id, id)));
      return row;
    },

    /** The milestones with these ids (any workstream), for an import that updates by id. */
    async milestonesById(partnershipId: string, ids: readonly string[]): Promise<MilestoneRow[]> {
      if (ids.length === 0) return [];
      return db
        .select()
        .from(milestones)
        .where(and(eq(milestones.partnershipId, partnershipId), inArray(milestones.id, [...ids])));
    },

    async nextMilestonePosition(partnershipId: string, workstreamId: string): Promise<number> {
      const [row] = await db
        .select({ top: max(milestones.position) })
        .from(milestones)
        .where(and(eq(milestones.partnershipId, partnershipId), eq(milestones.workstreamId, workstreamId)));
      return (row?.top ?? 0) + 1;
    },

    async insertMilestone(values: typeof milestones.$inferInsert): Promise<MilestoneRow> {
      const [row] = await db.insert(milestones).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async updateMilestone(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof milestones.$inferInsert>,
    ): Promise<MilestoneRow | undefined> {
      const [row] = await db
        .update(milestones)
        .set({ ...values, updatedAt: new Date(), version: sql`${milestones.version} + 1` })
        .where(and(eq(milestones.partnershipId, partnershipId), eq(milestones.id, id), eq(milestones.version, expectedVersion)))
        .returning();
      return row;
    },

    // -- Products

    async listProducts(partnershipId: string, v: PortfolioVisibility, q: ProductQuery, page = 1, limit = 1000): Promise<ProductView[]> {
      const rows = await joinedProducts()
        .where(and(...productConditions(partnershipId, v, q)))
        .orderBy(asc(sql`coalesce(${products.deliveredOn}, ${products.plannedOn})`), asc(products.title), asc(products.id))
        .limit(limit)
        .offset((page - 1) * limit);
      return rows.map(flattenProduct);
    },

    async findProductView(partnershipId: string, id: string): Promise<ProductView | undefined> {
      const [row] = await joinedProducts().where(and(eq(products.partnershipId, partnershipId), eq(products.id, id)));
      return row ? flattenProduct(row) : undefined;
    },

    async findProduct(partnershipId: string, id: string): Promise<ProductRow | undefined> {
      const [row] = await db
        .select()
        .from(products)
        .where(and(eq(products.partnershipId, partnershipId), eq(products.id, id)));
      return row;
    },

    async insertProduct(values: typeof products.$inferInsert): Promise<ProductRow> {
      const [row] = await db.insert(products).values(values).returning();
      return row!;
    },

    async updateProduct(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof products.$inferInsert>,
    ): Promise<ProductRow | undefined> {
      const [row] = await db
        .update(products)
        .set({ ...values, updatedAt: new Date(), version: sql`${products.version} + 1` })
        .where(and(eq(products.partnershipId, partnershipId), eq(products.id, id), eq(products.version, expectedVersion)))
        .returning();
      return row;
    },
  };
}

export type MilestonesRepository = ReturnType<typeof milestonesRepository>;
