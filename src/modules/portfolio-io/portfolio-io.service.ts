import type { Database } from "../../platform/db/client.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { AppError, Conflict, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { londonDate } from "../../platform/time.ts";
import { assertMayEditWorkstream } from "../workstreams/portfolio-access.ts";
import type { WorkstreamsService } from "../workstreams/workstreams.service.ts";
import type { RisksService } from "../risks/risks.service.ts";
import type { RiskImportRow } from "../risks/risks.schema.ts";
import type { RiskStatus } from "../risks/risks.tables.ts";
import { milestoneProblems, type MilestoneImportRow, type MilestonesService } from "../milestones/milestones.service.ts";
import type { MilestoneStatus } from "../milestones/milestones.tables.ts";
import type { PlansService } from "../plans/plans.service.ts";
import type { ImportedLine } from "../plans/plans.schema.ts";
import type { BudgetLineKind } from "../plans/plans.tables.ts";
import type { PeopleService } from "../people/people.service.ts";
import { FileProblem, MEDIA_TYPES, readTable, writeCsv, writeXlsx, type FileFormat } from "./portfolio-io.sheets.ts";
import {
  MILESTONE_COLUMNS,
  MONTH_FIGURES,
  RISK_COLUMNS,
  budgetLineColumns,
  monthHeader,
  exportRows,
  parseRows,
  type Column,
  type ParsedRow,
  type MonthFigure,
  type Problem,
} from "./portfolio-io.layouts.ts";

/** The most rows one import takes (the risk register's own cap). */
export const MAX_IMPORT_ROWS = 5000;
/** The largest file an import accepts. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** The most problems an import reports; the rest are counted. */
export const PROBLEMS_SHOWN = 100;

export interface PortfolioIoDeps {
  db: Database;
  workstreams: Pick<WorkstreamsService, "get">;
  risks: Pick<RisksService, "listForExport" | "importMany">;
  milestones: Pick<MilestonesService, "listForExport" | "importMany" | "today">;
  plans: Pick<PlansService, "get" | "linesForExport" | "importLines" | "importActuals" | "yearLabel">;
  people: Pick<PeopleService, "list">;
}

/** A file to send: its name, media type and content. */
export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer | string;
}

/**
 * What an import did: how many rows it took (`count`), of which it added `created` and changed
 * `updated` (the rest already matched); or every problem it found (and wrote nothing).
 */
export type ImportOutcome = { ok: true; count: number; created: number; updated: number; unchanged: number } | { ok: false; problems: Problem[] };

const appended = (n: number): ImportOutcome => ({ ok: true, count: n, created: n, updated: 0, unchanged: 0 });

/** A workstream as the import and export pages name it. */
export interface WorkstreamTarget {
  id: string;
  slug: string;
  name: string;
}

/** A plan as the budget-line import and export name it. */
export interface PlanTarget {
  id: string;
  status: string;
  yearLabel: string;
  workstream: WorkstreamTarget;
  months: string[];
}

/** The owner's name typed on a row ("" when blank). */
const ownerOf = (r: ParsedRow): string => (typeof r.value.owner === "string" ? r.value.owner : "");

const fileStamp = () => londonDate(new Date());
const slugPart = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "") || "export";

async function fileOf<E>(format: FileFormat, baseName: string, sheetName: string, columns: readonly Column<E>[], records: readonly E[]): Promise<ExportFile> {
  const rows = exportRows(columns, records);
  const fileName = `${slugPart(baseName)}-${fileStamp()}.${format}`;
  const body = format === "xlsx" ? await writeXlsx(sheetName, columns, rows) : writeCsv(columns, rows);
  return { fileName, contentType: MEDIA_TYPES[format], body };
}

