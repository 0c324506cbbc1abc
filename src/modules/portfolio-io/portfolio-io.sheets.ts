import { isUtf8 } from "node:buffer";
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { penceToPoundsText } from "../../platform/money.ts";

/**
 * Reading and writing the spreadsheets of the portfolio's registers: XLSX (exceljs) and CSV
 * (csv-parse / csv-stringify). Nothing here knows about risks or milestones; the columns say what
 * each cell holds. Money arrives and leaves as integer pence; only the XLSX cell itself is a
 * number of pounds, written from the exact decimal text and read back through its decimal text.
 */

export type FileFormat = "xlsx" | "csv";

export const MEDIA_TYPES: Record<FileFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
};

/** The byte-order mark that makes Excel read a CSV file as UTF-8. */
export const UTF8_BOM = "\uFEFF";

/** A problem with the file as a whole (empty, damaged, too big), shown to the person who sent it. */
export class FileProblem extends Error {}

/** One cell as read from a file, before the row schema gives it a meaning. */
export type CellValue =
  { kind: "empty" } | { kind: "text"; text: string } | { kind: "number"; value: number } | { kind: "date"; iso: string } | { kind: "bad"; reason: string };

export interface SheetRow {
  /** The row number as the spreadsheet shows it (the header is row 1). */
  rowNumber: number;
  cells: CellValue[];
}

export interface Table {
  headers: string[];
  rows: SheetRow[];
}

/** What a column holds, which decides how it is written: text, a whole number, money (pence), a date (ISO). */
export type ColumnKind = "text" | "integer" | "money" | "date";

export interface OutColumn {
  header: string;
  kind: ColumnKind;
  /** Width in characters for XLSX. */
  width?: number;
}

/** A cell to write: text, a whole number, pence, or an ISO date; null for blank. */
export type OutCell = string | number | null;

const EMPTY: CellValue = { kind: "empty" };

// A cell starting with one of these is read as a formula by spreadsheets (CSV injection); tab and
// carriage return are on OWASP's list too, because some spreadsheets skip them before a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell for CSV, guarded against formula injection as OWASP advises (a leading single quote). */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Reverses guardFormula on import, so an exported file comes back exactly as it went out. */
function unguard(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}

/** "A", "B" … "Z", "AA" for a 0-based column index, as spreadsheets name columns. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

// -- Writing

/** The rows as CSV: UTF-8 with a byte-order mark, CRLF line ends, text guarded against formulas. */
export function writeCsv(columns: readonly OutColumn[], rows: readonly (readonly OutCell[])[]): string {
  const body = rows.map((row) =>
    columns.map((c, i) => {
      const v = row[i] ?? null;
      if (v === null) return "";
      switch (c.kind) {
        case "money":
          return penceToPoundsText(Number(v));
        case "integer":
          return String(v);
        case "date":
          return String(v);
        case "text":
          return guardFormula(String(v));
      }
    }),
  );
  return UTF8_BOM + stringify([columns.map((c) => guardFormula(c.header)), ...body], { record_delimiter: "\r\n", quoted_string: true });
}

const isoToUtcDate = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d));
};

/** The rows as one XLSX worksheet: money as number cells formatted in pounds, dates as real date cells. */
export async function writeXlsx(sheetName: string, columns: readonly OutColumn[], rows: readonly (readonly OutCell[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Quorum";
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width ?? (c.kind === "text" ? 30 : c.kind === "money" ? 16 : 14),
    style: c.kind === "money" ? { numFmt: "£#,##0.00" } : c.kind === "date" ? { numFmt: "dd/mm/yyyy" } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c, i) => {
        const v = row[i] ?? null;
        if (v === null) return null;
        switch (c.kind) {
          // The cell holds a binary number; it is written from the exact decimal text of the pence.
          case "money":
            return Number(penceToPoundsText(Number(v)));
          case "integer":
            return Number(v);
          case "date":
            return isoToUtcDate(String(v));
          case "text":
            return String(v);
        }
      }),
    );
  }
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out);
}

// -- Reading

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** The format of an upload, from its content (an XLSX file is a zip archive), never its name. */
export function detectFormat(content: Buffer): FileFormat {
  if (content.length === 0) throw new FileProblem("The file is empty");
  if (content.subarray(0, 4).equals(ZIP_MAGIC)) return "xlsx";
  if (content.subarray(0, 4).equals(OLE_MAGIC))
    throw new FileProblem("The file is an old Excel (.xls) workbook: save it as an Excel Workbook (.xlsx) or as CSV UTF-8, then upload it again");
  if (content.includes(0) || !isUtf8(content))
    throw new FileProblem("The file is neither an XLSX spreadsheet nor CSV text in UTF-8: in Excel, save it as an Excel Workbook (.xlsx) or as CSV UTF-8");
  return "csv";
}

