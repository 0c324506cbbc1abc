import { DECISION_KIND_LABELS, DECISION_STATUS_LABELS } from "./decisions.schema.ts";
import type { DecisionRecord } from "./decisions.service.ts";

/** The byte-order mark that makes Excel read a CSV file as UTF-8. */
export const UTF8_BOM = "\uFEFF";

// A cell starting with one of these is read as a formula by spreadsheets (CSV injection); tab and
// carriage return are on OWASP's list too, because some spreadsheets skip them before a formula.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: guarded against formula injection, then quoted (RFC 4180), doubling inner quotes. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** Rows of cells as CSV text with CRLF line ends, preceded by the UTF-8 byte-order mark. */
export function toCsv(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return UTF8_BOM + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

export const DECISION_CSV_HEADER = [
  "Date",
  "Body",
  "Meeting",
  "Agenda item",
  "Decision",
  "Kind",
  "Status",
  "Recommended to",
  "Taken while inquorate",
  "Bodies concerned",
  "Organisations concerned",
  "Link",
] as const;

/** The decision log as CSV, one decision a row; `baseUrl` makes each row's link absolute. */
export function decisionsCsv(records: readonly DecisionRecord[], baseUrl: string): string {
  return toCsv([
    DECISION_CSV_HEADER,
    ...records.map((r) => [
      r.decision.decidedOn,
      r.body.name,
      r.meeting.title ?? `${r.body.shortName ?? r.body.name} meeting`,
      r.item.title,
      r.decision.text,
      DECISION_KIND_LABELS[r.decision.kind],
      DECISION_STATUS_LABELS[r.decision.status],
      r.recommendedTo?.name ?? "",
      r.decision.takenWhileInquorate ? "Yes" : "No",
      r.bodies.map((b) => b.name).join("; "),
      r.organisations.map((o) => o.name).join("; "),
      `${baseUrl}/decisions/${r.decision.id}`,
    ]),
  ]);
}
