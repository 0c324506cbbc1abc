import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { highlightReports, type HighlightReportRow, type HighlightReportStatus } from "./highlight-reports.tables.ts";

export type { HighlightReportRow };

/** The workstream a report belongs to, as far as reports need it (name for pages; flags for visibility). */
export interface ReportWorkstream {
  id: string;
  slug: string;
  name: string;
  published: boolean;
  archivedAt: Date | null;
}

/** A report with its workstream. */
export interface HighlightReportView extends HighlightReportRow {
  workstream: ReportWorkstream;
}

/**
 * What a viewer may see, from workstreams/portfolio-access.ts: insiders every report; the public
 * only reviewed reports of published, unarchived workstreams. Applied in the WHERE clause.
 */
export interface ReportVisibility {
  publicOnly: boolean;
}

export interface ReportFilter {
  workstreamId?: string | undefined;
  month?: string | undefined;
  status?: HighlightReportStatus | undefined;
}

/** One workstream's report (if any) for a month, for the programme office's overview. */
export interface MonthStatusRow {
  workstream: { id: string; slug: string; name: string; status: string };
  report: { id: string; status: HighlightReportStatus; overallRag: HighlightReportRow["overallRag"] } | null;
}

const workstreamColumns = {
  id: workstreams.id,
  slug: workstreams.slug,
  name: workstreams.name,
  published: workstreams.published,
  archivedAt: workstreams.archivedAt,
};

/** Queries for highlight reports, always scoped to one partnership. */
export function highlightReportsRepository(db: Executor) {
  function visible(v: ReportVisibility): SQL[] {
    return v.publicOnly ? [eq(highlightReports.status, "reviewed"), eq(workstreams.published, true), isNull(workstreams.archivedAt)] : [];
  }

  function joined() {
    return db
      .select({ report: highlightReports, workstream: workstreamColumns })
      .from(highlightReports)
      .innerJoin(workstreams, and(eq(workstreams.partnershipId, highlightReports.partnershipId), eq(workstreams.id, highlightReports.workstreamId)));
  }

  const flatten = (r: { report: HighlightReportRow; workstream: ReportWorkstream }): HighlightReportView => ({ ...r.report, workstream: r.workstream });

  return {
    /** A workstream by id or slug, whatever its visibility (the service decides). */
    async findWorkstream(partnershipId: string, idOrSlug: string): Promise<ReportWorkstream | undefined> {
      const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
      const [row] = await db
        .select(workstreamColumns)
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), isId ? eq(workstreams.id, idOrSlug) : eq(workstreams.slug, idOrSlug)))
        .limit(1);
      return row;
    },

    /** A page of reports (limit + 1 rows), newest month first, then by workstream name. */
    async list(partnershipId: string, v: ReportVisibility, filter: ReportFilter, page: number, limit: number): Promise<HighlightReportView[]> {
      const conditions: SQL[] = [eq(highlightReports.partnershipId, partnershipId), ...visible(v)];
      if (filter.workstreamId) conditions.push(eq(highlightReports.workstreamId, filter.workstreamId));
      if (filter.month) conditions.push(eq(highlightReports.month, filter.month));
      if (filter.status) conditions.push(eq(highlightReports.status, filter.status));
      const rows = await joined()
        .where(and(...conditions))
        .orderBy(desc(highlightReports.month), asc(workstreams.name), asc(highlightReports.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(flatten);
    },

    /** A workstream's reports, newest month first: its RAG history (at most 240 months). */
    async history(partnershipId: string, v: ReportVisibility, workstreamId: string): Promise<HighlightReportView[]> {
      const rows = await joined()
        .where(and(eq(highlightReports.partnershipId, partnershipId), eq(highlightReports.workstreamId, workstreamId), ...visible(v)))
        .orderBy(desc(highlightReports.month))
        .limit(240);
      return rows.map(flatten);
    },

    /** Each workstream's latest visible report (by month): one indexed DISTINCT ON query. */
    async latestFor(partnershipId: string, v: ReportVisibility, workstreamIds: readonly string[]): Promise<HighlightReportView[]> {
      if (workstreamIds.length === 0) return [];
      const rows = await db
        .selectDistinctOn([highlightReports.workstreamId], { report: highlightReports, workstream: workstreamColumns })
        .from(highlightReports)
        .innerJoin(workstreams, and(eq(workstreams.partnershipId, highlightReports.partnershipId), eq(workstreams.id, highlightReports.workstreamId)))
        .where(and(eq(highlightReports.partnershipId, partnershipId), inArray(highlightReports.workstreamId, [...workstreamIds]), ...visible(v)))
        .orderBy(highlightReports.workstreamId, desc(highlightReports.month));
      return rows.map(flatten);
    },

    /** Every unarchived workstream with its report for the month, if any, in the workstreams' order. */
    async monthStatus(partnershipId: string, month: string): Promise<MonthStatusRow[]> {
      const rows = await db
        .select({
          workstream: { id: workstreams.id, slug: workstreams.slug, name: workstreams.name, status: workstreams.status },
          reportId: highlightReports.id,
          reportStatus: highlightReports.status,
          overallRag: highlightReports.overallRag,
        })
        .from(workstreams)
        .leftJoin(
          highlightReports,
          and(
            eq(highlightReports.partnershipId, workstreams.partnershipId),
            eq(highlightReports.workstreamId, workstreams.id),
            eq(highlightReports.month, month),
          ),
        )
        .where(and(eq(workstreams.partnershipId, partnershipId), isNull(workstreams.archivedAt)))
        .orderBy(asc(workstreams.position), asc(workstreams.name))
        .limit(1000);
      return rows.map((r) => ({
        workstream: r.workstream,
        report: r.reportId && r.reportStatus ? { id: r.reportId, status: r.reportStatus, overallRag: r.overallRag } : null,
      }));
    },

    /** One report with its workstream, whatever its visibility (the service decides). */
    async findView(partnershipId: string, id: string): Promise<HighlightReportView | undefined> {
      const [row] = await joined().where(and(eq(highlightReports.partnershipId, partnershipId), eq(highlightReports.id, id)));
      return row ? flatten(row) : undefined;
    },

    async find(partnershipId: string, id: string): Promise<HighlightReportRow | undefined> {
      const [row] = await db
        .select()
        .from(highlightReports)
        .where(and(eq(highlightReports.partnershipId, partnershipId), eq(highlightReports.id, id)));
      return row;
    },

    async findByMonth(partnershipId: string, workstreamId: string, month: string): Promise<HighlightReportRow | undefined> {
      const [row] = await db
        .select()
        .from(highlightReports)
        .where(and(eq(highlightReports.partnershipId, partnershipId), eq(highlightReports.workstreamId, workstreamId), eq(highlightReports.month, month)));
      return row;
    },

    async insert(values: typeof highlightReports.$inferInsert): Promise<HighlightReportRow> {
      const [row] = await db.insert(highlightReports).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof highlightReports.$inferInsert>,
    ): Promise<HighlightReportRow | undefined> {
      const [row] = await db
        .update(highlightReports)
        .set({ ...values, updatedAt: new Date(), version: sql`${highlightReports.version} + 1` })
        .where(and(eq(highlightReports.partnershipId, partnershipId), eq(highlightReports.id, id), eq(highlightReports.version, expectedVersion)))
        .returning();
      return row;
    },
  };
}

export type HighlightReportsRepository = ReturnType<typeof highlightReportsRepository>;
