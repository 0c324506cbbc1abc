import { z } from "zod";
import { RISK_STATUS_LABELS } from "../risks/risks.schema.ts";
import type { RiskStatus } from "../risks/risks.tables.ts";
import { MILESTONE_STATUS_LABELS } from "../milestones/milestones.schema.ts";
import type { MilestoneStatus } from "../milestones/milestones.tables.ts";
import { BUDGET_LINE_KIND_LABELS } from "../plans/plans.schema.ts";
import type { BudgetLineKind } from "../plans/plans.tables.ts";
import { choiceCell, dateCell, idCell, ignoredCell, integerCell, moneyCell, referenceCell, textCell } from "./portfolio-io.cells.ts";
import { columnLetter, type CellValue, type OutCell, type OutColumn, type Table } from "./portfolio-io.sheets.ts";

/**
 * The columns of each spreadsheet: the human header, what the export writes, and the cell schema
 * an import reads it with. The export's headers are exactly the ones the import expects, so an
 * exported file, edited, imports as it is.
 */

export interface Column<E> extends OutColumn {
  /** The value exported for one record. */
  out(record: E): OutCell;
  /** The field an import fills from this column; absent for columns exported for reading only. */
  field?: string;
  cell?: z.ZodType<unknown, CellValue>;
  /** An import must have this column. */
  required?: boolean;
  /** What the import page says of the column instead of plain "No" (optional columns). */
  importNote?: string;
}

/** One problem of an import, as the person sees it: "Row 7, Current likelihood: enter a whole number from 1 to 5". */
export interface Problem {
  /** The spreadsheet's row number (the header is row 1); null for the file as a whole. */
  row: number | null;
  column: string | null;
  message: string;
}

export function describeProblem(p: Problem): string {
  if (p.row === null) return p.column ? `${p.column}: ${p.message}` : p.message;
  return `Row ${p.row}${p.column ? `, ${p.column}` : ""}: ${p.message}`;
}

const TEXT_MAX = 4000;
const scoreCell = integerCell(1, 5);

/** What a risk export row needs: the risk and its owner's name. */
export interface RiskForSheet {
  reference: number;
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string;
  ownerName: string | null;
  inherentLikelihood: number;
  inherentConsequence: number;
  currentLikelihood: number;
  currentConsequence: number;
  targetLikelihood: number;
  targetConsequence: number;
  controls: string;
  assurances: string;
  reviewOn: string | null;
  status: RiskStatus;
}

const score = (header: string, key: keyof RiskForSheet & `${string}${"Likelihood" | "Consequence"}`, field: string): Column<RiskForSheet> => ({
  header,
  kind: "integer",
  width: 12,
  out: (r) => r[key],
  field,
  cell: scoreCell,
  required: true,
});