/** Problems from a service's ValidationFailed, named by row and column where the field says which ("3.title", "lines.3.kind"). */
function problemsFromService(fields: FieldErrors, rows: readonly ParsedRow[], headers: Record<string, string>, fallback: string): Problem[] {
  return Object.entries(fields).map(([field, message]) => {
    const m = /^(?:lines\.)?(\d+)\.(\w+(?:\.\d+\.\w+)?)$/.exec(field);
    if (!m) return { row: null, column: headers[field] ?? null, message: field === "_form" ? message : `${fallback}: ${message}` };
    return { row: rows[Number(m[1])]?.rowNumber ?? null, column: headers[m[2]!] ?? null, message: lowerFirst(message) };
  });
}

/** A refusal of the write as a whole (a plan not in draft, a stale record) as one problem; anything else is rethrown. */
function problemsFromRefusal(err: unknown): Problem[] | null {
  if (err instanceof Conflict)
    return [{ row: null, column: null, message: "Someone changed these records while the file was being imported; nothing was imported, so try again" }];
  if (err instanceof AppError && err.status === 409) return [{ row: null, column: null, message: err.message }];
  return null;
}

/**
 * Import and export of the portfolio's risks, milestones and budget lines as XLSX and CSV. Exports
 * show exactly what the viewer may see, through the owning services. Imports validate every row
 * first and report each problem by row and column; only when every row is valid do they write,
 * in one transaction of the owning service (all or nothing, audited).
 */