/** Reads the first worksheet of an XLSX file or a CSV file: its header row and every non-blank row after it. */
export async function readTable(content: Buffer, maxRows: number): Promise<Table> {
  const table = detectFormat(content) === "xlsx" ? await readXlsx(content, maxRows) : readCsv(content, maxRows);
  if (table.headers.every((h) => h === "")) throw new FileProblem("The file is empty: the first row should hold the column headers");
  return table;
}

function textCell(raw: string): CellValue {
  return raw.trim() === "" ? EMPTY : { kind: "text", text: raw };
}

function readCsv(content: Buffer, maxRows: number): Table {
  let records: string[][];
  try {
    records = parse(content.toString("utf8"), { bom: true, relax_column_count: true, skip_empty_lines: false, to: maxRows + 2 });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new FileProblem(`The CSV file could not be read (${message.replace(/^Invalid [^:]*: /, "")}); check its quotes and save it again as CSV UTF-8`);
  }
  const [header, ...rest] = records;
  if (!header) throw new FileProblem("The file is empty: the first row should hold the column headers");
  const rows: SheetRow[] = [];
  rest.forEach((record, i) => {
    const cells = record.map((c) => textCell(unguard(c)));
    if (cells.some((c) => c.kind !== "empty")) rows.push({ rowNumber: i + 2, cells });
  });
  if (rows.length > maxRows) throw tooManyRows(maxRows);
  return { headers: header.map((h) => unguard(h).trim()), rows };
}

const tooManyRows = (maxRows: number) =>
  new FileProblem(`The file has more than ${maxRows.toLocaleString("en-GB")} rows: split it into smaller files and import each in turn`);

async function readXlsx(content: Buffer, maxRows: number): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ExcelJS.Buffer);
  } catch {
    throw new FileProblem("The file could not be read as an XLSX spreadsheet: it may be damaged. Open it in Excel, save it again and upload it");
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new FileProblem("The file is empty: the first row should hold the column headers");
  if (sheet.actualRowCount > maxRows + 1) throw tooManyRows(maxRows);
  const width = sheet.columnCount;
  const cellsOf = (row: ExcelJS.Row): CellValue[] => Array.from({ length: width }, (_, i) => fromExcel(row.getCell(i + 1).value));
  const headers = cellsOf(sheet.getRow(1)).map((c) =>
    c.kind === "text" ? c.text.trim() : c.kind === "number" ? String(c.value) : c.kind === "date" ? c.iso : "",
  );
  const rows: SheetRow[] = [];
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = cellsOf(row);
    if (cells.some((c) => c.kind !== "empty")) rows.push({ rowNumber, cells });
  });
  return { headers, rows };
}

/** An exceljs cell value as a CellValue: formulas by their saved result, rich text and links by their text. */
function fromExcel(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "string") return textCell(value);
  if (typeof value === "number")
    return Number.isFinite(value) ? { kind: "number", value } : { kind: "bad", reason: "the cell is not a number Quorum can read" };
  if (typeof value === "boolean") return { kind: "text", text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) {
    return Number.isNaN(value.getTime())
      ? { kind: "bad", reason: "the cell holds a date Excel cannot show" }
      : { kind: "date", iso: value.toISOString().slice(0, 10) };
  }
  if ("richText" in value) return textCell(value.richText.map((r) => r.text).join(""));
  if ("error" in value) return { kind: "bad", reason: `the cell shows the error ${value.error}; enter the value itself` };
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) return { kind: "bad", reason: "the cell holds a formula without a saved value; enter the value itself" };
    if (typeof result === "object" && result !== null && "error" in result)
      return { kind: "bad", reason: "the cell's formula gives an error; enter the value itself" };
    return fromExcel(result as ExcelJS.CellValue);
  }
  if ("text" in value) {
    const text = (value as { text: unknown }).text;
    if (typeof text === "string") return textCell(text);
    if (text && typeof text === "object" && "richText" in text) return textCell((text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join(""));
  }
  return { kind: "bad", reason: "the cell holds something Quorum cannot read; enter plain text or a number" };
}