export const RISK_COLUMNS: Column<RiskForSheet>[] = [
  {
    header: "Reference",
    kind: "text",
    width: 10,
    out: (r) => `R${r.reference}`,
    field: "reference",
    cell: referenceCell("R", "enter the risk's reference as exported, like R12, or leave it blank to add a new risk"),
    importNote: "No: a reference (R12) updates that risk of this register; blank adds a new risk",
  },
  { header: "Title", kind: "text", width: 40, out: (r) => r.title, field: "title", cell: textCell(300, "enter the risk's title"), required: true },
  { header: "Cause", kind: "text", out: (r) => r.cause, field: "cause", cell: textCell(TEXT_MAX) },
  { header: "Event", kind: "text", out: (r) => r.event, field: "event", cell: textCell(TEXT_MAX) },
  { header: "Effect", kind: "text", out: (r) => r.effect, field: "effect", cell: textCell(TEXT_MAX) },
  { header: "Category", kind: "text", width: 16, out: (r) => r.category, field: "category", cell: textCell(100) },
  { header: "Owner", kind: "text", width: 20, out: (r) => r.ownerName ?? "", field: "owner", cell: textCell(200) },
  score("Inherent likelihood", "inherentLikelihood", "inherentLikelihood"),
  score("Inherent consequence", "inherentConsequence", "inherentConsequence"),
  score("Current likelihood", "currentLikelihood", "currentLikelihood"),
  score("Current consequence", "currentConsequence", "currentConsequence"),
  score("Target likelihood", "targetLikelihood", "targetLikelihood"),
  score("Target consequence", "targetConsequence", "targetConsequence"),
  { header: "Current score", kind: "integer", width: 10, out: (r) => r.currentLikelihood * r.currentConsequence, field: "currentScore", cell: ignoredCell },
  { header: "Controls", kind: "text", out: (r) => r.controls, field: "controls", cell: textCell(TEXT_MAX) },
  { header: "Assurances", kind: "text", out: (r) => r.assurances, field: "assurances", cell: textCell(TEXT_MAX) },
  { header: "Review date", kind: "date", out: (r) => r.reviewOn, field: "reviewOn", cell: dateCell() },
  {
    header: "Status",
    kind: "text",
    width: 12,
    out: (r) => RISK_STATUS_LABELS[r.status],
    field: "status",
    cell: choiceCell<RiskStatus>(RISK_STATUS_LABELS, "open"),
  },
];

export interface MilestoneForSheet {
  id: string;
  title: string;
  description: string;
  baselineOn: string;
  forecastOn: string | null;
  actualOn: string | null;
  status: MilestoneStatus;
  slippageDays: number;
}

export const MILESTONE_COLUMNS: Column<MilestoneForSheet>[] = [
  {
    header: "ID",
    kind: "text",
    width: 38,
    out: (m) => m.id,
    field: "id",
    cell: idCell("enter the milestone's ID as exported, or leave it blank to add a new milestone"),
    importNote: "No: an ID updates that milestone of this workstream; blank adds a new milestone",
  },
  { header: "Title", kind: "text", width: 40, out: (m) => m.title, field: "title", cell: textCell(300, "enter the milestone's title"), required: true },
  { header: "Description", kind: "text", width: 50, out: (m) => m.description, field: "description", cell: textCell(5000) },
  { header: "Baseline date", kind: "date", out: (m) => m.baselineOn, field: "baselineOn", cell: dateCell("enter the baseline date"), required: true },
  { header: "Forecast date", kind: "date", out: (m) => m.forecastOn, field: "forecastOn", cell: dateCell() },
  { header: "Actual date", kind: "date", out: (m) => m.actualOn, field: "actualOn", cell: dateCell() },
  {
    header: "Status",
    kind: "text",
    width: 14,
    out: (m) => MILESTONE_STATUS_LABELS[m.status],
    field: "status",
    cell: choiceCell<MilestoneStatus>(MILESTONE_STATUS_LABELS, "not_started"),
  },
  { header: "Slippage (days)", kind: "integer", width: 10, out: (m) => m.slippageDays, field: "slippageDays", cell: ignoredCell },
];