export function portfolioIoService(deps: PortfolioIoDeps) {
  /** A workstream the viewer may see (404 otherwise). */
  async function workstream(ctx: RequestContext, idOrSlug: string): Promise<WorkstreamTarget> {
    const { workstream: ws } = await deps.workstreams.get(ctx, idOrSlug);
    return { id: ws.id, slug: ws.slug, name: ws.name };
  }

  async function plan(ctx: RequestContext, planId: string): Promise<PlanTarget> {
    const detail = await deps.plans.get(ctx, planId);
    return {
      id: detail.plan.id,
      status: detail.plan.status,
      yearLabel: deps.plans.yearLabel(ctx, detail.plan.financialYear),
      workstream: { id: detail.workstream.id, slug: detail.workstream.slug, name: detail.workstream.name },
      months: detail.months.map((m) => m.month),
    };
  }

  /** Reads the file and validates every row; problems with the file itself are one problem. */
  async function rowsOf<E>(content: Buffer, columns: readonly Column<E>[]): Promise<{ rows: ParsedRow[]; problems: Problem[] }> {
    if (content.length > MAX_IMPORT_BYTES) return { rows: [], problems: [{ row: null, column: null, message: tooBig() }] };
    try {
      const table = await readTable(content, MAX_IMPORT_ROWS);
      const parsed = parseRows(table, columns);
      if (parsed.problems.length === 0 && parsed.rows.length === 0)
        return { rows: [], problems: [{ row: null, column: null, message: "The file has no rows to import below its header row" }] };
      return parsed;
    } catch (err) {
      if (err instanceof FileProblem) return { rows: [], problems: [{ row: null, column: null, message: err.message }] };
      throw err;
    }
  }

  /** Finds each owner by name among the partnership's current people; names that match no one, or several, are problems. */
  async function ownersByName(ctx: RequestContext, rows: readonly ParsedRow[]): Promise<{ ids: Map<string, string>; problems: Problem[] }> {
    const ids = new Map<string, string>();
    const problems: Problem[] = [];
    const names = [...new Set(rows.map((r) => ownerOf(r)).filter((n) => n !== ""))];
    const verdicts = new Map<string, string>();
    for (const name of names) {
      const matches = (await deps.people.list(ctx, { q: name, status: "current" }, 1, 50)).filter((p) => p.name.trim().toLowerCase() === name.toLowerCase());
      if (matches.length === 1) ids.set(name, matches[0]!.id);
      else
        verdicts.set(
          name,
          matches.length === 0
            ? `no one called “${name}” is in the people directory; enter the owner's name as the directory shows it, or leave it blank`
            : `more than one person is called “${name}”; leave it blank and choose the owner on the risk's page`,
        );
    }
    for (const r of rows) {
      const owner = ownerOf(r);
      const verdict = verdicts.get(owner);
      if (verdict) problems.push({ row: r.rowNumber, column: "Owner", message: verdict });
    }
    return { ids, problems };
  }

  const headersOf = <E>(columns: readonly Column<E>[]) => Object.fromEntries(columns.filter((c) => c.field).map((c) => [c.field!, c.header]));

  return {
    maxBytes: MAX_IMPORT_BYTES,
    maxRows: MAX_IMPORT_ROWS,
    workstream,
    plan,

    /** The workstream whose risks or milestones the principal may import into: 404 when hidden, 401/403 when they may not change it. */
    async importTarget(ctx: RequestContext, idOrSlug: string): Promise<WorkstreamTarget> {
      const ws = await workstream(ctx, idOrSlug);
      await assertMayEditWorkstream(deps.db, ctx, ws.id);
      return ws;
    },

    /** The plan whose budget lines the principal may import: 404 when hidden, 401/403 when they may not change its workstream. */
    async planImportTarget(ctx: RequestContext, planId: string): Promise<PlanTarget> {
      const p = await plan(ctx, planId);
      await assertMayEditWorkstream(deps.db, ctx, p.workstream.id);
      return p;
    },

    // -- Exports

    /** A workstream's risk register, or the portfolio's (null), as the viewer may see it. */
    async exportRisks(ctx: RequestContext, workstreamIdOrSlug: string | null, format: FileFormat): Promise<ExportFile> {
      const ws = workstreamIdOrSlug === null ? null : await workstream(ctx, workstreamIdOrSlug);
      const risks = await deps.risks.listForExport(ctx, ws?.id ?? null);
      return fileOf(format, `${ws?.slug ?? "portfolio"}-risks`, "Risks", RISK_COLUMNS, risks);
    },

    async exportMilestones(ctx: RequestContext, workstreamIdOrSlug: string, format: FileFormat): Promise<ExportFile> {
      const ws = await workstream(ctx, workstreamIdOrSlug);
      const milestones = await deps.milestones.listForExport(ctx, ws.id);
      return fileOf(format, `${ws.slug}-milestones`, "Milestones", MILESTONE_COLUMNS, milestones);
    },

    /** A plan's budget lines with their planned, actual and forecast amounts for each month of its year. */
    async exportBudgetLines(ctx: RequestContext, planId: string, format: FileFormat): Promise<ExportFile> {
      const p = await plan(ctx, planId);
      const lines = await deps.plans.linesForExport(ctx, p.id);
      return fileOf(format, `${p.workstream.slug}-budget-${p.yearLabel.replace("/", "-")}`, "Budget lines", budgetLineColumns(p.months), lines);
    },

    // -- Imports

    /**
     * Imports the file into the workstream's risk register, or nothing if any row is wrong: a row
     * with a reference (R12) updates that risk, which must be on this register; the others are added.
     */
    async importRisks(ctx: RequestContext, idOrSlug: string, content: Buffer): Promise<ImportOutcome> {
      const ws = await workstream(ctx, idOrSlug);
      await assertMayEditWorkstream(deps.db, ctx, ws.id);
      const { rows, problems } = await rowsOf(content, RISK_COLUMNS);
      // A row with a reference updates that risk of this register; its owner's name as exported keeps the owner.
      const register = new Map((await deps.risks.listForExport(ctx, ws.id)).map((r) => [r.reference, r]));
      const seen = new Map<number, number>();
      for (const r of rows) {
        const reference = r.value.reference as number | null;
        if (reference === null) continue;
        const earlier = seen.get(reference);
        if (!register.has(reference)) problems.push({ row: r.rowNumber, column: "Reference", message: `R${reference} is not on this register` });
        else if (earlier !== undefined)
          problems.push({ row: r.rowNumber, column: "Reference", message: `R${reference} is also on row ${earlier}; keep one row for each risk` });
        else seen.set(reference, r.rowNumber);
      }
      const existingOf = (r: ParsedRow) => (typeof r.value.reference === "number" ? register.get(r.value.reference) : undefined);
      // An update keeps the owner when the file has no Owner column, or names the risk's owner as exported.
      const keepsOwner = (r: ParsedRow) => {
        const existing = existingOf(r);
        if (!existing) return false;
        if (!r.present.has("owner")) return true;
        return existing.ownerName !== null && existing.ownerName.trim().toLowerCase() === ownerOf(r).toLowerCase();
      };
      const owners = await ownersByName(
        ctx,
        rows.filter((r) => r.value.owner && !keepsOwner(r)),
      );
      problems.push(...owners.problems);
      if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
      const input: RiskImportRow[] = rows.map((r) => {
        const existing = existingOf(r);
        const v = existing ? withStoredValues(r, existing) : r.value;
        const ownerPersonId = existing && keepsOwner(r) ? existing.ownerPersonId : v.owner ? (owners.ids.get(v.owner as string) ?? null) : null;
        return {
          reference: existing ? existing.reference : null,
          title: v.title as string,
          cause: v.cause as string,
          event: v.event as string,
          effect: v.effect as string,
          category: v.category as string,
          ownerPersonId,
          inherentLikelihood: v.inherentLikelihood as number,
          inherentConsequence: v.inherentConsequence as number,
          currentLikelihood: v.currentLikelihood as number,
          currentConsequence: v.currentConsequence as number,
          targetLikelihood: v.targetLikelihood as number,
          targetConsequence: v.targetConsequence as number,
          controls: v.controls as string,
          assurances: v.assurances as string,
          reviewOn: (v.reviewOn as string | null) ?? null,
          status: v.status as RiskStatus,
        };
      });
      try {
        const result = await deps.risks.importMany(ctx, ws.id, input);
        return { ok: true, count: rows.length, created: result.created.length, updated: result.updated.length, unchanged: result.unchanged };
      } catch (err) {
        if (err instanceof ValidationFailed)
          return { ok: false, problems: problemsFromService(err.fields ?? {}, rows, { ...headersOf(RISK_COLUMNS), ownerPersonId: "Owner" }, "A risk") };
        const refused = problemsFromRefusal(err);
        if (refused) return { ok: false, problems: refused };
        throw err;
      }
    },

    /**
     * Imports the file into the workstream's milestones, or nothing if any row is wrong: a row with
     * an ID updates that milestone, which must be the workstream's; the others are added.
     */
    async importMilestones(ctx: RequestContext, idOrSlug: string, content: Buffer): Promise<ImportOutcome> {
      const ws = await workstream(ctx, idOrSlug);
      await assertMayEditWorkstream(deps.db, ctx, ws.id);
      const { rows, problems } = await rowsOf(content, MILESTONE_COLUMNS);
      const headers = headersOf(MILESTONE_COLUMNS);
      const today = deps.milestones.today();
      // A row with an ID updates that milestone of this workstream; blank adds a new one.
      const current = new Map((await deps.milestones.listForExport(ctx, ws.id)).map((m) => [m.id, m]));
      const seen = new Map<string, number>();
      for (const r of rows) {
        const id = r.value.id as string | null;
        if (id === null) continue;
        const earlier = seen.get(id);
        if (!current.has(id))
          problems.push({
            row: r.rowNumber,
            column: "ID",
            message: "no milestone of this workstream has this ID; leave it blank to add the row as a new milestone",
          });
        else if (earlier !== undefined)
          problems.push({ row: r.rowNumber, column: "ID", message: `the same ID is on row ${earlier}; keep one row for each milestone` });
        else seen.set(id, r.rowNumber);
      }
      const input: MilestoneImportRow[] = rows.map((r) => {
        const { rowNumber } = r;
        const existing = typeof r.value.id === "string" ? current.get(r.value.id) : undefined;
        const v = existing ? withStoredValues(r, existing) : r.value;
        const row: MilestoneImportRow = {
          id: existing ? existing.id : null,
          title: v.title as string,
          description: v.description as string,
          baselineOn: v.baselineOn as string,
          forecastOn: (v.forecastOn as string | null) ?? null,
          actualOn: (v.actualOn as string | null) ?? null,
          status: v.status as MilestoneStatus,
        };
        for (const [field, message] of Object.entries(milestoneProblems(row, today)))
          problems.push({ row: rowNumber, column: headers[field] ?? null, message: lowerFirst(message) });
        return row;
      });
      if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
      try {
        const result = await deps.milestones.importMany(ctx, ws.id, input);
        return { ok: true, count: rows.length, created: result.created.length, updated: result.updated.length, unchanged: result.unchanged };
      } catch (err) {
        if (err instanceof ValidationFailed) return { ok: false, problems: problemsFromService(err.fields ?? {}, rows, headers, "A milestone") };
        const refused = problemsFromRefusal(err);
        if (refused) return { ok: false, problems: refused };
        throw err;
      }
    },

    /**
     * Replaces the plan's budget lines with the file's, months and all, or changes nothing if any
     * row is wrong. The plans module decides what may change: the lines of a draft plan only.
     */
    async importBudgetLines(ctx: RequestContext, planId: string, content: Buffer): Promise<ImportOutcome> {
      const p = await plan(ctx, planId);
      await assertMayEditWorkstream(deps.db, ctx, p.workstream.id);
      const columns = budgetLineColumns(p.months);
      const { rows, problems } = await rowsOf(content, columns);
      if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
      const lines: ImportedLine[] = rows.map(({ value: v }) => ({
        description: v.description as string,
        kind: v.kind as BudgetLineKind,
        fundingSource: v.fundingSource as string,
        months: p.months.map((month) => {
          const figure = (f: MonthFigure) => v[`${month}|${f}`] as number | null;
          return { month, plannedPence: figure("planned") ?? 0, actualPence: figure("actual"), forecastPence: figure("forecast") };
        }),
      }));
      try {
        // A draft's lines are replaced; a submitted or approved plan takes this month's actuals and forecasts only.
        const written =
          p.status === "draft" ? await deps.plans.importLines(ctx, p.id, lines, { replace: true }) : await deps.plans.importActuals(ctx, p.id, lines);
        return appended(written.length);
      } catch (err) {
        if (err instanceof ValidationFailed) {
          // "lines.3.months.0.plannedPence" names the header "Apr 2018 planned".
          const headers: Record<string, string> = { ...headersOf(columns) };
          p.months.forEach((month, j) => {
            for (const f of MONTH_FIGURES) headers[`months.${j}.${f}Pence`] = `${monthHeader(month)} ${f}`;
          });
          return { ok: false, problems: problemsFromService(err.fields ?? {}, rows, headers, "A budget line") };
        }
        const refused = problemsFromRefusal(err);
        if (refused) return { ok: false, problems: refused };
        throw err;
      }
    },
  };
}

const tooBig = () => `The file must be smaller than ${MAX_IMPORT_BYTES / (1024 * 1024)} MB`;

/** "Enter the title" → "enter the title", as the end of "Row 3, Title: …"; "R12 is …" stays as it is. */
const lowerFirst = (s: string) => (/^[A-Z](?![A-Z0-9])/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** A row that updates a record: the file's values, and the stored ones of the columns the file does not have. */
function withStoredValues(r: ParsedRow, stored: object): Record<string, unknown> {
  const value = { ...r.value };
  for (const field of Object.keys(value)) if (!r.present.has(field) && field in stored) value[field] = (stored as Record<string, unknown>)[field];
  return value;
}

/** File-wide problems first, then by row, keeping each row's problems in column order. */
function sortProblems(problems: Problem[]): Problem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.row ?? 0) - (b.p.row ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

export type PortfolioIoService = ReturnType<typeof portfolioIoService>;