export interface BudgetLineForSheet {
  description: string;
  kind: BudgetLineKind;
  fundingSource: string;
  months: { month: string; plannedPence: number; actualPence: number | null; forecastPence: number | null }[];
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const MONTH_FIGURES = ["planned", "actual", "forecast"] as const;
export type MonthFigure = (typeof MONTH_FIGURES)[number];

/** "Apr 2018" for "2018-04-01". */
export function monthHeader(month: string): string {
  const [y, m] = month.split("-");
  return `${MONTH_NAMES[Number(m) - 1]} ${y}`;
}

/** The budget-line columns of a plan whose year has these months (first days, in order). */
export function budgetLineColumns(months: readonly string[]): Column<BudgetLineForSheet>[] {
  const columns: Column<BudgetLineForSheet>[] = [
    {
      header: "Description",
      kind: "text",
      width: 40,
      out: (l) => l.description,
      field: "description",
      cell: textCell(500, "enter what the budget line is for"),
      required: true,
    },
    {
      header: "Kind",
      kind: "text",
      width: 10,
      out: (l) => BUDGET_LINE_KIND_LABELS[l.kind],
      field: "kind",
      cell: choiceCell<BudgetLineKind>(BUDGET_LINE_KIND_LABELS),
      required: true,
    },
    {
      header: "Funding source",
      kind: "text",
      width: 28,
      out: (l) => l.fundingSource,
      field: "fundingSource",
      cell: textCell(200, "enter the funding source"),
      required: true,
    },
  ];
  for (const month of months) {
    for (const figure of MONTH_FIGURES) {
      const key = `${figure}Pence` as const;
      columns.push({
        header: `${monthHeader(month)} ${figure}`,
        kind: "money",
        out: (l) => l.months.find((m) => m.month === month)?.[key] ?? (figure === "planned" ? 0 : null),
        field: `${month}|${figure}`,
        cell: moneyCell(figure === "planned" ? 0 : null),
      });
    }
  }
  return columns;
}

/** The rows of an export: one array of cells per record, in column order. */
export function exportRows<E>(columns: readonly Column<E>[], records: readonly E[]): OutCell[][] {
  return records.map((r) => columns.map((c) => c.out(r)));
}

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, " ");

export interface ParsedRow {
  rowNumber: number;
  value: Record<string, unknown>;
  /** The fields whose column the file has (an update keeps the stored value of the others). */
  present: ReadonlySet<string>;
}

/**
 * Matches the file's headers to the columns (unknown, repeated and missing headers are problems
 * of row 1), then validates every row with one zod schema built from the columns' cell schemas.
 */
export function parseRows<E>(table: Table, columns: readonly Column<E>[]): { rows: ParsedRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const byHeader = new Map(columns.filter((c) => c.field && c.cell).map((c) => [normaliseHeader(c.header), c]));
  const indexOf = new Map<string, number>();
  table.headers.forEach((header, i) => {
    if (header === "") {
      if (table.rows.some((r) => (r.cells[i]?.kind ?? "empty") !== "empty"))
        problems.push({ row: 1, column: `Column ${columnLetter(i)}`, message: "the column has values but no header; add the header, or delete the column" });
      return;
    }
    const column = byHeader.get(normaliseHeader(header));
    if (!column) {
      problems.push({ row: 1, column: header, message: "Quorum does not know this column; remove it, or give it one of the headers the export uses" });
      return;
    }
    if (indexOf.has(column.field!)) {
      problems.push({ row: 1, column: header, message: "this column appears more than once; keep one of them" });
      return;
    }
    indexOf.set(column.field!, i);
  });
  for (const c of columns) {
    if (c.required && c.field && !indexOf.has(c.field))
      problems.push({ row: 1, column: c.header, message: "the column is missing; add a column with this header" });
  }
  if (problems.length > 0) return { rows: [], problems };

  const importable = columns.filter((c) => c.field && c.cell);
  const headerOf = new Map(importable.map((c) => [c.field!, c.header]));
  const schema = z.object(Object.fromEntries(importable.map((c) => [c.field!, c.cell!])));
  const rows: ParsedRow[] = [];
  const present: ReadonlySet<string> = new Set(indexOf.keys());
  for (const row of table.rows) {
    const input = Object.fromEntries(
      importable.map((c) => {
        const i = indexOf.get(c.field!);
        return [c.field!, i === undefined ? { kind: "empty" } : (row.cells[i] ?? { kind: "empty" })];
      }),
    );
    const result = schema.safeParse(input);
    if (result.success) rows.push({ rowNumber: row.rowNumber, value: result.data, present });
    else
      for (const issue of result.error.issues) {
        const field = String(issue.path[0] ?? "");
        problems.push({ row: row.rowNumber, column: headerOf.get(field) ?? null, message: issue.message });
      }
  }
  return { rows, problems };
}
